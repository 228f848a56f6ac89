using System.Text.RegularExpressions;

namespace Assistant.Handoff.Slots;

/// <summary>Where a finder saw a value: its span in the text and how sure it is.</summary>
internal readonly record struct SlotMatch(int Start, int Length, Certainty Certainty = Certainty.Certain);

/// <summary>
/// A slot as a row of <see cref="SlotTable"/>: the mechanism (label, then value; unlabelled scan;
/// the whole answer to the slot's question) is the same for every slot, the row supplies what a
/// label and a value look like. A value is normalized, then kept only when it validates.
/// </summary>
public sealed record Slot(SlotKind Kind, string PromptKey, string? RetryPromptKey) : ISlot
{
    // Every row of SlotTable sets all of these (they use internal types, so they cannot be 'required').
    /// <summary>The labels that introduce a value ("주문번호는", "아이디:", "상품명은"…), particle or colon included.</summary>
    internal Regex Labels { get; init; } = null!;

    /// <summary>The value written right after a label ends (at the index given), or null.</summary>
    internal Func<string, int, SlotMatch?> ReadAfterLabel { get; init; } = null!;

    /// <summary>Values written without a label, each with its certainty.</summary>
    internal Func<string, IEnumerable<SlotMatch>> Scan { get; init; } = null!;

    /// <summary>The value when a whole answer is one (answering this slot's question), or null.</summary>
    internal Func<string, SlotMatch?> ReadAnswer { get; init; } = null!;

    /// <summary>A last, looser reading of an answer when neither the whole answer nor <see cref="Find"/> gave a value.</summary>
    internal Func<string, SlotMatch?>? ReadAnswerLoosely { get; init; }

    internal Func<string, string> Normalizer { get; init; } = null!;

    /// <summary>
    /// The normalizer for a value that ends its message (nothing but punctuation after it), when that differs: a
    /// particle needs a predicate after it, so "상품 진주 귀걸이" ends in a noun, not in the particle 이.
    /// </summary>
    internal Func<string, string>? FinalNormalizer { get; init; }
    internal Func<string, SlotValidation> Validator { get; init; } = null!;
    internal Func<string, string> Formatter { get; init; } = null!;

    /// <summary>The reply that names a value of this slot back when the form opens with it ("주문번호 {value}").</summary>
    public string NotedKey { get; init; } = null!;

    /// <summary>The reply that says why the agent needs this detail ("왜 알려줘야 돼요?").</summary>
    public string WhyKey { get; init; } = null!;

    public SlotValue? Find(string text)
    {
        // A table slot competes with the others for each token; a slot outside the table takes its best value.
        if (SlotTable.All.Contains(this)) return SlotExtraction.FromMessages([text])[Kind];
        return Candidates(text).OrderByDescending(Rank).FirstOrDefault();
    }

    public SlotValue? Parse(string answer)
    {
        // The question is the label: a whole answer that is a value counts as labelled.
        if (ReadAnswer(answer) is { } whole && Make(answer, whole, labelled: true) is { } value) return value;
        if (Find(answer) is { } found) return found;
        return ReadAnswerLoosely?.Invoke(answer) is { } loose ? Make(answer, loose, labelled: false) : null;
    }

    public SlotValidation Validate(string value) => Validator(Normalizer(value));

    public string Normalize(string value) => Normalizer(value);

    public string Format(string value) => Formatter(value);

    /// <summary>Every valid value in <paramref name="text"/>: labelled ones first, then unlabelled ones, in text order.</summary>
    internal IEnumerable<SlotValue> Candidates(string text)
    {
        foreach (Match label in Labels.Matches(text))
            if (ReadAfterLabel(text, label.Index + label.Length) is { } match && Make(text, match, labelled: true) is { } value)
                yield return value;
        foreach (var match in Scan(text))
            if (Make(text, match, labelled: false) is { } value)
                yield return value;
    }

    /// <summary>Labelled beats certain beats guessed.</summary>
    internal static int Rank(SlotValue value) => (value.Labelled ? 2 : 0) + (value.IsCertain ? 1 : 0);

    /// <summary>
    /// Whether what follows a value ends the message or the item of a list ("상품 아기 턱받이 / 구매자가 …"): a particle
    /// needs more of its sentence after it, so before a separator the last syllable is part of the value.
    /// </summary>
    private static bool EndsItsItem(ReadOnlySpan<char> rest)
    {
        rest = rest.TrimStart(" \t".AsSpan());
        return rest.IsEmpty || rest[0] is '/' or '|' or ';' or ',' or '\n' || rest.Trim().TrimStart(".!?~,。…".AsSpan()).IsEmpty;
    }

    private SlotValue? Make(string text, SlotMatch match, bool labelled)
    {
        if (match.Length <= 0 || match.Start < 0 || match.Start + match.Length > text.Length) return null;
        var source = text.Substring(match.Start, match.Length);
        var normalize = FinalNormalizer is { } final && EndsItsItem(text.AsSpan(match.Start + match.Length)) ? final : Normalizer;
        var value = normalize(source);
        if (!Validator(value).IsValid) return null;
        return new SlotValue(Kind, value, labelled ? Certainty.Certain : match.Certainty, labelled, source, match.Start, match.Length);
    }
}
