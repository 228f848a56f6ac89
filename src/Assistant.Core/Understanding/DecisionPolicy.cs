using Assistant.Knowledge;
using Assistant.Retrieval;

namespace Assistant.Understanding;

/// <summary>
/// Turns the classifier's ranked intents and the retriever's ranked FAQs into one decision. The
/// classifier's probability mass is grouped by decision (every handoff label counts towards
/// handoff); an FAQ is answered only when the combined evidence is high, clearly ahead of the
/// runner-up, and the retriever independently agrees. Otherwise the seller is asked to choose, or
/// the assistant declines: a wrong answer is worse than a question back.
/// The classifier is trusted as far as it knows the entries at stake (<see cref="ClassifierTrust"/>): an entry with
/// few phrasings (a cold start) is scored mostly by retrieval over its title, answer and facts, and when retrieval's
/// best entry is such an entry, the classifier's verdict against it (handoff, decline, smalltalk) counts for as
/// little as it knows of that entry.
/// </summary>
public sealed class DecisionPolicy(KnowledgeBase knowledge, PolicyOptions options)
{
    public PolicyOptions Options => options;

    /// <summary>The general-question intents the classifier was taught (none with the recommended phrasings).</summary>
    private readonly HashSet<string> _generalQuestions = knowledge.TeachesGeneralQuestions
        ? knowledge.Intents.Where(i => i.Decision == DecisionKind.Answer).Select(i => i.Intent).ToHashSet(StringComparer.Ordinal)
        : [];

    /// <summary>The reason of the decline that ends <see cref="Decide"/>: no kind of reading cleared its threshold.</summary>
    public const string NoConfidentReading = "no confident interpretation";

    /// <summary>The reason of a smalltalk reading the classifier alone made (not a rule such as "asks whether it is a bot").</summary>
    public const string ClassifierSmalltalk = "classifier: smalltalk";

    /// <summary>The reason of a handoff reading the classifier alone made (not a rule such as "asks for a person").</summary>
    public const string ClassifierHandoff = "classifier: handoff";

    /// <summary>The reason of an out-of-scope reading the classifier alone made (not a listed topic or service).</summary>
    public const string ClassifierOutOfScope = "classifier: out of scope";

    /// <summary>The label of a message that names an area, or nothing, without a question.</summary>
    public const string VagueIntent = "vague";

    public Decision Decide(IReadOnlyList<IntentScore> intents, IReadOnlyList<RetrievalCandidate> candidates)
    {
        // What the classifier says against retrieval's best entry weighs no more than what it knows of that entry.
        // The discount grows with retrieval's confidence in that entry: a greeting that retrieves nothing much stays smalltalk.
        var trust = candidates.Count > 0 ? 1 - (1 - ClassifierTrust(candidates[0].FaqId)) * Math.Min(1f, candidates[0].Score / RetrievalSure) : 1f;
        float handoff = 0, smalltalk = 0, decline = 0, vague = 0;
        string? bestSmalltalk = null, bestHandoff = null, bestDecline = null;
        foreach (var score in intents)
        {
            switch (knowledge.DecisionFor(score.Label))
            {
                case DecisionKind.Handoff: handoff += score.Probability; bestHandoff ??= score.Label; break;
                case DecisionKind.Smalltalk: smalltalk += score.Probability; bestSmalltalk ??= score.Label; break;
                case DecisionKind.Decline: decline += score.Probability; bestDecline ??= score.Label; break;
                case DecisionKind.Clarify: vague += score.Probability; break;
            }
        }

        var faqs = Combine(intents, candidates);
        var top = faqs.Count > 0 ? faqs[0] : default;
        var runnerUp = faqs.Count > 1 ? faqs[1].Score : 0;
        var faqMass = 1 - handoff - smalltalk - decline - vague;
        handoff *= trust; smalltalk *= trust; decline *= trust; vague *= trust;

        Decision Make(DecisionKind kind, string intent, float confidence, string? faqId, IReadOnlyList<string> suggestions, string reason) =>
            new(kind, intent, MathF.Round(confidence, 4), faqId, suggestions, reason) { Intents = intents, Candidates = candidates };

        if (handoff >= options.HandoffConfidence && handoff >= Math.Max(smalltalk, decline) && handoff >= faqMass)
            return Make(DecisionKind.Handoff, bestHandoff!, handoff, null, [], ClassifierHandoff);
        if (smalltalk >= options.SmalltalkConfidence && smalltalk >= Math.Max(handoff, decline) && smalltalk >= faqMass)
            return Make(DecisionKind.Smalltalk, bestSmalltalk!, smalltalk, null, [], ClassifierSmalltalk);
        if (decline >= options.DeclineConfidence && decline >= Math.Max(handoff, smalltalk) && decline >= faqMass)
            return Make(DecisionKind.Decline, bestDecline!, decline, null, [], ClassifierOutOfScope);

        // A message that names an area without a question ("정산 관련 문의") is answered by asking which topic.
        var isVague = vague >= faqMass;
        // An entry the classifier barely knows is judged on retrieval's scale, and only when the classifier's own best entry agrees.
        var topTrust = faqs.Count > 0 ? ClassifierTrust(top.Id) : 1f;
        var answerConfidence = topTrust * options.AnswerConfidence + (1 - topTrust) * options.ColdAnswerConfidence;
        var answerMargin = topTrust * options.AnswerMargin + (1 - topTrust) * options.ColdAnswerMargin;
        if (faqs.Count > 0
            && !isVague
            && top.Score >= answerConfidence
            && top.Score - runnerUp >= answerMargin
            && (topTrust >= 1 || ClassifierFavours(intents, top.Id))
            && top.Retrieval >= topTrust * options.MinRetrievalScore + (1 - topTrust) * options.ColdMinRetrievalScore
            && (!options.RequireAgreement || candidates.Count > 0 && candidates[0].FaqId == top.Id))
            return Make(DecisionKind.Answer, top.Id, top.Score, top.Id, [], "confident FAQ match");

        // A vague message's choices come from the area it names ("배송 쪽으로 궁금한 게 있는데요"): an entry that only a word
        // like "문제" brings up, under two thirds of the answer's retrieval floor, is no choice.
        var choices = faqs.Where(f => isVague ? f.Score >= options.ClarifyConfidence / 2 && f.Retrieval >= options.MinRetrievalScore * 2 / 3 : f.Score >= options.ClarifyConfidence)
            .Take(options.MaxSuggestions).Select(f => f.Id).ToArray();
        if (choices.Length > 0)
            return Make(DecisionKind.Clarify, top.Id, top.Score, null, choices, "several FAQs possible");
        // "오늘 좀 문제가 생겨서요": sure it names no question, and no area either; the seller is asked what happened, not declined.
        if (isVague && vague >= Math.Max(Math.Max(handoff, smalltalk), decline) && vague >= options.ClarifyConfidence)
            return Make(DecisionKind.Clarify, VagueIntent, vague, null, [], "a vague message naming no area");

        var (fallback, mass) = new[] { (bestDecline, decline), (bestHandoff, handoff), (bestSmalltalk, smalltalk) }.MaxBy(x => x.Item2);
        return Make(DecisionKind.Decline, fallback ?? "unknown", mass, null, [], NoConfidentReading);
    }

