using Assistant.Text;

namespace Assistant.Knowledge;

/// <summary>
/// What is not ours, from <c>knowledge/scope.yaml</c>: other marketplaces and services sellers name
/// ("쿠팡", "11번가"). A question about one of them is declined, never answered with this marketplace's policy.
/// </summary>
public sealed class ScopeRules(IReadOnlyList<string> otherServices, IReadOnlyList<string>? notOurs = null, IReadOnlyList<string>? sellingWords = null)
{
    private readonly string[] _notOurs = Forms(notOurs ?? []);
    private readonly string[] _selling = Forms(sellingWords ?? []);

    private readonly (string Name, string Compact)[] _others = otherServices
        .Select(n => (n, TextNormalizer.Compact(n).ToLowerInvariant()))
        .Where(x => x.Item2.Length >= 2)
        .OrderByDescending(x => x.Item2.Length)
        .ToArray();

    public static ScopeRules Empty { get; } = new([]);

    /// <summary>A topic that is plainly not about selling here ("환율", "연말정산"), or null.</summary>
    public string? NotOursIn(string message) => FirstIn(_notOurs, message);

    /// <summary>
    /// Whether a message is about running a store here (a selling word such as "스토어", "라이브 방송", "광고" or a
    /// lexicon term): a question about selling that no entry answers deserves a person, not "out of scope".
    /// </summary>
    public bool IsAboutSelling(string message, Lexicon lexicon) => FirstIn(_selling, message) is not null || lexicon.Expand(message).Count > 0;

    /// <summary>Whether the message has one of the listed selling words (lexicon terms not counted).</summary>
    public bool HasSellingWord(string message) => FirstIn(_selling, message) is not null;

    private static string[] Forms(IEnumerable<string> names) =>
        names.Select(n => TextNormalizer.Compact(n).ToLowerInvariant()).Where(f => f.Length >= 2).OrderByDescending(f => f.Length).ToArray();

    private static string? FirstIn(string[] forms, string message)
    {
        if (forms.Length == 0) return null;
        var compact = TextNormalizer.Compact(message).ToLowerInvariant();
        return forms.FirstOrDefault(f => compact.Contains(f, StringComparison.Ordinal));
    }

    public IReadOnlyList<string> OtherServices { get; } = otherServices;

    /// <summary>The other service the message names (as listed), or null. Spacing and letter case are ignored.</summary>
    public string? OtherServiceIn(string message)
    {
        if (_others.Length == 0) return null;
        var compact = TextNormalizer.Compact(message).ToLowerInvariant();
        foreach (var (name, form) in _others)
            if (compact.Contains(form, StringComparison.Ordinal)) return name;
        return null;
    }
}
