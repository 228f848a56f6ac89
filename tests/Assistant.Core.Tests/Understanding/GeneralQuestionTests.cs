using Assistant.Evaluation;
using Assistant.Knowledge;
using Assistant.Retrieval;
using Assistant.Understanding;

namespace Assistant.Tests.Understanding;

/// <summary>
/// The general-question examples (<c>intents/question-general.yaml</c>, <c>decision: answer</c>): taught only while the
/// entries have fewer phrasings than recommended (a help center just imported), and their probability shared among the
/// entries, so no decision ever names them.
/// </summary>
public sealed class GeneralQuestionTests
{
    private static readonly KnowledgeBase Shipped = KnowledgeLoader.Load(Paths.Knowledge);

    [Fact]
    public void TheExamplesAreTaughtOnlyToAColdStart()
    {
        var general = Shipped.Intents.Single(i => i.Decision == DecisionKind.Answer);
        Assert.False(Shipped.TeachesGeneralQuestions);
        Assert.DoesNotContain(Shipped.TrainingExamples(), e => e.Label == general.Intent);

        var cold = ColdStart.KeepPhrasings(Shipped, 3);
        Assert.True(cold.TeachesGeneralQuestions);
        Assert.Equal(general.Examples.Count, cold.TrainingExamples().Count(e => e.Label == general.Intent));
        // The act classifier of the retrieval mode learns them as what every FAQ question teaches.
        Assert.Equal(general.Examples.Count + cold.Faqs.Sum(f => cold.TrainingExamples().Count(e => e.Label == f.Id)),
            RetrievalFirstModel.Examples(cold).Count(e => e.Label == RetrievalFirstModel.FaqLabel));
    }

    [Fact]
    public void TheirMassIsSharedAmongTheEntriesInProportion()
    {
        var cold = ColdStart.KeepPhrasings(Shipped, 3);
        var policy = new DecisionPolicy(cold, new PolicyOptions());
        IntentScore[] scores =
        [
            new("question.general", 0.5f), new("fees", 0.15f), new("handoff.case", 0.2f), new("tax-invoice", 0.05f), new("out-of-scope", 0.1f),
        ];
        var folded = policy.FoldGeneralQuestions(scores);
        Assert.DoesNotContain(folded, s => s.Label == "question.general");
        Assert.Equal(1f, folded.Sum(s => s.Probability), 3);
        Assert.Equal(("fees", 0.525f), (folded[0].Label, MathF.Round(folded[0].Probability, 3)));
        Assert.Equal(0.175f, folded.Single(s => s.Label == "tax-invoice").Probability, 3);
        Assert.Equal(0.2f, folded.Single(s => s.Label == "handoff.case").Probability, 3);

        // With the recommended phrasings nothing is folded (the classifier has no such label).
        Assert.Same(scores, new DecisionPolicy(Shipped, new PolicyOptions()).FoldGeneralQuestions(scores));
    }

    /// <summary>
    /// A situation told before a general question, with three phrasings per entry: the classifier without the examples
    /// reads it as a case; with them, a question (answered, offered as a choice, or "no answer here" with the entries),
    /// never a case's form.
    /// </summary>
    [Theory]
    [InlineData("쿠폰으로 10% 할인을 걸면 그 할인 금액은 플랫폼이 내 주는 건가요, 제 정산금에서 빠지는 건가요?")]
    [InlineData("이번에 처음 판매를 시작했는데 첫 주문이 어제 구매확정됐어요. 판매 대금은 정확히 언제 통장에 들어오나요?")]
    public async Task ASituationBeforeAGeneralQuestionIsNoCaseInAColdStart(string message)
    {
        var cold = ColdStart.KeepPhrasings(Shipped, 3);
        var decider = await UnderstandingFactory.CreateDeciderAsync(cold, ColdStart.LoadOrTrainModel(cold), new PolicyOptions());
        var decision = await decider.DecideAsync(message);
        Assert.NotEqual(Decider.HandoffCase, decision.Intent);
    }

    [Fact]
    public void AnAnswerIntentWithAReplyIsRefusedNamingTheLine()
    {
        using var temp = new TempKnowledge();
        temp.Write("intents/question-general.yaml", "intent: question.general\ndecision: answer\nreply: 네\nexamples:\n  - 정산은 언제 들어와요?\n");
        var error = Assert.Single(Assert.Throws<KnowledgeValidationException>(() => KnowledgeLoader.Load(temp.Directory)).Errors);
        Assert.Equal(("intents/question-general.yaml", "reply", 3), (error.File, error.Field, error.Line));
    }
}
