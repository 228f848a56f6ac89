using Assistant.Understanding;

namespace Assistant.Tests.Understanding;

/// <summary>Training twice on the same data gives the same model and the same metrics, so <c>train</c> on unchanged knowledge leaves <c>models/</c> alone.</summary>
[Collection(RepoCollection.Name)]
public sealed class TrainingDeterminismTests(RepoFixture repo)
{
    [Fact]
    public void SameDataGivesTheSameMetricsAndScores()
    {
        // A small slice of the real knowledge: six labels, all their examples.
        var labels = IntentTrainer.Examples(repo.Knowledge).Select(e => e.Label).Distinct().Order(StringComparer.Ordinal).Take(6).ToHashSet();
        var examples = IntentTrainer.Examples(repo.Knowledge).Where(e => labels.Contains(e.Label)).ToArray();

        ModelMetrics Measure() => IntentTrainer.Measure("hash", IntentTrainer.CrossValidate(examples, 3), 3);
        var (first, second) = (Measure(), Measure());
        Assert.True(first.SameResultAs(second), $"{first.MacroF1} vs {second.MacroF1}");

        var (a, b) = (IntentModel.Train(examples), IntentModel.Train(examples));
        foreach (var (_, text) in examples.Take(40))
            Assert.Equal(a.Predict(text).Select(s => (s.Label, s.Probability)), b.Predict(text).Select(s => (s.Label, s.Probability)));

        var dir = Path.Combine(Path.GetTempPath(), "assistant-model-" + Guid.NewGuid().ToString("N"));
        try
        {
            a.Save(Path.Combine(dir, "a.zip"));
            b.Save(Path.Combine(dir, "b.zip"));
            var (ma, mb) = (IntentModel.Load(Path.Combine(dir, "a.zip")), IntentModel.Load(Path.Combine(dir, "b.zip")));
            Assert.Equal(ma.Predict(examples[0].Text).Select(s => s.Probability), mb.Predict(examples[0].Text).Select(s => s.Probability));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
