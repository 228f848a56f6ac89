using System.Text.RegularExpressions;

namespace Assistant.Text;

/// <summary>
/// Maps the forms sellers write (English words, slang, frequent misspellings) to the canonical Korean
/// terms the knowledge base uses. Expansion adds terms; it never rewrites the seller's message. Only English words
/// written with Korean grammar ("refund 해 주세요", "buyer 들한테") are read in Korean (<see cref="InKorean"/>).
/// </summary>
public sealed class Lexicon
{
    private readonly (string Form, string Canonical, bool Latin)[] _forms;

    public Lexicon(IReadOnlyDictionary<string, IReadOnlyList<string>> terms, IReadOnlyDictionary<string, IReadOnlyList<string>>? mixed = null)
    {
        Terms = terms;
        Mixed = mixed ?? new Dictionary<string, IReadOnlyList<string>>();
        _forms = terms
            .SelectMany(t => t.Value.Append(t.Key).Select(form => (Form: TextNormalizer.Normalize(form), Canonical: t.Key)))
            .Where(f => f.Form.Length > 0)
            .Select(f => (f.Form, f.Canonical, Latin: !f.Form.Any(Hangul.IsHangul)))
            .Select(f => (f.Latin ? f.Form : f.Form.Replace(" ", string.Empty, StringComparison.Ordinal), f.Canonical, f.Latin))
            .Distinct()
            .ToArray();
        _byFirst = _forms.Select((f, i) => (f.Form[0], i)).GroupBy(x => x.Item1).ToDictionary(g => g.Key, g => g.Select(x => x.i).ToArray());
        _latinWords = _forms.Where(f => f.Latin).SelectMany(f => f.Form.Split(' ')).Where(w => w.Length >= MinCorrected - 1 && w.All(char.IsAsciiLetter))
            .ToHashSet(StringComparer.Ordinal);
        _latinByFirst = _latinWords.GroupBy(w => w[0]).ToDictionary(g => g.Key, g => g.ToArray());
        // Every English word of the mixed list to its Korean word; longest first, so "tax invoice" is read before "invoice".
        _inKorean = Mixed.SelectMany(m => m.Value.Select(v => (Form: TextNormalizer.Normalize(v), Korean: m.Key)))
            .Where(f => f.Form.Length > 0 && f.Form.All(c => char.IsAsciiLetterOrDigit(c) || c == ' '))
            .DistinctBy(f => f.Form, StringComparer.Ordinal)
            .ToDictionary(f => f.Form, f => f.Korean, StringComparer.Ordinal);
        _mixedWord = _inKorean.Count == 0 ? null : new Regex(
            @"(?<![A-Za-z0-9\-])(" + string.Join('|', _inKorean.Keys.OrderByDescending(k => k.Length).Select(k => Regex.Escape(k).Replace(@"\ ", @"\s+", StringComparison.Ordinal))) + @")(?:s|es)?(?![A-Za-z0-9\-])(?=\s*\p{IsHangulSyllables})",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        // Forms written in both scripts ("business seller로", "hold걸려"): their English part stays, or the form is lost.
        _bothScripts = _forms.Where(f => !f.Latin && f.Form.Any(char.IsAsciiLetter)).Select(f => f.Form).ToArray();
    }

    private readonly string[] _bothScripts;

    /// <summary>Korean words and the English words sellers write for them inside a Korean sentence ("check 해 주세요").</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Mixed { get; }

    private readonly Dictionary<string, string> _inKorean;
    private readonly Regex? _mixedWord;

    /// <summary>
    /// The message with every English word or phrase of the mixed list written with Korean grammar, that is followed by
    /// Korean ("refund 해 주세요", "buyer 들한테", "tax invoice 금액이"), replaced by its Korean word. The rules that read Korean (a request to look into one's own case, a question's
    /// ending, the words about selling) then read a code-mixed message as they read a Korean one. An English sentence
    /// (no Korean after its words) is left as written.
    /// </summary>
    public string InKorean(string message)
    {
        if (_mixedWord is null || !EnglishBeforeKorean(message)) return message;
        var compact = TextNormalizer.Compact(message);
        var kept = _bothScripts.Where(f => compact.Contains(f, StringComparison.Ordinal))
            .Select(f => new string(f.Where(char.IsAsciiLetterOrDigit).ToArray())).ToArray();
        return _mixedWord.Replace(message, m =>
        {
            var english = Regex.Replace(m.Groups[1].Value.ToLowerInvariant(), @"\s+", " ");
            if (kept.Any(k => k.Contains(english.Replace(" ", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal))) return m.Value;
            return _inKorean.TryGetValue(english, out var korean) ? korean : m.Value;
        });
    }

    /// <summary>Whether an English letter is followed, after spaces at most, by a Korean syllable: the only place a word is read in Korean.</summary>
    private static bool EnglishBeforeKorean(string message)
    {
        for (var i = 0; i < message.Length; i++)
        {
            if (!char.IsAsciiLetter(message[i])) continue;
            var next = i + 1;
            while (next < message.Length && message[next] == ' ') next++;
            if (next < message.Length && message[next] is >= '가' and <= '힣') return true;
        }
        return false;
    }

    /// <summary>The words of the English forms, and the same by first letter: what a misspelt English word is corrected to.</summary>
    private readonly HashSet<string> _latinWords;
    private readonly Dictionary<char, string[]> _latinByFirst;

    /// <summary>Letters an English word needs to be corrected: shorter words are too often other words one letter apart.</summary>
    private const int MinCorrected = 6;

    /// <summary>The forms by their first character: a message is checked only against forms that can start in it.</summary>
    private readonly Dictionary<char, int[]> _byFirst;

    public static Lexicon Empty { get; } = new(new Dictionary<string, IReadOnlyList<string>>());

    public IReadOnlyDictionary<string, IReadOnlyList<string>> Terms { get; }

    /// <summary>The canonical terms whose forms occur in the message, in lexicon order, without repeats.</summary>
    public IReadOnlyList<string> Expand(string message)
    {
        var normalized = Corrected(TextNormalizer.Normalize(message));
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

    /// <summary>
    /// The normalized message with each misspelt English word replaced by the one word of the English forms it is a
    /// letter away from ("bank acount" → "bank account", "recieve" → "receive"): a letter left out, added or swapped with
    /// its neighbour, not at either end (so "proceed" never becomes "proceeds", nor "order" "orders") and never replaced by
    /// another (so "older" stays "older"), in words of six letters or more; an ambiguous word stays as written.
    /// </summary>
    private string Corrected(string normalized)
    {
        if (_latinWords.Count == 0 || !normalized.Any(char.IsAsciiLetter)) return normalized;
        string[]? words = null;
        var all = normalized.Split(' ');
        for (var i = 0; i < all.Length; i++)
        {
            var w = all[i];
            if (w.Length < MinCorrected || !w.All(char.IsAsciiLetter) || _latinWords.Contains(w) || !_latinByFirst.TryGetValue(w[0], out var near)) continue;
            string? only = null;
            var count = 0;
            foreach (var candidate in near)
                if (OneInnerEditApart(w, candidate) && count++ == 0) only = candidate;
            if (count == 1) (words ??= all)[i] = only!;
        }
        return words is null ? normalized : string.Join(' ', words);
    }

    /// <summary>Whether <paramref name="a"/> becomes <paramref name="b"/> by one letter left out, added or swapped with its neighbour, inside the word.</summary>
    internal static bool OneInnerEditApart(string a, string b)
    {
        if (a.Length == b.Length)
        {
            var i = 0;
            while (i < a.Length && a[i] == b[i]) i++;
            return i > 0 && i + 2 < a.Length && a[i] == b[i + 1] && a[i + 1] == b[i] && a.AsSpan(i + 2).SequenceEqual(b.AsSpan(i + 2));
        }
        if (Math.Abs(a.Length - b.Length) != 1) return false;
        var (longer, shorter) = a.Length > b.Length ? (a, b) : (b, a);
        var at = 0;
        while (at < shorter.Length && longer[at] == shorter[at]) at++;
        // The letter left out or added is inside the longer word, and the rest agrees.
        return at > 0 && at < longer.Length - 1 && longer.AsSpan(at + 1).SequenceEqual(shorter.AsSpan(at));
    }

    /// <summary>The canonical term whose form ends last in the message (what it mentioned most recently), or null.</summary>
    public string? Last(string message)
    {
        var normalized = Corrected(TextNormalizer.Normalize(message));
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
