namespace Assistant.Handoff.Slots;

/// <summary>
/// One typed detail of a handoff form, in the spirit of a Rasa form slot: how to find its value in a
/// free message, read it from the answer to its own question, check and normalize it, ask for it and
/// show it.
/// </summary>
public interface ISlot
{
    SlotKind Kind { get; }

    /// <summary>The reply key (<c>knowledge/replies.yaml</c>) of the question that asks for this slot.</summary>
    string PromptKey { get; }

    /// <summary>The reply key of the question asked again after an invalid answer, or null to ask <see cref="PromptKey"/> again.</summary>
    string? RetryPromptKey { get; }

    /// <summary>The value written anywhere in a free message, labelled or not, or null. Never a token another slot's value takes.</summary>
    SlotValue? Find(string text);

    /// <summary>The value when <paramref name="answer"/> answers this slot's question: the whole answer may be the bare value.</summary>
    SlotValue? Parse(string answer);

    /// <summary>Checks a value (normalized first) against the slot's format.</summary>
    SlotValidation Validate(string value);

    /// <summary>The canonical form of a value: an order number's 16 digits, a product name without quotes, particles or endings.</summary>
    string Normalize(string value);

    /// <summary>The form shown to the seller in the summary and to agents in the console.</summary>
    string Format(string value);
}
