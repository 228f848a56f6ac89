namespace Assistant.Handoff;

/// <summary>The details of a handoff being collected: a form with one requested slot at a time.</summary>
public sealed class HandoffForm
{
    public const string AskDescription = "description", AskOrder = "order", AskSeller = "seller", AskProduct = "product",
        AskConfirm = "confirm", AskCorrection = "correction";

    /// <summary>This request's identity: a confirmation sent twice (double click, resend after a time-out, a crash before the state was saved) files one ticket.</summary>
    public string Id { get; set; } = Guid.NewGuid().ToString("N");

    public string? Description { get; set; }
    public string Category { get; set; } = "general";
    public string? OrderNumber { get; set; }
    public bool OrderNumberUnknown { get; set; }
    public string? SellerId { get; set; }
    public bool SellerIdUnverified { get; set; }
    public string? ProductName { get; set; }
    public bool ProductUnknown { get; set; }

    /// <summary>The slot the last prompt asked for.</summary>
    public string? Asking { get; set; }

    /// <summary>Invalid answers to the current slot so far (one re-ask, with an example).</summary>
    public int Retries { get; set; }

    public bool HasOrder => OrderNumber is not null || OrderNumberUnknown;
    public bool HasSeller => SellerId is not null;
    public bool HasProduct => ProductName is not null || ProductUnknown;
}
