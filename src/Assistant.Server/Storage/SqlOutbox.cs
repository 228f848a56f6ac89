using System.Data.Common;
using static Assistant.Server.Storage.Database;

namespace Assistant.Server.Storage;

public sealed record OutboxItem(long Id, string Topic, string Payload, int Attempts);

/// <summary>
/// Messages waiting to leave the process (webhook events, TalkTalk sends), kept until delivered (at least once).
/// Messages of one ordering key leave in the order they were queued; different keys do not wait for each other.
/// </summary>
public interface IOutbox
{
    /// <summary>Queues a message for a topic, in one order with the topic's other messages that have no key.</summary>
    Task EnqueueAsync(string topic, string payload, CancellationToken cancellationToken = default) =>
        EnqueueAsync(topic, payload, null, cancellationToken);

    /// <summary>Queues a message; it stays until delivered, after every earlier message of its ordering key (null: the topic's one shared order).</summary>
    Task EnqueueAsync(string topic, string payload, string? orderingKey, CancellationToken cancellationToken = default);

    /// <summary>Due messages of a topic, oldest first: at most one per ordering key, the oldest one not yet delivered or given up.</summary>
    Task<IReadOnlyList<OutboxItem>> DueAsync(string topic, int max, CancellationToken cancellationToken = default);
    Task DeliveredAsync(long id, CancellationToken cancellationToken = default);
    Task FailedAsync(long id, string error, DateTimeOffset nextAttempt, bool giveUp, CancellationToken cancellationToken = default);
}

public sealed class SqlOutbox(Database database, TimeProvider time) : IOutbox
{
    /// <summary>Where instances compete, a claimed row is left alone by the others for this long.</summary>
    private const int LeaseSeconds = 30;

    public Task EnqueueAsync(string topic, string payload, string? orderingKey, CancellationToken cancellationToken = default)
    {
        using var connection = database.OpenForWrite();
        Insert(connection, null, topic, payload, orderingKey, time.GetUtcNow());
        return Task.CompletedTask;
    }

    /// <summary>Queues a message inside the caller's transaction, so it commits with the change it announces.</summary>
    internal static void Insert(DbConnection connection, DbTransaction? transaction, string topic, string payload, string? orderingKey, DateTimeOffset now)
    {
        using var insert = Command(connection,
            "INSERT INTO outbox (topic, payload, ordering_key, created_at, next_attempt_at) VALUES (@t, @p, @k, @now, @now)", transaction,
            ("@t", topic), ("@p", payload), ("@k", orderingKey ?? ""), ("@now", SqlTicketStore.Stamp(now)));
        insert.ExecuteNonQuery();
    }

    public Task<IReadOnlyList<OutboxItem>> DueAsync(string topic, int max, CancellationToken cancellationToken = default)
    {
        using var connection = database.OpenForWrite();
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
        using var connection = database.OpenForWrite();
        using var command = Command(connection, "UPDATE outbox SET delivered_at = @now, attempts = attempts + 1, last_error = NULL WHERE id = @id", null,
            ("@now", SqlTicketStore.Stamp(time.GetUtcNow())), ("@id", id));
        command.ExecuteNonQuery();
        return Task.CompletedTask;
    }

    public Task FailedAsync(long id, string error, DateTimeOffset nextAttempt, bool giveUp, CancellationToken cancellationToken = default)
    {
        using var connection = database.OpenForWrite();
        // A message given up on keeps its row (with the error) for an operator; it is never deleted silently.
        // It no longer holds back the later messages of its key.
        var now = SqlTicketStore.Stamp(time.GetUtcNow());
        using var command = Command(connection,
            "UPDATE outbox SET attempts = attempts + 1, last_error = @error, next_attempt_at = @next, given_up_at = @givenUp WHERE id = @id", null,
            ("@error", error), ("@next", giveUp ? "9999-12-31T00:00:00.0000000Z" : SqlTicketStore.Stamp(nextAttempt)), ("@givenUp", giveUp ? now : null), ("@id", id));
        command.ExecuteNonQuery();
        return Task.CompletedTask;
    }

}
