namespace Assistant.Handoff.Slots;

/// <summary>The details an agent needs for a handoff, in the order the bot asks for them.</summary>
public enum SlotKind
{
    /// <summary>The 16-digit order number.</summary>
    Order,
    /// <summary>The seller-center login: letters, digits, '_', '-', '.', 4-30 characters, or an e-mail.</summary>
    Seller,
    /// <summary>The product name: a short noun phrase.</summary>
    Product,
}

/// <summary>How sure a finder is of a value.</summary>
public enum Certainty
{
    /// <summary>Guessed (an unlabelled product in a free message): show it to the seller to confirm before storing it.</summary>
    Uncertain,
    /// <summary>Labelled ("주문번호: …"), given as the answer to the slot's question, or unmistakable by its form (16 digits, an e-mail).</summary>
    Certain,
}
