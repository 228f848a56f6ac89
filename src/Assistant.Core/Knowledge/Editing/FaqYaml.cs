using System.Text;

namespace Assistant.Knowledge.Editing;

/// <summary>Writes an FAQ entry as a <c>knowledge/faq/*.yaml</c> file the loader reads back to the same fields.</summary>
public static class FaqYaml
{
    public static string PathOf(string id) => $"faq/{id}.yaml";

    public static string Write(FaqEntryDraft entry)
    {
        var sb = new StringBuilder();
        sb.Append("id: ").Append(Scalar(entry.Id)).Append('\n');
        sb.Append("category: ").Append(Scalar(entry.Category)).Append('\n');
        sb.Append("title: ").Append(Scalar(entry.Title)).Append('\n');
        sb.Append("answer:");
        var answer = entry.Answer.ReplaceLineEndings("\n").Trim('\n');
        var lines = answer.Split('\n');
        // A literal block keeps the answer as written; a first line starting with a space would be read as indentation.
        if (lines.Length > 1 && lines[0].Length > 0 && !char.IsWhiteSpace(lines[0][0]) && lines.All(l => !l.Contains('\t')))
        {
            sb.Append(" |\n");
            foreach (var line in lines) sb.Append(line.Length == 0 ? "" : "  " + line.TrimEnd()).Append('\n');
        }
        else sb.Append(' ').Append(Scalar(answer)).Append('\n');
        List("facts", entry.Facts);
        List("questions", entry.Questions);
        return sb.ToString();

        void List(string field, IReadOnlyList<string> items)
        {
            if (items.Count == 0)
            {
                sb.Append(field).Append(": []\n");
                return;
            }
            sb.Append(field).Append(":\n");
            foreach (var item in items) sb.Append("  - ").Append(Scalar(item)).Append('\n');
        }
    }

    /// <summary>Always double-quoted, so no text (a leading dash, a colon, "yes", a number) changes meaning.</summary>
    public static string Scalar(string value)
    {
        var sb = new StringBuilder("\"");
        foreach (var c in value)
            sb.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when char.IsControl(c) => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        return sb.Append('"').ToString();
    }
}
