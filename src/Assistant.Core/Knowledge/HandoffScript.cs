using Assistant.Dialogue;
using Assistant.Text;

namespace Assistant.Knowledge;

/// <summary>What makes a case urgent: the reason shown to agents, its keywords, and the ticket area such a case is in (optional).</summary>
public sealed record UrgencyRule(string Reason, IReadOnlyList<string> Keywords, string? Category = null);

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

    /// <summary>Stop, never mind, later ("아 그냥 됐어요", "접수 안 할래요"): <see cref="ReplyAct.Cancel"/> and nothing else, or a listed cancel word.</summary>
    public bool IsCancel(string message) => Says(message, ReplyAct.Cancel, _cancel);

    /// <summary>Don't know, don't have ("주문번호는 몰라요", "상품은 딱히 없어요"): <see cref="ReplyAct.Skip"/> and nothing else, or a listed word.</summary>
    public bool IsUnknown(string message) => Says(message, ReplyAct.Skip, _unknown);

    /// <summary>Yes, go ahead ("ㅇㅇ", "네 맞아요 접수해주세요"): <see cref="ReplyAct.Affirm"/> and nothing else, or a listed word; never a question ("맞아요?").</summary>
    public bool IsConfirm(string message) => Says(message, ReplyAct.Affirm, _confirm);
    public bool IsSolved(string message) => _solved.Contains(TextNormalizer.Compact(message));
    public bool IsNotSolved(string message) => _notSolved.Contains(TextNormalizer.Compact(message));

    public string CategoryLabel(string category) => Categories.GetValueOrDefault(category, category);

    /// <summary>The reason a case is urgent, or null: the first rule with a keyword in the text (spacing ignored).</summary>
    public string? UrgencyReason(string text) => Urgency(text)?.Reason;

    /// <summary>The first urgency rule with a keyword in the text (spacing ignored), or null.</summary>
    public UrgencyRule? Urgency(string text)
    {
        var compact = TextNormalizer.Compact(text);
        return urgency.FirstOrDefault(r => r.Keywords.Any(k => compact.Contains(TextNormalizer.Compact(k), StringComparison.Ordinal)));
    }

    /// <summary>
    /// The message is exactly this act as <see cref="ReplyActs"/> reads it, or one of the listed words
    /// that is not read as another act and is not asked as a question.
    /// </summary>
    private static bool Says(string message, ReplyAct act, HashSet<string> words)
    {
        var reading = ReplyActs.Read(message);
        if (reading.IsOnly(act)) return true;
        return words.Contains(TextNormalizer.Compact(message))
            && (reading.Act == act || reading.Act == ReplyAct.None && !message.Contains('?') && !message.Contains('？'));
    }

    private static HashSet<string> Set(IEnumerable<string> words) => words.Select(TextNormalizer.Compact).ToHashSet(StringComparer.Ordinal);
}
