using Assistant.Dialogue;
using Assistant.Embeddings;
using Assistant.Handoff;
using Assistant.Knowledge;
using Assistant.Retrieval;
using Assistant.Understanding;
using Microsoft.Extensions.Options;

namespace Assistant.Server.Hosting;

public static class AssistantCoreExtensions
{
    /// <summary>Knowledge, understanding and dialogue: everything channel-neutral, validated at start-up.</summary>
    public static WebApplicationBuilder AddAssistantCore(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<KnowledgeOptions>().BindConfiguration(KnowledgeOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<PolicyOptions>().BindConfiguration(PolicyOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<DialogueOptions>().BindConfiguration(DialogueOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<ContactOptions>().BindConfiguration(ContactOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<HandoffOptions>().BindConfiguration(HandoffOptions.Section).ValidateDataAnnotations()
            .Validate(o => TimeZoneInfo.TryFindSystemTimeZoneById(o.TimeZone, out _), "Handoff:TimeZone is not a known time zone")
            .Validate(o => o.HasValidTimes, "Handoff:Opens and Handoff:Closes must be HH:mm times, Opens before Closes").ValidateOnStart();
        builder.Services.AddSingleton(TimeProvider.System);

        builder.Services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<KnowledgeOptions>>().Value;
            var root = sp.GetRequiredService<IWebHostEnvironment>().ContentRootPath;
            return KnowledgeLoader.Load(KnowledgeOptions.Resolve(options.Directory, root));
        });
        builder.Services.AddOptions<UnderstandingOptions>().BindConfiguration(UnderstandingOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        // The one place the understanding mode is chosen: the per-entry classifier (default) or retrieval-first.
        builder.Services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<KnowledgeOptions>>().Value;
            var understanding = sp.GetRequiredService<IOptions<UnderstandingOptions>>().Value;
            var root = sp.GetRequiredService<IWebHostEnvironment>().ContentRootPath;
            var logger = sp.GetRequiredService<ILoggerFactory>().CreateLogger("Assistant.Model");
            return UnderstandingFactory.LoadOrTrainScorer(sp.GetRequiredService<KnowledgeBase>(), understanding.Mode,
                KnowledgeOptions.Resolve(options.ModelPath, root), KnowledgeOptions.Resolve(understanding.ActModelPath, root), logger);
        });
        builder.Services.AddOptions<VectorIndexOptions>().BindConfiguration(VectorIndexOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        // The one place the vector backend is chosen. Qdrant is always backed by the embedded index,
        // which answers (and the health check says degraded) whenever Qdrant does not.
        builder.Services.AddSingleton<IVectorIndex>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<VectorIndexOptions>>().Value;
            return options.Provider == "qdrant"
                ? new FallbackVectorIndex(
                    Qdrant.QdrantVectorIndex.Create(options.QdrantEndpoint!, options.Collection, options.QdrantApiKey, options.TimeoutSeconds),
                    new InMemoryVectorIndex(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILoggerFactory>().CreateLogger("Assistant.VectorIndex"))
                : new InMemoryVectorIndex();
        });
        builder.Services.AddOptions<EmbeddingsOptions>().BindConfiguration(EmbeddingsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<NeuralEmbeddings>();
        // Start-up (re)indexes the knowledge: idempotent upserts keyed by entry, so Qdrant never holds duplicates.
        builder.Services.AddSingleton(sp => UnderstandingFactory.CreateDeciderAsync(
            sp.GetRequiredService<KnowledgeBase>(),
            sp.GetRequiredService<IIntentScorer>(),
            sp.GetRequiredService<IOptions<PolicyOptions>>().Value,
            sp.GetRequiredService<IVectorIndex>(),
            neural: sp.GetRequiredService<NeuralEmbeddings>().Evidence).GetAwaiter().GetResult());
        builder.Services.AddSingleton(sp => new ConversationEngine(
            sp.GetRequiredService<Decider>(),
            sp.GetRequiredService<IOptions<ContactOptions>>().Value,
            sp.GetRequiredService<IOptions<DialogueOptions>>().Value,
            sp.GetRequiredService<IOptions<HandoffOptions>>().Value,
            sp.GetRequiredService<ITicketStore>(),
            sp.GetRequiredService<ITicketEvents>(),
            sp.GetRequiredService<TimeProvider>()));
        builder.Services.AddHostedService<WarmUp>();
        return builder;
    }

    /// <summary>Builds the pipeline before the first request, so a bad knowledge file stops start-up instead of a conversation.</summary>
    private sealed class WarmUp(IServiceProvider services, ILogger<WarmUp> logger) : IHostedService
    {
        public async Task StartAsync(CancellationToken cancellationToken)
        {
            var decider = services.GetRequiredService<Decider>();
            var knowledge = services.GetRequiredService<KnowledgeBase>();
            services.GetRequiredService<ConversationEngine>();
            await decider.DecideAsync("안녕하세요", cancellationToken);
            logger.LogInformation("Assistant ready: {Faqs} FAQ entries, {Intents} intents", knowledge.Faqs.Count, knowledge.Intents.Count);
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
