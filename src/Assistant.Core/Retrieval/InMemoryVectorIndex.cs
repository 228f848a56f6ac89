using System.Buffers;
using System.Numerics;
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
/// A sparse vector (the local hashed n-gram embeddings: a text touches about a hundred of 1,024 dimensions) is kept as
/// its non-zero cells only, and its exact dot product is taken on the cells laid out in a zeroed scratch row, bit for
/// bit the dense row's. A dense unit-length vector given in an array of its own becomes its row as it is, without a
/// copy (the caller must not change it after giving it). The records are kept without their vectors.
/// </para>
/// <para>
/// Sparse vectors are also kept as posting lists per dimension. A sparse query first scores rows through the postings of its
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
    /// Bound on the difference between the approximate (postings, in any order) and the exact (SIMD) dot product
    /// of unit vectors: both round at most 1,024 products and sums, each off by at most 2^-24 of |q|·|r| = 1, so under
    /// 1.3e-4 apart; 1e-3 leaves room.
    /// </summary>
    internal const float SparseMargin = 1e-3f;

    /// <summary>The postings are kept (and used) only while they hold at most this share of the matrix's cells.</summary>
    private const int SparseShare = 4;

    private volatile Snapshot _snapshot = Snapshot.Empty(0);

    public string Name => "in-memory";

    public int Count => _snapshot.Records.Length;

    /// <summary>The floats the rows hold: every cell of a dense row, the non-zero ones of a sparse row (for tests and diagnostics).</summary>
    internal long StoredCells => _snapshot.Rows.Sum(r => (long)(r.Dense?.Length ?? r.Dims!.Length));

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
        ReplaceAll(records);
        return Task.CompletedTask;
    }

    /// <summary>Replaces the index with the records (the last record of a key wins, in the order the keys first came).</summary>
    public void ReplaceAll(IEnumerable<VectorRecord> records)
    {
        var builder = Rebuild();
        foreach (var record in records) builder.Add(record);
        builder.Commit();
    }

    /// <summary>
    /// A replacement of the whole index, built record by record and swapped in by <see cref="Builder.Commit"/>. Each vector
    /// becomes its row as it arrives, and a sparse one (most cells zero, as the local generator's are) keeps only its
    /// non-zero cells: a caller that makes its vectors one batch at a time (<see cref="KnowledgeIndexer"/>) never holds them
    /// all at full size (10,000 entries are about 220,000 texts, 900 MB as 1,024 floats each, under 200 MB as cells).
    /// </summary>
    public Builder Rebuild() => new(this);

    public sealed class Builder
    {
        private readonly InMemoryVectorIndex _index;
        private readonly Dictionary<string, int> _slot = new(StringComparer.Ordinal);
        private readonly List<VectorRecord> _kept = [];
        private readonly List<Row> _rows = [];
        private int _dimensions;

        internal Builder(InMemoryVectorIndex index) => (_index, _dimensions) = (index, index._snapshot.Dimensions);

        /// <summary>Adds a record, or replaces the one added before under its key (keeping that one's place).</summary>
        public void Add(VectorRecord record)
        {
            if (_kept.Count == 0) _dimensions = record.Vector.Length;
            if (record.Vector.Length != _dimensions)
                throw new ArgumentException($"record '{record.Key}' has {record.Vector.Length} dimensions, expected {_dimensions}");
            var row = ToRow(record.Vector, SparseShare);
            var stripped = record with { Vector = ReadOnlyMemory<float>.Empty };
            if (_slot.TryGetValue(record.Key, out var at)) (_kept[at], _rows[at]) = (stripped, row);
            else
            {
                _slot[record.Key] = _kept.Count;
                _kept.Add(stripped);
                _rows.Add(row);
            }
        }

        /// <summary>Makes the records added the index's whole content: searches see the old index or the new one, never a mix.</summary>
        public void Commit()
        {
            var categoryIds = new Dictionary<string, int>(StringComparer.Ordinal);
            var categories = new int[_kept.Count];
            for (var i = 0; i < _kept.Count; i++)
                if (!categoryIds.TryGetValue(_kept[i].Category, out categories[i]))
                    categoryIds[_kept[i].Category] = categories[i] = categoryIds.Count;
            var matrix = _rows.ToArray();
            _index._snapshot = new Snapshot(_kept.ToArray(), matrix, categories, categoryIds, _dimensions, Postings.Build(matrix, _dimensions, SparseShare));
        }
    }

    /// <summary>
    /// One unit-length row: the vector itself (<see cref="Dense"/>), or only its non-zero cells, by dimension
    /// (<see cref="Dims"/>, <see cref="Values"/>), when at most 1/<see cref="SparseShare"/> of them are non-zero.
    /// </summary>
    internal readonly record struct Row(float[]? Dense, int[]? Dims, float[]? Values)
    {
        /// <summary>
        /// The exact dot product with a unit query, bit for bit the dense row's (<see cref="TensorPrimitives.Dot(ReadOnlySpan{float}, ReadOnlySpan{float})"/>):
        /// a sparse row is laid out in <paramref name="scratch"/> (all zero, and left so) for the same pass.
        /// </summary>
        public float Dot(ReadOnlySpan<float> query, float[] scratch)
        {
            if (Dense is not null) return TensorPrimitives.Dot(query, Dense);
            for (var k = 0; k < Dims!.Length; k++) scratch[Dims[k]] = Values![k];
            var dot = TensorPrimitives.Dot(query, scratch.AsSpan(0, query.Length));
            foreach (var j in Dims) scratch[j] = 0;
            return dot;
        }
    }

    /// <summary>A vector as its unit-length row: its non-zero cells when few enough, else its own array when it is unit already, else a normalised copy.</summary>
    private static Row ToRow(ReadOnlyMemory<float> vector, int share)
    {
        var unitRow = UnitRow(vector);
        var nonZero = 0;
        foreach (var v in unitRow) if (v != 0) nonZero++;
        if ((long)nonZero * share > unitRow.Length) return new Row(unitRow, null, null);
        var dims = new int[nonZero];
        var values = new float[nonZero];
        for (int j = 0, k = 0; j < unitRow.Length; j++)
            if (unitRow[j] != 0)
            {
                dims[k] = j;
                values[k++] = unitRow[j];
            }
        return new Row(null, dims, values);
    }

    /// <summary>A vector as a unit-length array: its own array when it is one already, otherwise a normalised copy.</summary>
    private static float[] UnitRow(ReadOnlyMemory<float> vector)
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
        RecordedQueries?.Add(query.ToArray());
        return SearchAlone(query, top, category);
    }

    private IReadOnlyList<VectorHit> SearchAlone(ReadOnlySpan<float> query, int top, string? category = null)
    {
        var snapshot = _snapshot;
        if (snapshot.Records.Length == 0 || top <= 0) return [];
        var d = snapshot.Dimensions;
        if (query.Length != d)
            throw new ArgumentException($"query has {query.Length} dimensions, index has {d}");
        var only = -1;
        if (category is not null && !snapshot.CategoryIds.TryGetValue(category, out only)) return [];

        float[]? rented = null, scratch = null;
        int[]? candidates = null;
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
            var count = 0;
            candidates = snapshot.Postings?.Candidates(query, categories, only, best.Capacity, out count);
            scratch = ArrayPool<float>.Shared.Rent(d);
            scratch.AsSpan(0, d).Clear();
            if (candidates is not null)
                for (var c = 0; c < count; c++)
                    best.Offer(candidates[c], matrix[candidates[c]].Dot(query, scratch));
            else
                for (var i = 0; i < categories.Length; i++)
                    if (only < 0 || categories[i] == only)
                        best.Offer(i, matrix[i].Dot(query, scratch));
            return Hits(snapshot, best);
        }
        finally
        {
            if (rented is not null) ArrayPool<float>.Shared.Return(rented);
            if (scratch is not null) ArrayPool<float>.Shared.Return(scratch);
            if (candidates is not null) ArrayPool<int>.Shared.Return(candidates);
        }
    }

    /// <summary>
    /// Searches for a whole text and its parts (a message and its sentences) at once, with the same hits and scores as
    /// one <see cref="Search"/> each: <c>[0]</c> is the whole's, then one per part. A sentence's n-grams are the whole
    /// message's, so the whole's query is, dimension by dimension, close to a weighted sum of its parts' (not exactly:
    /// n-grams across a sentence boundary, lexicon terms): its approximate scores are that sum of the parts' scores plus
    /// the postings of the few dimensions where it differs, instead of the postings of all its dimensions again. Only
    /// the speed depends on how close the sum is; the candidates' exact products decide the hits, as in <see cref="Search"/>.
    /// </summary>
    public IReadOnlyList<VectorHit>[] SearchWithParts(ReadOnlySpan<float> whole, IReadOnlyList<ReadOnlyMemory<float>> parts, int top)
    {
        if (RecordedQueries is { } recorded)
        {
            recorded.Add(whole.ToArray());
            recorded.AddRange(parts.Select(p => p.ToArray()));
        }
        var snapshot = _snapshot;
        if (snapshot.Postings is not { } postings || parts.Count == 0 || top <= 0 || whole.Length != snapshot.Dimensions
            || !IsUnit(whole) || parts.Any(p => p.Length != snapshot.Dimensions || !IsUnit(p.Span)))
            return SearchEach(whole, parts, top);
        var results = new IReadOnlyList<VectorHit>[parts.Count + 1];

        var rows = postings.RowCount;
        var scores = new float[parts.Count][];
        var combined = ArrayPool<float>.Shared.Rent(rows);
        var scratch = ArrayPool<float>.Shared.Rent(snapshot.Dimensions);
        try
        {
            for (var i = 0; i < parts.Count; i++)
            {
                scores[i] = ArrayPool<float>.Shared.Rent(rows);
                // Too dense for postings: every query its own (dense) pass.
                if (!postings.TryScore(parts[i].Span, scores[i])) return SearchEach(whole, parts, top);
            }
            var weights = PartWeights(whole, parts);
            // What the weighted parts miss of the whole, dimension by dimension; differences within rounding are left out
            // and bounded below.
            var difference = new float[whole.Length];
            for (var j = 0; j < whole.Length; j++)
            {
                var d = whole[j];
                for (var i = 0; i < parts.Count; i++) d -= weights[i] * parts[i].Span[j];
                if (MathF.Abs(d) > ResidualTolerance) difference[j] = d;
            }
            // The weighted parts first, then the postings of the difference added onto them.
            Postings.WeightedSum(combined.AsSpan(0, rows), scores, weights);
            if (!postings.TryScore(difference, combined, accumulate: true))
            {
                results[0] = SearchAlone(whole, top);
                for (var i = 0; i < parts.Count; i++) results[i + 1] = Rank(snapshot, parts[i].Span, scores[i], SparseMargin, top, scratch);
                return results;
            }
            var margin = SparseMargin;
            for (var i = 0; i < parts.Count; i++) margin += MathF.Abs(weights[i]) * SparseMargin;
            // A left-out difference d changes a unit row's product by at most |d| times the row's cells, so the whole of
            // them by at most the tolerance times the square root of the dimensions.
            margin += ResidualTolerance * MathF.Sqrt(whole.Length);
            results[0] = Rank(snapshot, whole, combined, margin, top, scratch);
            for (var i = 0; i < parts.Count; i++) results[i + 1] = Rank(snapshot, parts[i].Span, scores[i], SparseMargin, top, scratch);
            return results;
        }
        finally
        {
            foreach (var part in scores) if (part is not null) ArrayPool<float>.Shared.Return(part);
            ArrayPool<float>.Shared.Return(combined);
            ArrayPool<float>.Shared.Return(scratch);
        }
    }

    /// <summary>One <see cref="Search"/> for the whole and one for each part.</summary>
    private IReadOnlyList<VectorHit>[] SearchEach(ReadOnlySpan<float> whole, IReadOnlyList<ReadOnlyMemory<float>> parts, int top)
    {
        var results = new IReadOnlyList<VectorHit>[parts.Count + 1];
        results[0] = SearchAlone(whole, top);
        for (var i = 0; i < parts.Count; i++) results[i + 1] = SearchAlone(parts[i].Span, top);
        return results;
    }

    /// <summary>
    /// Whether <see cref="SearchWithParts"/> pays: when the postings hold at least <see cref="PartsTogetherCells"/> cells.
    /// In a smaller index a search costs less than what each extra part adds around it (its embedding, its lexical search).
    /// </summary>
    public bool SearchesPartsTogether => _snapshot.Postings is { } postings && postings.NonZero >= PartsTogetherCells;

    /// <summary>
    /// About 400 entries of the local embeddings (22 texts of about 125 non-zero cells each), where a search takes about
    /// 0.1 ms; tests set it lower to compare both ways on a small index.
    /// </summary>
    internal long PartsTogetherCells { get; init; } = 1_000_000;

    /// <summary>When set, every query searched is added to it (tests count what a decision searches); a search through the
    /// parts adds the whole and each part.</summary>
    internal List<float[]>? RecordedQueries { get; init; }

    /// <summary>A difference between the whole query and its weighted parts this small is left out of the scores (and bounded).</summary>
    internal const float ResidualTolerance = 1e-6f;

    private static bool IsUnit(ReadOnlySpan<float> vector) => MathF.Abs(TensorPrimitives.Norm(vector) - 1) <= UnitTolerance;

    /// <summary>
    /// The weight of each part in the whole: the median ratio of the whole's value to the part's over the dimensions only
    /// that part has (the ratio of their lengths before they were made unit, when the part's n-grams are the whole's).
    /// </summary>
    private static float[] PartWeights(ReadOnlySpan<float> whole, IReadOnlyList<ReadOnlyMemory<float>> parts)
    {
        var weights = new float[parts.Count];
        var ratios = new List<float>(whole.Length);
        for (var i = 0; i < parts.Count; i++)
        {
            ratios.Clear();
            var part = parts[i].Span;
            for (var j = 0; j < whole.Length; j++)
            {
                if (part[j] == 0) continue;
                var alone = true;
                for (var o = 0; o < parts.Count && alone; o++) alone = o == i || parts[o].Span[j] == 0;
                if (alone) ratios.Add(whole[j] / part[j]);
            }
            if (ratios.Count == 0) continue;
            ratios.Sort();
            weights[i] = ratios[ratios.Count / 2];
        }
        return weights;
    }

    /// <summary>The top rows by exact product among those approximate <paramref name="scores"/> (each within <paramref name="margin"/>) leave in.</summary>
    private static VectorHit[] Rank(Snapshot snapshot, ReadOnlySpan<float> query, float[] scores, float margin, int top, float[] scratch)
    {
        var best = new TopRows(Math.Min(top, snapshot.Records.Length));
        var candidates = Postings.Select(scores.AsSpan(0, snapshot.Rows.Length), snapshot.Categories, -1, best.Capacity, margin, out var count);
        try
        {
            scratch.AsSpan(0, snapshot.Dimensions).Clear();
            for (var c = 0; c < count; c++)
                best.Offer(candidates[c], snapshot.Rows[candidates[c]].Dot(query, scratch));
            return Hits(snapshot, best);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(candidates);
        }
    }

    private static VectorHit[] Hits(Snapshot snapshot, TopRows best)
    {
        var rows = best.Ranked();
        var hits = new VectorHit[rows.Length];
        for (var h = 0; h < rows.Length; h++)
        {
            var r = snapshot.Records[rows[h].Row];
            hits[h] = new VectorHit(r.Key, r.EntryId, r.Category, rows[h].Score);
        }
        return hits;
    }

    private sealed record Snapshot(VectorRecord[] Records, Row[] Rows, int[] Categories, Dictionary<string, int> CategoryIds, int Dimensions, Postings? Postings)
    {
        public static Snapshot Empty(int dimensions) => new([], [], [], new Dictionary<string, int>(StringComparer.Ordinal), dimensions, null);
    }

    /// <summary>The rows' non-zero cells by dimension (column), for scoring a sparse query by its non-zero dimensions only.</summary>
    internal sealed class Postings
    {
        private readonly int[] _start; // dimension j's cells are [_start[j], _start[j + 1])
        private readonly int[] _rows;
        private readonly float[] _values;
        private readonly int[] _byLength; // the dimensions by how many cells they have, fewest first
        private readonly int _rowCount;
        private readonly int _budget;

        private Postings(int[] start, int[] rows, float[] values, int[] byLength, int rowCount, int budget) =>
            (_start, _rows, _values, _byLength, _rowCount, _budget) = (start, rows, values, byLength, rowCount, budget);

        /// <summary>The postings of the rows, or null when more than 1/<paramref name="share"/> of their cells are non-zero.</summary>
        public static Postings? Build(Row[] matrix, int dimensions, int share)
        {
            var rowCount = matrix.Length;
            var cells = (long)rowCount * dimensions;
            var counts = new int[dimensions + 1];
            var nonZero = 0L;
            foreach (var row in matrix)
                nonZero += Cells(row, (j, _) => counts[j + 1]++);
            if (rowCount == 0 || nonZero * share > cells || nonZero > Array.MaxLength) return null;
            for (var j = 0; j < dimensions; j++) counts[j + 1] += counts[j];
            var rows = new int[nonZero];
            var values = new float[nonZero];
            var next = counts[..dimensions];
            for (var r = 0; r < rowCount; r++)
                Cells(matrix[r], (j, v) =>
                {
                    rows[next[j]] = r;
                    values[next[j]++] = v;
                });
            var byLength = Enumerable.Range(0, dimensions).OrderBy(j => counts[j + 1] - counts[j]).ToArray();
            return new Postings(counts, rows, values, byLength, rowCount, (int)Math.Min(int.MaxValue, cells / share));
        }

        /// <summary>Calls <paramref name="cell"/> with each non-zero cell of the row, by dimension; returns how many there were.</summary>
        private static int Cells(Row row, Action<int, float> cell)
        {
            if (row.Dense is null)
            {
                for (var k = 0; k < row.Dims!.Length; k++) cell(row.Dims[k], row.Values![k]);
                return row.Dims.Length;
            }
            var count = 0;
            for (var j = 0; j < row.Dense.Length; j++)
                if (row.Dense[j] is var v && v != 0)
                {
                    cell(j, v);
                    count++;
                }
            return count;
        }

        /// <summary>
        /// The rows (of category <paramref name="only"/>, or all when negative) that may be among the <paramref name="top"/>
        /// best by exact dot product with the unit <paramref name="query"/>, in increasing order in the first
        /// <paramref name="count"/> cells of a rented array (the caller returns it to the pool); null when the query is too
        /// dense for postings to pay.
        /// </summary>
        public int[]? Candidates(ReadOnlySpan<float> query, int[] categories, int only, int top, out int count)
        {
            count = 0;
            var approximate = ArrayPool<float>.Shared.Rent(_rowCount);
            try
            {
                if (!TryScore(query, approximate)) return null;
                return Select(approximate.AsSpan(0, _rowCount), categories, only, top, SparseMargin, out count);
            }
            finally
            {
                ArrayPool<float>.Shared.Return(approximate);
            }
        }

        /// <summary>Rows a score array holds.</summary>
        public int RowCount => _rowCount;

        /// <summary>The non-zero cells the postings hold.</summary>
        public long NonZero => _rows.LongLength;

        /// <summary>
        /// The approximate dot product of every row with <paramref name="query"/> (unit or not), into the first
        /// <see cref="RowCount"/> cells of <paramref name="scores"/> (added to what they hold when <paramref name="accumulate"/>),
        /// through the postings of its non-zero dimensions only; false (and <paramref name="scores"/> unspecified) when those
        /// postings are too many for this to pay.
        /// </summary>
        public bool TryScore(ReadOnlySpan<float> query, float[] scores, bool accumulate = false)
        {
            // The query's non-zero dimensions by the length of their postings, to be paired below (taken in the index's
            // order, so no sort per search), and the work they add up to.
            Span<int> dims = query.Length <= 4096 ? stackalloc int[query.Length] : new int[query.Length];
            var nonZero = 0;
            var work = 0L;
            foreach (var j in _byLength)
                if (query[j] != 0)
                {
                    dims[nonZero++] = j;
                    work += _start[j + 1] - _start[j];
                }
            if (work > _budget) return false;

            var second = ArrayPool<float>.Shared.Rent(_rowCount);
            try
            {
                var first = scores.AsSpan(0, _rowCount);
                var seconds = second.AsSpan(0, _rowCount);
                if (!accumulate) first.Clear();
                seconds.Clear();
                // The query's dimensions are taken in pairs of about as many postings, a posting of the one and then of the
                // other, the first's added into one array of scores and the second's into another, and the second array is
                // added in at the end. Measured at 10,000 entries (220,000 rows) on one core, this takes a fifth to a
                // quarter less time than one dimension at a time into one array; a pair into one array gains nothing
                // (likely because a row in both lists then waits on its first update), three or more arrays no longer fit
                // in the L2 cache, and pairs taken in dimension order leave a third of the postings to the longer list of a
                // pair alone.
                for (var t = 0; t + 1 < nonZero; t += 2)
                    AddPair(query[dims[t]], dims[t], query[dims[t + 1]], dims[t + 1], scores, second);
                if (nonZero % 2 == 1) Add(query[dims[nonZero - 1]], _start[dims[nonZero - 1]], _start[dims[nonZero - 1] + 1], scores);
                AddInto(first, seconds);
                return true;
            }
            finally
            {
                ArrayPool<float>.Shared.Return(second);
            }
        }

        /// <summary>
        /// The rows that may be among the <paramref name="top"/> best by exact dot product, given approximate
        /// <paramref name="scores"/> each within <paramref name="margin"/> of it, in increasing order in the first
        /// <paramref name="count"/> cells of a rented array (the caller returns it to the pool).
        /// </summary>
        public static int[] Select(ReadOnlySpan<float> scores, int[] categories, int only, int top, float margin, out int count)
        {
            count = 0;
            // The k-th best approximate score among eligible rows: a row more than two margins below it is beaten,
            // exactly, by at least k rows, so it cannot be in the top k.
            var threshold = KthBest(scores, categories, only, top) - 2 * margin;
            // Collected as a list rather than marked in a flag per row: the caller then takes the exact dot product of
            // these few rows instead of passing over all of them again (a 10,000-entry index has 220,000 rows, of
            // which a few dozen are candidates). Rented at the size of the worst case, all rows.
            var candidates = ArrayPool<int>.Shared.Rent(scores.Length);
            var limit = new Vector<float>(threshold);
            for (var at = 0; at < scores.Length; at += Vector<float>.Count)
            {
                var end = Math.Min(at + Vector<float>.Count, scores.Length);
                if (end - at == Vector<float>.Count && !Vector.GreaterThanOrEqualAny(new Vector<float>(scores[at..]), limit)) continue;
                for (var i = at; i < end; i++)
                    if (scores[i] >= threshold && (only < 0 || categories[i] == only)) candidates[count++] = i;
            }
            return candidates;
        }

        /// <summary>The weighted sum of <paramref name="parts"/>' first <paramref name="sum"/>.Length scores, into <paramref name="sum"/>, in one pass.</summary>
        public static void WeightedSum(Span<float> sum, float[][] parts, float[] weights)
        {
            var at = 0;
            for (; at <= sum.Length - Vector<float>.Count; at += Vector<float>.Count)
            {
                var total = Vector<float>.Zero;
                for (var i = 0; i < parts.Length; i++) total += new Vector<float>(weights[i]) * new Vector<float>(parts[i].AsSpan(at));
                total.CopyTo(sum[at..]);
            }
            for (; at < sum.Length; at++)
            {
                var total = 0f;
                for (var i = 0; i < parts.Length; i++) total += weights[i] * parts[i][at];
                sum[at] = total;
            }
        }

        /// <summary>
        /// Adds <paramref name="qa"/> times the cells of dimension <paramref name="a"/> to <paramref name="first"/> and
        /// <paramref name="qb"/> times those of <paramref name="b"/> to <paramref name="second"/>, a cell of each in turn.
        /// This and <see cref="Add"/> are the whole cost of a search, so neither checks bounds: every row index was written
        /// by Build, below _rowCount, and a posting's values run beside its rows.
        /// </summary>
        private void AddPair(float qa, int a, float qb, int b, float[] first, float[] second)
        {
            int fromA = _start[a], fromB = _start[b];
            var both = Math.Min(_start[a + 1] - fromA, _start[b + 1] - fromB);
            ref var scoreA = ref MemoryMarshal.GetArrayDataReference(first);
            ref var scoreB = ref MemoryMarshal.GetArrayDataReference(second);
            ref var rowA = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_rows), fromA);
            ref var rowB = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_rows), fromB);
            ref var valueA = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_values), fromA);
            ref var valueB = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_values), fromB);
            for (var k = 0; k < both; k++)
            {
                Unsafe.Add(ref scoreA, Unsafe.Add(ref rowA, k)) += qa * Unsafe.Add(ref valueA, k);
                Unsafe.Add(ref scoreB, Unsafe.Add(ref rowB, k)) += qb * Unsafe.Add(ref valueB, k);
            }
            Add(qa, fromA + both, _start[a + 1], first);
            Add(qb, fromB + both, _start[b + 1], second);
        }

        /// <summary>
        /// Adds <paramref name="seconds"/> into <paramref name="scores"/>, in the cache: not TensorPrimitives.Add, which
        /// stores past the cache (non-temporally) above 256 KB, when the scores are read twice more right after.
        /// </summary>
        private static void AddInto(Span<float> scores, ReadOnlySpan<float> seconds)
        {
            var at = 0;
            for (; at <= scores.Length - Vector<float>.Count; at += Vector<float>.Count)
                (new Vector<float>(scores[at..]) + new Vector<float>(seconds[at..])).CopyTo(scores[at..]);
            for (; at < scores.Length; at++) scores[at] += seconds[at];
        }

        /// <summary>
        /// Adds <paramref name="q"/> times the cells [<paramref name="from"/>, <paramref name="to"/>) to <paramref name="scores"/>.
        /// Inlined: a call after the paired loop would keep the second query value on the stack inside that loop (on x64
        /// Linux no vector register survives a call), one more store per posting.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private void Add(float q, int from, int to, float[] scores)
        {
            ref var score = ref MemoryMarshal.GetArrayDataReference(scores);
            ref var row = ref MemoryMarshal.GetArrayDataReference(_rows);
            ref var value = ref MemoryMarshal.GetArrayDataReference(_values);
            for (var p = from; p < to; p++)
                Unsafe.Add(ref score, Unsafe.Add(ref row, p)) += q * Unsafe.Add(ref value, p);
        }

        /// <summary>
        /// The <paramref name="top"/>-th best score among eligible rows (a min-heap of the best seen), or -∞ when fewer rows
        /// are eligible. Once the heap is full, a run of scores none above its root is passed over with one comparison of
        /// vectors: almost every row of a large index is far below the k-th best.
        /// </summary>
        private static float KthBest(ReadOnlySpan<float> scores, int[] categories, int only, int top)
        {
            Span<float> heap = top <= 256 ? stackalloc float[top] : new float[top];
            var count = 0;
            for (var at = 0; at < scores.Length; at += Vector<float>.Count)
            {
                var end = Math.Min(at + Vector<float>.Count, scores.Length);
                if (count == top && end - at == Vector<float>.Count && !Vector.GreaterThanAny(new Vector<float>(scores[at..]), new Vector<float>(heap[0])))
                    continue;
                for (var i = at; i < end; i++)
                    if (only < 0 || categories[i] == only) Offer(heap, ref count, scores[i]);
            }
            return count < top ? float.NegativeInfinity : heap[0];
        }

        /// <summary>Keeps <paramref name="score"/> in the min-heap of the best <paramref name="heap"/>.Length scores if it is among them.</summary>
        private static void Offer(Span<float> heap, ref int count, float score)
        {
            if (count < heap.Length)
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
