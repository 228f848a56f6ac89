namespace Assistant.Tests.Dialogue;

/// <summary>
/// What the thirtieth blind batch (the holiday peak season) showed of conversations: an English follow-up that opens on
/// what was just said, two questions hurried along by "급해요", and a seller locked out of the account at the peak.
/// </summary>
[Collection(RepoCollection.Name)]
public sealed class PeakSeasonConversationTests(RepoFixture repo)
{
    /// <summary>"And if …?", "What about …?" lean on the answer before them and are read on its topic.</summary>
    [Theory]
    [InlineData("How many days do I have to ship after payment?", "And if I can't make it in time?", "dispatch-deadline")]
    [InlineData("반품 배송비는 누가 내요?", "And what if the item arrived broken?", "return-exchange")]
    public async Task AnEnglishFollowUpStaysOnTheTopic(string first, string followUp, string faq)
    {
        var chat = new Chat(repo);
        Assert.Equal(faq, (await chat.LastAsync(first)).Info.FaqId);
        var reply = await chat.LastAsync(followUp);
        Assert.Equal(("answer", faq), (reply.Info.Action, reply.Info.FaqId));
    }

    /// <summary>Two questions with tears and a word of hurry after them are two questions, both answered, not a case.</summary>
    [Fact]
    public async Task TwoQuestionsInAHurryAreBothAnswered()
    {
        var chat = new Chat(repo);
        var replies = await chat.SayAsync("정산계좌 바꾸는법이랑 수수료 몇프로인지 둘다 알려주세요ㅠ 급해요");
        Assert.Equal(new string?[] { "settlement-account", "fees" }, replies.Select(r => r.Info.FaqId).ToArray());
        Assert.Null(chat.State.Form);
    }

    /// <summary>Locked out of the account with orders to ship: an urgent account case.</summary>
    [Fact]
    public async Task ALockedAccountIsAnUrgentAccountCase()
    {
        var chat = new Chat(repo);
        await chat.SayAsync("로그인이 갑자기 안 돼요!! 비번 찾기 했는데도 계정 잠겼다고만 나와요. 지금 주문 500건 발송해야 하는데 미치겠어요 사람 연결해주세요");
        await chat.SayAsync("아이디 hanwoo_king 이고 주문번호랑 상품은 해당없어요");
        var number = (await chat.LastAsync("네 빨리요")).Info.Ticket!;
        var ticket = (await chat.Tickets.GetAsync(number))!;
        Assert.Equal(("urgent", "계정 잠김", "account"), (ticket.Details.Urgency, ticket.Details.UrgencyReason, ticket.Details.Category));
    }

    /// <summary>
    /// Whether the fees include VAT, no entry says: the fees answer only points to the tax-invoice entry for VAT records,
    /// and a pointer to another entry does not cover that entry's words. It is not answered with the fees entry: the VAT
    /// records' entry is offered among the choices.
    /// </summary>
    [Fact]
    public async Task WhetherTheFeesIncludeVatIsNoAnswerHere()
    {
        var chat = new Chat(repo);
        Assert.Equal("fees", (await chat.LastAsync("팔면 떼가는 돈 있음?")).Info.FaqId);
        var reply = await chat.LastAsync("그 수수료 부가세 포함이에요 별도예요?");
        Assert.Equal(("clarify", null), (reply.Info.Action, reply.Info.FaqId));
        Assert.Contains("tax-invoice", reply.Info.Suggestions!);
        Assert.True(repo.Knowledge.NoneCovers([repo.Knowledge.FindFaq("fees")!], "수수료 부가세 포함이에요?"));
        Assert.False(repo.Knowledge.NoneCovers([repo.Knowledge.FindFaq("tax-invoice")!], "부가세 신고 자료는 어디서 받아요?"));
    }
}
