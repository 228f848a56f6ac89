using System.Text.RegularExpressions;

namespace Assistant.Handoff.Slots;

/// <summary>
/// The best value per slot across a conversation's seller messages. Within a message each token goes
/// to one slot (labelled before unlabelled, certain before guessed, then table order); across
/// messages a certain value beats a guessed one, then the newest message wins, and a token already
/// taken by one slot is never another's value (an order number is never a seller ID).
/// </summary>
public sealed partial class SlotExtraction
{
    private readonly Dictionary<SlotKind, SlotValue> _values;

    private SlotExtraction(Dictionary<SlotKind, SlotValue> values) => _values = values;

    public SlotValue? this[SlotKind kind] => _values.GetValueOrDefault(kind);

    public SlotValue? Order => this[SlotKind.Order];
    public SlotValue? Seller => this[SlotKind.Seller];
    public SlotValue? Product => this[SlotKind.Product];

    /// <summary>The values found, in table order.</summary>
    public IReadOnlyList<SlotValue> Values => SlotTable.All.Select(s => this[s.Kind]).OfType<SlotValue>().ToArray();

    public static SlotExtraction FromMessages(IEnumerable<string> sellerMessagesNewestFirst)
    {
        var claims = new List<SlotValue>();
        var index = 0;
        foreach (var message in sellerMessagesNewestFirst)
        {
            if (!string.IsNullOrWhiteSpace(message)) claims.AddRange(Resolve(message).Select(v => v with { Message = index }));
            index++;
        }

        var chosen = new Dictionary<SlotKind, SlotValue>();
        var owners = new Dictionary<string, SlotKind>(StringComparer.Ordinal);
        var ranked = claims
            .OrderByDescending(v => v.IsCertain)
            .ThenBy(v => v.Message)
            .ThenByDescending(v => v.Labelled)
            .ThenBy(v => v.Start);
        foreach (var value in ranked)
        {
            if (chosen.ContainsKey(value.Kind)) continue;
            var key = TokenKey(value.Value);
            if (owners.TryGetValue(key, out var owner) && owner != value.Kind) continue;
            chosen[value.Kind] = value;
            owners.TryAdd(key, value.Kind);
        }
        return new SlotExtraction(chosen);
    }

    /// <summary>
    /// The values of one message. A seller who corrects themselves in it ("상품은 스텐 냄비세트.. 아 아니다 스텐
    /// 프라이팬 세트요") means what comes after the correction: a value found there replaces the one of its slot before
    /// it, and a bare value there replaces the detail said last before it.
    /// </summary>
    private static List<SlotValue> Resolve(string message)
    {
        var correction = SelfCorrection().Match(message);
        if (!correction.Success) return ResolvePlain(message);
        var before = ResolvePlain(message[..correction.Index]);
        var offset = correction.Index + correction.Length;
        var tail = message[offset..];
        var after = ResolvePlain(tail).Select(v => v with { Start = v.Start + offset }).ToList();
        if (after.Count == 0 && before.Count > 0)
        {
            var last = before.MaxBy(v => v.Start)!;
            if (SlotTable.For(last.Kind).Parse(tail) is { } bare) after.Add(bare with { Start = bare.Start + offset });
        }
        return [.. before.Where(b => after.All(a => a.Kind != b.Kind)), .. after];
    }

    /// <summary>
    /// The message without a value the seller took back in it: "주문번호 2026…098 아 아니다 2026…089 이거예요" reads
    /// "주문번호 2026…089 이거예요", so a summary quoting the problem does not show the number that was wrong. Only when
    /// the value said last before the correction is replaced after it; otherwise the message as it is.
    /// </summary>
    public static string WithoutRetracted(string message)
    {
        var correction = SelfCorrection().Match(message);
        if (!correction.Success) return message;
        var before = ResolvePlain(message[..correction.Index]);
        var after = ResolvePlain(message[(correction.Index + correction.Length)..]);
        // The value said last before the correction, when one after it is of its kind.
        var taken = before.MaxBy(b => b.Start);
        if (taken is null || after.All(a => a.Kind != taken.Kind)) return message;
        return message[..taken.Start] + message[(correction.Index + correction.Length)..];
    }

    /// <summary>
    /// "아 아니다", "아니 아니", "정정할게요", "잘못 말했어요", "no wait", and a bare "아니" as dictation types it ("꿀 선물세트 아니
    /// 아카시아 꿀 선물세트요"): what follows replaces what was said, when it is a value of the same kind ("can't wait for" is no correction).
    /// </summary>
    [GeneratedRegex(@"(?:^|[\s.,!…~]+)(?:아+\s*)?(?:아니다|아니지|아니\s*아니|아\s*아니|아니|정정(?:할게요|합니다|이요)?|잘못\s*(?:말했|썼|적었)\S*|no,?\s+wait|wait,|sorry,?\s+I\s+mean(?:t)?)(?=[\s.,!…~]|$)[\s.,!…~]*", RegexOptions.IgnoreCase)]
    private static partial Regex SelfCorrection();

    /// <summary>The values of one message read as said once, each source span given to one slot only.</summary>
    private static List<SlotValue> ResolvePlain(string message)
    {
        var candidates = SlotTable.All
            .SelectMany((slot, order) => slot.Candidates(message).Select(value => (value, order)))
            .OrderByDescending(c => Slot.Rank(c.value))
            .ThenBy(c => c.order)
            .ThenBy(c => c.value.Start);
        var accepted = new List<SlotValue>();
        foreach (var (value, _) in candidates)
            if (!accepted.Any(a => a.Kind != value.Kind && a.Overlaps(value))) accepted.Add(value);
        return accepted;
    }

    // The same token however it was written: "2025-0314-1234-5678" and "2025031412345678" are one.
    private static string TokenKey(string value) =>
        new(value.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray());
}
