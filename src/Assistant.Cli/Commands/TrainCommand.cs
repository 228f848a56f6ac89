using System.Diagnostics;
using Assistant.Understanding;

namespace Assistant.Cli.Commands;

/// <summary><c>train</c>: cross-validates the classifier, then trains it on everything and saves model and metrics.</summary>
internal static class TrainCommand
{
    public static int Run(Arguments args)
    {
        var folds = int.Parse(args.Value("--folds") ?? "5", System.Globalization.CultureInfo.InvariantCulture);
        var context = CliContext.Create(args);
        args.RejectUnknown();

        var knowledge = context.LoadKnowledge();
        if (context.RetrievalFirst(knowledge))
        {
            // Retrieval-first understanding (chosen, or auto above Understanding:ClassifierMaxEntries): only the act classifier is trained.
            var clock0 = Stopwatch.StartNew();
            Console.WriteLine($"Understanding mode {UnderstandingOptions.Retrieval} for {knowledge.Faqs.Count} entries: training the act classifier ({RetrievalFirstModel.Examples(knowledge).Count} examples)");
            RetrievalFirstModel.LoadOrTrain(knowledge, context.ActModelPath, context.LoggerFactory.CreateLogger("train"));
            Console.WriteLine($"Act classifier at {Path.GetRelativePath(context.Root, context.ActModelPath)} ({clock0.Elapsed.TotalSeconds:0.0} s)");
            return 0;
        }
        var examples = IntentTrainer.Examples(knowledge);
        var hash = IntentTrainer.TrainingDataHash(knowledge);
        Console.WriteLine($"Training data: {examples.Count} examples, {examples.Select(e => e.Label).Distinct().Count()} labels, hash {hash[..12]}");

        var clock = Stopwatch.StartNew();
        var outOfFold = IntentTrainer.CrossValidate(examples, folds, f => Console.WriteLine($"  fold {f + 1}/{folds} done ({clock.Elapsed.TotalSeconds:0.0} s)"));
        var metrics = IntentTrainer.Measure(hash, outOfFold, folds);

        var metricsPath = ModelMetrics.PathFor(context.ModelPath);
        var saved = ModelMetrics.TryRead(metricsPath);
        if (saved is not null && File.Exists(context.ModelPath) && saved.SameResultAs(metrics))
        {
            // Training is deterministic: the same data and pipeline give the same model, so models/ stays as it is.
            Console.WriteLine($"Cross-validated ({folds} folds): macro-F1 {metrics.MacroF1:0.000}, accuracy {metrics.Accuracy:0.000}");
            Console.WriteLine($"Model unchanged (same training data and results); {Path.GetRelativePath(context.Root, context.ModelPath)} left as is ({clock.Elapsed.TotalSeconds:0.0} s)");
            return 0;
        }
        Console.WriteLine($"Training the final model on all examples ({clock.Elapsed.TotalSeconds:0.0} s)");
        var model = IntentTrainer.Train(knowledge);
        model.Save(context.ModelPath);
        metrics.Write(metricsPath);

        Console.WriteLine($"Cross-validated ({folds} folds): macro-F1 {metrics.MacroF1:0.000}, accuracy {metrics.Accuracy:0.000}");
        foreach (var (label, f1) in metrics.PerIntentF1.OrderBy(p => p.Value).Take(8))
            Console.WriteLine($"  {label,-28} F1 {f1:0.000}");
        Console.WriteLine($"Saved {Path.GetRelativePath(context.Root, context.ModelPath)} and its metrics in {clock.Elapsed.TotalSeconds:0.0} s");
        return 0;
    }
}
