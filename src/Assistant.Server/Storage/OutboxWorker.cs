namespace Assistant.Server.Storage;

/// <summary>How a topic's messages are retried: exponential backoff from the first delay up to the cap.</summary>
public sealed record RetryPolicy(int MaxAttempts, double FirstRetrySeconds, double MaxRetrySeconds);

/// <summary>Sends one kind of outbox message (a topic) to where it goes.</summary>
public interface IOutboxDelivery
{
    string Topic { get; }

    bool Enabled { get; }

    RetryPolicy Retry { get; }

    /// <summary>Delivers the message; returns null when it arrived, or why it did not (it will be retried).</summary>
    Task<string?> DeliverAsync(OutboxItem item, CancellationToken cancellationToken);
}

/// <summary>
/// Drains the persisted outbox: each topic's due messages are delivered in order; a failure is
/// retried with exponential backoff and holds back the rest of its topic, so nothing is lost or
/// reordered while a receiver is down or the server restarts.
/// </summary>
public sealed class OutboxWorker(IEnumerable<IOutboxDelivery> deliveries, IOutbox outbox, TimeProvider time, IConfiguration configuration, ILogger<OutboxWorker> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var active = deliveries.Where(d => d.Enabled).ToArray();
        if (active.Length == 0) return;
        var poll = TimeSpan.FromSeconds(configuration.GetValue("Outbox:PollSeconds", 1.0));
        using var timer = new PeriodicTimer(poll, time);
        do
        {
            foreach (var delivery in active)
            {
                try
                {
                    await DeliverDueAsync(delivery, stoppingToken);
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    logger.LogError(ex, "Outbox pass for {Topic} failed", delivery.Topic);
                }
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public async Task DeliverDueAsync(IOutboxDelivery delivery, CancellationToken cancellationToken)
    {
        foreach (var item in await outbox.DueAsync(delivery.Topic, 50, cancellationToken))
        {
            string? error;
            try
            {
                error = await delivery.DeliverAsync(item, cancellationToken);
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
            var delay = Math.Min(delivery.Retry.MaxRetrySeconds, delivery.Retry.FirstRetrySeconds * Math.Pow(2, attempts - 1));
            var giveUp = attempts >= delivery.Retry.MaxAttempts;
            await outbox.FailedAsync(item.Id, error, time.GetUtcNow().AddSeconds(delay), giveUp, cancellationToken);
            if (giveUp) logger.LogError("{Topic} message {Id} failed {Attempts} times ({Error}); kept in the outbox, no more retries", delivery.Topic, item.Id, attempts, error);
            else logger.LogWarning("{Topic} message {Id} failed ({Error}); retry {Attempt} in {Delay:0.##} s", delivery.Topic, item.Id, error, attempts, delay);
            break; // keep the topic in order: the rest wait for the receiver to come back
        }
    }
}
