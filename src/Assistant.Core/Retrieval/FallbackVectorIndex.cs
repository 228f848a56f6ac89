using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Assistant.Retrieval;

/// <summary>
/// A remote index (Qdrant) backed by the embedded one: both are filled from the knowledge base;
/// searches go to the remote index while it answers, and to the embedded index when it does not,
/// so the assistant keeps answering and reports itself degraded. The remote index is tried again
/// after <see cref="RetryAfter"/>.
/// </summary>
public sealed class FallbackVectorIndex(IVectorIndex primary, InMemoryVectorIndex fallback, TimeProvider time, ILogger? logger = null) : IVectorIndex
{
    private readonly ILogger _logger = logger ?? NullLogger.Instance;
    private DateTimeOffset _retryAt = DateTimeOffset.MinValue;

    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(30);

    public IVectorIndex Primary => primary;
    public bool Degraded { get; private set; }
    public string? LastError { get; private set; }
    public string Name => $"{primary.Name} (fallback: {fallback.Name})";

    public async Task EnsureCollectionAsync(int dimensions, CancellationToken cancellationToken = default)
    {
        await fallback.EnsureCollectionAsync(dimensions, cancellationToken).ConfigureAwait(false);
        await TryAsync(() => primary.EnsureCollectionAsync(dimensions, cancellationToken)).ConfigureAwait(false);
    }

    public async Task ReplaceAllAsync(IReadOnlyList<VectorRecord> records, CancellationToken cancellationToken = default)
    {
        await fallback.ReplaceAllAsync(records, cancellationToken).ConfigureAwait(false);
        await TryAsync(() => primary.ReplaceAllAsync(records, cancellationToken)).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<VectorHit>> SearchAsync(ReadOnlyMemory<float> query, int top, string? category = null, CancellationToken cancellationToken = default)
    {
        if (!Degraded || time.GetUtcNow() >= _retryAt)
        {
            IReadOnlyList<VectorHit>? hits = null;
            if (await TryAsync(async () => hits = await primary.SearchAsync(query, top, category, cancellationToken).ConfigureAwait(false)).ConfigureAwait(false))
                return hits!;
        }
        return await fallback.SearchAsync(query, top, category, cancellationToken).ConfigureAwait(false);
    }

    private async Task<bool> TryAsync(Func<Task> action)
    {
        try
        {
            await action().ConfigureAwait(false);
            if (Degraded) _logger.LogInformation("{Index} answers again; leaving degraded mode", primary.Name);
            (Degraded, LastError) = (false, null);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            if (!Degraded) _logger.LogError(ex, "{Index} failed; answering from the embedded index (degraded)", primary.Name);
            (Degraded, LastError, _retryAt) = (true, ex.Message, time.GetUtcNow() + RetryAfter);
            return false;
        }
    }
}
