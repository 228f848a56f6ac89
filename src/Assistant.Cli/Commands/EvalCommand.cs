using System.Globalization;
using System.Text.Json;
using Assistant.Cli.Baseline;
using Assistant.Dialogue;
using Assistant.Evaluation;
using Assistant.Evaluation.Scenarios;
using Assistant.Handoff;
using Assistant.Understanding;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Assistant.Cli.Commands;

/// <summary>
/// <c>eval --file</c>: runs every case through the bot's own pipeline and the BM25 baseline, and reports the metrics.
/// <c>eval --scenarios</c>: plays multi-turn scenarios through the conversation engine and agent desk (PASS/FAIL each).
/// </summary>
internal static class EvalCommand
{
    public static async Task<int> RunAsync(Arguments args)
    {
        if (args.Value("--scenarios") is { } scenarios) return await RunScenariosAsync(args, scenarios);
        var file = args.Value("--file") ?? throw new ArgumentException("eval needs --file PATH or --scenarios PATH");
        var jsonPath = args.Value("--json");
        var verbose = args.Flag("--verbose");
        var maxPhrasings = args.MaxPhrasings();
        var context = CliContext.Create(args);
        args.RejectUnknown();
        if (!File.Exists(file)) throw new FileNotFoundException($"no evaluation file at {file}");

        var cases = EvalCase.Load(file);
        var knowledge = context.LoadKnowledge(maxPhrasings);
        var unknown = cases.Where(c => EvalJudge.IsTopic(c.Expect) && knowledge.FindFaq(c.Expect) is null).ToArray();
        if (unknown.Length > 0)
            throw new FormatException($"{file}:{unknown[0].Line}: expect '{unknown[0].Expect}' is not an FAQ id, handoff, smalltalk or out-of-scope");

        var model = context.LoadOrTrainScorer(knowledge, context.LoggerFactory.CreateLogger("eval"), coldStart: maxPhrasings is not null);
        using var neural = context.Neural();
        var decider = await UnderstandingFactory.CreateDeciderAsync(knowledge, model, context.Policy(), neural: neural?.Evidence);
        await EvalRunner.WarmUpAsync(decider, cases.Select(c => c.Text).ToArray(), TimeSpan.FromSeconds(3));
        var results = await EvalRunner.RunAsync(decider, cases);
        var metrics = EvalMetrics.From(results);
        var latency = LatencySummary.From(results.Select(r => r.LatencyMs));

        using var baseline = new Bm25Baseline(knowledge) { Threshold = Bm25Baseline.TuneOutOfFold(knowledge, 5, PolicyTuner.DefaultTargetPrecision) };
        var baselineResults = await EvalRunner.RunAsync(baseline, cases);
        var baselineMetrics = EvalMetrics.From(baselineResults);

        if (maxPhrasings is { } n)
            Console.WriteLine($"Cold start: at most {n} phrasings per FAQ entry ({knowledge.Faqs.Sum(f => f.Questions.Count)} questions kept); model trained aside in {ColdStart.ModelFolder}");
        Console.WriteLine($"Understanding mode: {context.ModeFor(knowledge)}" + (context.Understanding.Mode == UnderstandingOptions.Auto ? $" (auto: {knowledge.Faqs.Count} entries)" : ""));
        EvalPrinter.Print(Path.GetFileName(file), results, metrics, latency, verbose);
        Console.WriteLine();
        Console.WriteLine(FormattableString.Invariant($"BM25 baseline (Lucene CJK; threshold {baseline.Threshold:0.00} tuned like the assistant's, on held-out knowledge at precision >= {PolicyTuner.DefaultTargetPrecision}):"));
        EvalPrinter.PrintMetrics(baselineMetrics);
        var ratio = baselineMetrics.Coverage > 0 ? metrics.Coverage / baselineMetrics.Coverage : double.PositiveInfinity;
        Console.WriteLine(FormattableString.Invariant($"Coverage vs baseline: {ratio:0.00}x"));

        if (jsonPath is not null)
        {
            var report = new
            {
                metrics.Accuracy, metrics.AnswerPrecision, metrics.Coverage, metrics.WrongAnswerRate, metrics.HandoffRecall,
                metrics.OutOfScopeDecline, metrics.SmalltalkAccuracy, metrics.Cases, MaxPhrasings = maxPhrasings,
                LatencyMs = new { latency.P50, latency.P99 },
                Baseline = baselineMetrics,
            };
            var options = new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };
            await File.WriteAllTextAsync(jsonPath, JsonSerializer.Serialize(report, options) + "\n");
            Console.WriteLine($"Wrote {jsonPath}");
        }
        return 0;
    }

    /// <summary>
    /// Plays every scenario and prints PASS/FAIL with the reason, then <c>N passed, N failed</c>. The exit
    /// code is 0 whatever the outcome (it is a measurement); only a bad file is an error (exit 2).
    /// </summary>
    private static async Task<int> RunScenariosAsync(Arguments args, string file)
    {
        if (args.Value("--file") is not null) throw new ArgumentException("eval takes --file or --scenarios, not both");
        var jsonPath = args.Value("--json");
        var verbose = args.Flag("--verbose");
        var context = CliContext.Create(args);
        args.RejectUnknown();
        if (!File.Exists(file)) throw new FileNotFoundException($"no scenario file at {file}");

        var scenarios = ScenarioLoader.Load(file);
        var knowledge = context.LoadKnowledge();
        if (ScenarioLoader.UnknownFaqIds(scenarios, id => knowledge.FindFaq(id) is not null) is [var first, ..]) throw new FormatException($"{Path.GetFileName(file)}: {first}");

        var model = context.LoadOrTrainScorer(knowledge, context.LoggerFactory.CreateLogger("eval"));
        using var neural = context.Neural();
        var decider = await UnderstandingFactory.CreateDeciderAsync(knowledge, model, context.Policy(), neural: neural?.Evidence);
        var runner = new ScenarioRunner(decider, Bind<ContactOptions>(context, ContactOptions.Section), Bind<DialogueOptions>(context, DialogueOptions.Section),
            Bind<HandoffOptions>(context, HandoffOptions.Section));
        var results = await runner.RunAllAsync(scenarios);

        Console.WriteLine($"Scenarios in {Path.GetFileName(file)} ({results.Count}):");
        foreach (var result in results)
        {
            Console.WriteLine(ScenarioReport.Line(result));
            if (verbose) ScenarioReport.WriteTurns(Console.Out, result);
        }
        Console.WriteLine(ScenarioReport.Summary(results));

        if (jsonPath is not null)
        {
            var options = new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
            await File.WriteAllTextAsync(jsonPath, JsonSerializer.Serialize(ScenarioReport.Json(results), options) + "\n");
            Console.WriteLine($"Wrote {jsonPath}");
        }
        return 0;
    }

    private static T Bind<T>(CliContext context, string section) where T : new()
    {
        var options = new T();
        context.Configuration.GetSection(section).Bind(options);
        return options;
    }
}

