using static Assistant.Server.Storage.Database;

namespace Assistant.Server.Storage;

/// <summary>Sellers' like/dislike on answers, per FAQ entry: what the knowledge team reviews first.</summary>
public sealed class FeedbackStore(Database database, TimeProvider time)
{
    public Task RecordAsync(string channel, string conversationId, string faqId, bool helpful, CancellationToken cancellationToken = default)
    {
        using var connection = database.OpenForWrite();
        using var insert = Command(connection, "INSERT INTO feedback (channel, conversation_id, faq_id, helpful, at) VALUES (@c, @id, @faq, @h, @at)", null,
            ("@c", channel), ("@id", conversationId), ("@faq", faqId), ("@h", helpful), ("@at", SqlTicketStore.Stamp(time.GetUtcNow())));
        insert.ExecuteNonQuery();
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

    /// <summary>The FAQ entries disliked in one conversation, in the order the seller marked them (each once).</summary>
    public Task<IReadOnlyList<string>> DislikedAsync(string channel, string conversationId, CancellationToken cancellationToken = default)
    {
        using var connection = database.Open();
        using var query = Command(connection, "SELECT faq_id FROM feedback WHERE channel = @c AND conversation_id = @id AND helpful = @h ORDER BY at", null,
            ("@c", channel), ("@id", conversationId), ("@h", false));
        using var reader = query.ExecuteReader();
        var ids = new List<string>();
        while (reader.Read()) if (!ids.Contains(reader.GetString(0))) ids.Add(reader.GetString(0));
        return Task.FromResult<IReadOnlyList<string>>(ids);
    }
}
