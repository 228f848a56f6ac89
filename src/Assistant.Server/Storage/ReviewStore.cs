using System.Globalization;
using static Assistant.Server.Storage.Database;

namespace Assistant.Server.Storage;

/// <summary>Why a seller message is in the review queue.</summary>
public static class ReviewReasons
{
    /// <summary>The assistant asked which topic was meant.</summary>
    public const string Clarify = "clarify";
    /// <summary>The assistant declined (out of scope, noise).</summary>
    public const string Decline = "decline";
    /// <summary>"There is no answer for that here" and the offer of a person (<c>handoff.no-answer</c>).</summary>
    public const string NoAnswer = "no-answer";
    /// <summary>The seller marked the answer 👎.</summary>
    public const string Disliked = "disliked";
    /// <summary>The seller's problem went to a person, who answered it.</summary>
    public const string AgentAnswered = "agent-answered";

    public static IReadOnlyList<string> All { get; } = [Clarify, Decline, NoAnswer, Disliked, AgentAnswered];
}

/// <summary>What a reviewer decided about a queued message; a decided message leaves the queue.</summary>
public static class ReviewStatus
{
    public const string Added = "added", DeclinedOk = "declined-ok", NewEntry = "new-entry", Dismissed = "dismissed";
}

/// <summary>
/// One queued occurrence of a seller message. <see cref="Entries"/> are the FAQ entries it touched (offered by a
/// clarify or a no-answer, or the entry the seller disliked); <see cref="AgentReply"/> the agent's first reply to the
/// ticket; <see cref="Category"/> the ticket's category.
/// </summary>
public sealed record ReviewSource(
    string Text, string Reason, string Channel, string ConversationId, DateTimeOffset At,
    IReadOnlyList<string> Entries, string? AgentReply = null, string? Category = null);

/// <summary>A reviewer's decision on one message (by its key, <see cref="Assistant.Review.ReviewKeys"/>).</summary>
public sealed record ReviewDecision(string Key, string Text, string Status, string Reviewer, DateTimeOffset At, string? FaqId);

/// <summary>
/// The review queue's reads of the history (<c>turn_log</c>, <c>feedback</c>, tickets answered by an agent) and its
/// own table of decisions (<c>review_items</c>, migration 11).
/// </summary>
public sealed class ReviewStore(Database database, TimeProvider time)
{
    /// <summary>Occurrences read per source at most, newest first: the queue is bounded whatever the traffic.</summary>
    public const int MaxPerSource = 20_000;

    /// <summary>The messages of the period that ended in a clarify, a decline, "no answer here", a 👎, or an agent's answer.</summary>
    public Task<IReadOnlyList<ReviewSource>> SourcesAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        var sources = new List<ReviewSource>();
        using var connection = database.Open();
        (string, object?)[] period = [("@from", SqlTicketStore.Stamp(from)), ("@to", SqlTicketStore.Stamp(to)), ("@max", MaxPerSource)];

        using (var turns = Command(connection, """
            SELECT text, action, channel, conversation_id, at, suggestions FROM turn_log
            WHERE at >= @from AND at < @to AND text <> ''
              AND (action IN ('clarify', 'decline') OR (action = 'handoff' AND intent = 'handoff.no-answer'))
            ORDER BY id DESC LIMIT @max
            """, null, period))
        using (var reader = turns.ExecuteReader())
            while (reader.Read())
                sources.Add(new ReviewSource(reader.GetString(0), reader.GetString(1) == "handoff" ? ReviewReasons.NoAnswer : reader.GetString(1),
                    reader.GetString(2), reader.GetString(3), Parse(reader.GetString(4)), reader.IsDBNull(5) ? [] : reader.GetString(5).Split('\n')));

