using Microsoft.Extensions.AI;

namespace Assistant.Retrieval;

/// <summary>One FAQ entry's evidence for a message: the fused score and both parts.</summary>
public sealed record RetrievalCandidate(string FaqId, float Score, float Vector, float Lexical);

/// <summary>
/// Dense (vector index) and lexical (BM25) evidence fused into one ranking of FAQ entries. The
/// vector score of an entry is its best-matching indexed text.
/// </summary>
public sealed class HybridRetriever(
    IEmbeddingGenerator<string, Embedding<float>> embeddings,
    IVectorIndex index,
    LexicalIndex lexical,
    float vectorWeight = 0.6f)
{
    private const int NeighbourCount = 24;

    public async Task<IReadOnlyList<RetrievalCandidate>> RetrieveAsync(string text, int top, CancellationToken cancellationToken = default)
    {
        var embedding = await embeddings.GenerateVectorAsync(text, cancellationToken: cancellationToken).ConfigureAwait(false);
        var hits = await index.SearchAsync(embedding, NeighbourCount, cancellationToken: cancellationToken).ConfigureAwait(false);

        var vector = new Dictionary<string, float>(StringComparer.Ordinal);
        foreach (var hit in hits)
            if (!vector.TryGetValue(hit.EntryId, out var seen) || hit.Score > seen) vector[hit.EntryId] = Math.Max(0, hit.Score);
        var lexicalScores = lexical.Search(text, NeighbourCount).ToDictionary(r => r.Id, r => r.Score, StringComparer.Ordinal);

        return vector.Keys.Union(lexicalScores.Keys)
            .Select(id =>
            {
                var v = vector.GetValueOrDefault(id);
                var l = lexicalScores.GetValueOrDefault(id);
                return new RetrievalCandidate(id, vectorWeight * v + (1 - vectorWeight) * l, v, l);
            })
            .OrderByDescending(c => c.Score)
            .ThenBy(c => c.FaqId, StringComparer.Ordinal)
            .Take(top)
            .ToArray();
    }
}
