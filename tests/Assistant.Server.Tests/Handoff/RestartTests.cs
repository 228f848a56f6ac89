using static Assistant.Server.Tests.Activities;

namespace Assistant.Server.Tests.Handoff;

public sealed class RestartTests
{
    [Fact]
    public async Task ATicketAndAHalfCollectedFormSurviveARestart()
    {
        await using var channel = await FakeChannel.StartAsync();
        string number, databasePath;
        Seller seller, second;
        using (var first = new AssistantFactory())
        {
            databasePath = first.DatabasePath;
            seller = new Seller(first.CreateClient(), channel);
            number = await seller.OpenTicketAsync();
            second = new Seller(first.CreateClient(), channel);
            await second.SayAsync("상담원 연결해 주세요");
            await second.SayAsync("반품 수거가 안 되고 있어요");
        }

        using var restarted = new AssistantFactory().With("Storage:SqlitePath", databasePath);
        var agent = await AgentClient.SignInAsync(restarted.CreateClient(), "agent1");
        var ticket = await agent.TicketAsync(number);
        Assert.Equal(("queued", "myshop01", "2024112511223344"), ((string?)ticket["status"], (string?)ticket["sellerId"], (string?)ticket["orderNumber"]));
        Assert.NotEmpty(ticket["transcript"]!.AsArray());

        // The second seller's conversation continues where it was: the order number is the next question's answer.
        var resumed = new Seller(restarted.CreateClient(), channel);
        var reply = await SendAsync(restarted.CreateClient(), Message("2024112511220000", second.ConversationId, channel.ServiceUrl));
        Assert.Equal("handoff.ask-seller", (string?)Decision(reply[^1])["intent"]);
        Assert.NotEqual(second.ConversationId, resumed.ConversationId);
    }
}
