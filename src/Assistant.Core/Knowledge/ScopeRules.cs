using Assistant.Text;

namespace Assistant.Knowledge;

/// <summary>
/// What is not ours, from <c>knowledge/scope.yaml</c>: other marketplaces and services sellers name
/// ("쿠팡", "11번가"). A question about one of them is declined, never answered with this marketplace's policy.
/// </summary>
public sealed class ScopeRules(IReadOnlyList<string> otherServices)
{
    private readonly (string Name, string Compact)[] _others = otherServices
        .Select(n => (n, TextNormalizer.Compact(n).ToLowerInvariant()))
        .Where(x => x.Item2.Length >= 2)
        .OrderByDescending(x => x.Item2.Length)
        .ToArray();

    public static ScopeRules Empty { get; } = new([]);

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
