using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Assistant.Knowledge.Editing;

/// <summary>
/// The text of every knowledge file (each <c>*.yaml</c> under <c>knowledge/</c>, by its path with <c>/</c>): what a
/// knowledge version holds. Immutable; <see cref="Load"/> validates it exactly as <c>validate</c> validates the folder.
/// </summary>
public sealed class KnowledgeFiles
{
    private readonly SortedDictionary<string, string> _files;

    public KnowledgeFiles(IEnumerable<KeyValuePair<string, string>> files)
    {
        _files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (path, text) in files) _files[path] = text;
        Hash = ComputeHash(_files);
    }

    public IReadOnlyDictionary<string, string> Files => _files;

    /// <summary>SHA-256 of the paths and texts: two versions with the same files have the same hash.</summary>
    public string Hash { get; }

    /// <summary>Every <c>*.yaml</c> file under <paramref name="directory"/>.</summary>
    public static KnowledgeFiles Read(string directory) =>
        new(Directory.GetFiles(directory, "*.yaml", SearchOption.AllDirectories)
            .Select(p => KeyValuePair.Create(Path.GetRelativePath(directory, p).Replace('\\', '/'), File.ReadAllText(p))));

    public KnowledgeFiles With(IEnumerable<KeyValuePair<string, string>> changes)
    {
        var files = new Dictionary<string, string>(_files, StringComparer.Ordinal);
        foreach (var (path, text) in changes) files[path] = text;
        return new KnowledgeFiles(files);
    }

    /// <summary>Loads (and so validates) the files from a temporary folder; throws <see cref="KnowledgeValidationException"/> with <c>file:line: field: problem</c> errors.</summary>
    public KnowledgeBase Load()
    {
        var folder = Path.Combine(Path.GetTempPath(), "assistant-knowledge-" + Guid.NewGuid().ToString("N"));
        try
        {
            WriteTo(folder);
            return KnowledgeLoader.Load(folder);
        }
        finally
        {
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>
    /// Makes <paramref name="directory"/> hold exactly these files: each changed file is written whole (to a temporary
    /// name, then moved over the old one), and <c>*.yaml</c> files that are not part of the version are removed. Other files stay.
    /// </summary>
    public void WriteTo(string directory)
    {
        Directory.CreateDirectory(directory);
        foreach (var (path, text) in _files)
        {
            var target = Path.Combine(directory, path.Replace('/', Path.DirectorySeparatorChar));
            if (File.Exists(target) && File.ReadAllText(target) == text) continue;
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            var temporary = target + ".tmp";
            File.WriteAllText(temporary, text);
            File.Move(temporary, target, overwrite: true);
        }
        foreach (var existing in Directory.GetFiles(directory, "*.yaml", SearchOption.AllDirectories))
            if (!_files.ContainsKey(Path.GetRelativePath(directory, existing).Replace('\\', '/'))) File.Delete(existing);
    }

    public string ToJson() => JsonSerializer.Serialize(_files);

    public static KnowledgeFiles FromJson(string json) =>
        new(JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? throw new FormatException("knowledge files: not a JSON object"));

    private static string ComputeHash(SortedDictionary<string, string> files)
    {
        var sb = new StringBuilder();
        foreach (var (path, text) in files) sb.Append(path).Append('\0').Append(text.ReplaceLineEndings("\n")).Append('\0');
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString())));
    }
}
