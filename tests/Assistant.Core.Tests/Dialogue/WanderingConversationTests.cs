namespace Assistant.Tests.Dialogue;

/// <summary>
/// What the forty-second blind batch (conversations that wander) showed: a yes that goes on to ask for something else,
/// asking for a shorter answer, going back to an earlier topic by name, and an aside in the middle of a form.
/// </summary>
[Collection(RepoCollection.Name)]
public sealed class WanderingConversationTests(RepoFixture repo)
{
    private const string Request = "상담사 연결해 주세요. 아이디 nabi_flower, 주문번호 2025090312345670, 상품 프리저브드 꽃다발. 배송완료로 떴는데 구매자가 못 받았대요";

    /// <summary>
    /// At the summary, "알겠어요. 아까 요약 다시 보여 주세요" and "네 근데 상품명 바꿔 주세요" acknowledge and ask for more:
    /// nothing is filed; "네 빨리 처리해 주세요" goes ahead.
    /// </summary>
    [Theory]
    [InlineData("알겠어요. 아까 요약 다시 보여 주세요", false)]
    [InlineData("네 근데 상품명 바꿔 주세요", false)]
    [InlineData("네 빨리 처리해 주세요", true)]
    [InlineData("네 접수해 주세요", true)]
    public async Task AYesThatAsksForMoreFilesNothing(string reply, bool filed)
    {
        var chat = new Chat(repo);
        await chat.SayAsync(Request);
        Assert.True(chat.State.Form!.AtSummary);
        var replies = await chat.SayAsync(reply);
        Assert.Equal(filed, replies.Any(r => r.Info.Ticket is not null));
        Assert.Equal(filed, await chat.Tickets.FindLatestByConversationAsync(chat.Address.Channel, chat.Address.ConversationId) is not null);
    }

    /// <summary>"너무 길어요 ㅠ 짧게 요약해 주세요" after an answer: the entry's facts as a short list; of two answers, the one named.</summary>
    [Fact]
    public async Task AShorterAnswerIsTheEntrysFacts()
    {
        var chat = new Chat(repo);
        await chat.SayAsync("정산 받는 계좌 바꾸려면 어떻게 해야 돼요?");
        var shorter = await chat.LastAsync("너무 길어요 ㅠ 짧게 요약해 주세요");
        Assert.Equal(("answer", "settlement-account", "shorter"), (shorter.Info.Action, shorter.Info.FaqId, shorter.Info.Intent));
        var facts = repo.Knowledge.FindFaq("settlement-account")!.Facts;
        Assert.All(facts, fact => Assert.Contains(fact, shorter.Text));
        Assert.True(shorter.Text.Length < repo.Knowledge.FindFaq("settlement-account")!.Answer.Length);

        await chat.SayAsync("할인 쿠폰 만드는 법이랑 판매 수수료 몇 %인지 둘 다 궁금해요");
        var fees = await chat.LastAsync("수수료 쪽만 다시 짧게요");
        Assert.Equal(("fees", "shorter"), (fees.Info.FaqId, fees.Info.Intent));
    }

    /// <summary>"아까 수수료 말인데, 상품 등록할 때도 돈 내요?" after another answer: the rest is read on the topic named.</summary>
    [Fact]
    public async Task GoingBackToAnEarlierTopicByNameReadsTheRestOnIt()
    {
        var chat = new Chat(repo);
        await chat.SayAsync("판매 수수료 몇 %예요?");
        await chat.SayAsync("쿠폰 할인 금액은 누가 부담해요?");
        var reply = await chat.LastAsync("아까 수수료 말인데, 상품 등록할 때도 돈 내요?");
        Assert.Equal(("answer", "fees"), (reply.Info.Action, reply.Info.FaqId));
    }

    /// <summary>
    /// "아 잠깐만요, 보류 사유는 원래 어디서 볼 수 있는 거예요?" while a form about a settlement hold asks for the order number:
    /// no reading of its own, but retrieval leads with the settlement-hold entry, in the form's area; answered, and the form
    /// asks again.
    /// </summary>
    [Fact]
    public async Task AnAsideRetrievalPlacesInTheFormsAreaIsAnswered()
    {
        var chat = new Chat(repo);
        await chat.SayAsync("상담원 연결해 주세요. 정산이 3주째 보류 상태예요");
        await chat.SayAsync("아이디는 lemon_tree 예요");
        var replies = await chat.SayAsync("아 잠깐만요, 보류 사유는 원래 어디서 볼 수 있는 거예요?");
        Assert.Contains(replies, r => r.Info.Action == "answer" && r.Info.FaqId == "settlement-hold");
        Assert.Equal("handoff.ask-order", replies[^1].Info.Intent);
    }
}
