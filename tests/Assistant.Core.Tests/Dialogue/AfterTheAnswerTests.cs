using Assistant.Dialogue;
using Assistant.Handoff;
using Assistant.Knowledge;
using Assistant.Understanding;

namespace Assistant.Tests.Dialogue;

/// <summary>
/// What the forty-fifth blind batch (what sellers send right after an answer) showed: withdrawing a request already filed,
/// asking for a piece of the answer again, asking what a word of the answer means, and "still pending" after the steps.
/// </summary>
[Collection(RepoCollection.Name)]
public sealed class AfterTheAnswerTests(RepoFixture repo)
{
    private const string Filed = "담당자 연결 부탁드려요. 주문번호 2025091812345678, 아이디 haru_pottery, 상품 백자 찻잔 세트. 구매자가 이가 나갔다고 교환 요청했는데 사진이 애매해서요";

    /// <summary>
    /// "아까 접수한 문의는 취소해 주세요" while the request waits for an agent: resolved in the store first, its one event raised,
    /// a note the agents see, and the seller told; a later status question says it is closed; the next question is answered.
    /// </summary>
    [Theory]
    [InlineData("아 방금 구매자랑 통화해서 해결됐어요. 아까 접수한 문의는 취소해 주세요")]
    [InlineData("상담 요청 취소할게요")]
    [InlineData("Please cancel my ticket.")]
    public async Task ARequestStillWaitingIsWithdrawn(string withdraw)
    {
        var chat = new Chat(repo);
        var number = await chat.FileAsync(Filed, "넵");

        var reply = await chat.LastAsync(withdraw);
        Assert.Equal(("handoff.withdrawn", number), (reply.Info.Intent, reply.Info.Ticket));
        Assert.Equal(repo.Knowledge.Replies.Format("ticketWithdrawn", ("number", number)), reply.Text);
        var ticket = (await chat.Tickets.GetAsync(number))!;
        Assert.Equal(TicketStatus.Resolved, ticket.Status);
        Assert.Contains(ticket.Transcript, e => e.Role == MessageRole.System && e.Text == repo.Knowledge.Replies["ticketWithdrawnNote"]);
        Assert.Single(chat.Events.Published, e => e.Type == TicketEvent.Resolved && e.Ticket.Number == number);

        Assert.Equal("handoff.status", (await chat.LastAsync("접수 상태 어떻게 됐어요?")).Info.Intent);
        var next = await chat.LastAsync("그럼 하나만요, 사이즈 교환이면 배송비는 누가 내요?");
        Assert.Equal(("answer", "return-exchange"), (next.Info.Action, next.Info.FaqId));
        Assert.Single(chat.Events.Published, e => e.Type == TicketEvent.Resolved);
    }

    /// <summary>A return, an order or a payment cancelled is no withdrawal of the request, nor is asking where it stands; nothing is closed.</summary>
    [Theory]
    [InlineData("구매자 반품 신청 취소해 주세요")]
    [InlineData("주문 취소 요청 들어왔어요")]
    [InlineData("아까 접수한 거 음 어떻게 됐어요")]
    public async Task CancellingSomethingElseWithdrawsNothing(string text)
    {
        Assert.False(ReplyActs.WithdrawsTheRequest(text));
        var chat = new Chat(repo);
        await chat.FileAsync(Filed, "넵");
        await chat.SayAsync(text);
        Assert.DoesNotContain(chat.Events.Published, e => e.Type == TicketEvent.Resolved);
    }

    /// <summary>"전화번호 다시 한 번만 알려주세요 못 적었어요" after the contact answer: that answer again, no form.</summary>
    [Theory]
    [InlineData("전화번호 다시 한 번만 알려주세요 못 적었어요")]
    [InlineData("한 번 더 알려 주세요")]
    public async Task APieceOfTheAnswerAskedAgainRepeatsIt(string again)
    {
        var chat = new Chat(repo);
        await chat.SayAsync("판매자 고객센터는 어떻게 연락해요?");
        var reply = await chat.LastAsync(again);
        Assert.Equal(("answer", "contact-support", "repeat"), (reply.Info.Action, reply.Info.FaqId, reply.Info.Intent));
        Assert.Null(chat.State.Form);
    }

    /// <summary>"영업일이면 주말은 빼고 세는 거죠?" after the refund answer, which counts in business days: on the topic, not declined.</summary>
    [Fact]
    public async Task AQuestionAboutAWordOfTheAnswerStaysOnTheTopic()
    {
        var chat = new Chat(repo);
        await chat.SayAsync("카드로 결제한 주문 환불되면 구매자는 며칠 뒤에 받아요?");
        var reply = await chat.LastAsync("영업일이면 주말은 빼고 세는 거죠?");
        Assert.Equal(("answer", "refund-process"), (reply.Info.Action, reply.Info.FaqId));
    }

    /// <summary>"I uploaded the bank book copy twice and it's been pending for over a week": tried, and it persists; a case.</summary>
    [Fact]
    public async Task BeenPendingAfterTryingTwiceIsACase()
    {
        var decision = await repo.Decider.DecideAsync("That doesn't help. I uploaded the bank book copy twice and it's been pending for over a week.");
        Assert.Equal(DecisionKind.Handoff, decision.Kind);
    }

    [Theory]
    [InlineData("홈택스 비밀번호 잊어버렸는데 어떻게 찾아요?")]
    [InlineData("개인적으로 택배 하나 부치려는데 편의점 택배 요금 얼마 나와요?")]
    [InlineData("엑셀 VLOOKUP 함수 쓰는 법 좀 알려줘요 송장 파일 정리하려고")]
    public async Task NotOurs(string message) =>
        Assert.Equal(DecisionKind.Decline, (await repo.Decider.DecideAsync(message)).Kind);

    /// <summary>A price changed on a schedule is a product feature no entry covers, also when a coupon is named as what it is not.</summary>
    [Fact]
    public async Task AScheduledPriceChangeIsNotCovered()
    {
        var decision = await repo.Decider.DecideAsync("할인 쿠폰 말고 판매가 자체를 다음주 월요일 0시에 자동으로 바뀌게 예약해 둘 수 있어요?");
        Assert.Equal((DecisionKind.Handoff, Decider.NoAnswer), (decision.Kind, decision.Intent));
    }
}
