using Assistant.Embeddings;
using Assistant.Knowledge;
using Assistant.OpenAI;
using Assistant.Retrieval;
using Assistant.Text;
using Assistant.Understanding;
using Microsoft.Extensions.AI;

namespace Assistant.Server.Tests.Embeddings;

/// <summary>The real knowledge base, the local retrieval pieces, and neural evidence against the double.</summary>
internal static class NeuralTestKit
{
    private static readonly Lazy<KnowledgeBase> LazyKnowledge = new(() => KnowledgeLoader.Load(RepoPaths.Knowledge));

    public static KnowledgeBase Knowledge => LazyKnowledge.Value;

    public static EmbeddingsOptions Options(OpenAIEmbeddingsDouble server, int? dimensions = null, string? apiKey = null) => new()
    {
        Provider = "openai",
        Endpoint = server.BaseUrl,
        Model = OpenAIEmbeddingsDouble.ModelName,
        ApiKey = apiKey,
        Dimensions = dimensions,
        TimeoutSeconds = 2,
    };

    public static NeuralEvidence Evidence(IEmbeddingGenerator<string, Embedding<float>> generator, EmbeddingsOptions options,
        float weight = 0.5f, int batchSize = 64, TimeProvider? time = null, TimeSpan? timeout = null) =>
        new(generator, new InMemoryVectorIndex(), options.ModelKey, weight, timeout ?? TimeSpan.FromSeconds(options.TimeoutSeconds), batchSize, time);

    /// <summary>A retriever over the real knowledge: local evidence, and the neural evidence when given.</summary>
    public static async Task<HybridRetriever> RetrieverAsync(NeuralEvidence? neural = null)
    {
        var local = UnderstandingFactory.CreateEmbeddings(Knowledge);
        var index = new InMemoryVectorIndex();
        await KnowledgeIndexer.IndexAsync(Knowledge, local, index);
        if (neural is not null) Assert.True(await neural.IndexAsync(Knowledge), neural.LastError);
        return new HybridRetriever(local, index, KnowledgeIndexer.BuildLexical(Knowledge), neural: neural);
    }

    public static Task<IReadOnlyList<RetrievalCandidate>> RetrieveAsync(HybridRetriever retriever, string message) =>
        retriever.RetrieveAsync(message, FeatureText.ForRetrieval(message, Knowledge.Lexicon), 8);

    /// <summary>A clock the test moves by hand.</summary>
    public sealed class ManualTime : TimeProvider
    {
        private DateTimeOffset _now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        public override DateTimeOffset GetUtcNow() => _now;
        public void Advance(TimeSpan by) => _now += by;
    }

    public static IEmbeddingGenerator<string, Embedding<float>> Client(EmbeddingsOptions options) => OpenAIEmbeddings.Create(options);
}
