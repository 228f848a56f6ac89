using System.ComponentModel.DataAnnotations;

namespace Assistant.Server.Hosting;

/// <summary>Configuration section <c>Knowledge</c>: where the knowledge base and the trained model live.</summary>
public sealed class KnowledgeOptions
{
    public const string Section = "Knowledge";

    /// <summary>Relative paths are looked up from the content root and then its parent folders.</summary>
    [Required] public string Directory { get; set; } = "knowledge";

    [Required] public string ModelPath { get; set; } = "models/intent-classifier.zip";

    /// <summary>
    /// The evaluation files (JSON lines, <c>eval --file</c>'s format) a new knowledge version is compared on before the
    /// assistant switches to it. Unset: <see cref="DefaultEvaluationFiles"/>; files that do not exist are skipped.
    /// </summary>
    public string[]? EvaluationFiles { get; set; }

    public static readonly IReadOnlyList<string> DefaultEvaluationFiles = ["tests/data/holdout.jsonl", "../shared/eval/dev.jsonl"];

    /// <summary>How much lower (a fraction) a new version's answer precision may be than the running one's and still be switched to.</summary>
    [Range(0.0, 1.0)] public double PrecisionTolerance { get; set; } = 0.01;

    /// <summary>How much lower (a fraction) a new version's coverage may be; 0: not lower at all.</summary>
    [Range(0.0, 1.0)] public double CoverageTolerance { get; set; }

    /// <summary>How often (seconds) an instance checks the database for a version another instance switched to.</summary>
    [Range(0.1, 3600)] public double PollSeconds { get; set; } = 5;

    internal static string Resolve(string path, string contentRoot)
    {
        if (Path.IsPathRooted(path)) return path;
        for (var dir = new DirectoryInfo(contentRoot); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, path);
            if (System.IO.Directory.Exists(candidate) || File.Exists(candidate)) return candidate;
            if (System.IO.Directory.Exists(Path.GetDirectoryName(candidate)) && dir.GetDirectories("knowledge").Length > 0) return candidate;
        }
        return Path.Combine(contentRoot, path);
    }
}
