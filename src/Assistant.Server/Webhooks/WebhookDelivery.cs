using System.Security.Cryptography;
using System.Text;
using Assistant.Server.Storage;
using Microsoft.Extensions.Options;

namespace Assistant.Server.Webhooks;

/// <summary>
/// Ticket events to the configured receiver: POST JSON, signed
/// <c>X-Assistant-Signature: sha256=&lt;hex HMAC of the body&gt;</c>, event id in <c>X-Assistant-Event</c>;
/// any 2xx is delivered.
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
        request.Headers.Add("X-Assistant-Event", item.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        using var response = await http.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
        return response.IsSuccessStatusCode ? null : $"HTTP {(int)response.StatusCode}";
    }

    public static string Sign(string secret, string payload) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(payload)));
}
