using System.ComponentModel.DataAnnotations;

namespace Assistant.Server.Hosting;

/// <summary>Configuration section <c>Knowledge</c>: where the knowledge base and the trained model live.</summary>
public sealed class KnowledgeOptions
{
    public const string Section = "Knowledge";

    /// <summary>Relative paths are looked up from the content root and then its parent folders.</summary>
    [Required] public string Directory { get; set; } = "knowledge";

    [Required] public string ModelPath { get; set; } = "models/intent-classifier.zip";

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
