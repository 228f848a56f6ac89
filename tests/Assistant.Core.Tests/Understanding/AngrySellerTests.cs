using Assistant.Handoff.Slots;
using Assistant.Knowledge;
using Assistant.Tests.Dialogue;
using Assistant.Understanding;

namespace Assistant.Tests.Understanding;

/// <summary>
/// What the forty-first blind batch (frustrated, angry and impatient sellers) showed: venting, sarcasm and insults around
/// what is asked, another marketplace named as where the seller might go, and grudging thanks.
/// </summary>
[Collection(RepoCollection.Name)]
public sealed class AngrySellerTests(RepoFixture repo)
{
    /// <summary>
    /// "이게 뭐하는 거예요" ends a problem told with the seller's ID and the steps tried: a complaint in a question's form,
    /// not a general question, so the message stays a case.
    /// </summary>
    [Fact]
    public async Task ARhetoricalComplaintAfterAProblemIsNoGeneralQuestion()
    {
        var decision = await repo.Decider.DecideAsync("판매자 아이디 mom_kitchen 인데 어제부터 로그인하면 계속 오류남. 비번찾기도 세번 했음. 장사해야 되는데 이게 뭐하는거에요");
        Assert.Equal((DecisionKind.Handoff, Decider.HandoffCase), (decision.Kind, decision.Intent));
    }

    /// <summary>Asked angrily, whether traditional liquor may be sold is still the prohibited-items question, not a story about nothing sold here.</summary>
    [Fact]
    public async Task AnAngryQuestionAboutTraditionalLiquorIsAnswered()
    {
        var decision = await repo.Decider.DecideAsync("아니 전통주도 못 팔아요? 술은 무조건 다 안된다는 거예요? 뭐가 되고 뭐가 안되는지 좀 명확히 해주세요");
        Assert.Equal((DecisionKind.Answer, "prohibited-items"), (decision.Kind, decision.FaqId));
    }

    /// <summary>Another marketplace named only as where the seller might go leaves the complaint about this one; a question about it is still declined.</summary>
    [Theory]
    [InlineData("이 플랫폼 진짜 접고 쿠팡 갈까봐요. 상품 판매중지 걸어놓고 사유도 안 알려주고ㅡㅡ", false)]
    [InlineData("계속 이러면 쿠팡으로 옮길 거예요. 정산 보류는 왜 걸리는 건데요?", false)]
    [InlineData("쿠팡은 수수료 얼마예요?", true)]
    [InlineData("쿠팡 가면 수수료 얼마예요?", true)]
    public async Task AnotherMarketplaceAsWhereToGoIsNoQuestionAboutIt(string message, bool declined)
    {
        var decision = await repo.Decider.DecideAsync(message);
        Assert.Equal(declined, decision.Kind == DecisionKind.Decline);
    }

    /// <summary>
    /// Words aimed at the assistant are a complaint about it, even when the classifier is unsure; a complaint about the
    /// marketplace itself is for a person to hear.
    /// </summary>
    [Theory]
    [InlineData("멍청한 봇아 제대로 좀 해봐ㅡㅡ", DecisionKind.Smalltalk, Decider.ComplaintIntent)]
    [InlineData("아 진짜 이 플랫폼 왜 이렇게 불편하냐ㅡㅡ 하나부터 열까지 다 짜증나", DecisionKind.Handoff, Decider.HandoffCase)]
    [InlineData("챗봇 답변이 왜 이래요 진짜", DecisionKind.Smalltalk, Decider.ComplaintIntent)]
    public async Task ComplaintsGoWhereTheyAreAimed(string message, DecisionKind kind, string intent)
    {
        var decision = await repo.Decider.DecideAsync(message);
        Assert.Equal((kind, intent), (decision.Kind, decision.Intent));
    }

    /// <summary>Thanks said grudgingly or with a shrug are thanks.</summary>
    [Theory]
    [InlineData("ok whatever, thanks I guess")]
    [InlineData("알겠어요 뭐 고맙네요")]
    public async Task GrudgingThanksAreThanks(string message)
    {
        var decision = await repo.Decider.DecideAsync(message);
        Assert.Equal((DecisionKind.Smalltalk, Decider.ThanksIntent), (decision.Kind, decision.Intent));
    }

    /// <summary>
    /// "와 3~7일이요? 아주 빠르시네요^^ 그럼 무통장은요?" after the refund answer: a sarcastic reaction, then an elided question
    /// on the same topic; it is answered there, and no form is opened.
    /// </summary>
    [Fact]
    public async Task ASarcasticReactionBeforeAFollowUpStaysOnTheTopic()
    {
        var chat = new Chat(repo);
        await chat.SayAsync("카드결제 환불 며칠 걸려요?");
        var reply = await chat.LastAsync("와 3~7일이요? 아주 빠르시네요^^ 그럼 무통장은요? 그것도 일주일?");
        Assert.Equal(("answer", "refund-process"), (reply.Info.Action, reply.Info.FaqId));
        Assert.Null(chat.State.Form);
    }

    /// <summary>"주문번호 같은 거 없다고요 매달 나오는 거잖아요": said irritably, the order number does not apply; the form moves on.</summary>
    [Fact]
    public async Task AnIrritatedNoSkipsTheDetail()
    {
        var chat = new Chat(repo);
        await chat.SayAsync("사람 연결. 수수료 세금계산서 금액이 또 틀림ㅡㅡ");
        var reply = await chat.LastAsync("주문번호 같은 거 없다고요 매달 나오는 거잖아요");
        Assert.Equal("handoff.ask-seller", reply.Info.Intent);
        Assert.True(chat.State.Form!.OrderNumberUnknown);
    }
}
