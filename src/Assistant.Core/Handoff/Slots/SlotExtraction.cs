namespace Assistant.Handoff.Slots;

/// <summary>
/// The best value per slot across a conversation's seller messages. Within a message each token goes
/// to one slot (labelled before unlabelled, certain before guessed, then table order); across
/// messages a certain value beats a guessed one, then the newest message wins, and a token already
/// taken by one slot is never another's value (an order number is never a seller ID).
/// </summary>
public sealed class SlotExtraction
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

    /// <summary>The values of one message, each source span given to one slot only.</summary>
    private static List<SlotValue> Resolve(string message)
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
