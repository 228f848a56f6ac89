using Assistant.Dialogue;
using Assistant.Knowledge;

namespace Assistant.Tests.Dialogue;

/// <summary>
/// What the forty-sixth blind batch (the line between a question and a case) showed: a seller who says no to a person or
/// that their own order is not the point wants the rule; in a form, saying no to the person drops the form and the
/// question is answered; a question about what follows if one does something is a question about the rule.
/// </summary>
[Collection(RepoCollection.Name)]
public sealed class QuestionOrCaseTests(RepoFixture repo)
{
    [Theory]
    [InlineData("상담원 연결 말고요. 제 건은 제가 알아서 볼 테니까 정산 보류가 일반적으로 어떤 경우에 걸리는지만 알려 주세요.", "settlement-hold")]
    [InlineData("주문번호 2025062212345678 건 취소 요청이 왔어요. 발주확인은 이미 눌렀고요. 처리는 제가 할 거라 상담원은 필요 없고, 발주확인 후 취소는 제가 승인하는 건지만 알려 주세요", "order-cancel")]
    [InlineData("주문번호 2025070100001111 건 반품 들어온 건 제가 처리할게요. 그냥 궁금해서 그러는데 단순변심 반품이면 왕복 배송비는 구매자 부담이죠?", "return-exchange")]
    [InlineData("재고가 없어서 품절취소 해야 할 것 같은데요, 주문번호 2025091512345678 이거 구매자한테 뭐라고 하죠.. 품절취소하면 불이익 있어요?", "order-cancel")]
    public async Task TheRuleAskedForIsAnswered(string message, string faq)
    {
        var decision = await repo.Decider.DecideAsync(message);
        Assert.Equal((DecisionKind.Answer, faq), (decision.Kind, decision.FaqId));
    }

    /// <summary>The same stories asking for their own order to be looked into stay cases.</summary>
    [Theory]
    [InlineData("주문번호 2025070100001111 건 반품 들어왔는데 왕복 배송비가 저한테 청구됐어요. 왜 그런지 확인해 주세요")]
    [InlineData("재고가 없어서 품절취소 했는데 주문번호 2025091512345678 페널티가 두 번 들어왔어요. 확인 부탁드려요")]
    public async Task AskingToLookIntoTheirOwnOrderStaysACase(string message) =>
        Assert.Equal(DecisionKind.Handoff, (await repo.Decider.DecideAsync(message)).Kind);

    [Theory]
    [InlineData("상담원 연결 말고요", true)]
    [InlineData("담당자는 필요 없고 규정만요", true)]
    [InlineData("상담은 안 할게요, 취소해 주세요", true)]
    [InlineData("no agent needed, just the rule", true)]
    [InlineData("상담원 연결해 주세요", false)]
    [InlineData("상담 받고 싶어요", false)]
    public void SayingNoToAPerson(string text, bool declines) => Assert.Equal(declines, ReplyActs.DeclinesAPerson(text));

    /// <summary>
    /// In the form, "상담원 말고요, 그냥 규정만 알려 주세요. 자동 구매확정은 배송완료 후 며칠 뒤예요?": the form is dropped
    /// (nothing filed, nothing resumed) and the question answered; thanks after it is thanks, not a detail.
    /// </summary>
    [Fact]
    public async Task NoToThePersonInTheFormDropsItAndAnswers()
    {
        var chat = new Chat(repo);
        await chat.SayAsync("구매확정 안 눌러주는 구매자 때문에 정산이 안 들어와요. 주문번호 2025072012345678 이에요");
        Assert.NotNull(chat.State.Form);
        var replies = await chat.SayAsync("상담원 말고요, 그냥 규정만 알려 주세요. 자동 구매확정은 배송완료 후 며칠 뒤예요?");
        Assert.Null(chat.State.Form);
        Assert.Equal(("answer", "purchase-confirmation"), (replies[^1].Info.Action, replies[^1].Info.FaqId));
        Assert.DoesNotContain(replies, r => r.Info.Intent == "handoff.resume");
        Assert.Equal("smalltalk", (await chat.LastAsync("알겠어요 그럼 기다려 볼게요 고마워요")).Info.Action);
        Assert.Empty(chat.Events.Published);
    }

    /// <summary>"2점이면 괜찮네요. 상담은 안 할게요, 취소해 주세요" while the order number is asked for: the form stops.</summary>
    [Fact]
    public async Task NoMoreConsultationCancelsTheForm()
    {
        var chat = new Chat(repo);
        await chat.SayAsync("상담원 연결해 주세요, 품절취소 페널티 건이요");
        var reply = await chat.LastAsync("2점이면 괜찮네요. 상담은 안 할게요, 취소해 주세요");
        Assert.Equal("handoff.cancelled", reply.Info.Intent);
        Assert.Null(chat.State.Form);
    }

    [Theory]
    [InlineData("통신사 요금이 이번 달에 두 번 빠졌어요. 이것도 자동으로 환불되나요?")]
    [InlineData("장부 정리하려는데 엑셀에서 월별 매출 합계 구하는 수식 좀 알려줘")]
    [InlineData("Can you recommend a good camera for product photos under $500?")]
    [InlineData("제가 구매자로 주문한 택배를 기사님이 문 앞에 두고 갔는데 없어졌어요. 택배사에 뭐라고 해야 보상 받아요?")]
    public async Task NotOurs(string message) =>
        Assert.Equal(DecisionKind.Decline, (await repo.Decider.DecideAsync(message)).Kind);

    [Theory]
    [InlineData("One buyer keeps ordering and then cancelling on purpose. Can I block that buyer from buying in my store?")]
    [InlineData("제 얘기는 됐고 규정만요. 상품 하나를 카테고리 두 곳에 동시에 노출할 수 있나요?")]
    public async Task FeaturesNoEntryCovers(string message)
    {
        var decision = await repo.Decider.DecideAsync(message);
        Assert.Equal((DecisionKind.Handoff, Assistant.Understanding.Decider.NoAnswer), (decision.Kind, decision.Intent));
    }
}
