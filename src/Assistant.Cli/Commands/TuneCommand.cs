using System.Diagnostics;
using System.Globalization;
using Assistant.Evaluation;

namespace Assistant.Cli.Commands;

/// <summary><c>tune</c>: picks the answer thresholds on out-of-fold evidence from the knowledge base and prints them for configuration.</summary>
internal static class TuneCommand
{
    public static async Task<int> RunAsync(Arguments args)
    {
        var folds = int.Parse(args.Value("--folds") ?? "5", CultureInfo.InvariantCulture);
        var target = double.Parse(args.Value("--precision") ?? PolicyTuner.DefaultTargetPrecision.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        var maxPhrasings = args.MaxPhrasings();
        var context = CliContext.Create(args);
        args.RejectUnknown();

        var knowledge = context.LoadKnowledge(maxPhrasings);
        var clock = Stopwatch.StartNew();
        var evidence = await PolicyTuner.CollectAsync(knowledge, folds, f => Console.WriteLine($"  fold {f + 1}/{folds} ({clock.Elapsed.TotalSeconds:0.0} s)"));
        var current = context.Policy();
        Console.WriteLine($"  scoring the configured thresholds ({clock.Elapsed.TotalSeconds:0.0} s)");
        var before = PolicyTuner.Score(knowledge, evidence, current);
        Console.WriteLine($"  searching thresholds ({clock.Elapsed.TotalSeconds:0.0} s)");
        var result = PolicyTuner.Tune(knowledge, evidence, current, target, (step, steps, confidence) =>
            Console.WriteLine(FormattableString.Invariant($"  search {step}/{steps}: AnswerConfidence {confidence:0.000} done ({clock.Elapsed.TotalSeconds:0.0} s)")));
        Console.WriteLine($"  search done ({clock.Elapsed.TotalSeconds:0.0} s)");

        Console.WriteLine($"Out-of-fold evidence: {evidence.Count} held-out messages");
        Console.WriteLine("Configured thresholds:");
        EvalPrinter.PrintMetrics(before);
        Console.WriteLine(result.MetTarget ? $"Best at answer precision >= {target}:" : $"No setting reaches precision {target}; the most precise:");
        EvalPrinter.PrintMetrics(result.Metrics);
        Console.WriteLine(FormattableString.Invariant(
            $"Set in appsettings.json \"Policy\": \"AnswerConfidence\": {result.Options.AnswerConfidence}, \"AnswerMargin\": {result.Options.AnswerMargin}, \"MinRetrievalScore\": {result.Options.MinRetrievalScore}"));
        return 0;
    }
}
