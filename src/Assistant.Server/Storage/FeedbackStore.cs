using static Assistant.Server.Storage.Database;

namespace Assistant.Server.Storage;

/// <summary>One like/dislike as stored, with what the seller said was missing (if they said).</summary>
public sealed record FeedbackEntry(long Id, string Channel, string ConversationId, string FaqId, bool Helpful, string? Comment);

/// <summary>Sellers' like/dislike on answers, per FAQ entry: what the knowledge team reviews first.</summary>
public sealed class FeedbackStore(Database database, TimeProvider time)
{
    /// <summary>Stores one rating and returns its id (for the comment that may follow a dislike).</summary>
    public Task<long> RecordAsync(string channel, string conversationId, string faqId, bool helpful, CancellationToken cancellationToken = default)
    {
        using var connection = database.OpenForWrite();
        using var insert = Command(connection, "INSERT INTO feedback (channel, conversation_id, faq_id, helpful, at) VALUES (@c, @id, @faq, @h, @at) RETURNING id", null,
            ("@c", channel), ("@id", conversationId), ("@faq", faqId), ("@h", helpful), ("@at", SqlTicketStore.Stamp(time.GetUtcNow())));
        return Task.FromResult(Convert.ToInt64(insert.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>Attaches the seller's own words to a stored rating.</summary>
    public Task CommentAsync(long id, string comment, CancellationToken cancellationToken = default)
    {
        using var connection = database.OpenForWrite();
        using var update = Command(connection, "UPDATE feedback SET comment = @comment WHERE id = @id", null, ("@comment", comment), ("@id", id));
        update.ExecuteNonQuery();
        return Task.CompletedTask;
    }

    public Task<(int Helpful, int NotHelpful)> CountAsync(string faqId, CancellationToken cancellationToken = default)
    {
        using var connection = database.Open();
        using var query = Command(connection, "SELECT COALESCE(SUM(helpful), 0), COUNT(*) - COALESCE(SUM(helpful), 0) FROM feedback WHERE faq_id = @faq", null, ("@faq", faqId));
        using var reader = query.ExecuteReader();
        reader.Read();
        return Task.FromResult(((int)reader.GetInt64(0), (int)reader.GetInt64(1)));
    }

    /// <summary>The ratings given in one conversation, oldest first.</summary>
    public Task<IReadOnlyList<FeedbackEntry>> ListAsync(string channel, string conversationId, CancellationToken cancellationToken = default)
    {
        using var connection = database.Open();
        using var query = Command(connection, "SELECT id, faq_id, helpful, comment FROM feedback WHERE channel = @c AND conversation_id = @id ORDER BY id", null,
            ("@c", channel), ("@id", conversationId));
        using var reader = query.ExecuteReader();
        var entries = new List<FeedbackEntry>();
        while (reader.Read())
            entries.Add(new FeedbackEntry(reader.GetInt64(0), channel, conversationId, reader.GetString(1), reader.GetInt64(2) != 0, reader.IsDBNull(3) ? null : reader.GetString(3)));
        return Task.FromResult<IReadOnlyList<FeedbackEntry>>(entries);
    }

    /// <summary>The FAQ entries disliked in one conversation, in the order the seller marked them (each once).</summary>
    public async Task<IReadOnlyList<string>> DislikedAsync(string channel, string conversationId, CancellationToken cancellationToken = default) =>
        (await ListAsync(channel, conversationId, cancellationToken)).Where(f => !f.Helpful).Select(f => f.FaqId).Distinct().ToArray();
}
