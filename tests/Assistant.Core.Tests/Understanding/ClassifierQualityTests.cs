using Assistant.Understanding;

namespace Assistant.Tests.Understanding;

[Collection(RepoCollection.Name)]
public sealed class ClassifierQualityTests(RepoFixture repo)
{
    private static ModelMetrics Metrics => ModelMetrics.TryRead(ModelMetrics.PathFor(Paths.Model))
        ?? throw new InvalidOperationException("models/intent-classifier.metrics.json is missing: run `train`");

    [Fact]
    public void SavedModelWasTrainedOnTheCurrentKnowledge() =>
        Assert.True(Metrics.TrainingDataHash == IntentTrainer.TrainingDataHash(repo.Knowledge),
            "knowledge/ changed since the model was trained: run `dotnet run --project src/Assistant.Cli -- train` and commit models/");

    [Fact]
    public void CrossValidatedQualityStaysAboveTheFloor()
    {
        Assert.True(Metrics.Folds >= 5);
        Assert.True(Metrics.MacroF1 >= 0.75, $"macro-F1 {Metrics.MacroF1}");
        Assert.All(Metrics.PerIntentF1, p => Assert.True(p.Value >= 0.45, $"{p.Key} F1 {p.Value}"));
        Assert.Equal(repo.Model.Labels.Order(), Metrics.PerIntentF1.Keys.Order());
    }

    [Fact]
    public void PredictionsAreRankedProbabilities()
    {
        var scores = repo.Model.Predict(Assistant.Text.FeatureText.For("정산 계좌를 바꾸고 싶어요", repo.Knowledge.Lexicon));
        Assert.Equal("settlement-account", scores[0].Label);
        Assert.Equal(1f, scores.Sum(s => s.Probability), 3);
        Assert.True(scores.Zip(scores.Skip(1)).All(p => p.First.Probability >= p.Second.Probability));
    }

    [Fact]
    public void TrainingIsDeterministic()
    {
        var examples = IntentTrainer.Examples(repo.Knowledge).Where((_, i) => i % 3 == 0).ToArray();
        var a = IntentModel.Train(examples).Predict("환불언제돼요");
        var b = IntentModel.Train(examples).Predict("환불언제돼요");
        Assert.Equal(a.Select(s => (s.Label, s.Probability)), b.Select(s => (s.Label, s.Probability)));
    }
}
