using Assistant.Dialogue;
using Assistant.Handoff;
using Assistant.Knowledge;
using Assistant.Knowledge.Editing;
using Assistant.Retrieval;
using Assistant.Server.Hosting;
using Assistant.Server.Storage;
using Assistant.Understanding;
using Microsoft.Extensions.Options;

namespace Assistant.Server.Editing;

/// <summary>
/// Everything one knowledge version serves with: its files, the validated knowledge, the trained scorer and the
/// decider and conversation engine built on them. <see cref="VersionId"/> is null for the <c>knowledge/</c> folder
/// as it was at start-up before any version was saved.
/// </summary>
public sealed record KnowledgeSnapshot(string? VersionId, KnowledgeFiles Files, KnowledgeBase Knowledge, IIntentScorer Scorer, Decider Decider, ConversationEngine Engine);

/// <summary>
/// The one holder of the knowledge the assistant serves. A consumer reads <see cref="Current"/> once per turn or
/// request, so a turn in flight finishes on the snapshot it started with; a switch replaces the snapshot atomically.
/// </summary>
public sealed class KnowledgeRuntime(KnowledgeSnapshot initial)
{
    private KnowledgeSnapshot _current = initial;

    public KnowledgeSnapshot Current => Volatile.Read(ref _current);

    public void Swap(KnowledgeSnapshot next)
    {
        Volatile.Write(ref _current, next);
    }
}

/// <summary>
/// Builds snapshots: trains or loads the scorer of the configured understanding mode, indexes the knowledge and
/// makes the decider and engine exactly as start-up does. A new version gets its own embedded vector index, so
/// building (and evaluating) it never touches the one being served.
/// </summary>
public sealed class KnowledgeSnapshots(
    IOptions<KnowledgeOptions> knowledgeOptions, IOptions<UnderstandingOptions> understanding, IOptions<PolicyOptions> policy,
    IOptions<ContactOptions> contact, IOptions<DialogueOptions> dialogue, IOptions<HandoffOptions> handoff,
    ITicketStore tickets, ITicketEvents ticketEvents, TimeProvider time, NeuralEmbeddings neural, IWebHostEnvironment environment)
{
    /// <summary>The understanding mode a knowledge base is served in (<c>auto</c> resolved by its size).</summary>
    public string ModeFor(KnowledgeBase knowledge) => understanding.Value.ModeFor(knowledge.Faqs.Count);

    /// <summary>The configured <c>Knowledge:Directory</c>, resolved.</summary>
    public string Directory => KnowledgeOptions.Resolve(knowledgeOptions.Value.Directory, environment.ContentRootPath);

    public string ModelPath => KnowledgeOptions.Resolve(knowledgeOptions.Value.ModelPath, environment.ContentRootPath);

    public string ActModelPath => KnowledgeOptions.Resolve(understanding.Value.ActModelPath, environment.ContentRootPath);

    /// <summary>Trains a scorer for <paramref name="knowledge"/> in the configured mode (what <c>train</c> trains, without cross-validation).</summary>
    public IIntentScorer Train(KnowledgeBase knowledge) =>
        ModeFor(knowledge) == UnderstandingOptions.Retrieval ? RetrievalFirstModel.Train(knowledge) : IntentTrainer.Train(knowledge);

    /// <summary>The saved model of a scorer (its ML.NET <c>.zip</c>), so other instances load it instead of training.</summary>
    public static byte[] ModelBytes(IIntentScorer scorer)
    {
        var model = scorer switch
        {
            IntentModel m => m,
            RetrievalFirstModel r => r.Acts,
            _ => throw new ArgumentException($"cannot save a {scorer.GetType().Name}", nameof(scorer)),
        };
        var path = Path.Combine(Path.GetTempPath(), "assistant-model-" + Guid.NewGuid().ToString("N") + ".zip");
        try
        {
            model.Save(path);
            return File.ReadAllBytes(path);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>The scorer of a stored model when it was trained for the configured mode; null otherwise (train instead).</summary>
    public IIntentScorer? LoadModel(KnowledgeBase knowledge, string? mode, byte[]? bytes)
    {
        if (bytes is null || mode != ModeFor(knowledge)) return null;
        var path = Path.Combine(Path.GetTempPath(), "assistant-model-" + Guid.NewGuid().ToString("N") + ".zip");
        try
        {
            File.WriteAllBytes(path, bytes);
            var model = IntentModel.Load(path);
            return mode == UnderstandingOptions.Retrieval ? new RetrievalFirstModel(model, knowledge) : model;
        }
        finally
        {
            File.Delete(path);
        }
    }

    public async Task<KnowledgeSnapshot> BuildAsync(string? versionId, KnowledgeFiles files, KnowledgeBase knowledge, IIntentScorer scorer,
        IVectorIndex? index = null, CancellationToken cancellationToken = default)
    {
        var decider = await UnderstandingFactory.CreateDeciderAsync(knowledge, scorer, policy.Value, index ?? new InMemoryVectorIndex(),
            neural: neural.Evidence, cancellationToken: cancellationToken).ConfigureAwait(false);
        var engine = new ConversationEngine(decider, contact.Value, dialogue.Value, handoff.Value, tickets, ticketEvents, time);
        return new KnowledgeSnapshot(versionId, files, knowledge, scorer, decider, engine);
    }

    /// <summary>
    /// The snapshot an instance starts with: the version the database says is served, when there is one (its files
    /// are written to <c>knowledge/</c> and its stored model is loaded); otherwise <c>knowledge/</c> and the saved model, as before.
    /// </summary>
    public KnowledgeSnapshot Initial(KnowledgeVersionStore versions, IVectorIndex index, ILogger logger)
    {
        if (versions.Served() is { } active && versions.Content(active.Id) is { } content)
        {
            try
            {
                var knowledge = content.Files.Load();
                var scorer = LoadModel(knowledge, content.ModelMode, content.Model) ?? Train(knowledge);
                content.Files.WriteTo(Directory);
                logger.LogInformation("Serving knowledge version {Version} from the database ({Faqs} FAQ entries)", active.Id, knowledge.Faqs.Count);
                return BuildAsync(active.Id, content.Files, knowledge, scorer, index).GetAwaiter().GetResult();
            }
            catch (KnowledgeValidationException ex)
            {
                logger.LogError("Knowledge version {Version} does not load any more; serving {Directory} instead:\n{Errors}", active.Id, Directory, ex.Message);
            }
        }
        var loaded = KnowledgeLoader.Load(Directory);
        var model = UnderstandingFactory.LoadOrTrainScorer(loaded, ModeFor(loaded), ModelPath, ActModelPath, logger);
        return BuildAsync(null, KnowledgeFiles.Read(Directory), loaded, model, index).GetAwaiter().GetResult();
    }
}
