using System.Security.Cryptography;
using System.Text;
using Assistant.Knowledge;
using Assistant.Text;

namespace Assistant.Understanding;

/// <summary>Trains the classifier from the knowledge base and measures it by stratified k-fold cross-validation.</summary>
public static class IntentTrainer
{
    /// <summary>Bump when the features or trainer change, so a saved model is retrained.</summary>
    public const string PipelineVersion = "intent-v2 syllable1-3 jamo3 lbfgs-l2-0.01";

    public static IReadOnlyList<(string Label, string Text)> Examples(KnowledgeBase knowledge) =>
        knowledge.TrainingExamples().Select(e => (e.Label, FeatureText.For(e.Text, knowledge.Lexicon))).ToArray();

    /// <summary>Identifies exactly what a model was trained on: the feature texts, their labels and the pipeline.</summary>
    public static string TrainingDataHash(KnowledgeBase knowledge)
    {
        var sb = new StringBuilder(PipelineVersion).Append('\n');
        foreach (var (label, text) in Examples(knowledge)) sb.Append(label).Append('\t').Append(text).Append('\n');
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString())));
    }

    public static IntentModel Train(KnowledgeBase knowledge) => IntentModel.Train(Examples(knowledge));

    /// <summary>Out-of-fold predictions: every example classified by a model that never saw it.</summary>
    public static IReadOnlyList<(string Label, string Text, IReadOnlyList<IntentScore> Scores)> CrossValidate(
        IReadOnlyList<(string Label, string Text)> examples, int folds, Action<int>? onFold = null)
    {
        // Stratified: each label's examples are dealt round-robin over the folds, in a fixed shuffled order.
        var fold = new int[examples.Count];
        var random = new Random(1);
        foreach (var group in examples.Select((e, i) => (e.Label, i)).GroupBy(x => x.Label))
        {
            var indices = group.Select(x => x.i).OrderBy(_ => random.Next()).ToArray();
            for (var k = 0; k < indices.Length; k++) fold[indices[k]] = k % folds;
        }

        var results = new List<(string, string, IReadOnlyList<IntentScore>)>();
        for (var f = 0; f < folds; f++)
        {
            var model = IntentModel.Train(examples.Where((_, i) => fold[i] != f));
            for (var i = 0; i < examples.Count; i++)
                if (fold[i] == f) results.Add((examples[i].Label, examples[i].Text, model.Predict(examples[i].Text)));
            onFold?.Invoke(f);
        }
        return results;
    }

    public static ModelMetrics Measure(
        string trainingDataHash, IReadOnlyList<(string Label, string Text, IReadOnlyList<IntentScore> Scores)> outOfFold, int folds)
    {
        var labels = outOfFold.Select(r => r.Label).Distinct().Order(StringComparer.Ordinal).ToArray();
        var perIntent = new SortedDictionary<string, double>(StringComparer.Ordinal);
        foreach (var label in labels)
        {
            var tp = outOfFold.Count(r => r.Label == label && r.Scores[0].Label == label);
            var fp = outOfFold.Count(r => r.Label != label && r.Scores[0].Label == label);
            var fn = outOfFold.Count(r => r.Label == label && r.Scores[0].Label != label);
            perIntent[label] = tp == 0 ? 0 : Math.Round(2.0 * tp / (2.0 * tp + fp + fn), 4);
        }
        var accuracy = outOfFold.Count(r => r.Scores[0].Label == r.Label) / (double)outOfFold.Count;
        return new ModelMetrics(
            trainingDataHash, outOfFold.Count, labels.Length, folds,
            Math.Round(perIntent.Values.Average(), 4), Math.Round(accuracy, 4), perIntent, DateTimeOffset.UtcNow);
    }
}
