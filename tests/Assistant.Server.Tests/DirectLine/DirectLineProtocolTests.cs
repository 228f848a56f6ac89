using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using Assistant.Server.DirectLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Assistant.Server.Tests.DirectLine;

public sealed class DirectLineProtocolTests(AssistantFactory factory) : IClassFixture<AssistantFactory>
{
    private static string Assistant(JsonNode activity) => (string?)activity["channelData"]?["assistant"]?["action"] ?? "";

    [Fact]
    public async Task MintingATokenNeedsTheSecret()
    {
        var client = new DirectLineClient(factory.CreateClient());
        Assert.Equal(HttpStatusCode.Forbidden, (await client.RawAsync(HttpMethod.Post, "/v3/directline/tokens/generate", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.RawAsync(HttpMethod.Post, "/v3/directline/tokens/generate", "not-the-secret")).StatusCode);
        var page = await factory.CreateClient().PostAsync("/api/webchat/token", null);
        var token = JsonNode.Parse(await page.Content.ReadAsStringAsync())!;
        Assert.Equal(1800, (int)token["expires_in"]!);
        Assert.DoesNotContain(AssistantFactory.DirectLineSecret, token.ToJsonString());
    }

    [Fact]
    public async Task ANewConversationIsWelcomedAndMessagesAreEchoedThenAnswered()
    {
        var client = await DirectLineClient.StartAsync(factory.CreateClient());
        var welcome = await client.PollAsync();
        Assert.Equal("welcome", Assistant(Assert.Single(welcome)!));
        Assert.Equal("1", client.Watermark);

        var id = await client.PostAsync("정산 계좌를 바꾸려면 어떻게 해야 하나요?", "client-123");
        var activities = await client.PollAsync();
        var echo = activities[0]!;
        Assert.Equal((id, "client-123", "seller-web-1"), ((string?)echo["id"], (string?)echo["channelData"]!["clientActivityID"], (string?)echo["from"]!["id"]));
        var answer = activities.Single(a => (string?)a!["type"] == "message" && (string?)a["from"]!["role"] == "bot")!;
        Assert.Equal("answer", Assistant(answer));
        Assert.Equal("settlement-account", (string?)answer["channelData"]!["assistant"]!["faqId"]);
        Assert.Equal(id, (string?)answer["replyToId"]);
        Assert.Empty(await client.PollAsync());
    }

    [Fact]
    public async Task ATokenOpensOnlyItsOwnConversation()
    {
        var a = await DirectLineClient.StartAsync(factory.CreateClient());
        var b = await DirectLineClient.StartAsync(factory.CreateClient());
        Assert.Equal(HttpStatusCode.Forbidden, (await a.RawAsync(HttpMethod.Get, $"/v3/directline/conversations/{b.ConversationId}/activities", a.Token)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await a.RawAsync(HttpMethod.Post, $"/v3/directline/conversations/{b.ConversationId}/activities", a.Token, new { type = "message", text = "안녕" })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await a.RawAsync(HttpMethod.Get, $"/v3/directline/conversations/{a.ConversationId}/activities", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await a.RawAsync(HttpMethod.Get, $"/v3/directline/conversations/{a.ConversationId}/activities", a.Token + "x")).StatusCode);
    }

    [Fact]
    public async Task AnExpiredTokenIsRefusedAndRefreshingNeedsAValidOne()
    {
        var client = await DirectLineClient.StartAsync(factory.CreateClient());
        var past = new DirectLineTokens(factory.Services.GetRequiredService<IOptions<DirectLineOptions>>(), new ShiftedTime(TimeSpan.FromHours(-2)));
        var expired = past.Issue(client.ConversationId, "seller-web-1");
        Assert.Equal(HttpStatusCode.Forbidden, (await client.RawAsync(HttpMethod.Get, $"/v3/directline/conversations/{client.ConversationId}/activities", expired)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.RawAsync(HttpMethod.Post, "/v3/directline/tokens/refresh", expired)).StatusCode);

        var refreshed = JsonNode.Parse(await (await client.RawAsync(HttpMethod.Post, "/v3/directline/tokens/refresh", client.Token)).Content.ReadAsStringAsync())!;
        Assert.Equal(client.ConversationId, (string?)refreshed["conversationId"]);
    }

    [Fact]
    public async Task TheWebSocketStreamSendsTheBacklogThenEachNewActivity()
    {
        using var real = new AssistantFactory();
        real.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        real.StartServer();
        var client = await DirectLineClient.StartAsync(real.CreateClient());
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(new Uri(client.StreamUrl), CancellationToken.None);
        var backlog = await ReceiveAsync(socket);
        Assert.Equal("welcome", Assistant(backlog["activities"]![0]!));

        await client.PostAsync("환불은 며칠 걸려요?", "ws-1");
        var seen = new List<JsonNode>();
        while (!seen.Any(a => Assistant(a) == "answer"))
            seen.AddRange((await ReceiveAsync(socket))["activities"]!.AsArray()!);
        Assert.Equal("ws-1", (string?)seen[0]["channelData"]!["clientActivityID"]);
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None);
    }

    /// <summary>
    /// Web Chat reads timestamps to the millisecond, so two replies of one turn could swap places on screen: every stored
    /// activity carries its position in the stream as <c>webchat:sequence-id</c>, which Web Chat sorts by instead.
    /// </summary>
    [Fact]
    public async Task EveryActivityCarriesItsPositionInTheStreamForWebChatToOrderBy()
    {
        var client = await DirectLineClient.StartAsync(factory.CreateClient());
        await client.PostAsync("상담원 연결해 주세요. 주문번호 2024112511223344, 아이디 seq_shop01", "seq-1");
        var odd = await client.RawAsync(HttpMethod.Post, $"/v3/directline/conversations/{client.ConversationId}/activities", client.Token,
            new { type = "message", text = "무선 청소기", channelData = "not an object" });
        Assert.Equal(HttpStatusCode.OK, odd.StatusCode);
        var activities = await client.PollAsync();
        Assert.True(activities.Count(a => (string?)a!["from"]!["role"] == "bot") >= 3, "the handoff request should get at least two replies");
        var stamped = activities.Where(a => a!["channelData"] is JsonObject).ToList();
        Assert.Equal(activities.Count - 1, stamped.Count);
        var sequence = stamped.Select(a => (long)a!["channelData"]!["webchat:sequence-id"]!).ToList();
        Assert.Equal(sequence.Order(), sequence);
        Assert.Equal(sequence.Count, sequence.Distinct().Count());
        Assert.All(stamped, a => Assert.EndsWith("|" + ((long)a!["channelData"]!["webchat:sequence-id"]!).ToString("D7"), (string?)a["id"]));
        Assert.Equal("not an object", (string?)activities.Single(a => a!["channelData"] is JsonValue)!["channelData"]);
    }

    [Fact]
    public async Task TooManyMessagesGetA429WithRetryAfter()
    {
        using var limited = new AssistantFactory().With("DirectLine:MessagesPerMinute", "2");
        var client = await DirectLineClient.StartAsync(limited.CreateClient());
        await client.PostAsync("안녕하세요", "r1");
        await client.PostAsync("감사합니다", "r2");
        var third = await client.RawAsync(HttpMethod.Post, $"/v3/directline/conversations/{client.ConversationId}/activities", client.Token, new { type = "message", text = "또요" });
        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.True(third.Headers.RetryAfter is not null, "Retry-After is missing");
    }

    [Fact]
    public async Task OnlyConfiguredOriginsMayCallFromABrowser()
    {
        async Task<string?> Preflight(string origin)
        {
            using var request = new HttpRequestMessage(HttpMethod.Options, "/v3/directline/conversations");
            request.Headers.Add("Origin", origin);
            request.Headers.Add("Access-Control-Request-Method", "POST");
            request.Headers.Add("Access-Control-Request-Headers", "authorization,x-ms-bot-agent");
            var response = await factory.CreateClient().SendAsync(request);
            return response.Headers.TryGetValues("Access-Control-Allow-Origin", out var values) ? values.Single() : null;
        }
        Assert.Equal("https://seller.example.com", await Preflight("https://seller.example.com"));
        Assert.Null(await Preflight("https://evil.example.net"));
    }

    [Fact]
    public async Task AConversationResumesAfterARestart()
    {
        string conversationId, token;
        var path = Path.Combine(Path.GetTempPath(), "dl-restart-" + Guid.NewGuid().ToString("N") + ".db");
        using (var first = new AssistantFactory().With("Storage:SqlitePath", path))
        {
            var client = await DirectLineClient.StartAsync(first.CreateClient());
            await client.PostAsync("수수료가 얼마인가요?", "before-restart");
            (conversationId, token) = (client.ConversationId, client.Token);
        }
        using var second = new AssistantFactory().With("Storage:SqlitePath", path);
        var resumed = new DirectLineClient(second.CreateClient());
        var reconnect = await resumed.RawAsync(HttpMethod.Get, $"/v3/directline/conversations/{conversationId}?watermark=", token);
        Assert.Equal(HttpStatusCode.OK, reconnect.StatusCode);
        var history = JsonNode.Parse(await (await resumed.RawAsync(HttpMethod.Get, $"/v3/directline/conversations/{conversationId}/activities", token)).Content.ReadAsStringAsync())!;
        Assert.Contains(history["activities"]!.AsArray(), a => (string?)a!["channelData"]?["clientActivityID"] == "before-restart");
        Assert.Contains(history["activities"]!.AsArray(), a => Assistant(a!) == "answer");
    }

    [Fact]
    public async Task AnAgentsReplyAfterHandoffArrivesInTheWebChatStream()
    {
        var client = await DirectLineClient.StartAsync(factory.CreateClient());
        await client.PostAsync("판매자 아이디 webshop77 상품 캠핑의자 주문번호 2024112599998888 건 환불이 안 돼요 상담원 연결해 주세요", "h1");
        await client.PostAsync("접수", "h2");
        var number = (await client.PollAsync()).Select(a => (string?)a!["channelData"]?["assistant"]?["ticket"]).Last(t => t is not null)!;

        var agent = await AgentClient.SignInAsync(factory.CreateClient(), "agent1");
        await agent.JsonAsync(await agent.PostAsync($"/api/agent/tickets/{number}/claim"));
        await agent.JsonAsync(await agent.PostAsync($"/api/agent/tickets/{number}/reply", new { text = "웹 채팅으로 답변드립니다." }));
        var after = await client.PollAsync();
        Assert.Contains(after, a => (string?)a!["text"] == "웹 채팅으로 답변드립니다." && (string?)a["from"]!["role"] == "bot");
    }

    private static async Task<JsonNode> ReceiveAsync(WebSocket socket)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var buffer = new byte[64 * 1024];
        while (true)
        {
            var text = new StringBuilder();
            WebSocketReceiveResult result;
            do
            {
                result = await socket.ReceiveAsync(buffer, timeout.Token);
                text.Append(Encoding.UTF8.GetString(buffer, 0, result.Count));
            }
            while (!result.EndOfMessage);
            if (text.Length > 0) return JsonNode.Parse(text.ToString())!;
        }
    }

    private sealed class ShiftedTime(TimeSpan offset) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + offset;
    }
}
