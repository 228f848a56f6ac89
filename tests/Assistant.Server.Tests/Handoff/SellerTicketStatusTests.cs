using System.Text.Json.Nodes;
using Assistant.Handoff;
using Assistant.Server.Storage;
using Assistant.Server.Tests.DirectLine;
using Assistant.Server.Webhooks;
using Microsoft.Extensions.Options;
using static Assistant.Server.Tests.Activities;

namespace Assistant.Server.Tests.Handoff;

/// <summary>
/// "접수한 거 어떻게 됐어요?" from a conversation with no ticket of its own: the seller's ticket from another of their
/// conversations on the same channel is reported (number, status, wait), never another seller's or another channel's.
/// </summary>
public sealed class SellerTicketStatusTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private const string Problem = "판매자 아이디 myshop01 이고 상품 무선이어폰 주문번호 2024112511223344 건인데 정산금이 일주일째 안 들어와요 확인 부탁드려요. 상담원 연결해 주세요";
    private const string StatusQuestion = "접수한 거 어떻게 됐어요?";

    [Fact]
    public Task TheInMemoryStoreFindsASellersTicketAcrossConversations() =>
        SellerTicketContract.RunAsync(new InMemoryTicketStore());

    [Fact]
    public async Task TheSqliteStoreFindsASellersTicketAcrossConversations()
    {
        var path = Path.Combine(Path.GetTempPath(), $"assistant-seller-{Guid.NewGuid():N}.db");
        try
        {
            await SellerTicketContract.RunAsync(Tickets(new SqliteDatabase(path)));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var file in Directory.GetFiles(Path.GetTempPath(), Path.GetFileName(path) + "*")) File.Delete(file);
        }
    }

    [Fact]
    public async Task TicketsFiledBeforeTheSellerKeyExistedGetTheirsFromTheChannelWhenMigrated()
    {
        var path = Path.Combine(Path.GetTempPath(), $"assistant-migrate-{Guid.NewGuid():N}.db");
        try
        {
            var database = new SqliteDatabase(path);
            var tickets = Tickets(database);
            var web = (await tickets.CreateAsync(SellerTicketContract.Draft("assistant-webchat", "dl-conv-1", null))).Ticket;
            var talk = (await tickets.CreateAsync(SellerTicketContract.Draft("talktalk", "tt-user-1", null))).Ticket;
            var emulator = (await tickets.CreateAsync(SellerTicketContract.Draft("emulator", "em-conv-1", null))).Ticket;
            using (var connection = database.Open())
            {
                Database.Execute(connection, "INSERT INTO directline_conversations (id, user_id, started, created_at) VALUES ('dl-conv-1', 'web_old', 1, '2025-01-01T00:00:00Z')");
                // Back to schema version 5: no seller keys.
                Database.Execute(connection, "DROP INDEX ix_tickets_seller");
                Database.Execute(connection, "ALTER TABLE tickets DROP COLUMN seller_key");
                Database.Execute(connection, "DELETE FROM schema_migrations WHERE version = 6");
            }

            var migrated = Tickets(new SqliteDatabase(path));
            Assert.Equal(web.Number, (await migrated.FindLatestBySellerAsync("assistant-webchat", "web_old"))!.Number);
            Assert.Equal(talk.Number, (await migrated.FindLatestBySellerAsync("talktalk", "tt-user-1"))!.Number);
            Assert.Null((await migrated.GetAsync(emulator.Number))!.Conversation.SellerKey);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var file in Directory.GetFiles(Path.GetTempPath(), Path.GetFileName(path) + "*")) File.Delete(file);
        }
    }

    [Fact]
    public async Task AWebChatSellerAsksInANewConversationAndGetsTheNumberAndTheWaitButNoOtherSellerDoes()
    {
        var user = "web_" + Guid.NewGuid().ToString("N")[..16];
        var first = await DirectLineClient.StartAsync(server.Factory.CreateClient(), user);
        Assert.Equal("handoff.confirm", Intent((await SayAsync(first, Problem))[^1]));
        var created = (await SayAsync(first, "접수")).Single(r => Intent(r) == "ticket-created");
        var number = (string)Decision(created)["ticket"]!;
        var wait = ((string)created["text"]!).Split('\n')[1];
        var askedInFirst = (await SayAsync(first, StatusQuestion))[^1];

        // The widget reopened later: a new conversation, the same user.
        var second = await DirectLineClient.StartAsync(server.Factory.CreateClient(), user);
        var status = (await SayAsync(second, StatusQuestion))[^1];
        Assert.Equal(("handoff.status", number), (Intent(status), (string?)Decision(status)["ticket"]));
        Assert.Contains(number, (string)status["text"]!);
        Assert.Contains(wait, (string)status["text"]!);
        Assert.Equal((string?)askedInFirst["text"], (string?)status["text"]);

        // Another seller on the same web chat is told nothing about it.
        var stranger = await DirectLineClient.StartAsync(server.Factory.CreateClient(), "web_" + Guid.NewGuid().ToString("N")[..16]);
        var none = (await SayAsync(stranger, StatusQuestion))[^1];
        Assert.Equal("handoff.status-none", Intent(none));
        Assert.Null(Decision(none)["ticket"]);
        Assert.DoesNotContain(number, (string)none["text"]!);

        // Once an agent has it, the second conversation says so too.
        var agent = await AgentClient.SignInAsync(server.Factory.CreateClient(), "agent1");
        await agent.JsonAsync(await agent.PostAsync($"/api/agent/tickets/{number}/claim"));
        var claimed = (await SayAsync(second, "상담원은 언제 연락 와요?"))[^1];
        Assert.Equal(("handoff.status", number), (Intent(claimed), (string?)Decision(claimed)["ticket"]));
        Assert.Contains("상담원이 지금 확인하고", (string)claimed["text"]!);
    }

    [Fact]
    public async Task TheWebChatWidgetReopenedLaterIsTheSameUserThroughItsUserKeyAndFindsTheTicket()
    {
        var http = server.Factory.CreateClient();
        var first = await DirectLineClient.FromPageAsync(http);
        Assert.NotNull(first.UserKey);
        Assert.Equal("handoff.confirm", Intent((await SayAsync(first, Problem))[^1]));
        var number = (string)Decision((await SayAsync(first, "접수")).Single(r => Intent(r) == "ticket-created"))["ticket"]!;

        var reopened = await DirectLineClient.FromPageAsync(http, first.UserKey);
        Assert.NotEqual(first.ConversationId, reopened.ConversationId);
        Assert.Equal(first.UserId, reopened.UserId);
        var status = (await SayAsync(reopened, StatusQuestion))[^1];
        Assert.Equal(("handoff.status", number), (Intent(status), (string?)Decision(status)["ticket"]));

        // A key that is not the server's (forged or altered) is a new user, who has no ticket.
        var forged = first.UserKey![..^2] + (first.UserKey.EndsWith("AA", StringComparison.Ordinal) ? "BB" : "AA");
        foreach (var key in new[] { forged, "not-a-key", reopened.Token })
        {
            var stranger = await DirectLineClient.FromPageAsync(http, key);
            Assert.NotEqual(first.UserId, stranger.UserId);
            Assert.Equal("handoff.status-none", Intent((await SayAsync(stranger, StatusQuestion))[^1]));
        }
    }

    [Fact]
    public async Task OnTheBotEndpointTheSameSellerIsFoundAcrossConversationsButNeverAnotherSellerOrChannel()
    {
        var sellerId = "teams-" + Guid.NewGuid().ToString("N");
        var filed = new BotSeller(server, "msteams", sellerId);
        Assert.Equal("handoff.confirm", Intent((await filed.SayAsync(Problem))[^1]));
        var created = (await filed.SayAsync("접수")).Single(r => Intent(r) == "ticket-created");
        var number = (string)Decision(created)["ticket"]!;

        var later = (await new BotSeller(server, "msteams", sellerId).SayAsync(StatusQuestion))[^1];
        Assert.Equal(("handoff.status", number), (Intent(later), (string?)Decision(later)["ticket"]));
        Assert.Contains(((string)created["text"]!).Split('\n')[1], (string)later["text"]!);

        foreach (var other in new[] { new BotSeller(server, "msteams", "teams-" + Guid.NewGuid().ToString("N")), new BotSeller(server, "emulator", sellerId) })
        {
            var none = (await other.SayAsync(StatusQuestion))[^1];
            Assert.Equal("handoff.status-none", Intent(none));
            Assert.DoesNotContain(number, (string)none["text"]!);
        }
    }

    private static SqlTicketStore Tickets(Database database) =>
        new(database, new WebhookEvents(null!, Options.Create(new WebhookOptions())), TimeProvider.System);

    private static string? Intent(JsonObject reply) => (string?)Decision(reply)["intent"];

    /// <summary>Posts a message and returns the bot's message replies to it (the turn is answered before the post returns).</summary>
    private static async Task<IReadOnlyList<JsonObject>> SayAsync(DirectLineClient client, string text)
    {
        await client.PollAsync(); // skip what came before (the greeting)
        await client.PostAsync(text, Guid.NewGuid().ToString("N"));
        return (await client.PollAsync()).Select(a => a!.AsObject())
            .Where(a => (string?)a["type"] == "message" && (string?)a["from"]?["role"] == "bot").ToArray();
    }

    /// <summary>A seller on a Bot Framework channel: one new conversation, the given user id.</summary>
    private sealed class BotSeller(ServerFixture server, string channel, string userId)
    {
        private readonly HttpClient _client = server.Factory.CreateClient();
        private readonly string _conversation = "conv-" + Guid.NewGuid().ToString("N");

        public Task<IReadOnlyList<JsonObject>> SayAsync(string text)
        {
            var activity = Message(text, _conversation, server.Channel.ServiceUrl);
            activity["channelId"] = channel;
            activity["from"] = new JsonObject { ["id"] = userId, ["name"] = "판매자" };
            return SendAsync(_client, activity);
        }
    }
}
