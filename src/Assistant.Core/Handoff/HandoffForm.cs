using Assistant.Handoff.Slots;

namespace Assistant.Handoff;

/// <summary>The details of a handoff being collected: a form with one requested slot at a time.</summary>
public sealed class HandoffForm
{
    public const string AskDescription = "description", AskOrder = "order", AskSeller = "seller", AskProduct = "product",
        AskConfirm = "confirm", AskCorrection = "correction";

    /// <summary>This request's identity: a confirmation sent twice (double click, resend after a time-out, a crash before the state was saved) files one ticket.</summary>
    public string Id { get; set; } = Guid.NewGuid().ToString("N");

    public string? Description { get; set; }

    /// <summary>
    /// What the seller told of the problem while a detail was asked (<see cref="FormSituation"/>): the agent reads it with
    /// the problem; its area counts only when the problem names none.
    /// </summary>
    public string? Told { get; set; }

    /// <summary>The problem as the agent reads it: the description, then what was told after it.</summary>
    public string? Problem => Told is null ? Description : Description is { Length: > 0 } d ? d + "\n" + Told : Told;
    public string Category { get; set; } = HandoffFlow.GeneralCategory;
    public string? OrderNumber { get; set; }
    public bool OrderNumberUnknown { get; set; }
    public string? SellerId { get; set; }
    public bool SellerIdUnverified { get; set; }
    public bool SellerIdUnknown { get; set; }
    public string? ProductName { get; set; }
    public bool ProductUnknown { get; set; }

    /// <summary>How often the problem was asked for: after the second time the form goes on without it (never a dead end).</summary>
    public int DescriptionAsks { get; set; }

    /// <summary>The slot the last prompt asked for.</summary>
    public string? Asking { get; set; }

    /// <summary>Invalid answers to the current slot so far (one re-ask, with an example).</summary>
    public int Retries { get; set; }

    public bool HasOrder => OrderNumber is not null || OrderNumberUnknown;
    public bool HasSeller => SellerId is not null || SellerIdUnknown;
    public bool HasProduct => ProductName is not null || ProductUnknown;

    public bool AtSummary => Asking is AskConfirm or AskCorrection;

    public bool Has(SlotKind kind) => kind switch
    {
        SlotKind.Order => HasOrder,
        SlotKind.Seller => HasSeller,
        _ => HasProduct,
    };

    public string? ValueOf(SlotKind kind) => kind switch
    {
        SlotKind.Order => OrderNumber,
        SlotKind.Seller => SellerId,
        _ => ProductName,
    };

    /// <summary>Stores a (normalized) value for a slot; a value replaces an earlier one and any "unknown".</summary>
    public void Set(SlotKind kind, string value)
    {
        // A corrected detail is corrected in the problem as the seller told it too: the agent must not read the old one
        // there. (Not a value so short it may be part of other words.)
        if (ValueOf(kind) is { Length: >= 4 } old && old != value && Description is { } description)
            Description = description.Replace(old, value, StringComparison.Ordinal);
        switch (kind)
        {
            case SlotKind.Order: (OrderNumber, OrderNumberUnknown) = (value, false); break;
            case SlotKind.Seller: (SellerId, SellerIdUnverified, SellerIdUnknown) = (value, false, false); break;
            default: (ProductName, ProductUnknown) = (value, false); break;
        }
    }

    /// <summary>Records that the seller does not know or have this detail: it stays empty, never invented.</summary>
    public void Skip(SlotKind kind)
    {
        switch (kind)
        {
            case SlotKind.Order: (OrderNumber, OrderNumberUnknown) = (null, true); break;
            case SlotKind.Seller: (SellerId, SellerIdUnknown) = (null, true); break;
            default: (ProductName, ProductUnknown) = (null, true); break;
        }
    }

    public static string AskFor(SlotKind kind) => kind switch
    {
        SlotKind.Order => AskOrder,
        SlotKind.Seller => AskSeller,
        _ => AskProduct,
    };

    public static SlotKind? SlotOf(string? asking) => asking switch
    {
        AskOrder => SlotKind.Order,
        AskSeller => SlotKind.Seller,
        AskProduct => SlotKind.Product,
        _ => null,
    };
}
