using System.Diagnostics;
using System.Globalization;
using Assistant.Evaluation;

namespace Assistant.Cli.Commands;

/// <summary><c>tune</c>: picks the answer thresholds on out-of-fold evidence from the knowledge base and prints them for configuration.</summary>
internal static class TuneCommand
{
    /// <summary>Phrasings per entry a cold start keeps when its thresholds are tuned.</summary>
    private const int ColdKeep = 3;

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
        if (maxPhrasings is not null) return 0;

        // The thresholds for entries with few phrasings (an imported help center): a cold start of this knowledge keeps
        // the first 3 phrasings of every entry and decides the others, which it never saw.
        Console.WriteLine($"  cold start: {ColdKeep} phrasings per entry kept, the others held out ({clock.Elapsed.TotalSeconds:0.0} s)");
        var coldEvidence = await PolicyTuner.CollectColdAsync(knowledge, ColdKeep);
        // These held-out phrasings are questions about entries only (no small talk, no other services), so precision on
        // them runs high: the cold thresholds may gain coverage only without losing any precision the configured ones have.
        var configuredCold = PolicyTuner.Score(coldEvidence.Knowledge, coldEvidence.Evidence, current);
        var coldTarget = Math.Max(target, Math.Floor(configuredCold.AnswerPrecision * 1000) / 1000);
        var cold = PolicyTuner.TuneCold(coldEvidence, result.Options, coldTarget);
        Console.WriteLine($"Cold start ({coldEvidence.Evidence.Count} held-out phrasings), configured thresholds:");
        EvalPrinter.PrintMetrics(configuredCold);
        Console.WriteLine(cold.MetTarget ? $"Best at answer precision >= {coldTarget}:" : $"No setting reaches precision {coldTarget}; the most precise:");
        EvalPrinter.PrintMetrics(cold.Metrics);
        Console.WriteLine(FormattableString.Invariant(
            $"Set in appsettings.json \"Policy\": \"ColdAnswerConfidence\": {cold.Options.ColdAnswerConfidence}, \"ColdAnswerMargin\": {cold.Options.ColdAnswerMargin}, \"ColdMinRetrievalScore\": {cold.Options.ColdMinRetrievalScore} ({clock.Elapsed.TotalSeconds:0.0} s)"));
        return 0;
    }
}
