using Assistant.Handoff.Slots;

namespace Assistant.Tests.Dialogue;

/// <summary>What the thirty-fifth blind batch (brand-new sellers) showed of conversations: a detail corrected by its head word.</summary>
[Collection(RepoCollection.Name)]
public sealed class NewSellerConversationTests(RepoFixture repo)
{
    /// <summary>
    /// "버터쿠키 아니고 초코칩쿠키 12입이에요" at the summary, when the product is "버터쿠키 12입": the word said wrong is the head
    /// of that detail, which is replaced; the ticket carries the new name.
    /// </summary>
    [Fact]
    public async Task ADetailCorrectedByItsHeadWordIsReplaced()
    {
        var chat = new Chat(repo);
        await chat.SayAsync("상담원 연결해주세요 구매자가 유통기한 지난게 왔다고 해요ㅠ 주문번호 2025082012345602 아이디 dalnim_bakery 상품 버터쿠키 12입");
        Assert.True(chat.State.Form!.AtSummary);
        await chat.SayAsync("아 상품 잘못 말했어요 버터쿠키 아니고 초코칩쿠키 12입이에요");
        Assert.Equal("초코칩쿠키 12입", chat.State.Form!.ValueOf(SlotKind.Product));
        var number = (await chat.LastAsync("넵 그걸로 접수해주세요")).Info.Ticket!;
        var ticket = (await chat.Tickets.GetAsync(number))!;
        Assert.Equal(("초코칩쿠키 12입", "dalnim_bakery"), (ticket.Details.ProductName, ticket.Details.SellerId));
    }

    /// <summary>A word that is in no detail names none: nothing is replaced on a guess.</summary>
    [Fact]
    public async Task AWordInNoDetailReplacesNothing()
    {
        var chat = new Chat(repo);
        await chat.SayAsync("상담원 연결해주세요 구매자가 유통기한 지난게 왔다고 해요ㅠ 주문번호 2025082012345602 아이디 dalnim_bakery 상품 버터쿠키 12입");
        await chat.SayAsync("딸기쿠키 아니고 초코칩쿠키예요");
        Assert.Equal("버터쿠키 12입", chat.State.Form!.ValueOf(SlotKind.Product));
    }

    /// <summary>
    /// "승인나면 상품은 어디서 올려요" after the sign-up answer is short, but names what it asks about with a topic particle,
    /// a word of the registration entry's title: it moves there. "심사 며칠?" names nothing of its own and stays.
    /// </summary>
    [Fact]
    public async Task AShortQuestionThatNamesItsOwnTopicMovesThere()
    {
        var chat = new Chat(repo);
        Assert.Equal("seller-signup", (await chat.LastAsync("이제 막 시작해보려는데 사업자없이 개인으로도 입점 되나요?")).Info.FaqId);
        Assert.Equal("seller-signup", (await chat.LastAsync("심사 며칠?")).Info.FaqId);
        var reply = await chat.LastAsync("승인나면 상품은 어디서 올려요");
        Assert.Equal(("answer", "product-registration"), (reply.Info.Action, reply.Info.FaqId));
    }
}
