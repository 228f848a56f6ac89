using Assistant.Server.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using static Assistant.Server.Tests.Activities;

namespace Assistant.Server.Tests.Bot;

/// <summary>Every seller message is kept with what the assistant did with it, for the supervisor's dashboard and review queue.</summary>
public sealed class TurnLogTests(AssistantFactory factory) : IClassFixture<AssistantFactory>
{
    [Fact]
    public async Task EachMessageIsLoggedWithItsOutcomeItsEntryAndTheTicketItFiled()
    {
        var client = factory.CreateClient();
        var conversation = "log-" + Guid.NewGuid().ToString("N");
        var said = new[]
        {
            "정산 관련 문의요",
            "판매 수수료가 얼마예요?",
            "오늘 서울 날씨 어때요?",
            "상담원 연결해 주세요",
        };
        var decisions = new List<string>();
        foreach (var text in said)
            decisions.Add((string)Decision((await SendAsync(client, Message(text, conversation)))[0])["action"]!);

        await factory.Services.GetRequiredService<TurnLog>().FlushAsync();
        var rows = Rows(conversation);

        Assert.Equal(said, rows.Select(r => r.Text));
        Assert.Equal(["clarify", "answer", "decline", "handoff"], rows.Select(r => r.Action));
        Assert.Equal(decisions, rows.Select(r => r.Action));
        Assert.Equal([null, "fees", null, null], rows.Select(r => r.Faq));
        Assert.All(rows, r => Assert.Equal("seller-1", r.Seller));
    }

    [Fact]
    public void AnAnswerFollowedByAnOfferCountsAsAnsweredAndASilentTurnAsAnAgents()
    {
        var address = new Assistant.Handoff.ConversationAddress("emulator", "c", "{}", "s");
        var answer = new Assistant.Dialogue.AssistantReply("답", [], new Assistant.Dialogue.AssistantInfo("answer", "fees", null, "fees", 0.9f));
        var offer = new Assistant.Dialogue.AssistantReply("상담원?", [], new Assistant.Dialogue.AssistantInfo("smalltalk", null, null, "offer", 1));
        var record = TurnRecord.Of(new Assistant.Dialogue.TurnInput(" 수수료 ", address), new Assistant.Dialogue.TurnResult([offer, answer]), DateTimeOffset.UnixEpoch);
        Assert.Equal(("answer", "fees", "수수료"), (record.Action, record.FaqId, record.Text));

        var silent = TurnRecord.Of(new Assistant.Dialogue.TurnInput("여보세요", address), Assistant.Dialogue.TurnResult.Silent, DateTimeOffset.UnixEpoch);
        Assert.Equal("agent", silent.Action);
    }

    private List<(string Text, string Action, string? Faq, string? Seller)> Rows(string conversation)
    {
        using var connection = new SqliteConnection($"Data Source={factory.DatabasePath}");
        connection.Open();
        using var query = connection.CreateCommand();
        query.CommandText = "SELECT text, action, faq_id, seller_key FROM turn_log WHERE conversation_id = @c ORDER BY id";
        query.Parameters.AddWithValue("@c", conversation);
        using var reader = query.ExecuteReader();
        var rows = new List<(string, string, string?, string?)>();
        while (reader.Read())
            rows.Add((reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3)));
        return rows;
    }
}
