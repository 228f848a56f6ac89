using System.Numerics.Tensors;

namespace Assistant.Retrieval;

/// <summary>Exact cosine search over normalized vectors held in one contiguous array.</summary>
public sealed class InMemoryVectorIndex : IVectorIndex
{
    private volatile Snapshot _snapshot = new([], [], 0);

    public string Name => "in-memory";

    public int Count => _snapshot.Records.Length;

    public Task EnsureCollectionAsync(int dimensions, CancellationToken cancellationToken = default)
    {
        if (_snapshot.Dimensions == 0) _snapshot = new Snapshot([], [], dimensions);
        else if (_snapshot.Dimensions != dimensions)
            throw new InvalidOperationException($"index holds {_snapshot.Dimensions}-dimensional vectors, not {dimensions}");
        return Task.CompletedTask;
    }

    public Task ReplaceAllAsync(IReadOnlyList<VectorRecord> records, CancellationToken cancellationToken = default)
    {
        var dimensions = records.Count > 0 ? records[0].Vector.Length : _snapshot.Dimensions;
        var unique = records.GroupBy(r => r.Key, StringComparer.Ordinal).Select(g => g.Last()).ToArray();
        var matrix = new float[unique.Length * dimensions];
        for (var i = 0; i < unique.Length; i++)
        {
            if (unique[i].Vector.Length != dimensions)
                throw new ArgumentException($"record '{unique[i].Key}' has {unique[i].Vector.Length} dimensions, expected {dimensions}");
            unique[i].Vector.Span.CopyTo(matrix.AsSpan(i * dimensions, dimensions));
        }
        _snapshot = new Snapshot(unique, matrix, dimensions);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<VectorHit>> SearchAsync(ReadOnlyMemory<float> query, int top, string? category = null, CancellationToken cancellationToken = default) =>
        Task.FromResult(Search(query.Span, top, category));

    public IReadOnlyList<VectorHit> Search(ReadOnlySpan<float> query, int top, string? category = null)
    {
        var snapshot = _snapshot;
        if (snapshot.Records.Length == 0 || top <= 0) return [];
        if (query.Length != snapshot.Dimensions)
            throw new ArgumentException($"query has {query.Length} dimensions, index has {snapshot.Dimensions}");

        var best = new List<(int Index, float Score)>(top + 1);
        for (var i = 0; i < snapshot.Records.Length; i++)
        {
            if (category is not null && snapshot.Records[i].Category != category) continue;
            var score = TensorPrimitives.Dot(query, snapshot.Matrix.AsSpan(i * snapshot.Dimensions, snapshot.Dimensions));
            if (best.Count == top && score <= best[^1].Score) continue;
            var at = best.FindIndex(b => b.Score < score);
            best.Insert(at < 0 ? best.Count : at, (i, score));
            if (best.Count > top) best.RemoveAt(best.Count - 1);
        }
        return best.Select(b =>
        {
            var r = snapshot.Records[b.Index];
            return new VectorHit(r.Key, r.EntryId, r.Category, b.Score);
        }).ToArray();
    }

    private sealed record Snapshot(VectorRecord[] Records, float[] Matrix, int Dimensions);
}
