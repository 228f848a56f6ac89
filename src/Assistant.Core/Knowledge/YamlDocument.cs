using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Assistant.Knowledge;

/// <summary>
/// A YAML mapping read with positions, so every problem is reported as file, line and field.
/// Reading never throws for content problems: it records them and returns what it could read.
/// </summary>
internal sealed class YamlDocument
{
    private readonly YamlMappingNode _root;
    private readonly List<KnowledgeError> _errors;
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);

    /// <summary>A nested mapping of text to text (e.g. category labels).</summary>
    public IEnumerable<(string Key, int Line, string? Value)> MappingOfScalars(string field)
    {
        var node = Find(field);
        if (node is not YamlMappingNode map)
        {
            Error(field, node is null ? "is missing" : "must be a mapping", LineOf(field));
            yield break;
        }
        foreach (var (keyNode, valueNode) in map.Children)
            yield return ((keyNode as YamlScalarNode)?.Value ?? "", (int)keyNode.Start.Line, (valueNode as YamlScalarNode)?.Value?.Trim());
    }

    /// <summary>An optional nested mapping of text to a list of text (e.g. each ticket area's words); nothing when absent.</summary>
    public IEnumerable<(string Key, int Line, IReadOnlyList<string> Values)> MappingOfLists(string field)
    {
        var node = Find(field);
        if (node is null) yield break;
        if (node is not YamlMappingNode map)
        {
            Error(field, "must be a mapping", LineOf(field));
            yield break;
        }
        foreach (var (keyNode, valueNode) in map.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value ?? "";
            var values = new List<string>();
            if (valueNode is YamlSequenceNode sequence)
                foreach (var child in sequence.Children)
                    if (child is YamlScalarNode { Value: { } v } && !string.IsNullOrWhiteSpace(v)) values.Add(v.Trim());
                    else Error($"{field}.{key}", "every item must be non-empty text", (int)child.Start.Line);
            else Error($"{field}.{key}", "must be a list", (int)keyNode.Start.Line);
            yield return (key, (int)keyNode.Start.Line, values);
        }
    }

    /// <summary>A list of mappings, each read as a document of its own (same file, same error list).</summary>
    public IReadOnlyList<YamlDocument> ListOfMappings(string field)
    {
        var node = Find(field);
        if (node is not YamlSequenceNode sequence)
        {
            Error(field, node is null ? "is missing" : "must be a list", LineOf(field));
            return [];
        }
        var items = new List<YamlDocument>();
        foreach (var child in sequence.Children)
        {
            if (child is YamlMappingNode map) items.Add(new YamlDocument(File, map, _errors));
            else Error(field, "every item must be a mapping", (int)child.Start.Line);
        }
        return items;
    }

    private YamlDocument(string file, YamlMappingNode root, List<KnowledgeError> errors)
    {
        File = file;
        _root = root;
        _errors = errors;
    }

    public string File { get; }

    public static YamlDocument? Load(string path, string displayName, List<KnowledgeError> errors)
    {
        try
        {
            using var reader = new StreamReader(path);
            var stream = new YamlStream();
            stream.Load(reader);
            if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
            {
                var line = stream.Documents.Count == 0 ? 1 : (int)stream.Documents[0].RootNode.Start.Line;
                errors.Add(new KnowledgeError(displayName, line, "(file)", "expected a YAML mapping of fields"));
                return null;
            }
            return new YamlDocument(displayName, root, errors);
        }
        catch (YamlException ex)
        {
            errors.Add(new KnowledgeError(displayName, (int)ex.Start.Line, "(syntax)", FirstLine(ex.Message)));
            return null;
        }
    }

    public int Line => (int)_root.Start.Line;

    /// <summary>The line of the field's name, where an operator looks for it.</summary>
    public int LineOf(string field)
    {
        _seen.Add(field);
        foreach (var (key, _) in _root.Children)
            if (key is YamlScalarNode { Value: { } name } && name == field) return (int)key.Start.Line;
        return Line;
    }

    public void Error(string field, string problem, int? line = null) =>
        _errors.Add(new KnowledgeError(File, line ?? LineOf(field), field, problem));

    public string? String(string field, bool required = true, int maxLength = int.MaxValue)
    {
        var node = Find(field);
        if (node is null)
        {
            if (required) Error(field, "is missing", Line);
            return null;
        }
        if (node is not YamlScalarNode scalar || string.IsNullOrWhiteSpace(scalar.Value))
        {
            Error(field, "must be non-empty text", LineOf(field));
            return null;
        }
        var value = scalar.Value.Trim();
        if (value.Length > maxLength)
            Error(field, $"is {value.Length} characters; at most {maxLength} allowed", LineOf(field));
        return value;
    }

    /// <summary>A list of non-empty strings, each with the line it stands on.</summary>
    public IReadOnlyList<(string Value, int Line)> StringList(string field, int minCount, bool required = true)
    {
        var node = Find(field);
        if (node is null)
        {
            if (required) Error(field, "is missing", Line);
            return [];
        }
        // A list that may be empty may also be written with no items at all ("questions:").
        if (minCount == 0 && node is YamlScalarNode { Value: null or "" }) return [];
        if (node is not YamlSequenceNode sequence)
        {
            Error(field, "must be a list", LineOf(field));
            return [];
        }
        var items = new List<(string, int)>();
        foreach (var child in sequence.Children)
        {
            if (child is YamlScalarNode { Value: { } v } && !string.IsNullOrWhiteSpace(v))
                items.Add((v.Trim(), (int)child.Start.Line));
            else
                Error(field, "every item must be non-empty text", (int)child.Start.Line);
        }
        if (items.Count < minCount)
            Error(field, $"has {items.Count} items; at least {minCount} required", LineOf(field));
        return items;
    }

    /// <summary>A nested mapping of text to list of text (the lexicon's shape).</summary>
    public IEnumerable<(string Key, int Line, IReadOnlyList<(string Value, int Line)> Values)> MapOfLists(string field, bool required = true)
    {
        var node = Find(field);
        if (node is null)
        {
            if (required) Error(field, "is missing", Line);
            yield break;
        }
        if (node is not YamlMappingNode map)
        {
            Error(field, "must be a mapping", LineOf(field));
            yield break;
        }
        foreach (var (keyNode, valueNode) in map.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value?.Trim() ?? "";
            var line = (int)keyNode.Start.Line;
            var values = new List<(string, int)>();
            if (valueNode is YamlSequenceNode seq)
            {
                foreach (var child in seq.Children)
                    if (child is YamlScalarNode { Value: { } v } && !string.IsNullOrWhiteSpace(v)) values.Add((v.Trim(), (int)child.Start.Line));
                    else Error($"{field}.{key}", "every item must be non-empty text", (int)child.Start.Line);
            }
            else
            {
                Error($"{field}.{key}", "must be a list", (int)valueNode.Start.Line);
            }
            yield return (key, line, values);
        }
    }

    /// <summary>Scalar fields of a nested mapping (the replies' shape).</summary>
    public IEnumerable<(string Key, int Line, string? Value)> Scalars()
    {
        foreach (var (keyNode, valueNode) in _root.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value ?? "";
            _seen.Add(key);
            yield return (key, (int)keyNode.Start.Line, (valueNode as YamlScalarNode)?.Value);
        }
    }

    /// <summary>Reports every field the reader never asked for: usually a misspelt field name.</summary>
    public void RejectUnknownFields()
    {
        foreach (var (keyNode, _) in _root.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value ?? "";
            if (!_seen.Contains(key))
                _errors.Add(new KnowledgeError(File, (int)keyNode.Start.Line, key, "is not a known field"));
        }
    }

    private YamlNode? Find(string field)
    {
        _seen.Add(field);
        return _root.Children.TryGetValue(new YamlScalarNode(field), out var node) ? node : null;
    }

    private static string FirstLine(string message)
    {
        var text = message.Split('\n')[0].Trim();
        var close = text.IndexOf("): ", StringComparison.Ordinal);
        return close >= 0 ? text[(close + 3)..] : text;
    }
}
