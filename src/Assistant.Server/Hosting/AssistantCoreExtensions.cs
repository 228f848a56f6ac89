using Assistant.Dialogue;
using Assistant.Embeddings;
using Assistant.Handoff;
using Assistant.Knowledge;
using Assistant.Knowledge.Editing;
using Assistant.Retrieval;
using Assistant.Server.Editing;
using Assistant.Server.Storage;
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

        builder.Services.AddOptions<UnderstandingOptions>().BindConfiguration(UnderstandingOptions.Section).ValidateDataAnnotations().ValidateOnStart();
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
        // The knowledge served, swapped whole when a new version is switched to (Editing/). Start-up (re)indexes the
        // knowledge: idempotent upserts keyed by entry, so Qdrant never holds duplicates. The understanding mode
        // (per-entry classifier by default, or retrieval-first) is chosen in KnowledgeSnapshots.
        builder.Services.AddSingleton<KnowledgeVersionStore>();
        builder.Services.AddSingleton<KnowledgeSnapshots>();
        builder.Services.AddSingleton(sp => new KnowledgeRuntime(sp.GetRequiredService<KnowledgeSnapshots>().Initial(
            sp.GetRequiredService<KnowledgeVersionStore>(), sp.GetRequiredService<IVectorIndex>(), sp.GetRequiredService<ILoggerFactory>().CreateLogger("Assistant.Model"))));
        builder.Services.AddSingleton<KnowledgeJobs>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<KnowledgeJobs>());
        builder.Services.AddSingleton<IKnowledgeChanges, KnowledgeChanges>();
        // What is served now, for code that reads it once (a turn reads KnowledgeRuntime.Current itself).
        builder.Services.AddTransient(sp => sp.GetRequiredService<KnowledgeRuntime>().Current.Knowledge);
        builder.Services.AddTransient(sp => sp.GetRequiredService<KnowledgeRuntime>().Current.Scorer);
        builder.Services.AddTransient(sp => sp.GetRequiredService<KnowledgeRuntime>().Current.Decider);
        builder.Services.AddTransient(sp => sp.GetRequiredService<KnowledgeRuntime>().Current.Engine);
        builder.Services.AddHostedService<WarmUp>();
        return builder;
    }

    /// <summary>Builds the pipeline before the first request, so a bad knowledge file stops start-up instead of a conversation.</summary>
    private sealed class WarmUp(IServiceProvider services, ILogger<WarmUp> logger) : IHostedService
    {
        public async Task StartAsync(CancellationToken cancellationToken)
        {
            var current = services.GetRequiredService<KnowledgeRuntime>().Current;
            var knowledge = current.Knowledge;
            await current.Decider.DecideAsync("안녕하세요", cancellationToken);
            logger.LogInformation("Assistant ready: {Faqs} FAQ entries, {Intents} intents", knowledge.Faqs.Count, knowledge.Intents.Count);
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
