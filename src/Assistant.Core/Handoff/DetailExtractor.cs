using Assistant.Handoff.Slots;

namespace Assistant.Handoff;

/// <summary>
/// Finds and checks the three details an agent needs: the 16-digit order number (spaces and hyphens
/// tolerated), the seller ID (the marketplace's format: letters, digits, '_', '-', '.', 4-30
/// characters, or an e-mail address) and the product name. A thin front for the typed slots of
/// <see cref="SlotTable"/>, which do the work.
/// </summary>
public static class DetailExtractor
{
    public static string? FindOrderNumber(string text) => SlotTable.Order.Find(text)?.Value;

    /// <summary>The order number when the whole answer is one (after asking for it).</summary>
    public static string? ParseOrderNumber(string answer) => SlotTable.Order.Parse(answer)?.Value;

    public static bool IsValidSellerId(string value) => SlotTable.Seller.Validate(value).IsValid;

    /// <summary>A seller ID written in a message: an e-mail, a token after "아이디/ID", or an ASCII handle with a digit or '_' in Korean text; never an order number.</summary>
    public static string? FindSellerId(string text) => SlotTable.Seller.Find(text)?.Value;

    public static string? ParseSellerId(string answer) => SlotTable.Seller.Parse(answer)?.Value;

    /// <summary>A product named in a message, only when certain (labelled, or the one name in a list of details); a guess is left out.</summary>
    public static string? FindProductName(string text) => SlotTable.Product.Find(text) is { IsCertain: true } value ? value.Value : null;

    /// <summary>The product named by an answer to "which product?": the name without label, quotes or ending, or null for a sentence or a request.</summary>
    public static string? ParseProductName(string answer) => SlotTable.Product.Parse(answer)?.Value;

    /// <summary>
    /// The one display form of an order number, for the seller's summary and the agent console alike:
    /// the 16 digits as the seller center lists them ("2024112512345678"), without the dashes or spaces
    /// a seller may have typed, so an agent can paste it into the order search.
    /// </summary>
    public static string FormatOrderNumber(string orderNumber) =>
        ParseOrderNumber(orderNumber) ?? orderNumber.Trim();
}
