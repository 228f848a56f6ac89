using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Assistant.Knowledge.Editing;

/// <summary>What an import file holds: one edit per entry, the line each entry starts on, and every problem as <c>line: field: problem</c>.</summary>
public sealed record ImportParse(IReadOnlyList<UpsertEntry> Edits, IReadOnlyDictionary<string, int> LineOf, IReadOnlyList<string> Problems);

/// <summary>
/// Reads an existing help center's export into <see cref="UpsertEntry"/> edits.
/// CSV (RFC 4180: a header row, fields in double quotes when they hold commas, quotes or line breaks, a quote
/// doubled inside): columns <c>id,category,title,answer,phrasings</c> and optionally <c>facts</c>, in any order;
/// phrasings (and facts) are separated by <c>|</c> or by line breaks inside the quoted field.
/// JSON: an array of objects with the same fields, <c>phrasings</c> (and <c>facts</c>) as arrays of text.
/// Problems name the CSV line a record starts on, or the line of the JSON object.
/// </summary>
public static partial class HelpCenterImport
{
    public static readonly IReadOnlyList<string> RequiredColumns = ["id", "category", "title", "answer", "phrasings"];
    public static readonly IReadOnlyList<string> OptionalColumns = ["facts"];

    /// <summary><paramref name="format"/> is <c>csv</c> or <c>json</c>.</summary>
    public static ImportParse Parse(string content, string format) => format.ToLowerInvariant() switch
    {
        "csv" => ParseCsv(content),
        "json" => ParseJson(content),
        _ => throw new ArgumentException($"import format must be csv or json, not '{format}'", nameof(format)),
    };

    /// <summary>The format of a file by its extension (<c>.csv</c>, <c>.json</c>), or null.</summary>
    public static string? FormatOf(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".csv" => "csv",
        ".json" => "json",
        _ => null,
    };

    /// <summary>
    /// Validation errors of the knowledge written from an import, told in the import's terms: an error in an
    /// imported entry's file becomes <c>line: field: problem</c> with the line the entry starts on.
    /// </summary>
    public static IReadOnlyList<string> InImportTerms(IEnumerable<string> problems, IReadOnlyDictionary<string, int> lineOf) =>
        problems.Select(p =>
        {
            var m = FaqProblem().Match(p);
            return m.Success && lineOf.TryGetValue(m.Groups["id"].Value, out var line) ? $"{line}: {m.Groups["rest"].Value}" : p;
        }).ToArray();

    /// <summary>
    /// Every problem of an import in line order: the file's own (<see cref="ImportParse.Problems"/>) and the validation
    /// errors of the entries that could be read (<see cref="InImportTerms"/>).
    /// </summary>
    public static IReadOnlyList<string> AllProblems(ImportParse parsed, IEnumerable<string> validation) =>
        InLineOrder(parsed.Problems.Concat(InImportTerms(validation, parsed.LineOf)));

    /// <summary>Problems sorted by their leading line number (stable; a problem without one goes last).</summary>
    private static string[] InLineOrder(IEnumerable<string> problems) =>
        problems.Select((p, i) => (p, i, Line: int.TryParse(p.AsSpan(0, Math.Max(0, p.IndexOf(':'))), out var n) ? n : int.MaxValue))
            .OrderBy(x => x.Line).ThenBy(x => x.i).Select(x => x.p).ToArray();

    [GeneratedRegex(@"^faq/(?<id>[^/:]+)\.yaml:\d+: (?<rest>.*)$", RegexOptions.Singleline)]
    private static partial Regex FaqProblem();

