using System.ComponentModel.DataAnnotations;

namespace Assistant.Understanding;

/// <summary>
/// Thresholds of the decision policy (configuration section <c>Policy</c>). The answer thresholds
/// are tuned by the <c>tune</c> command on out-of-fold predictions over the knowledge base.
/// </summary>
public sealed class PolicyOptions
{
    public const string Section = "Policy";

    /// <summary>Weight of the classifier's probability against the retrieval score in an FAQ's combined score.</summary>
    [Range(0.0, 1.0)] public double ClassifierWeight { get; set; } = 0.6;

    /// <summary>Combined score the top FAQ needs before it is answered.</summary>
    [Range(0.0, 1.0)] public double AnswerConfidence { get; set; } = 0.3;

    /// <summary>Lead the top FAQ needs over the second; a smaller lead asks the seller to choose.</summary>
    [Range(0.0, 1.0)] public double AnswerMargin { get; set; } = 0.2;

    /// <summary>Retrieval score the top FAQ needs: a second, independent signal before answering.</summary>
    [Range(0.0, 1.0)] public double MinRetrievalScore { get; set; } = 0.3;

    /// <summary>Combined score an FAQ needs to be offered as a choice.</summary>
    [Range(0.0, 1.0)] public double ClarifyConfidence { get; set; } = 0.15;

    /// <summary>
    /// Combined score an entry the classifier barely knows (few phrasings, a cold start) needs before it is answered; the
    /// threshold moves from <see cref="AnswerConfidence"/> to this in proportion to how little the classifier knows it.
    /// Such an entry's score is mostly retrieval over its title, answer and facts, which runs lower than the classifier's.
    /// </summary>
    [Range(0.0, 1.0)] public double ColdAnswerConfidence { get; set; } = 0.3;

    /// <summary>Lead over the runner-up an entry the classifier barely knows needs (see <see cref="ColdAnswerConfidence"/>).</summary>
    [Range(0.0, 1.0)] public double ColdAnswerMargin { get; set; } = 0.15;

    /// <summary>
    /// Retrieval score an entry the classifier barely knows needs (see <see cref="ColdAnswerConfidence"/>; the floor moves
    /// from <see cref="MinRetrievalScore"/> to this in the same proportion): retrieval over a title, an answer and a few
    /// phrasings scores lower than over forty phrasings.
    /// </summary>
    [Range(0.0, 1.0)] public double ColdMinRetrievalScore { get; set; } = 0.2;

    /// <summary>Answer only when the retriever's own best FAQ is the same entry: two independent signals agree.</summary>
    public bool RequireAgreement { get; set; } = true;

    [Range(0.0, 1.0)] public double HandoffConfidence { get; set; } = 0.45;

    [Range(0.0, 1.0)] public double SmalltalkConfidence { get; set; } = 0.5;

    [Range(0.0, 1.0)] public double DeclineConfidence { get; set; } = 0.45;

    [Range(1, 5)] public int MaxSuggestions { get; set; } = 3;

    /// <summary>
    /// A question about selling whose best choices score below this gets "no answer for that here" and the
    /// offer of a person (with the choices kept as options) instead of a choice among weak matches.
    /// </summary>
    [Range(0.0, 1.0)] public double NoAnswerBelow { get; set; } = 0.45;
}
