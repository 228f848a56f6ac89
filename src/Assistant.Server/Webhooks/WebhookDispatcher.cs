using System.Security.Cryptography;
using System.Text;
using Assistant.Server.Storage;
using Microsoft.Extensions.Options;

namespace Assistant.Server.Webhooks;

/// <summary>
/// Delivers queued ticket events to the configured receiver: POST JSON, signed
/// <c>X-Assistant-Signature: sha256=&lt;hex HMAC of the body&gt;</c>, with the event id in
/// <c>X-Assistant-Event</c>. A failure is retried with exponential backoff; events stay in the outbox
/// until a 2xx answer, so nothing is lost while the receiver is down or the server restarts.
/// </summary>
public sealed class WebhookDispatcher(IOutbox outbox, IHttpClientFactory http, IOptions<WebhookOptions> options, TimeProvider time, ILogger<WebhookDispatcher> logger)
    : BackgroundService
{
    public const string HttpClientName = "webhook";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.Enabled) return;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(settings.PollSeconds), time);
        do
        {
            try
            {
                await DeliverDueAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogError(ex, "Webhook delivery pass failed");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public async Task DeliverDueAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        foreach (var item in await outbox.DueAsync(WebhookEvents.Topic, 50, cancellationToken))
        {
            string? error;
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, settings.Url) { Content = new StringContent(item.Payload, Encoding.UTF8, "application/json") };
                request.Headers.Add("X-Assistant-Signature", "sha256=" + Sign(settings.Secret!, item.Payload));
                request.Headers.Add("X-Assistant-Event", item.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
                using var response = await http.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
                error = response.IsSuccessStatusCode ? null : $"HTTP {(int)response.StatusCode}";
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                error = ex.Message;
            }

            if (error is null)
            {
                await outbox.DeliveredAsync(item.Id, cancellationToken);
                continue;
            }
            var attempts = item.Attempts + 1;
            var delay = Math.Min(settings.MaxRetrySeconds, settings.FirstRetrySeconds * Math.Pow(2, attempts - 1));
            var giveUp = attempts >= settings.MaxAttempts;
            await outbox.FailedAsync(item.Id, error, time.GetUtcNow().AddSeconds(delay), giveUp, cancellationToken);
            if (giveUp) logger.LogError("Webhook event {Id} failed {Attempts} times ({Error}); kept in the outbox, no more retries", item.Id, attempts, error);
            else logger.LogWarning("Webhook event {Id} failed ({Error}); retry {Attempt} in {Delay:0.#} s", item.Id, error, attempts, delay);
            break; // keep events in order: the rest wait for the receiver to come back
        }
    }

    public static string Sign(string secret, string payload) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(payload)));
}
