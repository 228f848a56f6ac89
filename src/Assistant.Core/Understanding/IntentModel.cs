using System.Collections.Concurrent;
using Microsoft.ML;
using Assistant.Text;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Microsoft.ML.Transforms.Text;

namespace Assistant.Understanding;

public sealed record IntentScore(string Label, float Probability);

/// <summary>
/// The ML.NET intent classifier: syllable 1-3-grams of the spacing-free text (word n-grams hurt
/// Korean written without spaces) and jamo trigrams of the same text (typo tolerance), maximum-entropy
/// L-BFGS, softmax probabilities over every FAQ id and non-FAQ intent. Prediction engines are pooled because they are not thread-safe.
/// </summary>
public sealed class IntentModel : IIntentScorer
{
    private readonly MLContext _ml;
    private readonly ITransformer _model;
    private readonly string[] _labels;
    private readonly ConcurrentBag<PredictionEngine<IntentInput, IntentOutput>> _engines = [];

    private IntentModel(MLContext ml, ITransformer model, DataViewSchema inputSchema)
    {
        _ml = ml;
        _model = model;
        InputSchema = inputSchema;
        var engine = Rent();
        var names = default(VBuffer<ReadOnlyMemory<char>>);
        engine.OutputSchema["Score"].GetSlotNames(ref names);
        _labels = names.DenseValues().Select(n => n.ToString()).ToArray();
        Return(engine);
    }

    public IReadOnlyList<string> Labels => _labels;

    internal DataViewSchema InputSchema { get; }

    public static IntentModel Train(IEnumerable<(string Label, string Text)> examples, int seed = 1)
    {
        var ml = new MLContext(seed);
        var data = ml.Data.LoadFromEnumerable(examples.Select(e => new IntentInput { Label = e.Label, Text = e.Text, Jamo = Hangul.ToJamo(e.Text) }));
        var model = Pipeline(ml).Fit(data);
        return new IntentModel(ml, model, data.Schema);
    }

    public static IntentModel Load(string path)
    {
        var ml = new MLContext(1);
        var model = ml.Model.Load(path, out var schema);
        return new IntentModel(ml, model, schema);
    }

    public void Save(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temporary = path + ".tmp";
        _ml.Model.Save(_model, InputSchema, temporary);
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>Every label with its probability, most probable first.</summary>
    public IReadOnlyList<IntentScore> Predict(string featureText)
    {
        var engine = Rent();
        try
        {
            var scores = engine.Predict(new IntentInput { Text = featureText, Jamo = Hangul.ToJamo(featureText), Label = string.Empty }).Score;
            var ranked = new IntentScore[_labels.Length];
            for (var i = 0; i < ranked.Length; i++) ranked[i] = new IntentScore(_labels[i], scores[i]);
            Array.Sort(ranked, (a, b) => b.Probability.CompareTo(a.Probability));
            return ranked;
        }
        finally
        {
            Return(engine);
        }
    }

    IReadOnlyList<IntentScore> IIntentScorer.Score(string featureText, IReadOnlyList<Assistant.Retrieval.RetrievalCandidate> candidates) => Predict(featureText);

    internal static IEstimator<ITransformer> Pipeline(MLContext ml) =>
        ml.Transforms.Conversion.MapValueToKey("Label")
            .Append(ml.Transforms.Text.FeaturizeText("Syllables", CharGrams(3, allLengths: true), nameof(IntentInput.Text)))
            .Append(ml.Transforms.Text.FeaturizeText("Jamo", CharGrams(3, allLengths: false), nameof(IntentInput.Jamo)))
            .Append(ml.Transforms.Concatenate("Features", "Syllables", "Jamo"))
            // L-BFGS with the default L1 = L2 = 1 learns nothing on data this small.
            .Append(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(new LbfgsMaximumEntropyMulticlassTrainer.Options
            {
                L1Regularization = 0,
                L2Regularization = 0.01f,
                // One thread: parallel gradient sums add up in a varying order, so the same data gave
                // slightly different weights (and metrics) on every run.
                NumberOfThreads = 1,
            }))
            .Append(ml.Transforms.Conversion.MapKeyToValue("PredictedLabel"));

    private static TextFeaturizingEstimator.Options CharGrams(int length, bool allLengths) => new()
    {
        CharFeatureExtractor = new WordBagEstimator.Options { NgramLength = length, UseAllLengths = allLengths },
        WordFeatureExtractor = null,
        StopWordsRemoverOptions = null,
        CaseMode = TextNormalizingEstimator.CaseMode.Lower,
        KeepPunctuations = false,
    };

    private PredictionEngine<IntentInput, IntentOutput> Rent() =>
        _engines.TryTake(out var engine) ? engine : _ml.Model.CreatePredictionEngine<IntentInput, IntentOutput>(_model, InputSchema);

    private void Return(PredictionEngine<IntentInput, IntentOutput> engine) => _engines.Add(engine);

    internal sealed class IntentInput
    {
        public string Text { get; set; } = string.Empty;

        public string Jamo { get; set; } = string.Empty;

        // A saved model still asks for the Label column at prediction time.
        public string Label { get; set; } = string.Empty;
    }

    internal sealed class IntentOutput
    {
        public float[] Score { get; set; } = [];
    }
}
