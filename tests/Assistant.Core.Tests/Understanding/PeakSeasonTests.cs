using Assistant.Knowledge;
using Assistant.Understanding;

namespace Assistant.Tests.Understanding;

/// <summary>
/// What the thirtieth blind batch (the holiday peak season and the weeks after it) showed of single messages: a worry of
/// private life told before a question of ours, and topics of private life in the fees' words.
/// </summary>
[Collection(RepoCollection.Name)]
public sealed class PeakSeasonTests(RepoFixture repo)
{
    /// <summary>
    /// A private worry told first ("money is tight at the year's end") is what the classifier reads of the whole, and it
    /// declined; the question after it names a topic of ours and is answered alone.
    /// </summary>
    [Theory]
    [InlineData("연말에 원자재 대금 나갈 게 많아서 돈이 너무 빠듯해요.. 정산 좀 빨리 받을 수 있는 방법 없을까요?", "settlement-schedule")]
    [InlineData("연말이라 자금이 너무 빠듯해요ㅠ 정산을 조금이라도 당겨 받는 방법 있을까요", "settlement-schedule")]
    public async Task AQuestionOfOursAfterAPrivateWorryIsAnswered(string message, string faq)
    {
        var decision = await repo.Decider.DecideAsync(message);
        Assert.Equal((DecisionKind.Answer, faq), (decision.Kind, decision.FaqId));
    }

    /// <summary>A worry of private life with a question of private life after it stays declined.</summary>
    [Theory]
    [InlineData("요즘 생활비가 너무 빠듯해요. 적금 깨면 이자 손해 많이 봐요?")]
    [InlineData("요즘 생활비가 빠듯해요. 주식 팔면 세금 얼마나 떼 가요?")]
    public async Task APrivateQuestionAfterAPrivateWorryIsDeclined(string message) =>
        Assert.Equal(DecisionKind.Decline, (await repo.Decider.DecideAsync(message)).Kind);

    /// <summary>A season's wish or kind words to the assistant, asking nothing, is a greeting.</summary>
    [Theory]
    [InlineData("새해 복 많이 받으세요🙏")]
    [InlineData("연말인데 너도 고생이 많다 ㅎㅎ")]
    [InlineData("메리크리스마스~ 올해도 고생 많으셨어요")]
    [InlineData("Happy new year!!")]
    public async Task ASeasonsWishIsAGreeting(string message)
    {
        var decision = await repo.Decider.DecideAsync(message);
        Assert.Equal((DecisionKind.Smalltalk, Decider.GreetingIntent), (decision.Kind, decision.Intent));
    }

    /// <summary>A wish with a question of ours after it asks that question.</summary>
    [Theory]
    [InlineData("새해 복 많이 받으세요! 근데 정산은 언제 들어와요?")]
    [InlineData("연휴 잘 보내세요~ 연휴에도 발송기한은 똑같이 세나요")]
    public async Task AWishBeforeAQuestionIsNoGreeting(string message) =>
        Assert.NotEqual(DecisionKind.Smalltalk, (await repo.Decider.DecideAsync(message)).Kind);

    /// <summary>A ticket of one's own trip or a flat's charges, in the fees', refunds' and accounts' words, are private life.</summary>
    [Theory]
    [InlineData("KTX 승차권 환불 수수료 얼마예요?")]
    [InlineData("명절 기차표 취소하면 수수료 떼요?")]
    [InlineData("아파트 관리비 자동이체 계좌를 바꾸려면 관리사무소에 뭘 내야 돼요?")]
    public async Task PrivateLifeInTheTopicsWordsIsDeclined(string message) =>
        Assert.Equal(DecisionKind.Decline, (await repo.Decider.DecideAsync(message)).Kind);

    /// <summary>
    /// A step as a condition, then a question naming its own topic: the question is what is asked ("구매확정 되면 정산은
    /// …" asks about the payout). A step not taken is what is asked about ("구매확정 안 하면 …").
    /// </summary>
    [Theory]
    [InlineData("구매확정 되면 정산은 다음 영업일에 들어오는 거 맞죠?", "settlement-schedule")]
    [InlineData("구매확정 안 하면 정산은 어떻게 돼요?", "purchase-confirmation")]
    [InlineData("반품 승인하면 환불은 언제 돼요?", "refund-process")]
    public async Task AQuestionAfterAConditionIsAboutWhatItNames(string message, string faq)
    {
        var decision = await repo.Decider.DecideAsync(message);
        Assert.Equal((DecisionKind.Answer, faq), (decision.Kind, decision.FaqId));
    }

    [Theory]
    [InlineData("구매확정 되면 정산은 언제 들어와요?", "정산은 언제 들어와요?")]
    [InlineData("반품 승인하면 환불은 언제 돼요?", "환불은 언제 돼요?")]
    [InlineData("구매확정 안 하면 정산은 어떻게 돼요?", null)]
    [InlineData("구매자가 확정하지 않으면 정산은 어떻게 돼요?", null)]
    [InlineData("정산은 언제 들어와요?", null)]
    public void TheClauseAfterAConditionIsRead(string question, string? main) =>
        Assert.Equal(main, Assistant.Dialogue.QuestionReader.ConditionedClause(question));

    /// <summary>A courier's contract rate is a selling matter no entry covers: no answer here, not a choice of shipping entries.</summary>
    [Fact]
    public async Task ACouriersContractRateIsNoAnswerHere()
    {
        var decision = await repo.Decider.DecideAsync("택배사 계약 단가 싸게 하는 방법 있나요? 플랫폼 제휴택배 같은거");
        Assert.Equal((DecisionKind.Handoff, Decider.NoAnswer), (decision.Kind, decision.Intent));
    }
}
