using Assistant.Knowledge;
using Assistant.Understanding;

namespace Assistant.Tests.Understanding;

/// <summary>
/// What the twenty-sixth blind batch showed: a private-life aside beside a selling question, topics of private life that
/// share the topics' words, an own case asked in so many words, and a problem that persists after trying.
/// </summary>
[Collection(RepoCollection.Name)]
public sealed class AsideAndOwnCaseTests(RepoFixture repo)
{
    /// <summary>A selling question first with an aside after it, or an aside taken back as a joke: the question is answered.</summary>
    [Theory]
    [InlineData("구매확정 되면 정산은 언제 들어와요? 아 그리고 이번 주말 서울 날씨도 좀 ㅎㅎ", "settlement-schedule")]
    [InlineData("날씨는 농담이에요 ㅋㅋ 빠른정산은 언제 돈이 들어와요?", "settlement-schedule")]
    public async Task ASellingQuestionBesideAPrivateAsideIsAnswered(string message, string faq)
    {
        var decision = await repo.Decider.DecideAsync(message);
        Assert.Equal((DecisionKind.Answer, faq), (decision.Kind, decision.FaqId));
    }

    /// <summary>Private life asked about, with selling words only as its reason or beside it: declined.</summary>
    [Theory]
    [InlineData("내일 서울 날씨 어때요? 택배 나가야 해서요")]
    [InlineData("이번 주말 부산 날씨 어때요? 비 오면 택배도 늦어지려나")]
    [InlineData("로또 1등 되면 세금 몇 % 떼 가요?")]
    [InlineData("헬스장 3개월 끊고 한 달만 다녔는데 환불 얼마나 받을 수 있어요?")]
    [InlineData("편의점 반값택배로 친구한테 옷 보내려면 어떻게 해요?")]
    public async Task PrivateLifeIsDeclined(string message) =>
        Assert.Equal(DecisionKind.Decline, (await repo.Decider.DecideAsync(message)).Kind);

    /// <summary>A listed word inside other words ("추가로 또" holds 로또) is no such topic; a parcel to a buyer is ours.</summary>
    [Theory]
    [InlineData("답변을 받았는데 그걸로 해결이 안 되면 추가로 또 물어봐도 되나요?")]
    [InlineData("구매자한테 교환 상품 보내려면 송장은 어디에 넣어요?")]
    public void ASellingQuestionIsNotPrivateLife(string message) => Assert.Null(repo.Knowledge.Scope.NotOursIn(message));

    /// <summary>An own case in so many words ("제 건 어디까지 됐는지", "제 스토어 확인"), and a step tried that changed nothing.</summary>
    [Theory]
    [InlineData("사업자 정보 변경 서류 낸 지 6영업일째예요. 1~3일이면 된다고 하지 않았어요? 제 건 어디까지 됐는지 알려 주세요")]
    [InlineData("지난달까지 빠른정산 받았는데 이번 달부터 갑자기 빠졌어요. 왜 제외됐는지 제 스토어 확인 가능해요?")]
    [InlineData("로그인하면 '보호조치된 계정'이라고 뜨는데 비밀번호 찾기로 바꿔도 계속 똑같아요")]
    public async Task AnOwnCaseIsACase(string message)
    {
        var decision = await repo.Decider.DecideAsync(message);
        Assert.Equal((DecisionKind.Handoff, Decider.HandoffCase), (decision.Kind, decision.Intent));
    }

    /// <summary>A seller-center feature no entry mentions (a video in the detail page) is no answer here.</summary>
    [Fact]
    public async Task AFeatureNoEntryMentionsIsNoAnswerHere()
    {
        var decision = await repo.Decider.DecideAsync("상세페이지에 유튜브 영상 넣을 수 있어요?");
        Assert.Equal((DecisionKind.Handoff, Decider.NoAnswer), (decision.Kind, decision.Intent));
    }

    /// <summary>Money that goes back to a buyer ("돈 들어가냐고") is a refund's timing, no cost.</summary>
    [Fact]
    public void MoneyGoingBackIsNoCost() =>
        Assert.False(CostQuestions.Asks("계좌이체로 산 손님 반품 완료 방금 눌렀어요. 오늘 안에 돈 들어가냐고 물어보는데 뭐라고 하죠?"));
}
