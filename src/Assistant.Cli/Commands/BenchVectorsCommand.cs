using System.Diagnostics;
using System.Globalization;
using System.Numerics.Tensors;
using Assistant.Retrieval;

namespace Assistant.Cli.Commands;

/// <summary>
/// <c>bench-vectors</c>: the embedded index's exact scan (top 24) against a pure memory-bound pass over the same
/// number of floats (a SIMD sum of an array as large as the index's matrix), for random normalized vectors of several
/// counts and dimensions; reports both medians and their ratio. Run it under <c>taskset -c 0</c>. A benchmark, never a test.
/// </summary>
internal static class BenchVectorsCommand
{
    public static async Task<int> RunAsync(Arguments args)
    {
        var counts = Ints(args.Value("--counts") ?? "3250,12000");
        var dimensions = Ints(args.Value("--dims") ?? "1024,384");
        var repeats = int.Parse(args.Value("--repeats") ?? "200", CultureInfo.InvariantCulture);
        args.RejectUnknown();

        var random = new Random(1);
        foreach (var d in dimensions)
            foreach (var n in counts)
            {
                var index = new InMemoryVectorIndex();
                await index.EnsureCollectionAsync(d);
                var records = new VectorRecord[n];
                for (var i = 0; i < n; i++)
                    records[i] = new VectorRecord($"e{i / 13}#q{i % 13}", $"e{i / 13}", $"c{i % 7}", string.Empty, RandomUnit(random, d));
                await index.ReplaceAllAsync(records);
                var flat = new float[n * d];
                for (var i = 0; i < n; i++) records[i].Vector.Span.CopyTo(flat.AsSpan(i * d, d));
                var queries = Enumerable.Range(0, 16).Select(_ => RandomUnit(random, d)).ToArray();

                var sink = 0f;
                var scan = Median(repeats, q => sink += index.Search(queries[q % queries.Length], 24)[0].Score);
                var filtered = Median(repeats, q => sink += index.Search(queries[q % queries.Length], 24, "c3")[0].Score);
                var pass = Median(repeats, _ => sink += TensorPrimitives.Sum(flat));
                Console.WriteLine(FormattableString.Invariant(
                    $"{n,6} x {d,4} ({n * d * 4 / 1048576.0,5:0.0} MiB): scan {scan,7:0.000} ms, one category {filtered,7:0.000} ms, memory pass {pass,7:0.000} ms, ratio {scan / pass:0.00}{(sink == 42 ? " " : "")}"));
            }
        return 0;
    }

    private static double Median(int repeats, Action<int> action)
    {
        for (var i = 0; i < Math.Max(10, repeats / 10); i++) action(i);
        var samples = new double[repeats];
        for (var i = 0; i < repeats; i++)
        {
            var t0 = Stopwatch.GetTimestamp();
            action(i);
            samples[i] = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
        }
        Array.Sort(samples);
        return samples[repeats / 2];
    }

    private static float[] RandomUnit(Random random, int dimensions)
    {
        var v = new float[dimensions];
        for (var i = 0; i < v.Length; i++) v[i] = (float)(random.NextDouble() * 2 - 1);
        TensorPrimitives.Divide(v, TensorPrimitives.Norm(v), v);
        return v;
    }

    private static int[] Ints(string list) => list.Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
}
