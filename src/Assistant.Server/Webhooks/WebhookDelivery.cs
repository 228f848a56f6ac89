using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Assistant.Server.Storage;
using Microsoft.Extensions.Options;

namespace Assistant.Server.Webhooks;

/// <summary>
/// Ticket events to the configured receiver: POST JSON, signed
/// <c>X-Assistant-Signature: sha256=&lt;hex HMAC of the body&gt;</c>, the event's stable id (the payload's <c>id</c>,
/// the same on every retry) in <c>X-Assistant-Event-Id</c>; any 2xx is delivered. Delivery is at least once, in order per ticket.
/// </summary>
public sealed class WebhookDelivery(IHttpClientFactory http, IOptions<WebhookOptions> options) : IOutboxDelivery
{
    public const string HttpClientName = "webhook";

    public string Topic => WebhookEvents.Topic;

    public bool Enabled => options.Value.Enabled;

    public RetryPolicy Retry => options.Value.Retry;

    public async Task<string?> DeliverAsync(OutboxItem item, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, options.Value.Url) { Content = new StringContent(item.Payload, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Assistant-Signature", "sha256=" + Sign(options.Value.Secret!, item.Payload));
        if (EventId(item.Payload) is { } eventId) request.Headers.Add(EventIdHeader, eventId);
        using var response = await http.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
        return response.IsSuccessStatusCode ? null : $"HTTP {(int)response.StatusCode}";
    }

    public const string EventIdHeader = "X-Assistant-Event-Id";

    /// <summary>The event id in a queued payload (written once when the event was queued).</summary>
    public static string? EventId(string payload)
    {
        using var json = JsonDocument.Parse(payload);
        return json.RootElement.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null;
    }

    public static string Sign(string secret, string payload) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(payload)));
}
