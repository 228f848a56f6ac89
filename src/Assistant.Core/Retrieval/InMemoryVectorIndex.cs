using System.Buffers;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Assistant.Retrieval;

/// <summary>
/// Exact cosine search: every vector is stored unit-length as one row and a search is one pass over the rows (SIMD dot
/// products, <see cref="TensorPrimitives.Dot(ReadOnlySpan{float}, ReadOnlySpan{float})"/>) keeping the best rows in a
/// small heap, so its cost is close to reading them once. Categories are compared as small integers. A replace builds
/// a new snapshot, so searches never see a half-built index.
/// <para>
/// A unit-length vector given in an array of its own (the local generator's) becomes its row as it is, without a copy,
/// and the records are kept without their vectors: an index holds each vector once, also while it is being built
/// (10,000 entries are about 200,000 rows of 4 KiB). The caller must not change a vector after giving it.
/// </para>
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
        // The last record of a key wins, in the order the keys first came.
        var slot = new Dictionary<string, int>(records.Count, StringComparer.Ordinal);
        var kept = new List<int>(records.Count);
        for (var i = 0; i < records.Count; i++)
        {
            if (slot.TryGetValue(records[i].Key, out var at)) kept[at] = i;
            else
            {
                slot[records[i].Key] = kept.Count;
                kept.Add(i);
            }
        }
        var unique = new VectorRecord[kept.Count];
        var rows = new float[kept.Count][];
        var categoryIds = new Dictionary<string, int>(StringComparer.Ordinal);
        var categories = new int[kept.Count];
        for (var i = 0; i < kept.Count; i++)
        {
            var record = records[kept[i]];
            if (record.Vector.Length != dimensions)
                throw new ArgumentException($"record '{record.Key}' has {record.Vector.Length} dimensions, expected {dimensions}");
            rows[i] = Row(record.Vector);
            unique[i] = record with { Vector = ReadOnlyMemory<float>.Empty };
            if (!categoryIds.TryGetValue(record.Category, out categories[i]))
                categoryIds[record.Category] = categories[i] = categoryIds.Count;
        }
        _snapshot = new Snapshot(unique, rows, categories, categoryIds, dimensions, Postings.Build(rows, dimensions, SparseShare));
        return Task.CompletedTask;
    }

    /// <summary>A vector as a unit-length row: its own array when it is one already, otherwise a normalised copy.</summary>
    private static float[] Row(ReadOnlyMemory<float> vector)
    {
        var norm = TensorPrimitives.Norm(vector.Span);
        var unit = norm == 0 || MathF.Abs(norm - 1) <= UnitTolerance;
        if (unit && MemoryMarshal.TryGetArray(vector, out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length)
            return segment.Array;
        var row = vector.ToArray();
        if (!unit) TensorPrimitives.Divide(row, norm, row);
        return row;
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
        bool[]? candidates = null;
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
            var matrix = snapshot.Rows;
            var categories = snapshot.Categories;
            candidates = snapshot.Postings?.Candidates(query, categories, only, best.Capacity);
            for (var i = 0; i < categories.Length; i++)
            {
                if (only >= 0 && categories[i] != only) continue;
                if (candidates is not null && !candidates[i]) continue;
                best.Offer(i, TensorPrimitives.Dot(query, matrix[i]));
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
            if (candidates is not null) ArrayPool<bool>.Shared.Return(candidates);
        }
    }

    private sealed record Snapshot(VectorRecord[] Records, float[][] Rows, int[] Categories, Dictionary<string, int> CategoryIds, int Dimensions, Postings? Postings)
    {
        public static Snapshot Empty(int dimensions) => new([], [], [], new Dictionary<string, int>(StringComparer.Ordinal), dimensions, null);
    }

    /// <summary>The rows' non-zero cells by dimension (column), for scoring a sparse query by its non-zero dimensions only.</summary>
    internal sealed class Postings
    {
        private readonly int[] _start; // dimension j's cells are [_start[j], _start[j + 1])
        private readonly int[] _rows;
        private readonly float[] _values;
        private readonly int _rowCount;
        private readonly int _budget;

        private Postings(int[] start, int[] rows, float[] values, int rowCount, int budget) =>
            (_start, _rows, _values, _rowCount, _budget) = (start, rows, values, rowCount, budget);

        /// <summary>The postings of the rows, or null when more than 1/<paramref name="share"/> of their cells are non-zero.</summary>
        public static Postings? Build(float[][] matrix, int dimensions, int share)
        {
            var rowCount = matrix.Length;
            var cells = (long)rowCount * dimensions;
            var counts = new int[dimensions + 1];
            var nonZero = 0L;
            foreach (var row in matrix)
                for (var j = 0; j < dimensions; j++)
                    if (row[j] != 0) { counts[j + 1]++; nonZero++; }
            if (rowCount == 0 || nonZero * share > cells || nonZero > Array.MaxLength) return null;
            for (var j = 0; j < dimensions; j++) counts[j + 1] += counts[j];
            var rows = new int[nonZero];
            var values = new float[nonZero];
            var next = counts[..dimensions];
            for (var r = 0; r < rowCount; r++)
            {
                var row = matrix[r];
                for (var j = 0; j < dimensions; j++)
                    if (row[j] is var v && v != 0)
                    {
                        rows[next[j]] = r;
                        values[next[j]++] = v;
                    }
            }
            return new Postings(counts, rows, values, rowCount, (int)Math.Min(int.MaxValue, cells / share));
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
                // The inner loop is the whole cost of a search: no bounds checks (every row index was written by Build,
                // below _rowCount, and a posting's values run beside its rows).
                ref var score = ref MemoryMarshal.GetArrayDataReference(approximate);
                ref var row = ref MemoryMarshal.GetArrayDataReference(_rows);
                ref var value = ref MemoryMarshal.GetArrayDataReference(_values);
                for (var j = 0; j < query.Length; j++)
                {
                    var q = query[j];
                    if (q == 0) continue;
                    for (int p = _start[j], end = _start[j + 1]; p < end; p++)
                        Unsafe.Add(ref score, Unsafe.Add(ref row, p)) += q * Unsafe.Add(ref value, p);
                }
                // The k-th best approximate score among eligible rows: a row more than two margins below it is beaten,
                // exactly, by at least k rows, so it cannot be in the top k.
                var threshold = KthBest(scores, categories, only, top) - 2 * SparseMargin;
                // Rented: the caller returns it to the pool (a 10,000-entry index has 200,000 rows).
                var candidates = ArrayPool<bool>.Shared.Rent(_rowCount);
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
