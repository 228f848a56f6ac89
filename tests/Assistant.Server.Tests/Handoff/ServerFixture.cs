namespace Assistant.Server.Tests.Handoff;

/// <summary>One server and one fake channel shared by a test class; each test uses its own conversation.</summary>
public sealed class ServerFixture : IAsyncLifetime
{
    public AssistantFactory Factory { get; } = new();
    public FakeChannel Channel { get; private set; } = null!;

    public async Task InitializeAsync() => Channel = await FakeChannel.StartAsync();

    public async Task DisposeAsync()
    {
        await Channel.DisposeAsync();
        await Factory.DisposeAsync();
    }
}

/// <summary>A seller chatting through the Bot Framework endpoint, with proactive messages going to the fake channel.</summary>
public sealed class Seller(HttpClient client, FakeChannel channel)
{
    public string ConversationId { get; } = "conv-" + Guid.NewGuid().ToString("N");

    public Task<IReadOnlyList<System.Text.Json.Nodes.JsonObject>> SayAsync(string text) =>
        Activities.SendAsync(client, Activities.Message(text, ConversationId, channel.ServiceUrl));

    public Task<IReadOnlyList<System.Text.Json.Nodes.JsonObject>> SayAllAsync(string text) =>
        Activities.SendAllAsync(client, Activities.Message(text, ConversationId, channel.ServiceUrl));

    /// <summary>The text of the last message reply to <paramref name="text"/>.</summary>
    public async Task<string> LastReplyAsync(string text) => (string)(await SayAsync(text))[^1]["text"]!;

    /// <summary>Runs a handoff where the first message carries every detail, confirms it, and returns the ticket number.</summary>
    public async Task<string> OpenTicketAsync(string problem = "정산금이 일주일째 안 들어와요 확인 부탁드려요")
    {
        var replies = await SayAsync($"판매자 아이디 myshop01 이고 상품 무선이어폰 주문번호 2024112511223344 건인데 {problem}. 상담원 연결해 주세요");
        Assert.Equal("handoff.confirm", (string?)Activities.Decision(replies[^1])["intent"]);
        var created = await SayAllAsync("접수");
        var message = created.Single(a => (string?)a["type"] == "message");
        return (string)Activities.Decision(message)["ticket"]!;
    }
}
