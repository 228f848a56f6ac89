using Assistant.Knowledge;
using Assistant.Retrieval;
using Assistant.Understanding;

namespace Assistant.Evaluation;

/// <summary>
/// Tunes the answer thresholds on out-of-fold evidence: for every held-out example, the classifier's
/// and retriever's output from models built without it. The rule: the most coverage whose answer
/// precision reaches the target (a wrong answer is the worst outcome); ties go to the stricter setting.
/// </summary>
public static class PolicyTuner
{
    /// <summary>
    /// Held-out knowledge examples are harder than real messages (fragments, typos and near-miss
    /// wordings written to sit on topic borders): 0.87 there gave 0.99 answer precision on sellers'
    /// real questions (the development set), the strictest target that kept it so.
    /// </summary>
    public const double DefaultTargetPrecision = 0.87;

    public sealed record Evidence(EvalCase Case, IReadOnlyList<IntentScore> Intents, IReadOnlyList<RetrievalCandidate> Candidates);

    public sealed record Result(PolicyOptions Options, EvalMetrics Metrics, bool MetTarget);

    public static async Task<IReadOnlyList<Evidence>> CollectAsync(KnowledgeBase knowledge, int folds, Action<int>? onFold = null, CancellationToken cancellationToken = default)
    {
        var evidence = new List<Evidence>();
        var f = 0;
        foreach (var (training, heldOut) in KnowledgeFolds.Split(knowledge, folds))
        {
            var model = IntentTrainer.Train(training);
            var decider = await UnderstandingFactory.CreateDeciderAsync(training, model, new PolicyOptions(), cancellationToken: cancellationToken).ConfigureAwait(false);
            foreach (var example in heldOut)
            {
                var d = await decider.DecideAsync(example.Text, cancellationToken).ConfigureAwait(false);
                evidence.Add(new Evidence(example.ToCase(knowledge), d.Intents, d.Candidates));
            }
            onFold?.Invoke(f++);
        }
        return evidence;
    }

    /// <summary>A cold start of a knowledge base and the evidence of the phrasings it never saw (<see cref="CollectColdAsync"/>).</summary>
    public sealed record ColdEvidence(KnowledgeBase Knowledge, IReadOnlyList<Evidence> Evidence);

    /// <summary>
    /// Evidence for the thresholds of entries the classifier barely knows (<see cref="PolicyOptions.ColdAnswerConfidence"/>):
    /// the knowledge as a cold start has it (<see cref="ColdStart.KeepPhrasings"/>, the first <paramref name="keep"/>
    /// phrasings of every entry, title, answer and facts kept) decides every phrasing it does not keep. The phrasings an
    /// operator would not have had are held-out questions about entries the model knows only a little of.
    /// </summary>
    public static async Task<ColdEvidence> CollectColdAsync(KnowledgeBase knowledge, int keep, CancellationToken cancellationToken = default)
    {
        var cold = ColdStart.KeepPhrasings(knowledge, keep);
        var decider = await UnderstandingFactory.CreateDeciderAsync(cold, IntentTrainer.Train(cold), new PolicyOptions(), cancellationToken: cancellationToken).ConfigureAwait(false);
        var evidence = new List<Evidence>();
        foreach (var faq in knowledge.Faqs)
            foreach (var question in faq.Questions.Skip(keep))
            {
                var d = await decider.DecideAsync(question, cancellationToken).ConfigureAwait(false);
                evidence.Add(new Evidence(new EvalCase(question, faq.Id, [], 0), d.Intents, d.Candidates));
            }
        return new ColdEvidence(cold, evidence);
    }

    /// <summary>
    /// The grid search over the cold-start thresholds (<see cref="PolicyOptions.ColdAnswerConfidence"/> and
    /// <see cref="PolicyOptions.ColdAnswerMargin"/>), every other threshold as in <paramref name="start"/>, on
    /// <see cref="CollectColdAsync"/>'s evidence with the same rule as <see cref="Tune"/>.
    /// </summary>
    public static Result TuneCold(ColdEvidence cold, PolicyOptions start, double targetPrecision) =>
        Best(cold.Knowledge, cold.Evidence, targetPrecision,
            from confidence in Steps(0.10, 0.60, 0.025)
            from margin in Steps(0.0, 0.30, 0.025)
            from retrieval in Steps(0.10, 0.30, 0.05)
            select With(start, o => (o.ColdAnswerConfidence, o.ColdAnswerMargin, o.ColdMinRetrievalScore) = (confidence, margin, retrieval)));

