using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using Assistant.Server.Tests.DirectLine;

namespace Assistant.Server.Tests.Postgres;

/// <summary>Two app instances on one PostgreSQL behave as one: a seller on A, an agent on B.</summary>
[Collection(PostgresCollection.Name)]
public sealed class TwoInstanceTests(PostgresServer server)
{
    [Fact]
    public async Task ASellerOnOneInstanceAndAnAgentOnAnotherTalkLiveAndNothingIsSentTwice()
    {
        var connectionString = await server.CreateDatabaseAsync();
        using var a = AssistantFactory.OnPostgres(connectionString);
        a.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        a.StartServer();
        using var b = AssistantFactory.OnPostgres(connectionString);

        // The agent on B watches the live queue.
        var agent = await AgentClient.SignInAsync(b.CreateClient(), "agent1");
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var events = new List<JsonNode>();
        var stream = new StreamReader(await agent.Http.GetStreamAsync("/api/agent/events", cancel.Token));
        var reading = Task.Run(async () =>
        {
            string? line;
            while ((line = await stream.ReadLineAsync(cancel.Token)) is not null)
                if (line.StartsWith("data: ", StringComparison.Ordinal)) lock (events) events.Add(JsonNode.Parse(line[6..])!);
        });

        // The seller chats through web chat on A, with the WebSocket stream open.
        var seller = await DirectLineClient.StartAsync(a.CreateClient());
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(new Uri(seller.StreamUrl), cancel.Token);
        var received = new List<JsonNode>();
        var listening = Task.Run(async () =>
        {
            var buffer = new byte[64 * 1024];
            while (socket.State == WebSocketState.Open)
            {
                var text = new StringBuilder();
                WebSocketReceiveResult result;
                do { result = await socket.ReceiveAsync(buffer, cancel.Token); text.Append(Encoding.UTF8.GetString(buffer, 0, result.Count)); }
                while (!result.EndOfMessage);
                if (text.Length > 0) lock (received) received.AddRange(JsonNode.Parse(text.ToString())!["activities"]!.AsArray().Select(x => x!.DeepClone()));
            }
        });

        await seller.PostAsync("판매자 아이디 cluster01 상품 전기포트 주문번호 2024112533334444 건 정산이 안 들어와요 상담원 연결해 주세요", "m1");
        await seller.PostAsync("접수", "m2");
        var number = await Until(() => Snapshot(received).Select(x => (string?)x["channelData"]?["assistant"]?["ticket"]).LastOrDefault(t => t is not null), cancel.Token);

        // The ticket created on A appears on B at once.
        await Until(() => Snapshot(events).FirstOrDefault(e => (string?)e["type"] == "created" && (string?)e["ticket"]!["number"] == number), cancel.Token);

        await agent.JsonAsync(await agent.PostAsync($"/api/agent/tickets/{number}/claim"));
        await agent.JsonAsync(await agent.PostAsync($"/api/agent/tickets/{number}/reply", new { text = "B 인스턴스의 상담원입니다." }));
        await Until(() => Snapshot(received).FirstOrDefault(x => (string?)x["text"] == "B 인스턴스의 상담원입니다."), cancel.Token);

        // The seller's answer on A reaches the agent's stream on B.
        await seller.PostAsync("네 확인 부탁드려요", "m3");
        await Until(() => Snapshot(events).FirstOrDefault(e => (string?)e["type"] == "message" && (string?)e["message"]?["text"] == "네 확인 부탁드려요"), cancel.Token);

        await Task.Delay(500);
        Assert.Single(Snapshot(received), x => (string?)x["text"] == "B 인스턴스의 상담원입니다.");
        Assert.Single(Snapshot(events), e => (string?)e["type"] == "created" && (string?)e["ticket"]!["number"] == number);
        var history = await seller.PollAsync();
        Assert.Single(history, x => (string?)x!["text"] == "B 인스턴스의 상담원입니다.");

        await cancel.CancelAsync();
        await Task.WhenAll(reading, listening).ContinueWith(_ => { });
    }

    private static List<JsonNode> Snapshot(List<JsonNode> list) { lock (list) return list.ToList(); }

    private static async Task<T> Until<T>(Func<T?> probe, CancellationToken cancellationToken) where T : class
    {
        while (true)
        {
            if (probe() is { } value) return value;
            await Task.Delay(50, cancellationToken);
        }
    }
}
