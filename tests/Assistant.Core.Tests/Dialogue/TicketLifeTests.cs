using Assistant.Handoff;
using Assistant.Knowledge;

namespace Assistant.Tests.Dialogue;

/// <summary>
/// What the forty-seventh blind batch (the life of a request) showed: more said for a request while it waits joins it and is
/// acknowledged, not answered from an entry; the request named with where it stands is a status question; "챗봇이에요 아니면
/// 상담원이에요?" asks about the assistant.
/// </summary>
[Collection(RepoCollection.Name)]
public sealed class TicketLifeTests(RepoFixture repo)
{
    private const string Confirm = "맞습니다 접수 부탁해요";

    private const string Request = "사람이랑 상담하고 싶어요. 주문번호 2025062012340011 / 아이디 dal_pottery / 상품 백자 머그컵 / 배송 중에 깨졌다고 구매자가 환불 요구해요";

    [Theory]
    [InlineData("아 그리고 사진도 있어요. 구매자가 보낸 깨진 컵 사진이요")]
    [InlineData("주문번호 하나 더 있어요. 2025062012340022 도 같은 구매자 건이에요")]
    [InlineData("아 통장 사본 사진도 있어요, 필요하면 드릴게요")]
    public async Task MoreForAWaitingRequestJoinsItAndIsAcknowledged(string more)
    {
        var chat = new Chat(repo);
        var number = await chat.FileAsync(Request, Confirm);
        var reply = await chat.LastAsync(more);
        Assert.Equal(("handoff.added", number), (reply.Info.Intent, reply.Info.Ticket));
        Assert.Contains((await chat.Tickets.GetAsync(number))!.Transcript, e => e.Role == MessageRole.Seller && e.Text == more);
        Assert.Single(chat.Events.Published, e => e.Type == TicketEvent.Created);
    }

    /// <summary>A question while waiting is still answered ("사진도 보내야 하나요?" asks; it adds nothing).</summary>
    [Fact]
    public async Task AQuestionWhileWaitingIsNoAddition()
    {
        var chat = new Chat(repo);
        await chat.FileAsync(Request, Confirm);
        var reply = await chat.LastAsync("기다리는 동안 하나만요. 카드 결제 환불은 며칠 걸려요?");
        Assert.Equal(("answer", "refund-process"), (reply.Info.Action, reply.Info.FaqId));
    }

    [Theory]
    [InlineData("제 접수 건은 아직 대기 중이죠? 번호가 뭐였죠")]
    [InlineData("접수번호가 뭐였더라")]
    public async Task TheRequestNamedWithWhereItStandsIsAStatusQuestion(string question)
    {
        var chat = new Chat(repo);
        await chat.FileAsync(Request, Confirm);
        var reply = await chat.LastAsync(question);
        Assert.Equal("handoff.status", reply.Info.Intent);
        Assert.Single(chat.Events.Published, e => e.Type == TicketEvent.Created);
    }

    [Theory]
    [InlineData("지금 저랑 얘기하는 건 챗봇이에요 아니면 상담원이에요?")]
    [InlineData("상담원이세요 아니면 AI예요?")]
    public async Task BotOrPersonAsksAboutTheAssistant(string question)
    {
        var decision = await repo.Decider.DecideAsync(question);
        Assert.Equal((DecisionKind.Smalltalk, "smalltalk.identity"), (decision.Kind, decision.Intent));
    }
}