    public static EvalMetrics Score(KnowledgeBase knowledge, IReadOnlyList<Evidence> evidence, PolicyOptions options)
    {
        var policy = new DecisionPolicy(knowledge, options);
        return EvalMetrics.From(evidence.Select(e =>
        {
            var d = policy.Decide(e.Intents, e.Candidates);
            return new EvalResult(e.Case, d, EvalJudge.IsRight(e.Case, d), 0);
        }).ToArray());
    }

    /// <summary>The grid search; <paramref name="onStep"/> hears (step, steps, confidence) after each answer-confidence value.</summary>
    public static Result Tune(KnowledgeBase knowledge, IReadOnlyList<Evidence> evidence, PolicyOptions start, double targetPrecision, Action<int, int, double>? onStep = null)
    {
        Result? best = null;
        var confidences = Steps(0.30, 0.80, 0.025).ToArray();
        for (var step = 0; step < confidences.Length; step++)
        {
            var confidence = confidences[step];
            var found = Best(knowledge, evidence, targetPrecision,
                from margin in Steps(0.0, 0.40, 0.025)
                from retrieval in Steps(0.10, 0.40, 0.05)
                select With(start, o => (o.AnswerConfidence, o.AnswerMargin, o.MinRetrievalScore) = (confidence, margin, retrieval)));
            if (best is null || Better(found, best)) best = found;
            onStep?.Invoke(step + 1, confidences.Length, confidence);
        }
        return best!;
    }

    /// <summary>The best of <paramref name="settings"/> by the rule (<see cref="Better(Result, Result)"/>); of equals, the first.</summary>
    private static Result Best(KnowledgeBase knowledge, IReadOnlyList<Evidence> evidence, double targetPrecision, IEnumerable<PolicyOptions> settings)
    {
        Result? best = null;
        foreach (var options in settings)
        {
            var metrics = Score(knowledge, evidence, options);
            var candidate = new Result(options, metrics, metrics.AnswerPrecision >= targetPrecision);
            if (best is null || Better(candidate, best)) best = candidate;
        }
        return best!;
    }

    private static PolicyOptions With(PolicyOptions start, Action<PolicyOptions> change)
    {
        var options = Copy(start);
        change(options);
        return options;
    }

    public static bool Better(bool aMet, double aPrecision, double aCoverage, bool bMet, double bPrecision, double bCoverage)
    {
        if (aMet != bMet) return aMet;
        if (!aMet) return aPrecision > bPrecision;
        return aCoverage > bCoverage + 1e-9;
    }

    private static bool Better(Result a, Result b) =>
        Better(a.MetTarget, a.Metrics.AnswerPrecision, a.Metrics.Coverage, b.MetTarget, b.Metrics.AnswerPrecision, b.Metrics.Coverage);


    private static IEnumerable<double> Steps(double from, double to, double step)
    {
        for (var v = from; v <= to + 1e-9; v += step) yield return Math.Round(v, 3);
    }

    private static PolicyOptions Copy(PolicyOptions o) => new()
    {
        ClassifierWeight = o.ClassifierWeight, AnswerConfidence = o.AnswerConfidence, AnswerMargin = o.AnswerMargin,
        MinRetrievalScore = o.MinRetrievalScore, ColdAnswerConfidence = o.ColdAnswerConfidence, ColdAnswerMargin = o.ColdAnswerMargin, ColdMinRetrievalScore = o.ColdMinRetrievalScore, NoAnswerBelow = o.NoAnswerBelow, ClarifyConfidence = o.ClarifyConfidence, HandoffConfidence = o.HandoffConfidence,
        SmalltalkConfidence = o.SmalltalkConfidence, RequireAgreement = o.RequireAgreement, DeclineConfidence = o.DeclineConfidence, MaxSuggestions = o.MaxSuggestions,
    };
}
