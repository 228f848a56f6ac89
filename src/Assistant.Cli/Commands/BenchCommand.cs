using System.Diagnostics;
using System.Globalization;
using Assistant.Evaluation;
using Assistant.Text;
using Assistant.Understanding;

namespace Assistant.Cli.Commands;

/// <summary>
/// <c>bench</c>: decision latency per message and per stage over many passes of a message file, after
/// warm-up. Run it under <c>taskset -c 0</c> to measure one core.
/// </summary>
internal static class BenchCommand
{
    public static async Task<int> RunAsync(Arguments args)
    {
        var file = args.Value("--file") ?? throw new ArgumentException("bench needs --file PATH");
        var passes = int.Parse(args.Value("--passes") ?? "20", CultureInfo.InvariantCulture);
        var context = CliContext.Create(args);
        args.RejectUnknown();

        var knowledge = context.LoadKnowledge();
        var model = context.LoadOrTrainScorer(knowledge, context.LoggerFactory.CreateLogger("bench"));
        var decider = await UnderstandingFactory.CreateDeciderAsync(knowledge, model, context.Policy());
        var embeddings = UnderstandingFactory.CreateEmbeddings(knowledge);
        var messages = EvalCase.Load(file).Select(c => c.Text).ToArray();

        var stages = new Dictionary<string, List<double>>
        {
            ["decision (whole pipeline)"] = [], ["features + lexicon"] = [], ["classifier"] = [], ["embedding"] = [], ["vector search"] = [], ["bm25"] = [],
        };
        var index = new Assistant.Retrieval.InMemoryVectorIndex();
        await Assistant.Retrieval.KnowledgeIndexer.IndexAsync(knowledge, embeddings, index);
        var lexical = Assistant.Retrieval.KnowledgeIndexer.BuildLexical(knowledge);
        // Warm up until tiered compilation has settled (several seconds), then measure.
        await EvalRunner.WarmUpAsync(decider, messages, TimeSpan.FromSeconds(3));
        for (var pass = -1; pass < passes; pass++)
        {
            foreach (var message in messages)
            {
                var t0 = Stopwatch.GetTimestamp();
                await decider.DecideAsync(message);
                var t1 = Stopwatch.GetTimestamp();
                var features = FeatureText.For(message, knowledge.Lexicon);
                var t2 = Stopwatch.GetTimestamp();
                model.Score(features, []);
                var t3 = Stopwatch.GetTimestamp();
                embeddings.Embed(FeatureText.ForRetrieval(message, knowledge.Lexicon));
                var t4 = Stopwatch.GetTimestamp();
                var query = embeddings.Embed(FeatureText.ForRetrieval(message, knowledge.Lexicon));
                var t5 = Stopwatch.GetTimestamp();
                index.Search(query, 24);
                var t6 = Stopwatch.GetTimestamp();
                lexical.Search(FeatureText.ForRetrieval(message, knowledge.Lexicon), 24);
                var t7 = Stopwatch.GetTimestamp();
                if (pass < 0) continue;
                stages["vector search"].Add(Stopwatch.GetElapsedTime(t5, t6).TotalMilliseconds);
                stages["bm25"].Add(Stopwatch.GetElapsedTime(t6, t7).TotalMilliseconds);
                stages["decision (whole pipeline)"].Add(Stopwatch.GetElapsedTime(t0, t1).TotalMilliseconds);
                stages["features + lexicon"].Add(Stopwatch.GetElapsedTime(t1, t2).TotalMilliseconds);
                stages["classifier"].Add(Stopwatch.GetElapsedTime(t2, t3).TotalMilliseconds);
                stages["embedding"].Add(Stopwatch.GetElapsedTime(t3, t4).TotalMilliseconds);
            }
        }

        Console.WriteLine($"{messages.Length} messages x {passes} passes, {Environment.ProcessorCount} core(s) visible, allocated {GC.GetTotalAllocatedBytes() / 1048576} MiB, working set {Environment.WorkingSet / 1048576} MiB");
        foreach (var (stage, samples) in stages)
        {
            var s = LatencySummary.From(samples);
            Console.WriteLine(FormattableString.Invariant($"  {stage,-28} p50 {s.P50:0.000} ms   p99 {s.P99:0.000} ms"));
        }
        return 0;
    }
}
