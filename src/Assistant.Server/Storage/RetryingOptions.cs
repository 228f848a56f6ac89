using System.ComponentModel.DataAnnotations;

namespace Assistant.Server.Storage;

/// <summary>Retry settings of a channel that sends from the outbox (same keys in each section).</summary>
public abstract class RetryingOptions
{
    [Range(1, 100)] public int MaxAttempts { get; set; } = 12;

    [Range(0.01, 3600)] public double FirstRetrySeconds { get; set; } = 2;

    [Range(0.01, 86_400)] public double MaxRetrySeconds { get; set; } = 600;

    public RetryPolicy Retry => new(MaxAttempts, FirstRetrySeconds, MaxRetrySeconds);
}
