namespace Assistant.Tests.Dialogue;

/// <summary>
/// What the thirty-second blind batch (long, natural conversations) showed: a form refused in words, a problem that persists
/// or an own case said in a few words after an answer, a detail given before it is asked for, and an English question that
/// opens with "ok and".
/// </summary>
[Collection(RepoCollection.Name)]
public sealed class LongConversationTests(RepoFixture repo)
{
    /// <summary>"아뇨 괜찮아요 그냥 여기서 물어볼게요" while the form asks what happened cancels it; the next question is answered.</summary>
    [Fact]
    public async Task AskingHereInsteadCancelsTheForm()
    {
        var chat = new Chat(repo);
        await chat.SayAsync("담당자분이랑 얘기좀 할수있을까요");
        Assert.NotNull(chat.State.Form);
        await chat.SayAsync("아뇨 괜찮아요 그냥 여기서 물어볼게요");
        Assert.Null(chat.State.Form);
        Assert.Equal("tax-invoice", (await chat.LastAsync("수수료 세금계산서 어디서 조회해요")).Info.FaqId);
    }

    /// <summary>
    /// A few words after an answer that alone say nothing sure ("그거 다 해봤대요 그래도 계속 안된대요", "그러니까 제꺼가 왜
    /// 보류된거냐구요") are, on the topic, a problem that persists after the steps or the seller's own case: a case in its area.
    /// </summary>
    [Theory]
    [InlineData("구매자가 결제 오류난다고 연락왔어요 뭐라고 안내해요?", "그거 다 해봤대요 그래도 계속 안된대요", "payment")]
    [InlineData("정산 보류 됐는데요", "그러니까 제꺼가 왜 보류된거냐구요", "settlement")]
    public async Task AFewWordsOfAnOwnCaseAfterAnAnswerAreACase(string first, string then, string area)
    {
        var chat = new Chat(repo);
        Assert.Equal("answer", (await chat.LastAsync(first)).Info.Action);
        await chat.SayAsync(then);
        Assert.Equal(area, chat.State.Form?.Category);
    }

    /// <summary>A product named before it is asked for ("상품명 먼저 말할게요 …") is kept, and the form asks only what is missing.</summary>
    [Fact]
    public async Task AProductGivenFirstIsKept()
    {
        var chat = new Chat(repo);
        await chat.SayAsync("구매자가 교환 요청했는데 교환할 색상이 품절이라 어떻게 할지 사람이랑 얘기하고 싶어요");
        await chat.SayAsync("상품명 먼저 말할게요 캐시미어 머플러");
        await chat.SayAsync("아이디는 wool_and_co");
        await chat.SayAsync("주문번호 2025120398765000");
        Assert.True(chat.State.Form!.AtSummary);
        Assert.Equal(("2025120398765000", "wool_and_co", "캐시미어 머플러"), (chat.State.Form.OrderNumber, chat.State.Form.SellerId, chat.State.Form.ProductName));
    }

    /// <summary>"ok and when do I get paid after the buyer confirms the purchase?" is one question, about the payout.</summary>
    [Fact]
    public async Task AnOpeningOkAndIsNoQuestionOfItsOwn()
    {
        var chat = new Chat(repo);
        await chat.SayAsync("hi, do you charge anything just for listing products?");
        var replies = await chat.SayAsync("ok and when do I get paid after the buyer confirms the purchase?");
        Assert.Equal(new string?[] { "settlement-schedule" }, replies.Select(r => r.Info.FaqId).ToArray());
    }
}
