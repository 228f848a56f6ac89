using System.Text.Json;

namespace Assistant.Evaluation;

/// <summary>One line of an evaluation file: a seller message and the outcome(s) that count as right.</summary>
public sealed record EvalCase(string Text, string Expect, IReadOnlyList<string> Accept, int Line)
{
    public static IReadOnlyList<EvalCase> Load(string path)
    {
        var cases = new List<EvalCase>();
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            try
            {
                using var doc = JsonDocument.Parse(line);
                var root = doc.RootElement;
                var text = root.TryGetProperty("text", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()! : throw new FormatException("field 'text' is missing or not a string");
                var expect = root.TryGetProperty("expect", out var e) && e.ValueKind == JsonValueKind.String ? e.GetString()! : throw new FormatException("field 'expect' is missing or not a string");
                var accept = root.TryGetProperty("accept", out var a) && a.ValueKind == JsonValueKind.Array
                    ? a.EnumerateArray().Select(x => x.GetString() ?? "").ToArray()
                    : [];
                cases.Add(new EvalCase(text, expect, accept, lineNumber));
            }
            catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException)
            {
                throw new FormatException($"{path}:{lineNumber}: {ex.Message}", ex);
            }
        }
        return cases;
    }
}
