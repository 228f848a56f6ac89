using System.Diagnostics.Metrics;
using Assistant.Embeddings;
using Assistant.OpenAI;
using Assistant.Retrieval;
using Assistant.Server.Bot;
using Microsoft.Extensions.Options;

namespace Assistant.Server.Hosting;

/// <summary>
/// The neural path chosen by <c>Embeddings:Provider</c>: nothing with <c>local</c> (the default), or the
/// OpenAI-compatible endpoint with its own vector index: embedded, or with Qdrant a collection of its
/// own named after the model (<see cref="EmbeddingsOptions.NeuralCollection"/>), backed by an embedded one.
/// </summary>
public sealed class NeuralEmbeddings : IDisposable
{
    private readonly IDisposable? _generator;

    public NeuralEmbeddings(IOptions<EmbeddingsOptions> embeddings, IOptions<VectorIndexOptions> vectorIndex, TimeProvider time, ILoggerFactory loggers, IMeterFactory meters)
    {
        var options = embeddings.Value;
        if (!options.IsNeural) return;
        var generator = OpenAIEmbeddings.Create(options);
        _generator = generator;
        var logger = loggers.CreateLogger("Assistant.Embeddings");
        var indexOptions = vectorIndex.Value;
        IVectorIndex index = indexOptions.Provider == "qdrant"
            ? new FallbackVectorIndex(
                Qdrant.QdrantVectorIndex.Create(indexOptions.QdrantEndpoint!, options.NeuralCollection(indexOptions.Collection), indexOptions.QdrantApiKey, indexOptions.TimeoutSeconds),
                new InMemoryVectorIndex(), time, loggers.CreateLogger("Assistant.VectorIndex"))
            : new InMemoryVectorIndex();
        Evidence = new NeuralEvidence(generator, index, options.ModelKey, (float)options.Weight, TimeSpan.FromSeconds(options.TimeoutSeconds),
            options.BatchSize, time, logger, meters.Create(TurnMetrics.MeterName));
        logger.LogInformation("Neural embeddings on: model {Model} at {Endpoint}, weight {Weight}", options.Model, options.Endpoint, options.Weight);
    }

    /// <summary>The neural evidence, or null when the provider is local.</summary>
    public NeuralEvidence? Evidence { get; }

    public void Dispose() => _generator?.Dispose();
}
