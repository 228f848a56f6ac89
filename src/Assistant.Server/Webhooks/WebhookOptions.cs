using System.ComponentModel.DataAnnotations;

namespace Assistant.Server.Webhooks;

/// <summary>Configuration section <c>Webhook</c>: where ticket events are POSTed, signed with HMAC-SHA256.</summary>
public sealed class WebhookOptions : Storage.RetryingOptions, IValidatableObject
{
    public const string Section = "Webhook";

    /// <summary>The receiver; empty disables the webhook (no events are queued).</summary>
    public string? Url { get; set; }

    /// <summary>Shared secret for the <c>X-Assistant-Signature: sha256=&lt;hex&gt;</c> header.</summary>
    public string? Secret { get; set; }

    public bool Enabled => !string.IsNullOrWhiteSpace(Url);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Enabled && !Uri.TryCreate(Url, UriKind.Absolute, out _))
            yield return new ValidationResult("Webhook:Url must be an absolute URL", [nameof(Url)]);
        if (Enabled && string.IsNullOrWhiteSpace(Secret))
            yield return new ValidationResult("Webhook:Secret is required when Webhook:Url is set", [nameof(Secret)]);
    }
}
