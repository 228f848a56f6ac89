using System.Text.RegularExpressions;
using Assistant.Text;

namespace Assistant.Knowledge;

/// <summary>
/// The sentences of an FAQ answer as evidence for the entry: Markdown bullets and sentences split apart, emphasis
/// and placeholders taken out, and pointers to another entry ("…는 '정산 보류·지연' 안내를 확인하세요", which quote
/// another entry's title) left out, since they speak of the other entry's topic.
/// </summary>
public static partial class AnswerEvidence
{
    /// <summary>Sentences shorter than this (letters and digits, spacing ignored) say too little to be evidence.</summary>
    private const int MinLength = 6;

    /// <summary>Every entry's id with its title as compared (spacing removed), made once for a whole knowledge base.</summary>
    public static (string Id, string Title)[] Titles(IEnumerable<FaqEntry> all) =>
        all.Select(f => (f.Id, TextNormalizer.Compact(f.Title))).ToArray();

    /// <summary>The evidence sentences of <paramref name="entry"/>, with the titles of every entry given (<see cref="Titles"/>).</summary>
    public static IReadOnlyList<string> Sentences(FaqEntry entry, (string Id, string Title)[] titles)
    {
        var sentences = new List<string>();
        foreach (var rawLine in entry.Answer.Split('\n'))
        {
            var line = Bullet().Replace(rawLine.Trim(), "");
            line = Placeholder().Replace(line.Replace("**", "", StringComparison.Ordinal).Replace("__", "", StringComparison.Ordinal), " ");
            foreach (var part in SentenceEnd().Split(line))
            {
                var sentence = Spaces().Replace(part, " ").Trim();
                if (TextNormalizer.Compact(sentence).Length < MinLength) continue;
                if (PointsElsewhere(sentence, entry.Id, titles)) continue;
                sentences.Add(sentence);
            }
        }
        return sentences;
    }

    private static bool PointsElsewhere(string sentence, string id, (string Id, string Title)[] titles)
    {
        foreach (Match quote in Quoted().Matches(sentence))
        {
            var quoted = TextNormalizer.Compact(quote.Groups[1].Value);
            if (quoted.Length >= 2 && titles.Any(t => t.Id != id && t.Title.Contains(quoted, StringComparison.Ordinal))) return true;
        }
        return false;
    }

    [GeneratedRegex(@"^([-*+•·]|\d+[.)])\s+")]
    private static partial Regex Bullet();

    [GeneratedRegex(@"\{\{[^}]*\}\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"(?<=[.!?。])\s+")]
    private static partial Regex SentenceEnd();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex("['‘\"“「]([^'’\"”」]+)['’\"”」]")]
    private static partial Regex Quoted();
}
