using System.Data.Common;
using static Assistant.Server.Storage.Database;

namespace Assistant.Server.Storage;

public sealed record OutboxItem(long Id, string Topic, string Payload, int Attempts);

/// <summary>Messages waiting to leave the process (webhook events), kept until delivered.</summary>
public interface IOutbox
{
    /// <summary>Queues a message for a topic; it stays until delivered.</summary>
    Task EnqueueAsync(string topic, string payload, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<OutboxItem>> DueAsync(string topic, int max, CancellationToken cancellationToken = default);
    Task DeliveredAsync(long id, CancellationToken cancellationToken = default);
    Task FailedAsync(long id, string error, DateTimeOffset nextAttempt, bool giveUp, CancellationToken cancellationToken = default);
}

public sealed class SqlOutbox(Database database, TimeProvider time) : IOutbox
{
    /// <summary>Where instances compete, a claimed row is left alone by the others for this long.</summary>
    private const int LeaseSeconds = 30;

    public Task EnqueueAsync(string topic, string payload, CancellationToken cancellationToken = default)
    {
        using var connection = database.Open();
        Insert(connection, null, topic, payload, time.GetUtcNow());
        return Task.CompletedTask;
    }

    /// <summary>Queues a message inside the caller's transaction, so it commits with the change it announces.</summary>
    internal static void Insert(DbConnection connection, DbTransaction? transaction, string topic, string payload, DateTimeOffset now)
    {
        using var insert = Command(connection, "INSERT INTO outbox (topic, payload, created_at, next_attempt_at) VALUES (@t, @p, @now, @now)", transaction,
            ("@t", topic), ("@p", payload), ("@now", SqlTicketStore.Stamp(now)));
        insert.ExecuteNonQuery();
    }

    public Task<IReadOnlyList<OutboxItem>> DueAsync(string topic, int max, CancellationToken cancellationToken = default)
    {
        using var connection = database.Open();
        var now = time.GetUtcNow();
        using var command = Command(connection, database.ClaimDueOutboxSql, null,
            ("@t", topic), ("@now", SqlTicketStore.Stamp(now)), ("@max", max), ("@lease", SqlTicketStore.Stamp(now.AddSeconds(LeaseSeconds))));
        using var reader = command.ExecuteReader();
        var items = new List<OutboxItem>();
        while (reader.Read()) items.Add(new OutboxItem(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), (int)reader.GetInt64(3)));
        return Task.FromResult<IReadOnlyList<OutboxItem>>(items.OrderBy(i => i.Id).ToArray());
    }

    public Task DeliveredAsync(long id, CancellationToken cancellationToken = default)
    {
        using var connection = database.Open();
        using var command = Command(connection, "UPDATE outbox SET delivered_at = @now, attempts = attempts + 1, last_error = NULL WHERE id = @id", null,
            ("@now", SqlTicketStore.Stamp(time.GetUtcNow())), ("@id", id));
        command.ExecuteNonQuery();
        return Task.CompletedTask;
    }

    public Task FailedAsync(long id, string error, DateTimeOffset nextAttempt, bool giveUp, CancellationToken cancellationToken = default)
    {
        using var connection = database.Open();
        // A message given up on keeps its row (with the error) for an operator; it is never deleted silently.
        using var command = Command(connection,
            "UPDATE outbox SET attempts = attempts + 1, last_error = @error, next_attempt_at = @next WHERE id = @id", null,
            ("@error", error), ("@next", giveUp ? "9999-12-31T00:00:00.0000000Z" : SqlTicketStore.Stamp(nextAttempt)), ("@id", id));
        command.ExecuteNonQuery();
        return Task.CompletedTask;
    }

}
