using Assistant.Evaluation;
using Assistant.Knowledge;
using Assistant.Understanding;

namespace Assistant.Tests.Evaluation;

[Collection(RepoCollection.Name)]
public sealed class EvaluationTests(RepoFixture repo)
{
    private static Decision D(DecisionKind kind, string? faq = null) => new(kind, faq ?? "x", 1, faq, [], "test");

    [Fact]
    public void JudgeFollowsTheEvaluationRules()
    {
        var topic = new EvalCase("정산", "settlement-schedule", ["clarify"], 1);
        Assert.True(EvalJudge.IsRight(topic, D(DecisionKind.Answer, "settlement-schedule")));
        Assert.True(EvalJudge.IsRight(topic, D(DecisionKind.Clarify)));
        Assert.False(EvalJudge.IsRight(topic, D(DecisionKind.Answer, "settlement-hold")));
        Assert.False(EvalJudge.IsRight(topic with { Accept = [] }, D(DecisionKind.Clarify)));

        var handoff = new EvalCase("...", "handoff", ["settlement-hold"], 2);
        Assert.True(EvalJudge.IsRight(handoff, D(DecisionKind.Handoff)));
        Assert.True(EvalJudge.IsRight(handoff, D(DecisionKind.Answer, "settlement-hold")));
        Assert.False(EvalJudge.IsRight(handoff, D(DecisionKind.Answer, "fees")));
        Assert.True(EvalJudge.IsRight(new EvalCase("날씨", "out-of-scope", [], 3), D(DecisionKind.Decline)));
    }

    [Fact]
    public void MetricsAreComputedAsDefined()
    {
        EvalResult R(string expect, Decision d) { var c = new EvalCase("t", expect, [], 0); return new EvalResult(c, d, EvalJudge.IsRight(c, d), 1); }
        var m = EvalMetrics.From([
            R("fees", D(DecisionKind.Answer, "fees")),
            R("fees", D(DecisionKind.Answer, "tax-invoice")),
            R("refund-process", D(DecisionKind.Clarify)),
            R("handoff", D(DecisionKind.Handoff)),
            R("out-of-scope", D(DecisionKind.Answer, "fees")),
        ]);
        Assert.Equal(1 / 3.0, m.AnswerPrecision, 3);
        Assert.Equal(1 / 3.0, m.Coverage, 3);
        Assert.Equal(2 / 5.0, m.WrongAnswerRate, 3);
        Assert.Equal(1.0, m.HandoffRecall);
        Assert.Equal(0.0, m.OutOfScopeDecline);
        Assert.Equal(2 / 5.0, m.Accuracy, 3);
    }

    [Fact]
    public void BadEvaluationLineNamesFileAndLine()
    {
        var path = Path.GetTempFileName();
        File.WriteAllLines(path, ["{\"text\": \"a\", \"expect\": \"fees\"}", "{\"text\": 3}"]);
        var ex = Assert.Throws<FormatException>(() => EvalCase.Load(path));
        Assert.Contains($"{path}:2:", ex.Message);
        File.Delete(path);
    }

    [Fact]
    public void LatencyPercentiles()
    {
        var s = LatencySummary.From(Enumerable.Range(1, 100).Select(i => (double)i));
        Assert.Equal((50.0, 99.0), (s.P50, s.P99));
    }

    /// <summary>
    /// The holdout set (tests/data/holdout.jsonl) was written from the topic list alone, never used for
    /// tuning: wording the knowledge base has not seen must not produce wrong answers.
    /// </summary>
    [Fact]
    public async Task UnseenWordingIsAnsweredRightOrNotAtAll()
    {
        var results = await EvalRunner.RunAsync(repo.Decider, EvalCase.Load(Path.Combine(Paths.Root, "tests", "data", "holdout.jsonl")));
        var m = EvalMetrics.From(results);
        Assert.True(m.AnswerPrecision >= 0.97, $"answerPrecision {m.AnswerPrecision}");
        Assert.True(m.Coverage >= 0.75, $"coverage {m.Coverage}");
        Assert.True(m.HandoffRecall >= 0.90, $"handoffRecall {m.HandoffRecall}");
    }

    /// <summary>The development set through the bot's own pipeline must keep meeting the product's quality targets.</summary>
    [Fact]
    public async Task DevelopmentSetMeetsTheQualityTargets()
    {
        Assert.True(File.Exists(Paths.DevEval), $"expected the development set at {Paths.DevEval}");
        var results = await EvalRunner.RunAsync(repo.Decider, EvalCase.Load(Paths.DevEval));
        var m = EvalMetrics.From(results);
        Assert.True(m.AnswerPrecision >= 0.97, $"answerPrecision {m.AnswerPrecision}");
        Assert.True(m.Coverage >= 0.85, $"coverage {m.Coverage}");
        Assert.True(m.HandoffRecall >= 0.90, $"handoffRecall {m.HandoffRecall}");
        Assert.True(m.OutOfScopeDecline >= 0.85, $"outOfScopeDecline {m.OutOfScopeDecline}");
    }
}
