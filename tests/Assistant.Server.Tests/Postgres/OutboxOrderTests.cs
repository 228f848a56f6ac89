using System.Text.Json.Nodes;
using Assistant.Server.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

namespace Assistant.Server.Tests.Postgres;

/// <summary>
/// Two instances' outbox workers drain one PostgreSQL outbox together: each key's messages still arrive
/// one at a time and in order, even when a message fails and is retried.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class OutboxOrderTests(PostgresServer server)
{
    private const int Keys = 6, PerKey = 5;

    [Fact]
    public async Task TwoCompetingWorkersDeliverEachKeyInOrderAndNeverTwoOfAKeyAtOnce()
    {
        var connectionString = await server.CreateDatabaseAsync();
        using var a = new PostgresDatabase(connectionString);
        using var b = new PostgresDatabase(connectionString);
        var outboxA = new SqlOutbox(a, TimeProvider.System);
        var outboxB = new SqlOutbox(b, TimeProvider.System);
        for (var n = 0; n < PerKey; n++)
            for (var k = 0; k < Keys; k++)
                await outboxA.EnqueueAsync("test", new JsonObject { ["key"] = $"T{k}", ["n"] = n }.ToJsonString(), $"T{k}");

        var receiver = new Receiver();
        var workers = new[] { Worker(outboxA), Worker(outboxB) };
        var until = DateTime.UtcNow.AddSeconds(30);
        while (receiver.DeliveredCount < Keys * PerKey && DateTime.UtcNow < until)
            await Task.WhenAll(workers.Select(w => Task.Run(() => w.DeliverDueAsync(receiver, CancellationToken.None))));

        Assert.Empty(receiver.Violations);
        for (var k = 0; k < Keys; k++) Assert.Equal(Enumerable.Range(0, PerKey), receiver.Delivered($"T{k}"));
        Assert.True(receiver.Failures >= Keys, "the first message of every key failed once and was retried");
    }

    private static OutboxWorker Worker(IOutbox outbox) =>
        new([], outbox, TimeProvider.System, new ConfigurationBuilder().Build(), NullLogger<OutboxWorker>.Instance);

    /// <summary>Fails the first attempt of each key's first message; records order and overlapping deliveries of one key.</summary>
    private sealed class Receiver : IOutboxDelivery
    {
        private readonly object _gate = new();
        private readonly Dictionary<string, List<int>> _delivered = [];
        private readonly HashSet<string> _inFlight = [];
        private readonly HashSet<string> _failedOnce = [];

        public List<string> Violations { get; } = [];
        public int Failures { get; private set; }
        public string Topic => "test";
        public bool Enabled => true;
        public RetryPolicy Retry { get; } = new(100, 0.01, 0.05);

        public int DeliveredCount { get { lock (_gate) return _delivered.Values.Sum(l => l.Count); } }

        public IReadOnlyList<int> Delivered(string key) { lock (_gate) return _delivered.GetValueOrDefault(key)?.ToArray() ?? []; }

        public async Task<string?> DeliverAsync(OutboxItem item, CancellationToken cancellationToken)
        {
            var json = JsonNode.Parse(item.Payload)!;
            var (key, n) = ((string)json["key"]!, (int)json["n"]!);
            lock (_gate)
            {
                if (!_inFlight.Add(key)) Violations.Add($"{key} #{n} sent while another message of {key} was in flight");
                var delivered = _delivered.GetValueOrDefault(key) ?? [];
                if (delivered.Count != n && !delivered.Contains(n)) Violations.Add($"{key} #{n} sent after [{string.Join(", ", delivered)}]");
            }
            await Task.Delay(Random.Shared.Next(1, 15), cancellationToken); // the receiver takes a moment: deliveries overlap
            lock (_gate)
            {
                _inFlight.Remove(key);
                if (n == 0 && _failedOnce.Add(key)) { Failures++; return "HTTP 503"; }
                var delivered = _delivered.TryGetValue(key, out var list) ? list : _delivered[key] = [];
                if (!delivered.Contains(n)) delivered.Add(n);
                return null;
            }
        }
    }
}
