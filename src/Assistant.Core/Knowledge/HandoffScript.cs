using Assistant.Text;

namespace Assistant.Knowledge;

public sealed record UrgencyRule(string Reason, IReadOnlyList<string> Keywords);

/// <summary>The words and rules of the handoff conversation, from <c>knowledge/handoff.yaml</c>.</summary>
public sealed class HandoffScript(
    IReadOnlyList<string> cancelWords,
    IReadOnlyList<string> unknownWords,
    IReadOnlyList<string> confirmWords,
    IReadOnlyList<string> solvedWords,
    IReadOnlyList<string> notSolvedWords,
    IReadOnlyDictionary<string, string> categories,
    IReadOnlyList<UrgencyRule> urgency)
{
    private readonly HashSet<string> _cancel = Set(cancelWords);
    private readonly HashSet<string> _unknown = Set(unknownWords);
    private readonly HashSet<string> _confirm = Set(confirmWords);
    private readonly HashSet<string> _solved = Set(solvedWords);
    private readonly HashSet<string> _notSolved = Set(notSolvedWords);

    public static HandoffScript Empty { get; } = new([], [], [], [], [], new Dictionary<string, string>(), []);

    public IReadOnlyDictionary<string, string> Categories { get; } = categories;

    public bool IsCancel(string message) => _cancel.Contains(TextNormalizer.Compact(message));
    public bool IsUnknown(string message) => _unknown.Contains(TextNormalizer.Compact(message));
    public bool IsConfirm(string message) => _confirm.Contains(TextNormalizer.Compact(message));
    public bool IsSolved(string message) => _solved.Contains(TextNormalizer.Compact(message));
    public bool IsNotSolved(string message) => _notSolved.Contains(TextNormalizer.Compact(message));

    public string CategoryLabel(string category) => Categories.GetValueOrDefault(category, category);

    /// <summary>The reason a case is urgent, or null: the first rule with a keyword in the text (spacing ignored).</summary>
    public string? UrgencyReason(string text)
    {
        var compact = TextNormalizer.Compact(text);
        return urgency.FirstOrDefault(r => r.Keywords.Any(k => compact.Contains(TextNormalizer.Compact(k), StringComparison.Ordinal)))?.Reason;
    }

    private static HashSet<string> Set(IEnumerable<string> words) => words.Select(TextNormalizer.Compact).ToHashSet(StringComparer.Ordinal);
}
