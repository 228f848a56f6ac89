using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Assistant.Server.Tests.Handoff;
using Assistant.Server.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;

namespace Assistant.Server.Tests.Webhooks;

/// <summary>
/// The webhook receiver sees each ticket's events in the order they happened, even when one of them
/// fails and is retried, and one failing ticket does not hold back the others.
/// </summary>
public sealed class WebhookOrderTests
{
    private const string Secret = "test-webhook-secret";

    [Fact]
    public async Task AFailedCreatedEventHoldsBackOnlyItsOwnTicketAndEverythingArrivesInOrderWithStableEventIds()
    {
        var port = LoopbackServer.FreePort();
        var receiver = new Receiver();
        var (app, _) = await LoopbackServer.StartAsync(a => a.MapPost("/hooks/tickets", (Func<HttpContext, Task<IResult>>)receiver.HandleAsync), port);
        await using var _ = app;
        await using var channel = await FakeChannel.StartAsync();
        using var factory = new AssistantFactory()
            .With("Webhook:Url", $"http://127.0.0.1:{port}/hooks/tickets")
            .With("Webhook:Secret", Secret)
            .With("Webhook:MaxAttempts", "100")
            .With("Webhook:FirstRetrySeconds", "0.05")
            .With("Webhook:MaxRetrySeconds", "0.2")
            .With("Outbox:PollSeconds", "0.05");

        // The receiver refuses the first ticket's `created` until released; meanwhile the ticket moves on.
        var first = await new Seller(factory.CreateClient(), channel).OpenTicketAsync();
        var agent = await AgentClient.SignInAsync(factory.CreateClient(), "agent1");
        await agent.JsonAsync(await agent.PostAsync($"/api/agent/tickets/{first}/claim"));
        await agent.JsonAsync(await agent.PostAsync($"/api/agent/tickets/{first}/reply", new { text = "확인해 볼게요." }));
        await agent.JsonAsync(await agent.PostAsync($"/api/agent/tickets/{first}/handback"));

        // Another ticket's events flow while the first ticket's `created` keeps failing.
        var second = await new Seller(factory.CreateClient(), channel).OpenTicketAsync("수수료가 이상하게 나왔어요");
        await Until(() => receiver.Accepted(second).Any(e => e.Type == "created"));
        Assert.Empty(receiver.Accepted(first));
        Assert.Contains(receiver.Attempts, a => a.Ticket == first && a.Type == "created" && !a.Accepted);
        Assert.All(receiver.Attempts, a => Assert.True(a.Accepted || a.Type == "created", $"{a.Type} of {a.Ticket} was refused (bad signature)"));

        receiver.Release();
        await Until(() => receiver.Accepted(first).Any(e => e.Type == "handedBack"));

        // Exactly the queued order of the first ticket (first arrival of each event id), starting with `created`;
        // events queued after the hand-back (e.g. the seller's next message) may still be on their way: wait for them.
        var queued = QueuedEventIds(factory.DatabasePath, first);
        await Until(() => receiver.Accepted(first).Select(e => e.Id).Distinct().Count() >= queued.Length);
        var arrived = receiver.Accepted(first).Select(e => e.Id).Distinct().ToArray();
        Assert.Equal(queued, arrived);
        Assert.Equal(["created", "claimed", "message", "handedBack"], receiver.Accepted(first).Select(e => e.Type).Distinct().Take(4).ToArray());

        // Every attempt carries the payload's event id in the header, the same id on each retry.
        Assert.All(receiver.Attempts, a => Assert.Equal(a.Id, a.HeaderId));
        var createdIds = receiver.Attempts.Where(a => a.Ticket == first && a.Type == "created").Select(a => a.Id).Distinct();
        Assert.Single(createdIds);
    }

    private static string[] QueuedEventIds(string databasePath, string ticket)
    {
        using var connection = new SqliteConnection($"Data Source={databasePath}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT payload FROM outbox WHERE ordering_key = $k ORDER BY id";
        command.Parameters.AddWithValue("$k", ticket);
        using var reader = command.ExecuteReader();
        var ids = new List<string>();
        while (reader.Read()) ids.Add((string)JsonNode.Parse(reader.GetString(0))!["id"]!);
        return ids.ToArray();
    }

    private static async Task Until(Func<bool> condition)
    {
        var until = DateTime.UtcNow.AddSeconds(20);
        while (!condition())
        {
            if (DateTime.UtcNow > until) throw new TimeoutException("the webhook receiver did not get the expected events");
            await Task.Delay(25);
        }
    }


    private sealed record Attempt(string Ticket, string Type, string Id, string HeaderId, bool Accepted);

    /// <summary>Records every delivery; refuses (503) the <c>created</c> event of the first ticket it sees until released.</summary>
    private sealed class Receiver
    {
        private readonly List<Attempt> _attempts = [];
        private string? _held;
        private bool _released;

        public void Release() { lock (_attempts) _released = true; }

        public IReadOnlyList<Attempt> Attempts { get { lock (_attempts) return _attempts.ToArray(); } }

        public IReadOnlyList<Attempt> Accepted(string ticket) => Attempts.Where(a => a.Ticket == ticket && a.Accepted).ToArray();

        public async Task<IResult> HandleAsync(HttpContext context)
        {
            var body = await new StreamReader(context.Request.Body).ReadToEndAsync();
            var json = JsonNode.Parse(body)!;
            var ticket = (string)json["ticket"]!["number"]!;
            var type = (string)json["type"]!;
            var signed = context.Request.Headers["X-Assistant-Signature"].ToString() == "sha256=" + WebhookDelivery.Sign(Secret, body);
            lock (_attempts)
            {
                _held ??= ticket;
                var refuse = !signed || (type == "created" && ticket == _held && !_released);
                _attempts.Add(new Attempt(ticket, type, (string)json["id"]!, context.Request.Headers[WebhookDelivery.EventIdHeader].ToString(), !refuse));
                return refuse ? Results.StatusCode(StatusCodes.Status503ServiceUnavailable) : Results.Ok();
            }
        }
    }
}
