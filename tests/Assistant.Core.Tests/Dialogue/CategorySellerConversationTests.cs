namespace Assistant.Tests.Dialogue;

/// <summary>
/// What the thirty-first blind batch (sellers of particular goods, their daily operations) showed of conversations: several
/// orders with none to name, a person asked for to confirm an answer, and where a filed request stands.
/// </summary>
[Collection(RepoCollection.Name)]
public sealed class CategorySellerConversationTests(RepoFixture repo)
{
    /// <summary>"여러 건이라 하나로 못 집어요" skips the order number; the ID given before is kept and the ticket is filed.</summary>
    [Fact]
    public async Task SeveralOrdersWithNoneToNameSkipTheOrder()
    {
        var chat = new Chat(repo);
        await chat.SayAsync("정산 계좌를 바꿨는데 이번 정산금이 예전 계좌로 들어간 것 같아요. 사람이 확인해 주세요");
        await chat.SayAsync("아이디는 green_thumb 입니다");
        await chat.SayAsync("주문번호는 여러 건이라 하나로 못 집어요");
        Assert.True(chat.State.Form!.OrderNumberUnknown);
        await chat.SayAsync("상품도 해당 없어요");
        var number = (await chat.LastAsync("네 그렇게 접수해 주세요")).Info.Ticket!;
        var ticket = (await chat.Tickets.GetAsync(number))!;
        Assert.Equal(("green_thumb", null, null, "settlement"), (ticket.Details.SellerId, ticket.Details.OrderNumber, ticket.Details.ProductName, ticket.Details.Category));
    }

    /// <summary>A seller who doubts the answer and wants a person to confirm it ("사람한테 직접 확인받을래요") gets the form.</summary>
    [Fact]
    public async Task WantingAPersonToConfirmTheAnswerOpensTheForm()
    {
        var chat = new Chat(repo);
        Assert.Equal("seller-grade-penalty", (await chat.LastAsync("판매자가 품절로 취소하면 벌점 몇 점이에요?")).Info.FaqId);
        await chat.SayAsync("그게 맞는지 어떻게 알아요. 사람한테 직접 확인받을래요");
        Assert.NotNull(chat.State.Form);
    }

    /// <summary>"제 문의 접수된 거 지금 어떤 상태예요?" after filing is answered with the request's number and where it stands.</summary>
    [Fact]
    public async Task WhereAFiledRequestStandsIsAnswered()
    {
        var chat = new Chat(repo);
        await chat.SayAsync("상담원 연결 부탁드려요. 주문번호 2025092812345670 / 아이디 ginseng_farm / 상품 6년근 홍삼정 / 이 주문만 정산이 보류됐는데 이유를 모르겠어요");
        var number = (await chat.LastAsync("네 맞아요")).Info.Ticket!;
        var reply = await chat.LastAsync("제 문의 접수된 거 지금 어떤 상태예요?");
        Assert.Contains(number, reply.Text);
    }
}
