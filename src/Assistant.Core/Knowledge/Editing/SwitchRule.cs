using Assistant.Evaluation;

namespace Assistant.Knowledge.Editing;

/// <summary>The metrics of one model on the evaluation files (fractions in [0, 1]).</summary>
public sealed record ModelScore(double AnswerPrecision, double Coverage, double Accuracy, double WrongAnswerRate, int Cases)
{
    public static ModelScore From(EvalMetrics m) => new(m.AnswerPrecision, m.Coverage, m.Accuracy, m.WrongAnswerRate, m.Cases);
}

/// <summary>The running model against a new one on the same evaluation cases, and whether the assistant switched.</summary>
public sealed record KnowledgeComparison(ModelScore Old, ModelScore New, bool Switch, string Reason, IReadOnlyList<string> Files);

/// <summary>
/// When a new knowledge version may replace the running one: its answer precision is not lower than the running
/// one's by more than <see cref="PrecisionTolerance"/> and its coverage is not lower by more than
/// <see cref="CoverageTolerance"/> (0 by default: not lower at all). Both are measured on the same cases.
/// </summary>
public sealed record SwitchRule(double PrecisionTolerance = 0.01, double CoverageTolerance = 0.0)
{
    public KnowledgeComparison Compare(ModelScore old, ModelScore @new, IReadOnlyList<string> files)
    {
        if (@new.Cases == 0)
            return new KnowledgeComparison(old, @new, true, "평가할 문장이 없어 비교 없이 전환했어요.", files);
        var precisionDrop = old.AnswerPrecision - @new.AnswerPrecision;
        var coverageDrop = old.Coverage - @new.Coverage;
        // Rounded like the metrics (4 places), so equal scores never differ by floating-point noise.
        if (Math.Round(precisionDrop, 4) > PrecisionTolerance)
            return new KnowledgeComparison(old, @new, false,
                $"답변 정확도가 {Percent(old.AnswerPrecision)}에서 {Percent(@new.AnswerPrecision)}로 떨어져 전환하지 않았어요 (허용 {Percent(PrecisionTolerance)}).", files);
        if (Math.Round(coverageDrop, 4) > CoverageTolerance)
            return new KnowledgeComparison(old, @new, false,
                $"답변 범위(커버리지)가 {Percent(old.Coverage)}에서 {Percent(@new.Coverage)}로 줄어 전환하지 않았어요.", files);
        return new KnowledgeComparison(old, @new, true,
            $"답변 정확도 {Percent(old.AnswerPrecision)} → {Percent(@new.AnswerPrecision)}, 커버리지 {Percent(old.Coverage)} → {Percent(@new.Coverage)}: 나빠지지 않아 전환했어요.", files);
    }

    private static string Percent(double value) => (value * 100).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture) + "%";
}
