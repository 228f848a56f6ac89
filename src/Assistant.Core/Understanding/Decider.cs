using Assistant.Dialogue;
using Assistant.Evaluation;
using Assistant.Knowledge;
using Assistant.Text;
using Assistant.Retrieval;

namespace Assistant.Understanding;

/// <summary>The understanding pipeline every channel and the evaluation share: features, classifier, retrieval, policy.</summary>
public sealed class Decider(KnowledgeBase knowledge, IntentModel model, HybridRetriever retriever, DecisionPolicy policy) : IMessageDecider
{
    private const int CandidateCount = 8;

    public KnowledgeBase Knowledge => knowledge;

    public async Task<Decision> DecideAsync(string message, CancellationToken cancellationToken = default)
    {
        if (knowledge.FindByTitle(message) is { } chosen)
            return new Decision(DecisionKind.Answer, chosen.Id, 1f, chosen.Id, [], "title chosen");
        if ((knowledge.Scope.OtherServiceIn(message) ?? knowledge.Scope.NotOursIn(message)) is { } notOurs)
            return new Decision(DecisionKind.Decline, OutOfScope, 1f, null, [], $"not ours: {notOurs}");

        // What the message does comes before what it is about: a request for a person, a question about the bot.
        var act = ReplyActs.ReadClauses(message).Select(r => r.Act).FirstOrDefault(a => a is ReplyAct.HumanRequest or ReplyAct.AreYouBot);
        if (act == ReplyAct.HumanRequest) return new Decision(DecisionKind.Handoff, HandoffRequest, 1f, null, [], "asks for a person");
        if (act == ReplyAct.AreYouBot && knowledge.FindIntent(IdentityIntent) is not null)
            return new Decision(DecisionKind.Smalltalk, IdentityIntent, 1f, null, [], "asks whether it is a bot");

        var decision = await DecideTopicAsync(message, cancellationToken).ConfigureAwait(false);
        return NoAnswerHere(decision, message) ?? decision;
    }

    /// <summary>What the message is about, from the classifier and retrieval alone (no act, no scope rule): the topic of a problem description.</summary>
    public async Task<Decision> DecideTopicAsync(string message, CancellationToken cancellationToken = default)
    {
        var terms = knowledge.Lexicon.Expand(message);
        var intents = model.Predict(FeatureText.For(message, terms));
        var candidates = await retriever.RetrieveAsync(message, FeatureText.ForRetrieval(message, terms), CandidateCount, cancellationToken).ConfigureAwait(false);
        return policy.Decide(intents, candidates);
    }

    /// <summary>A bare area ("정산 관련이요", "배송") deserves a choice among the area's entries, not "no answer here".</summary>
    private bool IsVague(Decision decision, string message) =>
        TextNormalizer.Compact(message).Length <= 6
        || decision.Intents.Where(i => knowledge.DecisionFor(i.Label) == DecisionKind.Clarify).Sum(i => i.Probability) >= 0.3f;

    public const string OutOfScope = "out-of-scope", HandoffRequest = "handoff.request", NoAnswer = "handoff.no-answer", IdentityIntent = "smalltalk.identity";

    /// <summary>
    /// A question about selling here that no entry answers with confidence (declined, or only weak choices):
    /// "there is no answer for that here" and the offer of a person, keeping the weak choices as options.
    /// </summary>
    private Decision? NoAnswerHere(Decision decision, string message)
    {
        // The classifier's own "out of scope" needs a selling word to be overruled ("딤채 냉장고 고객센터" stays declined).
        var classifierDeclined = decision.Kind == DecisionKind.Decline && decision.Intent == OutOfScope && decision.Confidence >= policy.Options.DeclineConfidence;
        var unsure = decision.Kind == DecisionKind.Decline && decision.Intent is OutOfScope or "unknown"
            || decision.Kind == DecisionKind.Clarify && decision.Confidence < policy.Options.NoAnswerBelow && !IsVague(decision, message);
        if (!unsure) return null;
        var aboutSelling = classifierDeclined ? knowledge.Scope.HasSellingWord(message) : knowledge.Scope.IsAboutSelling(message, knowledge.Lexicon);
        if (!aboutSelling) return null;
        return decision with { Kind = DecisionKind.Handoff, Intent = NoAnswer, FaqId = null, Reason = "about selling, no confident entry" };
    }
}
