using Assistant.Retrieval;

namespace Assistant.Understanding;

/// <summary>
/// The label scores a decision stands on (FAQ ids and non-FAQ intents, most probable first), from the message's
/// feature text and retrieval's candidates: the per-entry classifier (<see cref="IntentModel"/>) ignores the
/// candidates, the retrieval-first mode (<see cref="RetrievalFirstModel"/>) picks the entry from them.
/// </summary>
public interface IIntentScorer
{
    IReadOnlyList<IntentScore> Score(string featureText, IReadOnlyList<RetrievalCandidate> candidates);
}
