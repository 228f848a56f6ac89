using Assistant.Knowledge;
using Assistant.Retrieval;

namespace Assistant.Understanding;

/// <summary>
/// Turns the classifier's ranked intents and the retriever's ranked FAQs into one decision. The
/// classifier's probability mass is grouped by decision (every handoff label counts towards
/// handoff); an FAQ is answered only when the combined evidence is high, clearly ahead of the
/// runner-up, and the retriever independently agrees. Otherwise the seller is asked to choose, or
/// the assistant declines: a wrong answer is worse than a question back.
/// </summary>
public sealed class DecisionPolicy(KnowledgeBase knowledge, PolicyOptions options)
{
    public PolicyOptions Options => options;

    public Decision Decide(IReadOnlyList<IntentScore> intents, IReadOnlyList<RetrievalCandidate> candidates)
    {
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

        Decision Make(DecisionKind kind, string intent, float confidence, string? faqId, IReadOnlyList<string> suggestions, string reason) =>
            new(kind, intent, MathF.Round(confidence, 4), faqId, suggestions, reason) { Intents = intents, Candidates = candidates };

        if (handoff >= options.HandoffConfidence && handoff >= Math.Max(smalltalk, decline) && handoff >= faqMass)
            return Make(DecisionKind.Handoff, bestHandoff!, handoff, null, [], "classifier: handoff");
        if (smalltalk >= options.SmalltalkConfidence && smalltalk >= Math.Max(handoff, decline) && smalltalk >= faqMass)
            return Make(DecisionKind.Smalltalk, bestSmalltalk!, smalltalk, null, [], "classifier: smalltalk");
        if (decline >= options.DeclineConfidence && decline >= Math.Max(handoff, smalltalk) && decline >= faqMass)
            return Make(DecisionKind.Decline, bestDecline!, decline, null, [], "classifier: out of scope");

        // A message that names an area without a question ("정산 관련 문의") is answered by asking which topic.
        var isVague = vague >= faqMass;
        if (faqs.Count > 0
            && !isVague
            && top.Score >= options.AnswerConfidence
            && top.Score - runnerUp >= options.AnswerMargin
            && top.Retrieval >= options.MinRetrievalScore
            && (!options.RequireAgreement || candidates.Count > 0 && candidates[0].FaqId == top.Id))
            return Make(DecisionKind.Answer, top.Id, top.Score, top.Id, [], "confident FAQ match");

        var choices = faqs.Where(f => f.Score >= (isVague ? options.ClarifyConfidence / 2 : options.ClarifyConfidence)).Take(options.MaxSuggestions).Select(f => f.Id).ToArray();
        if (choices.Length > 0)
            return Make(DecisionKind.Clarify, top.Id, top.Score, null, choices, "several FAQs possible");

        var (fallback, mass) = new[] { (bestDecline, decline), (bestHandoff, handoff), (bestSmalltalk, smalltalk) }.MaxBy(x => x.Item2);
        return Make(DecisionKind.Decline, fallback ?? "unknown", mass, null, [], "no confident interpretation");
    }

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
            combined.Add((score.Label, w * score.Probability + (1 - w) * r, r));
        }
        combined.Sort((a, b) => b.Score.CompareTo(a.Score));
        return combined;
    }
}
