using System.Diagnostics.Metrics;
using System.Numerics.Tensors;
using Assistant.Knowledge;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Assistant.Retrieval;

/// <summary>
/// The optional neural path of retrieval: a neural embedding generator (an OpenAI-compatible endpoint)
/// with its own vector index, separate from the local one. It only ever adds evidence: when the endpoint
/// fails (error status, time-out, unreachable, a malformed answer) the turn is answered from the local
/// evidence alone, the failure is logged as a warning and counted on <c>assistant.embeddings.neural.fallbacks</c>,
/// and the endpoint is left alone for <see cref="RetryAfter"/>. An index that could not be built at start-up
/// is built again after that pause.
/// </summary>
public sealed class NeuralEvidence
{
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(30);

    private readonly IEmbeddingGenerator<string, Embedding<float>> _embeddings;
    private readonly IVectorIndex _index;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Counter<long>? _fallbacks;
    private readonly TimeSpan _timeout;
    private readonly int _batchSize;
    private readonly Lock _gate = new();
    private KnowledgeBase? _knowledge;
    private Task? _indexing;
    private DateTimeOffset _retryAt = DateTimeOffset.MinValue;
    private long _failures;

    public NeuralEvidence(
        IEmbeddingGenerator<string, Embedding<float>> embeddings, IVectorIndex index, string modelKey, float weight,
        TimeSpan timeout, int batchSize = 64, TimeProvider? time = null, ILogger? logger = null, Meter? meter = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(weight, 0f);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(weight, 1f);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        (_embeddings, _index, ModelKey, Weight, _timeout, _batchSize) = (embeddings, index, modelKey, weight, timeout, batchSize);
        _time = time ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
        _fallbacks = meter?.CreateCounter<long>("assistant.embeddings.neural.fallbacks", description: "Turns answered from local evidence alone because the neural embeddings endpoint failed or was backing off");
    }

    /// <summary>Endpoint, model and size the index was built for (see <c>EmbeddingsOptions.ModelKey</c>).</summary>
    public string ModelKey { get; }

    /// <summary>The share of the fused score that the neural similarity gets.</summary>
    public float Weight { get; }

    /// <summary>Whether the neural index mirrors the knowledge base, for <see cref="ModelKey"/>.</summary>
    public bool Ready { get; private set; }

    /// <summary>Turns (and index builds) that fell back to the local evidence since start.</summary>
    public long Fallbacks => Interlocked.Read(ref _failures);

    public string? LastError { get; private set; }

    /// <summary>Embeds every FAQ text in batches of the configured size and makes the neural index mirror the knowledge base.
    /// A failure is logged and leaves the neural path off until a later attempt succeeds; it never throws.</summary>
    public async Task<bool> IndexAsync(KnowledgeBase knowledge, CancellationToken cancellationToken = default)
    {
        _knowledge = knowledge;
        try
        {
            var texts = KnowledgeIndexer.IndexedTexts(knowledge).ToArray();
            var records = new List<VectorRecord>(texts.Length);
            foreach (var batch in texts.Chunk(_batchSize))
            {
                using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                deadline.CancelAfter(_timeout * 10);
                var vectors = await EmbedAsync(batch.Select(t => t.Text).ToArray(), deadline.Token).ConfigureAwait(false);
                records.AddRange(batch.Select((t, i) => new VectorRecord(t.Key, t.Entry.Id, t.Entry.Category, t.Text, vectors[i])));
            }
            if (records.Count > 0)
            {
                await _index.EnsureCollectionAsync(records[0].Vector.Length, cancellationToken).ConfigureAwait(false);
                await _index.ReplaceAllAsync(records, cancellationToken).ConfigureAwait(false);
            }
            Ready = true;
            LastError = null;
            _logger.LogInformation("Neural embeddings index built: {Count} texts, {Dimensions} dimensions, model {ModelKey}",
                records.Count, records.Count > 0 ? records[0].Vector.Length : 0, ModelKey);
            return true;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            Fail("index", ex);
            return false;
        }
    }

