using System.Buffers;
using System.Numerics.Tensors;

namespace Assistant.Retrieval;

/// <summary>
/// Exact cosine search: every vector is stored unit-length in one contiguous row-major array and a search is one
/// pass over it (SIMD dot products, <see cref="TensorPrimitives.Dot(ReadOnlySpan{float}, ReadOnlySpan{float})"/>)
/// keeping the best rows in a small heap, so its cost is close to reading the array once. Categories are compared
/// as small integers. A replace builds a new snapshot, so searches never see a half-built index.
/// <para>
/// Sparse vectors (the local hashed n-gram embeddings: a message touches a few dozen of 1,024 dimensions) are
/// also kept as posting lists per dimension. A sparse query first scores rows through the postings of its
/// non-zero dimensions only, then recomputes the exact dot product of every row that could still be in the top k
/// (all within <see cref="SparseMargin"/> of the k-th approximate score), so hits and scores are exactly the dense
/// pass's, at a fraction of its cost.
/// </para>
/// </summary>
public sealed class InMemoryVectorIndex : IVectorIndex
{
    /// <summary>Vectors whose length is this close to 1 are taken as they are (the local generator's already are).</summary>
    private const float UnitTolerance = 1e-4f;

    /// <summary>
    /// Bound on the difference between the approximate (postings, in dimension order) and the exact (SIMD) dot product
    /// of unit vectors: both round at most 1,024 products and sums, each off by at most 2^-24 of |q|·|r| = 1, so under
    /// 1.3e-4 apart; 1e-3 leaves room.
    /// </summary>
    internal const float SparseMargin = 1e-3f;

    /// <summary>The postings are kept (and used) only while they hold at most this share of the matrix's cells.</summary>
    private const int SparseShare = 4;

    private volatile Snapshot _snapshot = Snapshot.Empty(0);

    public string Name => "in-memory";

    public int Count => _snapshot.Records.Length;

    /// <summary>Whether the current vectors are sparse enough to be kept as postings (for tests and diagnostics).</summary>
    internal bool HasPostings => _snapshot.Postings is not null;

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
        _snapshot = new Snapshot(unique, matrix, categories, categoryIds, dimensions, Postings.Build(matrix, unique.Length, dimensions, SparseShare));
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
            var candidates = snapshot.Postings?.Candidates(query, categories, only, best.Capacity);
            for (int i = 0, offset = 0; i < categories.Length; i++, offset += d)
            {
                if (only >= 0 && categories[i] != only) continue;
                if (candidates is not null && !candidates[i]) continue;
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

    private sealed record Snapshot(VectorRecord[] Records, float[] Matrix, int[] Categories, Dictionary<string, int> CategoryIds, int Dimensions, Postings? Postings)
    {
        public static Snapshot Empty(int dimensions) => new([], [], [], new Dictionary<string, int>(StringComparer.Ordinal), dimensions, null);
    }

    /// <summary>The matrix's non-zero cells by dimension (column), for scoring a sparse query by its non-zero dimensions only.</summary>
    internal sealed class Postings
    {
        private readonly int[] _start; // dimension j's cells are [_start[j], _start[j + 1])
        private readonly int[] _rows;
        private readonly float[] _values;
        private readonly int _rowCount;
        private readonly int _budget;

        private Postings(int[] start, int[] rows, float[] values, int rowCount, int budget) =>
            (_start, _rows, _values, _rowCount, _budget) = (start, rows, values, rowCount, budget);

        /// <summary>The postings of a row-major matrix, or null when more than 1/<paramref name="share"/> of its cells are non-zero.</summary>
        public static Postings? Build(float[] matrix, int rowCount, int dimensions, int share)
        {
            var counts = new int[dimensions + 1];
            var nonZero = 0;
            for (var i = 0; i < matrix.Length; i++)
                if (matrix[i] != 0) { counts[i % dimensions + 1]++; nonZero++; }
            if (rowCount == 0 || (long)nonZero * share > matrix.Length) return null;
            for (var j = 0; j < dimensions; j++) counts[j + 1] += counts[j];
            var rows = new int[nonZero];
            var values = new float[nonZero];
            var next = counts[..dimensions];
            for (int r = 0, offset = 0; r < rowCount; r++, offset += dimensions)
                for (var j = 0; j < dimensions; j++)
                    if (matrix[offset + j] is var v && v != 0)
                    {
                        rows[next[j]] = r;
                        values[next[j]++] = v;
                    }
            return new Postings(counts, rows, values, rowCount, matrix.Length / share);
        }

        /// <summary>
        /// The rows (of category <paramref name="only"/>, or all when negative) that may be among the <paramref name="top"/>
        /// best by exact dot product with the unit <paramref name="query"/>; null when the query is too dense for postings to pay.
        /// </summary>
        public bool[]? Candidates(ReadOnlySpan<float> query, int[] categories, int only, int top)
        {
            var work = 0L;
            for (var j = 0; j < query.Length; j++)
                if (query[j] != 0) work += _start[j + 1] - _start[j];
            if (work > _budget) return null;

            var approximate = ArrayPool<float>.Shared.Rent(_rowCount);
            try
            {
                var scores = approximate.AsSpan(0, _rowCount);
                scores.Clear();
                for (var j = 0; j < query.Length; j++)
                {
                    var q = query[j];
                    if (q == 0) continue;
                    var rows = _rows.AsSpan(_start[j], _start[j + 1] - _start[j]);
                    var values = _values.AsSpan(_start[j], rows.Length);
                    for (var p = 0; p < rows.Length; p++) scores[rows[p]] += q * values[p];
                }
                // The k-th best approximate score among eligible rows: a row more than two margins below it is beaten,
                // exactly, by at least k rows, so it cannot be in the top k.
                var threshold = KthBest(scores, categories, only, top) - 2 * SparseMargin;
                var candidates = new bool[_rowCount];
                for (var i = 0; i < _rowCount; i++) candidates[i] = scores[i] >= threshold;
                return candidates;
            }
            finally
            {
                ArrayPool<float>.Shared.Return(approximate);
            }
        }

        /// <summary>The <paramref name="top"/>-th best score among eligible rows (a min-heap of the best seen), or -∞ when fewer rows are eligible.</summary>
        private static float KthBest(ReadOnlySpan<float> scores, int[] categories, int only, int top)
        {
            Span<float> heap = top <= 256 ? stackalloc float[top] : new float[top];
            var count = 0;
            for (var i = 0; i < scores.Length; i++)
            {
                if (only >= 0 && categories[i] != only) continue;
                var score = scores[i];
                if (count < top)
                {
                    var at = count++;
                    while (at > 0 && heap[(at - 1) >> 1] > score)
                    {
                        heap[at] = heap[(at - 1) >> 1];
                        at = (at - 1) >> 1;
                    }
                    heap[at] = score;
                }
                else if (score > heap[0])
                {
                    var at = 0;
                    while (true)
                    {
                        var child = 2 * at + 1;
                        if (child >= count) break;
                        if (child + 1 < count && heap[child + 1] < heap[child]) child++;
                        if (heap[child] >= score) break;
                        heap[at] = heap[child];
                        at = child;
                    }
                    heap[at] = score;
                }
            }
            return count < top ? float.NegativeInfinity : heap[0];
        }
    }

    /// <summary>The k best rows seen so far in a min-heap (worst at the root); of equal scores the earlier row ranks first.</summary>
    private struct TopRows(int capacity)
    {
        private readonly (int Row, float Score)[] _heap = new (int, float)[capacity];
        private int _count;

        public readonly int Capacity => _heap.Length;

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
