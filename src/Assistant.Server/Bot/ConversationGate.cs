using System.Collections.Immutable;
using System.Data.Common;
using Assistant.Server.Storage;
using Microsoft.Bot.Builder;

namespace Assistant.Server.Bot;

/// <summary>
/// Runs the turns of one conversation one at a time, in the order they arrive, while different
/// conversations run in parallel. Within a process each conversation has a FIFO semaphore (kept only
/// while someone holds or waits for it, so memory does not grow with conversations); where several
/// instances share PostgreSQL, the holder also takes a transaction-scoped advisory lock, so a
/// conversation's turns are serialised across instances too. Re-entrant on the same async flow: a
/// channel that gates its whole request (store, turn, replies) and the adapter middleware that
/// gates the turn itself do not wait for each other.
/// </summary>
public sealed class ConversationGate(Database database, ILogger<ConversationGate> logger)
{
    /// <summary>How long a turn waits for another instance's turn of the same conversation before giving up.</summary>
    public static readonly TimeSpan CrossInstanceWait = TimeSpan.FromSeconds(30);

    private static readonly AsyncLocal<ImmutableHashSet<string>?> Held = new();
    private readonly Dictionary<string, Slot> _slots = new(StringComparer.Ordinal);

    /// <summary>Conversations with a turn running or waiting in this process (for tests and diagnostics).</summary>
    public int ActiveConversations
    {
        get { lock (_slots) return _slots.Count; }
    }

    public async Task<T> RunAsync<T>(string channelId, string conversationId, Func<CancellationToken, Task<T>> turn, CancellationToken cancellationToken)
    {
        var key = channelId + "/" + conversationId;
        if (Held.Value?.Contains(key) == true) return await turn(cancellationToken);

        var slot = Join(key);
        try
        {
            await slot.Turn.WaitAsync(cancellationToken);
            try
            {
                await using var crossInstance = await LockAcrossInstancesAsync(key, cancellationToken);
                Held.Value = (Held.Value ?? ImmutableHashSet<string>.Empty).Add(key);
                return await turn(cancellationToken);
            }
            finally
            {
                slot.Turn.Release();
            }
        }
        finally
        {
            Leave(key, slot);
        }
    }

    public Task RunAsync(string channelId, string conversationId, Func<CancellationToken, Task> turn, CancellationToken cancellationToken) =>
        RunAsync(channelId, conversationId, async ct =>
        {
            await turn(ct);
            return true;
        }, cancellationToken);

    private async Task<IAsyncDisposable?> LockAcrossInstancesAsync(string key, CancellationToken cancellationToken)
    {
        if (database.LockConversationSql is not { } lockSql) return null; // one process owns the database
        var connection = database.Open();
        try
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await using (var timeout = Database.Command(connection, $"SET LOCAL lock_timeout = '{(int)CrossInstanceWait.TotalMilliseconds}ms'", transaction))
                await timeout.ExecuteNonQueryAsync(cancellationToken);
            await using (var command = Database.Command(connection, lockSql, transaction, ("@key", "turn:" + key)))
                await command.ExecuteNonQueryAsync(cancellationToken);
            return new CrossInstanceLock(transaction, connection);
        }
        catch (Exception ex)
        {
            await connection.DisposeAsync();
            logger.LogWarning(ex, "Could not take the cross-instance turn lock for {Conversation}", key);
            throw;
        }
    }

    private Slot Join(string key)
    {
        lock (_slots)
        {
            if (!_slots.TryGetValue(key, out var slot)) _slots[key] = slot = new Slot();
            slot.Users++;
            return slot;
        }
    }

    private void Leave(string key, Slot slot)
    {
        lock (_slots)
        {
            if (--slot.Users == 0) _slots.Remove(key);
        }
    }

    private sealed class Slot
    {
        // SemaphoreSlim queues asynchronous waiters in order: turns run in arrival order.
        public SemaphoreSlim Turn { get; } = new(1, 1);
        public int Users { get; set; }
    }

    /// <summary>The lock lives as long as its transaction: ending it (or the connection closing) releases it.</summary>
    private sealed class CrossInstanceLock(DbTransaction transaction, DbConnection connection) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try { await transaction.CommitAsync(); }
            finally
            {
                await transaction.DisposeAsync();
                await connection.DisposeAsync();
            }
        }
    }
}

/// <summary>Bot Framework middleware that runs every turn of an adapter through the <see cref="ConversationGate"/>.</summary>
public sealed class SerialTurnsMiddleware(ConversationGate gate) : Microsoft.Bot.Builder.IMiddleware
{
    public Task OnTurnAsync(ITurnContext turnContext, NextDelegate next, CancellationToken cancellationToken = default) =>
        turnContext.Activity.Conversation?.Id is { } conversationId
            ? gate.RunAsync(turnContext.Activity.ChannelId ?? "", conversationId, ct => next(ct), cancellationToken)
            : next(cancellationToken);
}