    private static ImportParse ParseCsv(string content)
    {
        var problems = new List<string>();
        var records = ReadCsv(content, problems);
        if (records.Count == 0)
        {
            if (problems.Count == 0) problems.Add("1: (header): the file is empty; the first line must be id,category,title,answer,phrasings");
            return new ImportParse([], new Dictionary<string, int>(), problems);
        }
        var header = records[0].Fields.Select(f => f.Trim().ToLowerInvariant()).ToArray();
        var fileProblems = problems.Count;
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < header.Length; i++)
        {
            if (!RequiredColumns.Contains(header[i]) && !OptionalColumns.Contains(header[i]))
                problems.Add($"1: (header): unknown column '{records[0].Fields[i]}'; the columns are {string.Join(",", RequiredColumns)} (and facts)");
            else if (!columns.TryAdd(header[i], i))
                problems.Add($"1: (header): column '{header[i]}' is listed twice");
        }
        foreach (var missing in RequiredColumns.Where(c => !columns.ContainsKey(c)))
            problems.Add($"1: (header): column '{missing}' is missing");
        if (problems.Count > fileProblems) return new ImportParse([], new Dictionary<string, int>(), problems);

        var rows = new List<(int Line, Func<string, string?> Text, Func<string, IReadOnlyList<string>?> List)>();
        foreach (var record in records.Skip(1))
        {
            if (record.Fields.Count == 1 && record.Fields[0].Trim().Length == 0) continue; // a blank line
            if (record.Fields.Count != header.Length)
            {
                problems.Add($"{record.Line}: (record): has {record.Fields.Count} fields; the header has {header.Length}");
                continue;
            }
            var fields = record.Fields;
            rows.Add((record.Line,
                c => columns.TryGetValue(c, out var i) ? fields[i] : null,
                c => columns.TryGetValue(c, out var i) ? SplitList(fields[i]) : null));
        }
        return Entries(rows, problems);
    }

    /// <summary>Phrasings or facts in one CSV field: separated by <c>|</c> or line breaks.</summary>
    private static IReadOnlyList<string> SplitList(string field) =>
        field.ReplaceLineEndings("\n").Split(['|', '\n']).Select(p => p.Trim()).Where(p => p.Length > 0).ToArray();

    private static ImportParse ParseJson(string content)
    {
        var problems = new List<string>();
        var bytes = Encoding.UTF8.GetBytes(content);
        var rows = new List<(int Line, Func<string, string?> Text, Func<string, IReadOnlyList<string>?> List)>();
        try
        {
            var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
            {
                problems.Add($"{LineAt(bytes, reader.TokenStartIndex)}: (file): must be a JSON array of entries");
                return new ImportParse([], new Dictionary<string, int>(), problems);
            }
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                var line = LineAt(bytes, reader.TokenStartIndex);
                using var element = JsonDocument.ParseValue(ref reader);
                var item = element.RootElement.Clone();
                if (item.ValueKind != JsonValueKind.Object)
                {
                    problems.Add($"{line}: (entry): must be an object with id, category, title, answer and phrasings");
                    continue;
                }
                foreach (var property in item.EnumerateObject().Where(p => !RequiredColumns.Contains(p.Name) && !OptionalColumns.Contains(p.Name)))
                    problems.Add($"{line}: {property.Name}: is not a known field; the fields are {string.Join(", ", RequiredColumns)} (and facts)");
                rows.Add((line,
                    name => item.TryGetProperty(name, out var v) ? v.ValueKind switch
                    {
                        JsonValueKind.String => v.GetString(),
                        JsonValueKind.Null => null,
                        _ => Bad(line, name, "must be text"),
                    } : null,
                    name => !item.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null ? null
                        : v.ValueKind == JsonValueKind.Array && v.EnumerateArray().All(x => x.ValueKind == JsonValueKind.String)
                            ? v.EnumerateArray().Select(x => x.GetString()!.Trim()).Where(x => x.Length > 0).ToArray()
                            : BadList(line, name)));
            }
        }
        catch (JsonException ex)
        {
            problems.Add($"{(ex.LineNumber ?? 0) + 1}: (syntax): {FirstSentence(ex.Message)}");
            return new ImportParse([], new Dictionary<string, int>(), problems);
        }
        return Entries(rows, problems);

        string? Bad(int line, string name, string problem)
        {
            problems.Add($"{line}: {name}: {problem}");
            return "";
        }

        IReadOnlyList<string>? BadList(int line, string name)
        {
            problems.Add($"{line}: {name}: must be a list of text");
            return [];
        }
    }

    private static ImportParse Entries(List<(int Line, Func<string, string?> Text, Func<string, IReadOnlyList<string>?> List)> rows, List<string> problems)
    {
        var edits = new List<UpsertEntry>();
        var lineOf = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (line, text, list) in rows)
        {
            var before = problems.Count;
            string Field(string name)
            {
                var value = text(name)?.Trim() ?? "";
                // A value of the wrong type already has its problem; an absent or blank one is missing.
                if (value.Length == 0 && !problems.Any(p => p.StartsWith($"{line}: {name}:", StringComparison.Ordinal)))
                    problems.Add($"{line}: {name}: is missing");
                return value;
            }
            var id = Field("id");
            var category = Field("category");
            var title = Field("title");
            var answer = Field("answer");
            var phrasings = list("phrasings") ?? [];
            var facts = list("facts") ?? [];
            if (id.Length > 0 && !IdPattern().IsMatch(id))
                problems.Add($"{line}: id: '{id}' must be lower-case letters, digits and hyphens");
            else if (id.Length > 0 && lineOf.TryGetValue(id, out var first))
                problems.Add($"{line}: id: '{id}' is already used at line {first}");
            if (problems.Count > before) continue;
            lineOf[id] = line;
            edits.Add(new UpsertEntry(new FaqEntryDraft(id, category, title, answer, facts, phrasings)));
        }
        return new ImportParse(edits, lineOf, InLineOrder(problems));
    }

    /// <summary>RFC 4180 records with the line each starts on; an unclosed quote is a problem at the line it opened.</summary>
    private static List<(int Line, List<string> Fields)> ReadCsv(string content, List<string> problems)
    {
        var records = new List<(int, List<string>)>();
        if (content.Length > 0 && content[0] == '\uFEFF') content = content[1..];
        var line = 1;
        var i = 0;
        while (i < content.Length)
        {
            var start = line;
            var fields = new List<string>();
            var field = new StringBuilder();
            var endOfRecord = false;
            while (!endOfRecord)
            {
                if (i < content.Length && content[i] == '"')
                {
                    var opened = line;
                    i++;
                    while (true)
                    {
                        if (i >= content.Length)
                        {
                            problems.Add($"{opened}: (syntax): a quoted field is not closed");
                            return records;
                        }
                        var c = content[i++];
                        if (c == '"')
                        {
                            if (i < content.Length && content[i] == '"') { field.Append('"'); i++; }
                            else break;
                        }
                        else
                        {
                            if (c == '\n') line++;
                            field.Append(c);
                        }
                    }
                }
                while (i < content.Length && content[i] is not (',' or '\n' or '\r')) field.Append(content[i++]);
                fields.Add(field.ToString());
                field.Clear();
                if (i >= content.Length) endOfRecord = true;
                else if (content[i] == ',') i++;
                else
                {
                    if (content[i] == '\r') i++;
                    if (i < content.Length && content[i] == '\n') i++;
                    line++;
                    endOfRecord = true;
                }
            }
            records.Add((start, fields));
        }
        return records;
    }

    private static int LineAt(byte[] bytes, long offset)
    {
        var line = 1;
        for (var i = 0; i < offset && i < bytes.Length; i++) if (bytes[i] == (byte)'\n') line++;
        return line;
    }

    private static string FirstSentence(string message)
    {
        // System.Text.Json appends "Path: ... | LineNumber: ... | BytePositionInLine: ...": the line is already given.
        foreach (var tail in new[] { " Path:", " LineNumber:" })
        {
            var cut = message.IndexOf(tail, StringComparison.Ordinal);
            if (cut > 0) message = message[..cut];
        }
        return message.Trim();
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex IdPattern();
}
