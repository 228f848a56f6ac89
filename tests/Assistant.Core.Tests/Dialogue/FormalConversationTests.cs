namespace Assistant.Tests.Dialogue;

/// <summary>What the thirty-sixth blind batch (busy stores writing formally) showed of conversations: formal withdrawals and urgency.</summary>
[Collection(RepoCollection.Name)]
public sealed class FormalConversationTests(RepoFixture repo)
{
    /// <summary>
    /// "죄송합니다, 내부 확인 후 다시 문의드리겠습니다. 취소해 주세요." while the problem is asked for, and "접수하지
    /// 않겠습니다. 내부에서 자체적으로 처리하겠습니다." at the summary, withdraw the request: nothing is filed and no detail is asked.
    /// </summary>
    [Theory]
    [InlineData("상담원 연결 부탁드립니다.", "죄송합니다, 내부 확인 후 다시 문의드리겠습니다. 취소해 주세요.")]
    [InlineData("담당자 연결 부탁드립니다. 주문번호 2025112233330001, 아이디 sejong_books, 상품 초등 수학 문제집 세트. 구매자가 낙장을 이유로 환불을 요구합니다.",
        "접수하지 않겠습니다. 내부에서 자체적으로 처리하겠습니다.")]
    public async Task AFormalWithdrawalCancelsTheForm(string request, string withdrawal)
    {
        var chat = new Chat(repo);
        await chat.SayAsync(request);
        Assert.NotNull(chat.State.Form);
        var reply = await chat.LastAsync(withdrawal);
        Assert.Null(chat.State.Form);
        Assert.Equal("handoff.cancelled", reply.Info.Intent);
        Assert.Null(await chat.Tickets.FindLatestByConversationAsync(chat.Address.Channel, chat.Address.ConversationId));
    }

    /// <summary>A case the seller calls urgent in so many words ("긴급 건입니다") reaches the agents marked urgent, with that reason.</summary>
    [Fact]
    public async Task ACaseCalledUrgentIsUrgent()
    {
        var chat = new Chat(repo);
        await chat.SayAsync("긴급 건입니다. 오늘 오전부터 송장 일괄 등록 엑셀 업로드가 계속 실패해서 미발송 230건이 묶여 있습니다. 담당자 연결 부탁드립니다. 아이디 dailypick_store, 특정 주문이나 상품 건은 아닙니다.");
        var number = (await chat.LastAsync("네 바로 접수 부탁드립니다")).Info.Ticket!;
        var ticket = (await chat.Tickets.GetAsync(number))!;
        Assert.Equal(("urgent", "판매자 긴급 요청"), (ticket.Details.Urgency, ticket.Details.UrgencyReason));
    }
}
