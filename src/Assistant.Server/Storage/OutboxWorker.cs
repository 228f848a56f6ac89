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
/// Drains the persisted outbox. Only the oldest pending message of each ordering key (a ticket) is due, so a
/// failure is retried with exponential backoff and holds back only the later messages of its own key; other keys
/// keep flowing. Nothing is lost or reordered within a key while a receiver is down or the server restarts;
/// a message may arrive more than once (at least once), so receivers deduplicate by its event id.
/// </summary>
public sealed class OutboxWorker(IEnumerable<IOutboxDelivery> deliveries, IOutbox outbox, TimeProvider time, IConfiguration configuration, ILogger<OutboxWorker> logger)
    : BackgroundService
{
    /// <summary>Messages of different keys sent at once in one pass.</summary>
    private const int Parallelism = 4;

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

    /// <summary>
    /// Delivers the topic's due messages: the heads of their keys, then the next ones that a delivery made due,
    /// until a round delivers nothing.
    /// </summary>
    public async Task DeliverDueAsync(IOutboxDelivery delivery, CancellationToken cancellationToken)
    {
        while (true)
        {
            var due = await outbox.DueAsync(delivery.Topic, 50, cancellationToken);
            if (due.Count == 0) return;
            var delivered = 0;
            await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken }, async (item, token) =>
            {
                if (await DeliverAsync(delivery, item, token)) Interlocked.Increment(ref delivered);
            });
            if (delivered == 0) return;
        }
    }

    private async Task<bool> DeliverAsync(IOutboxDelivery delivery, OutboxItem item, CancellationToken cancellationToken)
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
            return true;
        }
        var attempts = item.Attempts + 1;
        var delay = Math.Min(delivery.Retry.MaxRetrySeconds, delivery.Retry.FirstRetrySeconds * Math.Pow(2, attempts - 1));
        var giveUp = attempts >= delivery.Retry.MaxAttempts;
        // The later messages of this key stay queued behind it; other keys go on.
        await outbox.FailedAsync(item.Id, error, time.GetUtcNow().AddSeconds(delay), giveUp, cancellationToken);
        if (giveUp) logger.LogError("{Topic} message {Id} failed {Attempts} times ({Error}); kept in the outbox, no more retries", delivery.Topic, item.Id, attempts, error);
        else logger.LogWarning("{Topic} message {Id} failed ({Error}); retry {Attempt} in {Delay:0.##} s", delivery.Topic, item.Id, error, attempts, delay);
        return false;
    }
}
