namespace Assistant.Handoff.Slots;

/// <summary>
/// A detail found in a seller's text: the normalized value, its slot, how sure the finder is, whether a
/// label named it ("주문번호", "아이디", "상품명"…), and where it was written (<see cref="Start"/> and
/// <see cref="Length"/> in that message, <see cref="Source"/> the raw text there).
/// </summary>
public sealed record SlotValue(SlotKind Kind, string Value, Certainty Certainty, bool Labelled, string Source, int Start, int Length)
{
    /// <summary>The message the value came from in <see cref="SlotExtraction.FromMessages"/>: 0 is the newest.</summary>
    public int Message { get; init; }

    public bool IsCertain => Certainty == Certainty.Certain;

    /// <summary>True when this value's source text overlaps <paramref name="other"/>'s in the same message.</summary>
    public bool Overlaps(SlotValue other) =>
        Message == other.Message && Start < other.Start + other.Length && other.Start < Start + Length;
}

/// <summary>The result of checking a value against its slot's format: valid, or a reason a seller can read.</summary>
public sealed record SlotValidation(bool IsValid, string? Reason)
{
    public static SlotValidation Valid { get; } = new(true, null);

    public static SlotValidation Invalid(string reason) => new(false, reason);
}
