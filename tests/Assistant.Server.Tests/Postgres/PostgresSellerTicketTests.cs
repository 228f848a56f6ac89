using Assistant.Server.Storage;
using Assistant.Server.Tests.Handoff;
using Assistant.Server.Webhooks;
using Microsoft.Extensions.Options;

namespace Assistant.Server.Tests.Postgres;

/// <summary>Seller keys on PostgreSQL: the same contract as the SQLite and in-memory stores, and the migration's backfill.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresSellerTicketTests(PostgresServer server)
{
    private static SqlTicketStore Tickets(Database database) =>
        new(database, new WebhookEvents(null!, Options.Create(new WebhookOptions())), TimeProvider.System);

    [Fact]
    public async Task ASellersTicketIsFoundAcrossConversationsAndNeverAnotherSellersOrChannels()
    {
        using var database = new PostgresDatabase(await server.CreateDatabaseAsync());
        await SellerTicketContract.RunAsync(Tickets(database));
    }

    [Fact]
    public async Task TicketsFiledBeforeTheSellerKeyExistedGetTheirsFromTheChannelWhenMigrated()
    {
        var connectionString = await server.CreateDatabaseAsync();
        string web, talk, emulator;
        using (var database = new PostgresDatabase(connectionString))
        {
            var tickets = Tickets(database);
            web = (await tickets.CreateAsync(SellerTicketContract.Draft("assistant-webchat", "dl-conv-1", null))).Ticket.Number;
            talk = (await tickets.CreateAsync(SellerTicketContract.Draft("talktalk", "tt-user-1", null))).Ticket.Number;
            emulator = (await tickets.CreateAsync(SellerTicketContract.Draft("emulator", "em-conv-1", null))).Ticket.Number;
            using var connection = database.Open();
            Database.Execute(connection, "INSERT INTO directline_conversations (id, user_id, started, created_at) VALUES ('dl-conv-1', 'web_old', 1, '2025-01-01T00:00:00Z')");
            // Back to schema version 5: no seller keys.
            Database.Execute(connection, "DROP INDEX ix_tickets_seller");
            Database.Execute(connection, "ALTER TABLE tickets DROP COLUMN seller_key");
            Database.Execute(connection, "DELETE FROM schema_migrations WHERE version = 6");
        }

        using var migrated = new PostgresDatabase(connectionString);
        var store = Tickets(migrated);
        Assert.Equal(web, (await store.FindLatestBySellerAsync("assistant-webchat", "web_old"))!.Number);
        Assert.Equal(talk, (await store.FindLatestBySellerAsync("talktalk", "tt-user-1"))!.Number);
        Assert.Null((await store.GetAsync(emulator))!.Conversation.SellerKey);
    }
}
