using System.Security.Cryptography;
using System.Text;
using Assistant.Knowledge;
using Assistant.Retrieval;
using Assistant.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Assistant.Understanding;

/// <summary>
/// Retrieval-first understanding: the classifier learns a fixed set of labels — the non-FAQ intents (handoff.*,
/// smalltalk.*, out-of-scope, noise, vague) plus <c>faq</c> for every FAQ title and question, or one
/// <c>faq:&lt;category&gt;</c> label per FAQ category — so its training cost grows with examples, not with entries.
/// Retrieval chooses the entry: the FAQ probability mass is shared among retrieval's candidates by a softmax of their
/// scores (a tie splits it, a clear lead takes it) beside a "none of them" option at <see cref="NoneScore"/>, so weak
/// retrieval keeps the mass from any entry. The result is per-entry scores in the classifier's shape, and the same
/// <see cref="DecisionPolicy"/> decides on them.
/// </summary>
public sealed class RetrievalFirstModel : IIntentScorer
{
    /// <summary>Bump when the labels, features or trainer change, so a saved act classifier is retrained.</summary>
    public const string PipelineVersion = "act-v1 " + IntentTrainer.PipelineVersion;

    /// <summary>The label every FAQ question teaches (or its prefix, per category).</summary>
    public const string FaqLabel = "faq";

    /// <summary>Softmax temperature over retrieval scores (0-1): a lead of 0.1 multiplies an entry's share by e².</summary>
    public const float Temperature = 0.05f;

    /// <summary>The retrieval score of "none of the candidates": below it an entry gets less than half the FAQ mass.</summary>
    public const float NoneScore = 0.25f;

    private readonly IntentModel _acts;
    private readonly KnowledgeBase _knowledge;
    private readonly bool _byCategory;
    private readonly int _categories;

    public RetrievalFirstModel(IntentModel acts, KnowledgeBase knowledge)
    {
        _acts = acts;
        _knowledge = knowledge;
        _byCategory = acts.Labels.Any(l => l.StartsWith(FaqLabel + ":", StringComparison.Ordinal));
        _categories = Math.Max(1, acts.Labels.Count(l => l.StartsWith(FaqLabel + ":", StringComparison.Ordinal)));
    }

    /// <summary>The act classifier (fixed labels).</summary>
    public IntentModel Acts => _acts;

    /// <summary>The classifier's label for an FAQ entry: <c>faq</c>, or <c>faq:&lt;category&gt;</c>.</summary>
    public static string LabelFor(FaqEntry faq, bool byCategory) => byCategory ? FaqLabel + ":" + faq.Category : FaqLabel;

    /// <summary>What the act classifier learns from: the knowledge's training examples with every FAQ id replaced by its FAQ label.</summary>
    public static IReadOnlyList<(string Label, string Text)> Examples(KnowledgeBase knowledge, bool byCategory = false) =>
        knowledge.TrainingExamples()
            .Select(e => (knowledge.FindFaq(e.Label) is { } faq ? LabelFor(faq, byCategory)
                : knowledge.DecisionFor(e.Label) == DecisionKind.Answer ? FaqLabel // a general question: asks what some entry answers
                : e.Label, FeatureText.For(e.Text, knowledge.Lexicon)))
            .ToArray();

    /// <summary>Identifies exactly what an act classifier was trained on.</summary>
    public static string TrainingDataHash(KnowledgeBase knowledge, bool byCategory = false)
    {
        var sb = new StringBuilder(PipelineVersion).Append(byCategory ? " by-category" : "").Append('\n');
        foreach (var (label, text) in Examples(knowledge, byCategory)) sb.Append(label).Append('\t').Append(text).Append('\n');
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString())));
    }

    public static RetrievalFirstModel Train(KnowledgeBase knowledge, bool byCategory = false) =>
        new(IntentModel.Train(Examples(knowledge, byCategory)), knowledge);

    /// <summary>The file beside the saved act classifier holding its training-data hash.</summary>
    public static string HashPathFor(string modelPath) => Path.ChangeExtension(modelPath, ".hash");

    /// <summary>
    /// Loads the act classifier saved at <paramref name="modelPath"/> when it was trained on exactly this knowledge;
    /// otherwise trains one and saves it there (a failed save is logged, the trained model still serves).
    /// </summary>
    public static RetrievalFirstModel LoadOrTrain(KnowledgeBase knowledge, string modelPath, ILogger? logger = null)
    {
        logger ??= NullLogger.Instance;
        var hash = TrainingDataHash(knowledge);
        var hashPath = HashPathFor(modelPath);
        if (File.Exists(modelPath) && File.Exists(hashPath) && File.ReadAllText(hashPath).Trim() == hash)
        {
            logger.LogInformation("Loaded act classifier {Path} (retrieval-first understanding)", modelPath);
            return new RetrievalFirstModel(IntentModel.Load(modelPath), knowledge);
        }

        logger.LogWarning("No act classifier for this knowledge at {Path}; training one (retrieval-first understanding).", modelPath);
        var model = Train(knowledge);
        try
        {
            model.Acts.Save(modelPath);
            File.WriteAllText(hashPath, hash + "\n");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            logger.LogWarning("Could not save the act classifier to {Path}: {Reason}", modelPath, e.Message);
        }
        return model;
    }

    /// <summary>
    /// The act classifier's non-FAQ intents as they are, and each candidate entry scored by the FAQ mass (its category's,
    /// by category) times its share of a softmax over the candidates' retrieval scores and a "none" option.
    /// </summary>
    public IReadOnlyList<IntentScore> Score(string featureText, IReadOnlyList<RetrievalCandidate> candidates)
    {
        var acts = _acts.Predict(featureText);
        var scores = new List<IntentScore>(acts.Count + candidates.Count);
        var faqMass = 0f;
        var categoryMass = new Dictionary<string, float>(StringComparer.Ordinal);
        foreach (var act in acts)
        {
            if (act.Label == FaqLabel || act.Label.StartsWith(FaqLabel + ":", StringComparison.Ordinal))
            {
                faqMass += act.Probability;
                categoryMass[act.Label] = act.Probability;
            }
            else scores.Add(act);
        }

        if (candidates.Count > 0 && faqMass > 0)
        {
            // Relative to the best score, so the exponentials never overflow.
            var best = Math.Max(candidates[0].Score, NoneScore);
            var weights = new float[candidates.Count];
            var total = MathF.Exp((NoneScore - best) / Temperature);
            for (var i = 0; i < candidates.Count; i++)
            {
                // By category, the general questions' mass (label "faq") is shared evenly among the categories.
                var mass = _knowledge.FindFaq(candidates[i].FaqId) is { } faq
                    ? (categoryMass.GetValueOrDefault(LabelFor(faq, _byCategory)) + (_byCategory ? categoryMass.GetValueOrDefault(FaqLabel) / _categories : 0)) / faqMass
                    : 0f;
                // A category's share against an even split among the categories: 1 when the classifier cannot tell them apart.
                weights[i] = _byCategory ? mass * _categories : 1f;
                weights[i] *= MathF.Exp((candidates[i].Score - best) / Temperature);
                total += weights[i];
            }
            for (var i = 0; i < candidates.Count; i++)
                if (weights[i] > 0) scores.Add(new IntentScore(candidates[i].FaqId, faqMass * weights[i] / total));
        }
        scores.Sort((a, b) => b.Probability.CompareTo(a.Probability));
        return scores;
    }
}
