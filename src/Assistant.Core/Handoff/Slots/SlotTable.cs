namespace Assistant.Handoff.Slots;

/// <summary>
/// The handoff form's slots in the order the bot asks for them: each row says how its value is
/// labelled, written, checked, normalized, asked for and shown.
/// </summary>
public static class SlotTable
{
    public static Slot Order { get; } = new(SlotKind.Order, "askOrderNumber", "askOrderNumberRetry")
    {
        Labels = OrderNumbers.Label(),
        ReadAfterLabel = OrderNumbers.ReadAt,
        Scan = OrderNumbers.Scan,
        ReadAnswer = OrderNumbers.ReadAnswer,
        Normalizer = OrderNumbers.Normalize,
        Validator = OrderNumbers.Validate,
        Formatter = OrderNumbers.Format,
        NotedKey = "notedOrder",
        WhyKey = "whyOrderNumber",
    };

    public static Slot Seller { get; } = new(SlotKind.Seller, "askSellerId", "askSellerIdRetry")
    {
        Labels = SellerIds.Label(),
        ReadAfterLabel = SellerIds.ReadAt,
        Scan = SellerIds.Scan,
        ReadAnswer = SellerIds.ReadAnswer,
        ReadAnswerLoosely = SellerIds.ReadAnswerLoosely,
        Normalizer = SellerIds.Normalize,
        Validator = SellerIds.Validate,
        Formatter = SellerIds.Normalize,
        NotedKey = "notedSeller",
        WhyKey = "whySellerId",
    };

    /// <summary>The product has no retry question: an answer that is not a product name is the integrator's to confirm or skip.</summary>
    public static Slot Product { get; } = new(SlotKind.Product, "askProduct", null)
    {
        Labels = ProductNames.Label(),
        ReadAfterLabel = ProductNames.ReadAt,
        Scan = ProductNames.Scan,
        ReadAnswer = ProductNames.ReadAnswer,
        ReadAnswerLoosely = ProductNames.ReadAnswerLoosely,
        Normalizer = ProductNames.Normalize,
        FinalNormalizer = ProductNames.NormalizeFinal,
        Validator = ProductNames.Validate,
        // A stored name stands alone: it ends its text, so a final 이 is the noun's ("진주 귀걸이").
        Formatter = ProductNames.NormalizeFinal,
        NotedKey = "notedProduct",
        WhyKey = "whyProduct",
    };

    /// <summary>The slots in ask order.</summary>
    public static IReadOnlyList<Slot> All { get; } = [Order, Seller, Product];

    public static Slot For(SlotKind kind) => All.First(s => s.Kind == kind);
}