        // A 👎's message is the seller message that entry answered in that conversation just before.
        using (var dislikes = Command(connection, """
            SELECT f.faq_id, f.channel, f.conversation_id, f.at,
                (SELECT t.text FROM turn_log t WHERE t.channel = f.channel AND t.conversation_id = f.conversation_id
                    AND t.action = 'answer' AND t.faq_id = f.faq_id AND t.at <= f.at ORDER BY t.id DESC LIMIT 1)
            FROM feedback f WHERE f.helpful = 0 AND f.at >= @from AND f.at < @to
            ORDER BY f.id DESC LIMIT @max
            """, null, period))
        using (var reader = dislikes.ExecuteReader())
            while (reader.Read())
                if (!reader.IsDBNull(4) && reader.GetString(4).Length > 0)
                    sources.Add(new ReviewSource(reader.GetString(4), ReviewReasons.Disliked, reader.GetString(1), reader.GetString(2), Parse(reader.GetString(3)), [reader.GetString(0)]));

        // A handoff an agent then answered: the seller's problem, with the agent's first reply.
        using (var tickets = Command(connection, """
            SELECT t.description, t.category, t.channel, t.conversation_id, t.created_at,
                (SELECT m.text FROM ticket_messages m WHERE m.ticket_number = t.number AND m.role = 'Agent' ORDER BY m.id LIMIT 1),
                (SELECT m.text FROM ticket_messages m WHERE m.ticket_number = t.number AND m.role = 'Seller' ORDER BY m.id LIMIT 1)
            FROM tickets t
            WHERE t.created_at >= @from AND t.created_at < @to
              AND EXISTS (SELECT 1 FROM ticket_messages m WHERE m.ticket_number = t.number AND m.role = 'Agent')
            ORDER BY t.seq DESC LIMIT @max
            """, null, period))
        using (var reader = tickets.ExecuteReader())
            while (reader.Read())
            {
                var problem = reader.GetString(0).Trim();
                if (problem.Length == 0 && !reader.IsDBNull(6)) problem = reader.GetString(6).Trim();
                if (problem.Length == 0) continue;
                sources.Add(new ReviewSource(problem, ReviewReasons.AgentAnswered, reader.GetString(2), reader.GetString(3), Parse(reader.GetString(4)), [],
                    reader.GetString(5), reader.GetString(1)));
            }
        return Task.FromResult<IReadOnlyList<ReviewSource>>(sources);
    }

    /// <summary>Every decision taken, by key.</summary>
    public Task<IReadOnlyDictionary<string, ReviewDecision>> DecisionsAsync(CancellationToken cancellationToken = default)
    {
        using var connection = database.Open();
        using var query = Command(connection, "SELECT item_key, text, status, reviewer, at, faq_id FROM review_items", null);
        using var reader = query.ExecuteReader();
        var decisions = new Dictionary<string, ReviewDecision>(StringComparer.Ordinal);
        while (reader.Read())
            decisions[reader.GetString(0)] = new ReviewDecision(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                Parse(reader.GetString(4)), reader.IsDBNull(5) ? null : reader.GetString(5));
        return Task.FromResult<IReadOnlyDictionary<string, ReviewDecision>>(decisions);
    }

    /// <summary>Records one decision for each message (a later decision on the same key replaces the earlier one).</summary>
    public Task MarkAsync(IReadOnlyList<(string Key, string Text)> messages, string status, string reviewer, string? faqId, CancellationToken cancellationToken = default)
    {
        using var connection = database.OpenForWrite();
        using var tx = connection.BeginTransaction();
        var now = SqlTicketStore.Stamp(time.GetUtcNow());
        foreach (var (key, text) in messages)
        {
            using var upsert = Command(connection, """
                INSERT INTO review_items (item_key, text, status, reviewer, at, faq_id) VALUES (@k, @text, @status, @reviewer, @at, @faq)
                ON CONFLICT (item_key) DO UPDATE SET text = excluded.text, status = excluded.status, reviewer = excluded.reviewer, at = excluded.at, faq_id = excluded.faq_id
                """, tx, ("@k", key), ("@text", text), ("@status", status), ("@reviewer", reviewer), ("@at", now), ("@faq", faqId));
            upsert.ExecuteNonQuery();
        }
        tx.Commit();
        return Task.CompletedTask;
    }

    private static DateTimeOffset Parse(string stamp) => DateTimeOffset.Parse(stamp, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