    /// <summary>
    /// The best cosine similarity per FAQ entry for the message, or null when the neural path has nothing to add
    /// this turn (not indexed yet, failing, backing off): the caller then uses the local evidence alone.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, float>?> SearchAsync(string message, int top, CancellationToken cancellationToken = default)
    {
        if (!Ready)
        {
            StartReindexIfDue();
            Count("not_indexed");
            return null;
        }
        if (_time.GetUtcNow() < _retryAt)
        {
            Count("backing_off");
            return null;
        }
        try
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(_timeout);
            var vectors = await EmbedAsync([message], deadline.Token).ConfigureAwait(false);
            var hits = await _index.SearchAsync(vectors[0], top, cancellationToken: deadline.Token).ConfigureAwait(false);
            var best = new Dictionary<string, float>(StringComparer.Ordinal);
            foreach (var hit in hits)
                if (!best.TryGetValue(hit.EntryId, out var seen) || hit.Score > seen) best[hit.EntryId] = Math.Max(0, hit.Score);
            return best;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            Fail("query", ex);
            return null;
        }
    }

    private async Task<float[][]> EmbedAsync(string[] texts, CancellationToken cancellationToken)
    {
        var generated = await _embeddings.GenerateAsync(texts, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (generated.Count != texts.Length)
            throw new InvalidDataException($"the endpoint returned {generated.Count} embeddings for {texts.Length} inputs");
        var vectors = new float[texts.Length][];
        for (var i = 0; i < vectors.Length; i++)
        {
            var vector = generated[i].Vector.ToArray();
            if (vector.Length == 0 || (i > 0 && vector.Length != vectors[0].Length))
                throw new InvalidDataException($"the endpoint returned an embedding of {vector.Length} dimensions");
            var norm = TensorPrimitives.Norm(vector);
            if (!float.IsFinite(norm)) throw new InvalidDataException("the endpoint returned an embedding that is not finite");
            if (norm > 0) TensorPrimitives.Divide(vector, norm, vector);
            vectors[i] = vector;
        }
        return vectors;
    }

    private void Fail(string stage, Exception ex)
    {
        var reason = Reason(ex);
        Interlocked.Increment(ref _failures);
        _fallbacks?.Add(1, new KeyValuePair<string, object?>("reason", reason), new KeyValuePair<string, object?>("stage", stage));
        LastError = $"{reason}: {ex.Message}";
        _retryAt = _time.GetUtcNow() + RetryAfter;
        _logger.LogWarning("Neural embeddings {Stage} failed ({Reason}: {Error}); answering from local evidence, trying the endpoint again in {RetryAfter}s",
            stage, reason, ex.Message, RetryAfter.TotalSeconds);
    }

    private void Count(string reason)
    {
        Interlocked.Increment(ref _failures);
        _fallbacks?.Add(1, new KeyValuePair<string, object?>("reason", reason), new KeyValuePair<string, object?>("stage", "query"));
    }

    private void StartReindexIfDue()
    {
        lock (_gate)
        {
            if (_knowledge is null || _indexing is { IsCompleted: false } || _time.GetUtcNow() < _retryAt) return;
            var knowledge = _knowledge;
            _indexing = Task.Run(() => IndexAsync(knowledge));
        }
    }

    /// <summary>A short, log-safe reason: the HTTP status when there is one, else the kind of failure.</summary>
    internal static string Reason(Exception ex) => ex switch
    {
        OperationCanceledException or TimeoutException => "timeout",
        HttpRequestException { StatusCode: { } status } => "http_" + (int)status,
        HttpRequestException => "unreachable",
        InvalidDataException => "malformed_response",
        _ when FindStatus(ex) is { } status => "http_" + status,
        _ => ex.GetType().Name,
    };

    // The OpenAI client reports an error status as System.ClientModel.ClientResultException (Status) and Semantic Kernel
    // as HttpOperationException (StatusCode); read either by name so that Core needs neither package.
    private static int? FindStatus(Exception? ex)
    {
        for (; ex is not null; ex = ex.InnerException)
        {
            var property = ex.GetType().GetProperty("Status") ?? ex.GetType().GetProperty("StatusCode");
            var value = property?.GetValue(ex);
            if (value is int status and > 0) return status;
            if (value is System.Net.HttpStatusCode code) return (int)code;
            if (ex is HttpRequestException { StatusCode: { } inner }) return (int)inner;
        }
        return null;
    }
}
