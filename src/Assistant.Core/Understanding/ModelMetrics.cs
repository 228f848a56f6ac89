using System.Text.Json;
using System.Text.Json.Serialization;

namespace Assistant.Understanding;

/// <summary>What <c>train</c> measured, saved beside the model as <c>intent-classifier.metrics.json</c>.</summary>
public sealed record ModelMetrics(
    string TrainingDataHash,
    int Examples,
    int Labels,
    int Folds,
    double MacroF1,
    double Accuracy,
    IReadOnlyDictionary<string, double> PerIntentF1,
    DateTimeOffset TrainedAt)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string PathFor(string modelPath) => Path.ChangeExtension(modelPath, ".metrics.json");

    public static ModelMetrics? TryRead(string path) =>
        File.Exists(path) ? JsonSerializer.Deserialize<ModelMetrics>(File.ReadAllText(path), Json) : null;

    /// <summary>The same training data and the same measured results (when it was trained aside).</summary>
    public bool SameResultAs(ModelMetrics other) =>
        (TrainingDataHash, Examples, Labels, Folds, MacroF1, Accuracy) == (other.TrainingDataHash, other.Examples, other.Labels, other.Folds, other.MacroF1, other.Accuracy)
        && PerIntentF1.Count == other.PerIntentF1.Count
        && PerIntentF1.All(p => other.PerIntentF1.TryGetValue(p.Key, out var f1) && f1 == p.Value);

    public void Write(string path) => File.WriteAllText(path, JsonSerializer.Serialize(this, Json) + "\n");
}
