using System.Buffers;
using System.Numerics.Tensors;

namespace Assistant.Retrieval;

/// <summary>
/// Exact cosine search: every vector is stored unit-length in one contiguous row-major array and a search is one
/// pass over it (SIMD dot products, <see cref="TensorPrimitives.Dot(ReadOnlySpan{float}, ReadOnlySpan{float})"/>)
/// keeping the best rows in a small heap, so its cost is close to reading the array once. Categories are compared
/// as small integers. A replace builds a new snapshot, so searches never see a half-built index.
/// </summary>
public sealed class InMemoryVectorIndex : IVectorIndex
{
    /// <summary>Vectors whose length is this close to 1 are taken as they are (the local generator's already are).</summary>
    private const float UnitTolerance = 1e-4f;

    private volatile Snapshot _snapshot = Snapshot.Empty(0);

    public string Name => "in-memory";

    public int Count => _snapshot.Records.Length;

    public Task EnsureCollectionAsync(int dimensions, CancellationToken cancellationToken = default)
    {
        if (_snapshot.Dimensions == 0) _snapshot = Snapshot.Empty(dimensions);
        else if (_snapshot.Dimensions != dimensions)
            throw new InvalidOperationException($"index holds {_snapshot.Dimensions}-dimensional vectors, not {dimensions}");
        return Task.CompletedTask;
    }

    public Task ReplaceAllAsync(IReadOnlyList<VectorRecord> records, CancellationToken cancellationToken = default)
    {
        var dimensions = records.Count > 0 ? records[0].Vector.Length : _snapshot.Dimensions;
        var unique = records.GroupBy(r => r.Key, StringComparer.Ordinal).Select(g => g.Last()).ToArray();
        var matrix = new float[unique.Length * dimensions];
        var categoryIds = new Dictionary<string, int>(StringComparer.Ordinal);
        var categories = new int[unique.Length];
        for (var i = 0; i < unique.Length; i++)
        {
            if (unique[i].Vector.Length != dimensions)
                throw new ArgumentException($"record '{unique[i].Key}' has {unique[i].Vector.Length} dimensions, expected {dimensions}");
            var row = matrix.AsSpan(i * dimensions, dimensions);
            unique[i].Vector.Span.CopyTo(row);
            var norm = TensorPrimitives.Norm(row);
            if (norm > 0 && MathF.Abs(norm - 1) > UnitTolerance) TensorPrimitives.Divide(row, norm, row);
            if (!categoryIds.TryGetValue(unique[i].Category, out categories[i]))
                categoryIds[unique[i].Category] = categories[i] = categoryIds.Count;
        }
        _snapshot = new Snapshot(unique, matrix, categories, categoryIds, dimensions);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<VectorHit>> SearchAsync(ReadOnlyMemory<float> query, int top, string? category = null, CancellationToken cancellationToken = default) =>
        Task.FromResult(Search(query.Span, top, category));

    public IReadOnlyList<VectorHit> Search(ReadOnlySpan<float> query, int top, string? category = null)
    {
        var snapshot = _snapshot;
        if (snapshot.Records.Length == 0 || top <= 0) return [];
        var d = snapshot.Dimensions;
        if (query.Length != d)
            throw new ArgumentException($"query has {query.Length} dimensions, index has {d}");
        var only = -1;
        if (category is not null && !snapshot.CategoryIds.TryGetValue(category, out only)) return [];

        float[]? rented = null;
        var norm = TensorPrimitives.Norm(query);
        if (norm > 0 && MathF.Abs(norm - 1) > UnitTolerance)
        {
            rented = ArrayPool<float>.Shared.Rent(d);
            TensorPrimitives.Divide(query, norm, rented.AsSpan(0, d));
            query = rented.AsSpan(0, d);
        }
        try
        {
            var best = new TopRows(Math.Min(top, snapshot.Records.Length));
            var matrix = snapshot.Matrix;
            var categories = snapshot.Categories;
            for (int i = 0, offset = 0; i < categories.Length; i++, offset += d)
            {
                if (only >= 0 && categories[i] != only) continue;
                best.Offer(i, TensorPrimitives.Dot(query, new ReadOnlySpan<float>(matrix, offset, d)));
            }
            var rows = best.Ranked();
            var hits = new VectorHit[rows.Length];
            for (var h = 0; h < rows.Length; h++)
            {
                var r = snapshot.Records[rows[h].Row];
                hits[h] = new VectorHit(r.Key, r.EntryId, r.Category, rows[h].Score);
            }
            return hits;
        }
        finally
        {
            if (rented is not null) ArrayPool<float>.Shared.Return(rented);
        }
    }

    private sealed record Snapshot(VectorRecord[] Records, float[] Matrix, int[] Categories, Dictionary<string, int> CategoryIds, int Dimensions)
    {
        public static Snapshot Empty(int dimensions) => new([], [], [], new Dictionary<string, int>(StringComparer.Ordinal), dimensions);
    }

    /// <summary>The k best rows seen so far in a min-heap (worst at the root); of equal scores the earlier row ranks first.</summary>
    private struct TopRows(int capacity)
    {
        private readonly (int Row, float Score)[] _heap = new (int, float)[capacity];
        private int _count;

        public void Offer(int row, float score)
        {
            if (_count < _heap.Length)
            {
                var at = _count++;
                while (at > 0)
                {
                    var parent = (at - 1) >> 1;
                    if (!Worse(row, score, _heap[parent])) break;
                    _heap[at] = _heap[parent];
                    at = parent;
                }
                _heap[at] = (row, score);
            }
            else if (score > _heap[0].Score)
            {
                // Rows arrive in increasing order, so an equal score never displaces the root.
                var at = 0;
                while (true)
                {
                    var child = 2 * at + 1;
                    if (child >= _count) break;
                    if (child + 1 < _count && Worse(_heap[child + 1].Row, _heap[child + 1].Score, _heap[child])) child++;
                    if (!Worse(_heap[child].Row, _heap[child].Score, (row, score))) break;
                    _heap[at] = _heap[child];
                    at = child;
                }
                _heap[at] = (row, score);
            }
        }

        public readonly (int Row, float Score)[] Ranked()
        {
            var ranked = _heap.AsSpan(0, _count).ToArray();
            Array.Sort(ranked, static (a, b) => a.Score != b.Score ? b.Score.CompareTo(a.Score) : a.Row.CompareTo(b.Row));
            return ranked;
        }

        private static bool Worse(int row, float score, (int Row, float Score) other) =>
            score < other.Score || (score == other.Score && row > other.Row);
    }
}
