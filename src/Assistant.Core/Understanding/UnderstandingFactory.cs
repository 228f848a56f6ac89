using Assistant.Embeddings;
using Assistant.Knowledge;
using Assistant.Text;
using Assistant.Retrieval;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Assistant.Understanding;

/// <summary>Builds the pieces of the understanding pipeline from the knowledge base.</summary>
public static class UnderstandingFactory
{
    /// <summary>The local embedding generator, its IDF weights fitted on the indexed FAQ texts.</summary>
    public static HashedNgramEmbeddingGenerator CreateEmbeddings(KnowledgeBase knowledge) =>
        HashedNgramEmbeddingGenerator.Fit(KnowledgeIndexer.WithFeatures(knowledge).Select(t => t.Features));

    /// <summary>
    /// Loads the saved model when it was trained on exactly this knowledge; otherwise trains a new one
    /// (and tries to save it), saying why in the log.
    /// </summary>
    public static IntentModel LoadOrTrainModel(KnowledgeBase knowledge, string modelPath, ILogger? logger = null)
    {
        logger ??= NullLogger.Instance;
        var hash = IntentTrainer.TrainingDataHash(knowledge);
        var metrics = ModelMetrics.TryRead(ModelMetrics.PathFor(modelPath));
        if (File.Exists(modelPath) && metrics?.TrainingDataHash == hash)
        {
            logger.LogInformation("Loaded intent model {Path} (macro-F1 {MacroF1:0.000}, trained {TrainedAt:u})", modelPath, metrics.MacroF1, metrics.TrainedAt);
            return IntentModel.Load(modelPath);
        }

        logger.LogWarning(
            File.Exists(modelPath)
                ? "Knowledge changed since {Path} was trained (hash {Old} != {New}); retraining at start-up. Run `train` to refresh the saved model and its metrics."
                : "No intent model at {Path}; training one at start-up. Run `train` to save it with its metrics.",
            modelPath, metrics?.TrainingDataHash?[..12] ?? "none", hash[..12]);
        var model = IntentTrainer.Train(knowledge);
        return model;
    }

    /// <summary>
    /// The label scorer of the configured mode: the per-entry classifier at <paramref name="modelPath"/> (<c>classifier</c>,
    /// the default), or the act classifier at <paramref name="actModelPath"/> with retrieval choosing the entry (<c>retrieval</c>).
    /// </summary>
    public static IIntentScorer LoadOrTrainScorer(KnowledgeBase knowledge, string mode, string modelPath, string actModelPath, ILogger? logger = null) =>
        mode switch
        {
            UnderstandingOptions.Classifier => LoadOrTrainModel(knowledge, modelPath, logger),
            UnderstandingOptions.Retrieval => RetrievalFirstModel.LoadOrTrain(knowledge, actModelPath, logger),
            _ => throw new ArgumentException($"Understanding:Mode must be '{UnderstandingOptions.Classifier}' or '{UnderstandingOptions.Retrieval}', not '{mode}'", nameof(mode)),
        };

    public static async Task<Decider> CreateDeciderAsync(
        KnowledgeBase knowledge,
        IIntentScorer model,
        PolicyOptions policy,
        IVectorIndex? index = null,
        IEmbeddingGenerator<string, Embedding<float>>? embeddings = null,
        CancellationToken cancellationToken = default,
        NeuralEvidence? neural = null)
    {
        embeddings ??= CreateEmbeddings(knowledge);
        index ??= new InMemoryVectorIndex();
        await KnowledgeIndexer.IndexAsync(knowledge, embeddings, index, cancellationToken).ConfigureAwait(false);
        // The neural index is built after the local one and never stops start-up: without it the local evidence answers.
        if (neural is not null) await neural.IndexAsync(knowledge, cancellationToken).ConfigureAwait(false);
        var retriever = new HybridRetriever(embeddings, index, KnowledgeIndexer.BuildLexical(knowledge), neural: neural);
        return new Decider(knowledge, model, retriever, new DecisionPolicy(knowledge, policy));
    }
}
