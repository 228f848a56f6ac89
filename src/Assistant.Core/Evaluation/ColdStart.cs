using Assistant.Knowledge;
using Assistant.Understanding;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Assistant.Evaluation;

/// <summary>
/// Measures a cold start without editing <c>knowledge/</c>: the knowledge base as an operator importing a help
/// center would have it, with only the first few phrasings of every FAQ entry (title, answer and facts kept), and a
/// classifier trained for it in a temporary folder, never in <c>models/</c>.
/// </summary>
public static class ColdStart
{
    /// <summary>The same knowledge with at most <paramref name="maxPhrasings"/> questions per FAQ entry (the first ones, in file order).</summary>
    public static KnowledgeBase KeepPhrasings(KnowledgeBase knowledge, int maxPhrasings)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxPhrasings);
        var faqs = knowledge.Faqs.Select(f => f with { Questions = f.Questions.Take(maxPhrasings).ToArray() }).ToArray();
        return new KnowledgeBase(faqs, knowledge.Intents, knowledge.Lexicon, knowledge.Replies, knowledge.Handoff, knowledge.Scope) { Warnings = knowledge.Warnings };
    }

    /// <summary>The folder reduced-knowledge models are kept in, by training-data hash, so a second run reuses them.</summary>
    public static string ModelFolder { get; } = Path.Combine(Path.GetTempPath(), "assistant-cold-start-models");

    /// <summary>A classifier for <paramref name="knowledge"/>, loaded from <see cref="ModelFolder"/> when one was trained on exactly it, trained and saved there otherwise.</summary>
    public static IntentModel LoadOrTrainModel(KnowledgeBase knowledge, ILogger? logger = null)
    {
        logger ??= NullLogger.Instance;
        var path = Path.Combine(ModelFolder, IntentTrainer.TrainingDataHash(knowledge)[..24] + ".zip");
        if (File.Exists(path))
        {
            logger.LogInformation("Loaded the reduced-knowledge model {Path}", path);
            return IntentModel.Load(path);
        }
        logger.LogInformation("Training a model for the reduced knowledge into {Path}", path);
        var model = IntentTrainer.Train(knowledge);
        model.Save(path);
        return model;
    }
}