internal static class EvalPrinter
{
    public static void Print(string name, IReadOnlyList<EvalResult> results, EvalMetrics metrics, LatencySummary latency, bool verbose)
    {
        Console.WriteLine($"Assistant on {name} ({metrics.Cases} cases):");
        PrintMetrics(metrics);
        Console.WriteLine(FormattableString.Invariant($"  decision latency per message: p50 {latency.P50:0.000} ms, p99 {latency.P99:0.000} ms"));

        Console.WriteLine();
        Console.WriteLine("By expected outcome:            right / cases   decisions");
        foreach (var group in results.GroupBy(r => EvalJudge.IsTopic(r.Case.Expect) ? "(FAQ topics)" : r.Case.Expect).OrderBy(g => g.Key, StringComparer.Ordinal))
            Console.WriteLine($"  {group.Key,-28} {group.Count(r => r.Right),5} / {group.Count(),-5}   {Decisions(group)}");

        Console.WriteLine();
        Console.WriteLine("By FAQ topic:                   right / cases   decisions");
        foreach (var group in results.Where(r => EvalJudge.IsTopic(r.Case.Expect)).GroupBy(r => r.Case.Expect).OrderBy(g => g.Key, StringComparer.Ordinal))
            Console.WriteLine($"  {group.Key,-28} {group.Count(r => r.Right),5} / {group.Count(),-5}   {Decisions(group)}");

        var wrong = results.Where(r => !r.Right || verbose).ToArray();
        Console.WriteLine();
        Console.WriteLine(verbose ? "Every case:" : $"Confusions ({wrong.Length}):");
        foreach (var r in wrong)
        {
            var got = r.Decision.Action + (r.Decision.FaqId is { } id ? ":" + id : "") +
                      (r.Decision.Suggestions.Count > 0 ? "[" + string.Join(",", r.Decision.Suggestions) + "]" : "");
            Console.WriteLine(FormattableString.Invariant($"  {(r.Right ? "ok " : "BAD")} line {r.Case.Line,-4} expect {r.Case.Expect,-22} got {got} ({r.Decision.Intent} {r.Decision.Confidence:0.00})  {r.Case.Text}"));
        }
    }

    public static void PrintMetrics(EvalMetrics m) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  accuracy {m.Accuracy:0.000}  answerPrecision {m.AnswerPrecision:0.000}  coverage {m.Coverage:0.000}  wrongAnswerRate {m.WrongAnswerRate:0.000}\n" +
            $"  handoffRecall {m.HandoffRecall:0.000}  outOfScopeDecline {m.OutOfScopeDecline:0.000}  smalltalkAccuracy {m.SmalltalkAccuracy:0.000}"));

    private static string Decisions(IEnumerable<EvalResult> results) =>
        string.Join(" ", results.GroupBy(r => r.Decision.Action).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key}={g.Count()}"));
}
