using System.Diagnostics;
using System.Globalization;
using Assistant.Evaluation;
using Assistant.Understanding;

namespace Assistant.Cli.Commands;

/// <summary>
/// <c>bench-scale</c>: what a knowledge base of a given size costs. Stage <c>train</c> trains the classifier once
/// (what a start-up with changed knowledge does) and reports wall and CPU time, the cores visible and the process's
/// peak working set; stage <c>decide</c> builds the indexes (embedding fit, vector and BM25 index) and measures decision
/// latency p50/p99 over a message file after warm-up; <c>all</c> (default) does both in one process. Run the decide
/// stage under <c>taskset -c 0</c> for one core (<c>scripts/bench-scale.sh</c> does). A benchmark, never a test.
/// </summary>
internal static class BenchScaleCommand
{
    public static async Task<int> RunAsync(Arguments args)
    {
        var stage = args.Value("--stage") ?? "all";
        if (stage is not ("all" or "train" or "decide")) throw new ArgumentException("--stage must be all, train or decide");
        var file = args.Value("--file");
        var passes = int.Parse(args.Value("--passes") ?? "5", CultureInfo.InvariantCulture);
        var slowest = int.Parse(args.Value("--slowest") ?? "0", CultureInfo.InvariantCulture);
        var modelOut = args.Value("--save-model");
        var context = CliContext.Create(args);
        args.RejectUnknown();
        if (stage != "train" && file is null) throw new ArgumentException("bench-scale needs --file PATH (messages) for the decide stage");

        var process = Process.GetCurrentProcess();
        var clock = Stopwatch.StartNew();
        var knowledge = context.LoadKnowledge();
        var loadSeconds = clock.Elapsed.TotalSeconds;
        var retrievalFirst = context.RetrievalFirst(knowledge);
        var examples = retrievalFirst ? RetrievalFirstModel.Examples(knowledge) : IntentTrainer.Examples(knowledge);
        Report("knowledge", $"{knowledge.Faqs.Count} entries, {examples.Count} training examples, {examples.Select(e => e.Label).Distinct().Count()} labels, loaded in {loadSeconds:0.00} s, mode {context.ModeFor(knowledge)}");

        // The saved file is the per-entry classifier, or the act classifier in retrieval mode.
        IIntentScorer Wrap(IntentModel m) => retrievalFirst ? new RetrievalFirstModel(m, knowledge) : m;
        IntentModel TrainOne() => retrievalFirst ? RetrievalFirstModel.Train(knowledge).Acts : IntentTrainer.Train(knowledge);
        IIntentScorer model;
        if (stage == "decide")
        {
            // The model the train stage saved (or the one of --model when it matches this knowledge).
            model = Wrap(File.Exists(context.ModelPath) ? IntentModel.Load(context.ModelPath) : TrainOne());
        }
        else
        {
            var cpu0 = process.TotalProcessorTime;
            clock.Restart();
            var trained = TrainOne();
            model = Wrap(trained);
            var wall = clock.Elapsed.TotalSeconds;
            process.Refresh();
            var cpu = (process.TotalProcessorTime - cpu0).TotalSeconds;
            Report("train", $"wall {wall:0.0} s, cpu {cpu:0.0} s on {Environment.ProcessorCount} core(s) visible, peak working set {PeakMiB(process)} MiB");
            if (modelOut is not null) trained.Save(modelOut);
        }
        if (stage == "train") return 0;

        clock.Restart();
        var decider = await UnderstandingFactory.CreateDeciderAsync(knowledge, model, context.Policy());
        Report("index", $"build {clock.Elapsed.TotalSeconds:0.00} s (embedding fit, vector index, BM25), peak working set {PeakMiB(process)} MiB");

        var messages = EvalCase.Load(file!).Select(c => c.Text).ToArray();
        await EvalRunner.WarmUpAsync(decider, messages, TimeSpan.FromSeconds(3));
        var samples = new List<double>(messages.Length * passes);
        for (var pass = 0; pass < passes; pass++)
            foreach (var message in messages)
            {
                var t0 = Stopwatch.GetTimestamp();
                await decider.DecideAsync(message);
                samples.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
            }
        var latency = LatencySummary.From(samples);
        Report("decision", $"p50 {latency.P50:0.000} ms, p99 {latency.P99:0.000} ms over {messages.Length} messages x {passes} passes on {Environment.ProcessorCount} core(s) visible, peak working set {PeakMiB(process)} MiB");
        // --slowest N: the messages with the highest median time over the passes (where the tail comes from).
        foreach (var (message, ms) in messages
                .Select((m, i) => (m, Enumerable.Range(0, passes).Select(p => samples[p * messages.Length + i]).Order().ElementAt(passes / 2)))
                .OrderByDescending(x => x.Item2).Take(slowest))
            Report("slow", $"{ms,7:0.000} ms  {(message.Length > 70 ? message[..70] + "…" : message)}");
        return 0;
    }

    private static long PeakMiB(Process process)
    {
        process.Refresh();
        return process.PeakWorkingSet64 / 1048576;
    }

    private static void Report(string what, string text) => Console.WriteLine($"{what,-10} {text}");
}
