using Assistant.Evaluation;
using Assistant.Knowledge;
using Assistant.Understanding;

namespace Assistant.Tests.Understanding;

/// <summary>
/// A problem that persists after the seller tried (a count of tries in numbers, "다 해봄", "하나도 안 와요", "소용없어요")
/// is a case for a person, also in a cold start, where the classifier's verdict of a case counts for little
/// against an entry it barely knows and only this rule keeps the seller from being shown the steps they already took.
/// </summary>
[Collection(RepoCollection.Name)]
public sealed class PersistingProblemTests(RepoFixture repo)
{
    public static TheoryData<string> Persisting =>
    [
        "비밀번호 재설정을 두 번이나 했는데 여전히 로그인이 안 돼요",
        "인증 메일을 세 번이나 보냈는데 하나도 안 와요. 스팸함도 봤어요",
        "본인인증 문자가 안 와서 재전송을 여러 번 눌렀는데 소용없어요",
        "송장 저장하면 계속 오류가 떠요. 새로고침이랑 재로그인 다 해봄",
    ];

    [Theory]
    [MemberData(nameof(Persisting))]
    public async Task IsACaseWithTheFullKnowledge(string message)
    {
        var decision = await repo.Decider.DecideAsync(message);
        Assert.Equal((DecisionKind.Handoff, Decider.HandoffCase), (decision.Kind, decision.Intent));
    }

    [Theory]
    [MemberData(nameof(Persisting))]
    public async Task IsACaseInAColdStart(string message)
    {
        var decision = await (await ColdDecider()).DecideAsync(message);
        Assert.Equal((DecisionKind.Handoff, Decider.HandoffCase), (decision.Kind, decision.Intent));
    }

    /// <summary>
    /// An explicit request to act on the seller's own case ("중재 요청합니다", "이의 제기하고 싶어요", "벌점 좀 없애 주세요",
    /// "계정 좀 잠가 주세요") is a case, also in a cold start; how to appeal, asked in general, is a question.
    /// </summary>
    [Theory]
    [InlineData("구매자가 반품 배송비를 못 내겠다고 버텨요. 안내는 이미 다 했어요. 중재 요청합니다")]
    [InlineData("제 상품이 지식재산권 침해로 판매중지됐는데 정품만 팔아요. 이의 제기하고 싶어요")]
    [InlineData("구매자가 먼저 취소해 달라고 해서 처리한 건데 품절취소 벌점이 잡혔어요. 이 벌점 좀 없애 주세요")]
    [InlineData("해외에서 제 아이디로 로그인한 기록이 있어요. 계정 좀 당장 잠가 주세요")]
    public async Task ARequestToActIsACaseInAColdStart(string message)
    {
        var decision = await (await ColdDecider()).DecideAsync(message);
        Assert.Equal(DecisionKind.Handoff, decision.Kind);
    }

    [Fact]
    public async Task HowToAppealIsAQuestion()
    {
        var decision = await repo.Decider.DecideAsync("판매자 페널티 받으면 이의 신청은 어떻게 하나요?");
        Assert.NotEqual(Decider.HandoffCase, decision.Intent);
    }

    /// <summary>
    /// A count of days in a question about a rule, with nothing tried, is no persisting problem; nor is how long a parcel
    /// has not moved, looked up again and again: the delay entry answers what to do.
    /// </summary>
    [Theory]
    [InlineData("배송완료 후 며칠째에 자동으로 구매확정돼요?")]
    [InlineData("택배 보낸 지 사흘째 조회해도 안 움직여요. 어떻게 해야 하나요?")]
    [InlineData("상품명은 두 번 수정해도 되나요?")]
    public async Task ARuleWithACountIsStillAQuestion(string message)
    {
        var decision = await repo.Decider.DecideAsync(message);
        Assert.Equal(DecisionKind.Answer, decision.Kind);
    }

    /// <summary>The knowledge cut to its first three phrasings per entry, read by one decider for every test here.</summary>
    private static Task<Decider> ColdDecider() => Cold.Value;

    private static readonly Lazy<Task<Decider>> Cold = new(() =>
    {
        var cold = ColdStart.KeepPhrasings(KnowledgeLoader.Load(Paths.Knowledge), 3);
        return UnderstandingFactory.CreateDeciderAsync(cold, ColdStart.LoadOrTrainModel(cold), new PolicyOptions());
    });
}
