namespace Assistant.Text;

/// <summary>
/// Maps the forms sellers write (English words, slang, frequent misspellings) to the canonical Korean
/// terms the knowledge base uses. Expansion adds terms; it never rewrites the seller's message.
/// </summary>
public sealed class Lexicon
{
    private readonly (string Form, string Canonical, bool Latin)[] _forms;

    public Lexicon(IReadOnlyDictionary<string, IReadOnlyList<string>> terms)
    {
        Terms = terms;
        _forms = terms
            .SelectMany(t => t.Value.Append(t.Key).Select(form => (Form: TextNormalizer.Normalize(form), Canonical: t.Key)))
            .Where(f => f.Form.Length > 0)
            .Select(f => (f.Form, f.Canonical, Latin: !f.Form.Any(Hangul.IsHangul)))
            .Select(f => (f.Latin ? f.Form : f.Form.Replace(" ", string.Empty, StringComparison.Ordinal), f.Canonical, f.Latin))
            .Distinct()
            .ToArray();
        _byFirst = _forms.Select((f, i) => (f.Form[0], i)).GroupBy(x => x.Item1).ToDictionary(g => g.Key, g => g.Select(x => x.i).ToArray());
    }

    /// <summary>The forms by their first character: a message is checked only against forms that can start in it.</summary>
    private readonly Dictionary<char, int[]> _byFirst;

    public static Lexicon Empty { get; } = new(new Dictionary<string, IReadOnlyList<string>>());

    public IReadOnlyDictionary<string, IReadOnlyList<string>> Terms { get; }

    /// <summary>The canonical terms whose forms occur in the message, in lexicon order, without repeats.</summary>
    public IReadOnlyList<string> Expand(string message)
    {
        var normalized = TextNormalizer.Normalize(message);
        var compact = normalized.Replace(" ", string.Empty, StringComparison.Ordinal);
        var hits = new List<int>();
        var starts = new HashSet<char>();
        foreach (var c in compact)
        {
            if (!starts.Add(c) || !_byFirst.TryGetValue(c, out var forms)) continue;
            foreach (var i in forms)
            {
                var (form, _, latin) = _forms[i];
                if (latin ? ContainsWord(normalized, form) : compact.Contains(form, StringComparison.Ordinal)) hits.Add(i);
            }
        }
        hits.Sort();
        var found = new List<string>();
        foreach (var i in hits)
            if (!found.Contains(_forms[i].Canonical)) found.Add(_forms[i].Canonical);
        return found;
    }

    /// <summary>The canonical term whose form ends last in the message (what it mentioned most recently), or null.</summary>
    public string? Last(string message)
    {
        var normalized = TextNormalizer.Normalize(message);
        var compact = normalized.Replace(" ", string.Empty, StringComparison.Ordinal);
        string? last = null;
        var lastEnd = -1;
        foreach (var term in Expand(message))
            foreach (var (form, canonical, latin) in _forms)
            {
                if (canonical != term) continue;
                // Ends are compared in the message without spaces (where a Korean form is found).
                int end;
                if (!latin) end = compact.LastIndexOf(form, StringComparison.Ordinal) is var at and >= 0 ? at + form.Length : -1;
                else if (normalized.LastIndexOf(form, StringComparison.Ordinal) is var word and >= 0)
                    end = word + form.Length - normalized.AsSpan(0, word + form.Length).Count(' ');
                else end = -1;
                if (end > lastEnd) (last, lastEnd) = (term, end);
            }
        return last;
    }

    /// <summary>
    /// Latin forms match whole words only, so "fee" does not fire inside "feedback"; a trailing plural "s" is allowed.
    /// Only Latin letters and digits continue a Latin word: a particle written onto it ("refund는", "payout이") ends it.
    /// </summary>
    private static bool ContainsWord(string text, string form)
    {
        var start = 0;
        while ((start = text.IndexOf(form, start, StringComparison.Ordinal)) >= 0)
        {
            var end = start + form.Length;
            var leftOk = start == 0 || !char.IsAsciiLetterOrDigit(text[start - 1]);
            if (end < text.Length && text[end] == 's') end++;
            var rightOk = end >= text.Length || !char.IsAsciiLetterOrDigit(text[end]);
            if (leftOk && rightOk) return true;
            start++;
        }
        return false;
    }
}
