using Assistant.Handoff;
using Assistant.Server.Agents;
using Assistant.Server.Storage;
using Assistant.Server.Webhooks;
using Microsoft.Extensions.Options;

namespace Assistant.Server.Tests.Postgres;

[Collection(PostgresCollection.Name)]
public sealed class PostgresStoreTests(PostgresServer server)
{
    private static TicketDraft Draft(string conversation) => new(
        new ConversationAddress("emulator", conversation, "{}"),
        new TicketDetails("pg_seller", false, "2024112511223344", false, "텐트", "settlement", "정산이 안 들어와요", "normal", null),
        [new TranscriptEntry(MessageRole.Seller, "정산이 안 들어와요", DateTimeOffset.UtcNow)], []);

    private static SqlTicketStore Tickets(Database database) =>
        new(database, new WebhookEvents(null!, Options.Create(new WebhookOptions())), TimeProvider.System);

    [Fact]
    public async Task TicketsAreNumberedStoredAndOnlyOneConcurrentClaimWins()
    {
        using var database = new PostgresDatabase(await server.CreateDatabaseAsync());
        var tickets = Tickets(database);
        var first = (await tickets.CreateAsync(Draft("c1"))).Ticket;
        var second = (await tickets.CreateAsync(Draft("c2"))).Ticket;
        Assert.Equal(("T000001", "T000002"), (first.Number, second.Number));
        Assert.Equal("정산이 안 들어와요", Assert.Single((await tickets.GetAsync(first.Number))!.Transcript).Text);

        var claims = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() => tickets.ClaimAsync(first.Number, new AgentRef($"agent{i}", $"상담원{i}")))));
        Assert.Equal(1, claims.Count(c => c.Outcome == ClaimOutcome.Claimed));
        Assert.Equal(7, claims.Count(c => c.Outcome == ClaimOutcome.ClaimedByOther));
        Assert.Equal(second.Number, (await tickets.FindLatestByConversationAsync("emulator", "c2"))!.Number);
    }

    [Fact]
    public async Task ConversationStateRejectsAStaleETag()
    {
        using var database = new PostgresDatabase(await server.CreateDatabaseAsync());
        var store = new SqlDialogueStateStore(database);
        var first = await store.SaveAsync("emulator", "c1", new Assistant.Dialogue.DialogueState { LastQuestion = "처음" }, null);
        await Assert.ThrowsAsync<StateConflictException>(() => store.SaveAsync("emulator", "c1", new Assistant.Dialogue.DialogueState(), null)); // created twice
        var loaded = await store.LoadAsync("emulator", "c1");
        Assert.Equal((first, "처음"), (loaded.ETag, loaded.State.LastQuestion));

        await store.SaveAsync("emulator", "c1", new Assistant.Dialogue.DialogueState { LastQuestion = "두 번째" }, first);
        await Assert.ThrowsAsync<StateConflictException>(() => store.SaveAsync("emulator", "c1", new Assistant.Dialogue.DialogueState { LastQuestion = "늦은 쓰기" }, first));
        Assert.Equal("두 번째", (await store.LoadAsync("emulator", "c1")).State.LastQuestion);
    }

    [Fact]
    public async Task TwoInstancesNeverClaimTheSameOutboxMessage()
    {
        var connectionString = await server.CreateDatabaseAsync();
        using var a = new PostgresDatabase(connectionString);
        using var b = new PostgresDatabase(connectionString);
        var outboxA = new SqlOutbox(a, TimeProvider.System);
        var outboxB = new SqlOutbox(b, TimeProvider.System);
        for (var i = 0; i < 40; i++) await outboxA.EnqueueAsync("test", $"{{\"n\":{i}}}", $"key-{i}");

        var claimed = await Task.WhenAll(Task.Run(() => outboxA.DueAsync("test", 25)), Task.Run(() => outboxB.DueAsync("test", 25)));
        var ids = claimed.SelectMany(c => c.Select(i => i.Id)).ToArray();
        Assert.Equal(ids.Length, ids.Distinct().Count());
        Assert.Equal(40, ids.Length);
        Assert.Empty(await outboxB.DueAsync("test", 50)); // leased while being delivered
    }

    [Fact]
    public async Task TheSchemaIsMigratedOnceEvenWhenInstancesStartTogether()
    {
        var connectionString = await server.CreateDatabaseAsync();
        var databases = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() => new PostgresDatabase(connectionString))));
        using var check = databases[0].Open();
        using var count = Database.Command(check, "SELECT count(*) FROM schema_migrations", null);
        Assert.Equal(Database.Versions.Count, Convert.ToInt64(count.ExecuteScalar()));
        Assert.All(databases, d => Assert.Equal(Database.Versions.Max(), d.SchemaVersion));
        foreach (var d in databases) d.Dispose();
    }
}
