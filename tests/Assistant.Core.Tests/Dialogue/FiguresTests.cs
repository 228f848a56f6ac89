using Assistant.Dialogue;
using Assistant.Handoff;
using Assistant.Knowledge;
using Assistant.Understanding;

namespace Assistant.Tests.Dialogue;

/// <summary>
/// What the forty-eighth blind batch (numbers and figures in sellers' messages) showed: an order number said not to be
/// known beside an amount, a sentence ended by one tear, "확인 요청해요" after a question, a question about orders that
/// reached a step, and a greeting with what the seller is busy with.
/// </summary>
[Collection(RepoCollection.Name)]
public sealed class FiguresTests(RepoFixture repo)
{
    /// <summary>
    /// "주문번호는 잘 모르겠는데 결제금액 38,900원짜리 주문이에요" when the order number is asked for: it is not known, and the
    /// form goes on to the next detail (it had asked for the order number again, and again after every other detail).
    /// </summary>
    [Fact]
    public async Task AnOrderNumberSaidUnknownBesideAnAmountIsSkipped()
    {
        var chat = new Chat(repo);
        await chat.SayAsync("상담원 연결이요. 쿠폰 할인 2,000원은 제가 부담하는 걸로 알았는데 정산에서 4,000원이 빠졌어요");
        Assert.Equal(HandoffForm.AskOrder, chat.State.Form!.Asking);
        await chat.SayAsync("주문번호는 잘 모르겠는데 결제금액 38,900원짜리 주문이에요");
        var form = chat.State.Form!;
        Assert.True(form.OrderNumberUnknown);
        Assert.Null(form.OrderNumber);
        Assert.Equal(HandoffForm.AskSeller, form.Asking);
    }

    /// <summary>A number of its own when the order number is asked for is still taken as it was: the skip needs the words of not knowing.</summary>
    [Fact]
    public async Task AnOrderNumberGivenIsStillTaken()
    {
        var chat = new Chat(repo);
        await chat.SayAsync("상담원 연결해 주세요. 정산 금액이 안 맞아요");
        await chat.SayAsync("주문번호 2025061412345678 이에요");
        Assert.Equal("2025061412345678", chat.State.Form!.OrderNumber);
    }

    /// <summary>One tear after a sentence's last syllable ends it, so the question after it is read on its own.</summary>
    [Fact]
    public async Task OneTearEndsASentence()
    {
        var decision = await repo.Decider.DecideAsync("구매자가 010-1234-5678 로 하루에도 몇 번씩 전화해서 교환해 달래요 ㅠ 교환 승인은 판매자센터 어디서 하나요?");
        Assert.Equal((DecisionKind.Answer, "return-exchange"), (decision.Kind, decision.FaqId));
    }

    /// <summary>"확인 요청해요" closing a message that asks about the seller's own penalty asks someone to look: a case.</summary>
    [Theory]
    [InlineData("화요일에 결제된 주문을 목요일에 보냈는데 발송지연 페널티가 들어왔어요. 기한 안에 보낸 거 아닌가요? 확인 요청해요")]
    [InlineData("정산 금액이 주문 금액보다 3,000원 적게 들어왔어요. 검토 요청드립니다")]
    public async Task ARequestToCheckIsACase(string message)
    {
        var decision = await repo.Decider.DecideAsync(message);
        Assert.Equal((DecisionKind.Handoff, Decider.HandoffCase), (decision.Kind, decision.Intent));
    }

    /// <summary>"목요일에 구매확정된 주문은 정산금이 …": the orders that reached a step are background; the question is the payout.</summary>
    [Fact]
    public async Task OrdersThatReachedAStepAreBackground()
    {
        var decision = await repo.Decider.DecideAsync("목요일에 구매확정된 주문은 정산금이 무슨 요일에 들어와요?");
        Assert.Equal((DecisionKind.Answer, "settlement-schedule"), (decision.Kind, decision.FaqId));
        // A discount is no step an order reaches: what the fee is counted on is asked of the whole question, which no entry answers.
        Assert.Null(QuestionReader.MainClause("쿠폰으로 할인된 주문은 수수료가 할인 전 가격 기준이에요?"));
    }

    /// <summary>
    /// A greeting closed by "~" and what the seller is busy with, asking nothing and naming no problem, is a greeting (the
    /// classifier read the order count as a case); the same greeting before a problem is not.
    /// </summary>
    [Fact]
    public async Task AGreetingWithWhatTheSellerIsDoingIsAGreeting()
    {
        var greeting = await repo.Decider.DecideAsync("안녕하세요~ 택배 50개 싸다가 잠깐 쉬러 들어왔어요 ㅎㅎ");
        Assert.Equal((DecisionKind.Smalltalk, Decider.GreetingIntent), (greeting.Kind, greeting.Intent));
        var problem = await repo.Decider.DecideAsync("안녕하세요~ 주문 50건이 결제 오류로 한꺼번에 취소됐어요");
        Assert.NotEqual(DecisionKind.Smalltalk, problem.Kind);
    }
}
