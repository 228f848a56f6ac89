using Assistant.Knowledge;
using Assistant.Retrieval;

namespace Assistant.Understanding;

/// <summary>
/// What the assistant decided about one message, with the evidence it used. <see cref="Intent"/> is
/// the label the decision stands on (an FAQ id, <c>handoff.request</c>, <c>out-of-scope</c>, ...).
/// </summary>
public sealed record Decision(
    DecisionKind Kind,
    string Intent,
    float Confidence,
    string? FaqId,
    IReadOnlyList<string> Suggestions,
    string Reason)
{
    public IReadOnlyList<IntentScore> Intents { get; init; } = [];
    public IReadOnlyList<RetrievalCandidate> Candidates { get; init; } = [];

    public string Action => Kind switch
    {
        DecisionKind.Answer => "answer",
        DecisionKind.Clarify => "clarify",
        DecisionKind.Handoff => "handoff",
        DecisionKind.Smalltalk => "smalltalk",
        _ => "decline",
    };
}
