using Assistant.Embeddings;
using Assistant.Text;
using Microsoft.Extensions.AI;

namespace Assistant.Retrieval;

/// <summary>One FAQ entry's evidence for a message: the fused score and its parts (<see cref="Neural"/> is 0 without the neural path).</summary>
public sealed record RetrievalCandidate(string FaqId, float Score, float Vector, float Lexical, float Neural = 0);

/// <summary>
/// Dense (vector index) and lexical (BM25) evidence fused into one ranking of FAQ entries. The
/// vector score of an entry is its best-matching indexed text. With a <see cref="NeuralEvidence"/>,
/// the neural similarity gets its weight w of the score and the local evidence keeps 1 - w; a turn
/// on which the neural path has nothing (failing endpoint) is scored from the local evidence alone,
/// exactly as without it.
/// </summary>
public sealed class HybridRetriever(
    IEmbeddingGenerator<string, Embedding<float>> embeddings,
    IVectorIndex index,
    LexicalIndex lexical,
    float vectorWeight = 0.6f,
    NeuralEvidence? neural = null)
{
    private const int NeighbourCount = 24;

    public NeuralEvidence? Neural => neural;

    public Task<IReadOnlyList<RetrievalCandidate>> RetrieveAsync(string text, int top, CancellationToken cancellationToken = default) =>
        RetrieveAsync(text, text, top, cancellationToken);

    /// <summary>Candidates for a message: <paramref name="featureText"/> (the message with its lexicon terms) feeds the local
    /// evidence, <paramref name="message"/> as the seller wrote it feeds the neural path.</summary>
    public async Task<IReadOnlyList<RetrievalCandidate>> RetrieveAsync(string message, string featureText, int top, CancellationToken cancellationToken = default)
    {
        var neuralSearch = neural?.SearchAsync(message, NeighbourCount, cancellationToken);
        var embedding = await embeddings.GenerateVectorAsync(featureText, cancellationToken: cancellationToken).ConfigureAwait(false);
        var hits = await index.SearchAsync(embedding, NeighbourCount, cancellationToken: cancellationToken).ConfigureAwait(false);
        return await FuseAsync(hits, featureText, neuralSearch, top).ConfigureAwait(false);
    }

    /// <summary>
    /// A key equal for two texts whose <see cref="RetrieveAsync(string, string, int, CancellationToken)"/> is the same, so a
    /// caller can keep one retrieval for both. With the local embeddings and no neural path, the evidence depends only on the
    /// normalized feature text (the hashed n-grams and BM25 both read <see cref="TextNormalizer.Normalize"/> of it), so
    /// "…모르겠어요." and "…모르겠어요" share a key; otherwise the message and feature text as given are the key.
    /// </summary>
    public string ReuseKey(string message, string featureText) =>
        neural is null && embeddings is HashedNgramEmbeddingGenerator
            ? "n\u0001" + TextNormalizer.Normalize(featureText)
            : "x\u0001" + message + "\u0001" + featureText;

    /// <summary>
    /// Candidates for a whole message and its parts (its sentences), <c>[0]</c> the whole's: the same as one
    /// <see cref="RetrieveAsync(string, string, int, CancellationToken)"/> each. A large embedded index searches them
    /// together (<see cref="InMemoryVectorIndex.SearchWithParts"/>), which costs about what the whole alone does.
    /// </summary>
    public bool RetrievesPartsTogether => index is InMemoryVectorIndex { SearchesPartsTogether: true };

    /// <inheritdoc cref="RetrievesPartsTogether"/>
    public async Task<IReadOnlyList<RetrievalCandidate>[]> RetrieveWithPartsAsync(
        IReadOnlyList<(string Message, string FeatureText)> texts, int top, CancellationToken cancellationToken = default)
    {
        if (index is not InMemoryVectorIndex { SearchesPartsTogether: true } inMemory || texts.Count < 2)
        {
            var each = new IReadOnlyList<RetrievalCandidate>[texts.Count];
            for (var i = 0; i < texts.Count; i++) each[i] = await RetrieveAsync(texts[i].Message, texts[i].FeatureText, top, cancellationToken).ConfigureAwait(false);
            return each;
        }
        var neuralSearches = texts.Select(t => neural is null ? null : neural.SearchAsync(t.Message, NeighbourCount, cancellationToken)).ToArray();
        var vectors = new ReadOnlyMemory<float>[texts.Count];
        for (var i = 0; i < texts.Count; i++)
            vectors[i] = await embeddings.GenerateVectorAsync(texts[i].FeatureText, cancellationToken: cancellationToken).ConfigureAwait(false);
        var hits = inMemory.SearchWithParts(vectors[0].Span, vectors[1..], NeighbourCount);
        var result = new IReadOnlyList<RetrievalCandidate>[texts.Count];
        for (var i = 0; i < texts.Count; i++) result[i] = await FuseAsync(hits[i], texts[i].FeatureText, neuralSearches[i], top).ConfigureAwait(false);
        return result;
    }

    /// <summary>The vector hits, the lexical index's and the neural path's (if any) fused into one ranking of entries.</summary>
    private async Task<IReadOnlyList<RetrievalCandidate>> FuseAsync(IReadOnlyList<VectorHit> hits, string featureText, Task<IReadOnlyDictionary<string, float>?>? neuralSearch, int top)
    {
        var vector = new Dictionary<string, float>(StringComparer.Ordinal);
        foreach (var hit in hits)
            if (!vector.TryGetValue(hit.EntryId, out var seen) || hit.Score > seen) vector[hit.EntryId] = Math.Max(0, hit.Score);
        var lexicalScores = lexical.Search(featureText, NeighbourCount).ToDictionary(r => r.Id, r => r.Score, StringComparer.Ordinal);
        var neuralScores = neuralSearch is null ? null : await neuralSearch.ConfigureAwait(false);
        var neuralWeight = neuralScores is null ? 0f : neural!.Weight;

        return vector.Keys.Union(lexicalScores.Keys).Union(neuralScores?.Keys ?? [])
            .Select(id =>
            {
                var v = vector.GetValueOrDefault(id);
                var l = lexicalScores.GetValueOrDefault(id);
                var n = neuralScores?.GetValueOrDefault(id) ?? 0f;
                var local = vectorWeight * v + (1 - vectorWeight) * l;
                return new RetrievalCandidate(id, neuralScores is null ? local : (1 - neuralWeight) * local + neuralWeight * n, v, l, n);
            })
            .OrderByDescending(c => c.Score)
            .ThenBy(c => c.FaqId, StringComparer.Ordinal)
            .Take(top)
            .ToArray();
    }
}
