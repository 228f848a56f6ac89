using System.Threading.Channels;
using Assistant.Dialogue;
using static Assistant.Server.Storage.Database;

namespace Assistant.Server.Storage;

/// <summary>
/// One seller message and what the assistant did with it: the history the supervisor's dashboard and review queue read.
/// <see cref="Action"/> is the turn's outcome (<c>answer</c>, <c>clarify</c>, <c>decline</c>, <c>handoff</c>,
/// <c>smalltalk</c>, <c>feedback</c>, or <c>agent</c> while a person owns the conversation); <see cref="FaqId"/> is the
/// entry answered, <see cref="Ticket"/> the ticket the turn filed.
/// </summary>
public sealed record TurnRecord(
    string Channel, string ConversationId, string? SellerKey, DateTimeOffset At, string Text,
    string Action, string Intent, float Confidence, string? FaqId, IReadOnlyList<string> Suggestions, string? Ticket)
{
    /// <summary>The longest message text kept; a longer message is cut (the channels refuse far longer ones before a turn).</summary>
    public const int MaxText = 2000;

    /// <summary>
    /// The record of a turn: its outcome is the reply that matters most for analytics (a handoff over an answer, an
    /// answer over a clarifying question, over a decline, over smalltalk), so "answer, then offer a person" counts as answered.
    /// </summary>
    public static TurnRecord Of(TurnInput input, TurnResult result, DateTimeOffset at)
    {
        var text = input.Text?.Trim() ?? "";
        if (text.Length > MaxText) text = text[..MaxText];
        var main = result.Replies.OrderBy(r => Rank(r.Info.Action)).FirstOrDefault()?.Info;
        var ticket = result.CreatedTicket?.Number ?? main?.Ticket;
        return main is null
            ? new TurnRecord(input.Conversation.Channel, input.Conversation.ConversationId, input.Conversation.SellerKey, at, text, "agent", "agent.owned", 0, null, [], ticket)
            : new TurnRecord(input.Conversation.Channel, input.Conversation.ConversationId, input.Conversation.SellerKey, at, text,
                main.Action, main.Intent, main.Confidence, main.Action == "answer" ? main.FaqId : null, main.Suggestions ?? [], ticket);
    }

    private static int Rank(string action) => action switch
    {
        "handoff" => 0,
        "answer" => 1,
        "clarify" => 2,
        "decline" => 3,
        _ => 4,
    };
}

/// <summary>
/// Keeps every turn's record off the seller's path: a turn only queues its record (no database round trip), and a
/// background writer stores queued records in batches, one transaction each. The queue is bounded; when the
/// database cannot keep up, the oldest records waiting are dropped and counted (analytics, never a turn, pays).
/// </summary>
public sealed class TurnLog : BackgroundService
{
    /// <summary>Records waiting at most; past that the oldest are dropped.</summary>
    public const int Capacity = 20_000;

    /// <summary>Records written in one transaction at most.</summary>
    private const int BatchSize = 500;

    private readonly Channel<TurnRecord> _queue;
    private long _queued, _written, _dropped;

    public TurnLog(Database database, ILogger<TurnLog> logger)
    {
        _database = database;
        _logger = logger;
        _queue = Channel.CreateBounded<TurnRecord>(
            new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
            _ => Interlocked.Increment(ref _dropped));
    }

    private readonly Database _database;
    private readonly ILogger<TurnLog> _logger;

    /// <summary>Records lost because the queue was full.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Queues a turn's record; never waits and never fails the turn.</summary>
    public void Record(TurnRecord record)
    {
        Interlocked.Increment(ref _queued);
        if (!_queue.Writer.TryWrite(record)) Interlocked.Increment(ref _dropped);
    }

    /// <summary>Waits until every record queued before the call is stored (for tests, and for readers that need the latest turns).</summary>
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        var target = Interlocked.Read(ref _queued) - Dropped;
        while (Interlocked.Read(ref _written) < target)
            await Task.Delay(10, cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<TurnRecord>(BatchSize);
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stoppingToken))
                await DrainAsync(batch);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        // Shutting down: what is queued is still stored.
        await DrainAsync(batch);
    }

    private async Task DrainAsync(List<TurnRecord> batch)
    {
        while (true)
        {
            batch.Clear();
            while (batch.Count < BatchSize && _queue.Reader.TryRead(out var record)) batch.Add(record);
            if (batch.Count == 0) return;
            try
            {
                Write(batch);
            }
            catch (Exception ex)
            {
                _logger.LogError(ex, "Could not store {Count} turn records; they are lost to the dashboard", batch.Count);
            }
            Interlocked.Add(ref _written, batch.Count);
            await Task.Yield();
        }
    }

    private void Write(List<TurnRecord> batch)
    {
        using var connection = _database.OpenForWrite();
        using var tx = connection.BeginTransaction();
        using var insert = Command(connection, """
            INSERT INTO turn_log (channel, conversation_id, seller_key, at, text, action, intent, confidence, faq_id, suggestions, ticket_number)
            VALUES (@c, @id, @seller, @at, @text, @action, @intent, @conf, @faq, @sugg, @ticket)
            """, tx, ("@c", ""), ("@id", ""), ("@seller", null), ("@at", ""), ("@text", ""), ("@action", ""), ("@intent", ""),
            ("@conf", 0.0), ("@faq", null), ("@sugg", null), ("@ticket", null));
        foreach (var r in batch)
        {
            Set(insert, "@c", r.Channel);
            Set(insert, "@id", r.ConversationId);
            Set(insert, "@seller", r.SellerKey);
            Set(insert, "@at", SqlTicketStore.Stamp(r.At));
            Set(insert, "@text", r.Text);
            Set(insert, "@action", r.Action);
            Set(insert, "@intent", r.Intent);
            Set(insert, "@conf", (double)r.Confidence);
            Set(insert, "@faq", r.FaqId);
            Set(insert, "@sugg", r.Suggestions.Count == 0 ? null : string.Join('\n', r.Suggestions));
            Set(insert, "@ticket", r.Ticket);
            insert.ExecuteNonQuery();
        }
        tx.Commit();
    }

    private static void Set(System.Data.Common.DbCommand command, string name, object? value) =>
        command.Parameters[name].Value = value ?? DBNull.Value;
}
