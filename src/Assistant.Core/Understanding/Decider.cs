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

        var terms = knowledge.Lexicon.Expand(message);
        var intents = model.Predict(FeatureText.For(message, terms));
        var candidates = await retriever.RetrieveAsync(message, FeatureText.ForRetrieval(message, terms), CandidateCount, cancellationToken).ConfigureAwait(false);
        return policy.Decide(intents, candidates);
    }
}
