using Assistant.Understanding;

namespace Assistant.Evaluation;

public sealed record EvalResult(EvalCase Case, Decision Decision, bool Right, double LatencyMs);

/// <summary>The metrics of <c>shared/eval/README.md</c> over a set of judged cases, all fractions in [0, 1].</summary>
public sealed record EvalMetrics(
    double Accuracy,
    double AnswerPrecision,
    double Coverage,
    double WrongAnswerRate,
    double HandoffRecall,
    double OutOfScopeDecline,
    double SmalltalkAccuracy,
    int Cases)
{
    public static EvalMetrics From(IReadOnlyList<EvalResult> results)
    {
        static double Ratio(int n, int d) => d == 0 ? 1 : Math.Round((double)n / d, 4);
        var answers = results.Where(r => r.Decision.Action == "answer").ToArray();
        var topics = results.Where(r => EvalJudge.IsTopic(r.Case.Expect)).ToArray();
        var handoffs = results.Where(r => r.Case.Expect == EvalJudge.Handoff).ToArray();
        var outOfScope = results.Where(r => r.Case.Expect == EvalJudge.OutOfScope).ToArray();
        var smalltalk = results.Where(r => r.Case.Expect == EvalJudge.Smalltalk).ToArray();
        return new EvalMetrics(
            Accuracy: Ratio(results.Count(r => r.Right), results.Count),
            AnswerPrecision: Ratio(answers.Count(r => r.Right), answers.Length),
            Coverage: Ratio(topics.Count(r => r.Right && r.Decision.Action == "answer"), topics.Length),
            WrongAnswerRate: Ratio(answers.Count(r => !r.Right), results.Count),
            HandoffRecall: Ratio(handoffs.Count(r => r.Right), handoffs.Length),
            OutOfScopeDecline: Ratio(outOfScope.Count(r => r.Decision.Action == "decline"), outOfScope.Length),
            SmalltalkAccuracy: Ratio(smalltalk.Count(r => r.Right), smalltalk.Length),
            Cases: results.Count);
    }
}

public sealed record LatencySummary(double P50, double P99)
{
    public static LatencySummary From(IEnumerable<double> milliseconds)
    {
        var sorted = milliseconds.Order().ToArray();
        if (sorted.Length == 0) return new LatencySummary(0, 0);
        double At(double q) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];
        return new LatencySummary(Math.Round(At(0.50), 4), Math.Round(At(0.99), 4));
    }
}