    /// <summary>
    /// The scores with the mass of the general-question intents (<c>decision: answer</c>, no entry of their own) shared
    /// among the FAQ entries in proportion to their own probabilities: what the classifier learned from those examples
    /// is that the message asks something an entry answers, not which entry. Without such intents the scores are returned as they are.
    /// </summary>
    public IReadOnlyList<IntentScore> FoldGeneralQuestions(IReadOnlyList<IntentScore> intents)
    {
        if (_generalQuestions.Count == 0) return intents;
        float general = 0, entries = 0;
        foreach (var score in intents)
        {
            if (_generalQuestions.Contains(score.Label)) general += score.Probability;
            else if (knowledge.FindFaq(score.Label) is not null) entries += score.Probability;
        }
        if (general <= 0 || entries <= 0) return intents;
        var scale = (entries + general) / entries;
        var folded = new List<IntentScore>(intents.Count);
        foreach (var score in intents)
            if (!_generalQuestions.Contains(score.Label))
                folded.Add(knowledge.FindFaq(score.Label) is null ? score : score with { Probability = score.Probability * scale });
        folded.Sort((a, b) => b.Probability.CompareTo(a.Probability));
        return folded;
    }

    /// <summary>
    /// How far the classifier knows an entry: 1 with <see cref="KnowledgeLoader.RecommendedQuestions"/> phrasings or
    /// more, in proportion below (0 with none, when only retrieval over its title, answer and facts knows it).
    /// </summary>
    public float ClassifierTrust(string faqId) =>
        knowledge.FindFaq(faqId) is { } faq ? Math.Min(1f, faq.Questions.Count / (float)KnowledgeLoader.RecommendedQuestions) : 1f;

    /// <summary>Retrieval score at which retrieval's best entry is taken as known as well as the classifier would know it.</summary>
    private const float RetrievalSure = 0.5f;

    /// <summary>True when <paramref name="faqId"/> is the classifier's most probable FAQ entry.</summary>
    private bool ClassifierFavours(IReadOnlyList<IntentScore> intents, string faqId) =>
        intents.FirstOrDefault(i => knowledge.DecisionFor(i.Label) == DecisionKind.Answer)?.Label == faqId;

    /// <summary>FAQ ids ranked by the weighted sum of classifier probability and retrieval score.</summary>
    private List<(string Id, float Score, float Retrieval)> Combine(IReadOnlyList<IntentScore> intents, IReadOnlyList<RetrievalCandidate> candidates)
    {
        var w = (float)options.ClassifierWeight;
        var retrieval = candidates.ToDictionary(c => c.FaqId, c => c.Score, StringComparer.Ordinal);
        var combined = new List<(string Id, float Score, float Retrieval)>();
        foreach (var score in intents)
        {
            if (knowledge.DecisionFor(score.Label) != DecisionKind.Answer) continue;
            var r = retrieval.GetValueOrDefault(score.Label);
            var we = w * ClassifierTrust(score.Label);
            combined.Add((score.Label, we * score.Probability + (1 - we) * r, r));
        }
        combined.Sort((a, b) => b.Score.CompareTo(a.Score));
        return combined;
    }
}
