namespace Assistant.Retrieval;

/// <summary>One indexed text (an FAQ question variant or title) with the entry it belongs to.</summary>
public sealed record VectorRecord(string Key, string EntryId, string Category, string Text, ReadOnlyMemory<float> Vector);

public sealed record VectorHit(string Key, string EntryId, string Category, float Score);

/// <summary>
/// Nearest-neighbour search over normalized vectors (cosine). The embedded default is
/// <see cref="InMemoryVectorIndex"/>; a Qdrant implementation satisfies the same contract at scale.
/// </summary>
public interface IVectorIndex
{
    string Name { get; }

    /// <summary>Creates the collection for vectors of this size if it does not exist.</summary>
    Task EnsureCollectionAsync(int dimensions, CancellationToken cancellationToken = default);

    /// <summary>Inserts or replaces records by <see cref="VectorRecord.Key"/>, and removes every record whose key is not given
    /// (the index then mirrors the knowledge base exactly, with no duplicates).</summary>
    Task ReplaceAllAsync(IReadOnlyList<VectorRecord> records, CancellationToken cancellationToken = default);

    /// <summary>The <paramref name="top"/> most similar records, best first, optionally only of one category.</summary>
    Task<IReadOnlyList<VectorHit>> SearchAsync(ReadOnlyMemory<float> query, int top, string? category = null, CancellationToken cancellationToken = default);
}
