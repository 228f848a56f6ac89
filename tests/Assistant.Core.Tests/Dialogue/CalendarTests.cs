using Assistant.Dialogue;
using Assistant.Handoff;
using Assistant.Knowledge;
using Assistant.Understanding;

namespace Assistant.Tests.Dialogue;

/// <summary>
/// What the forty-ninth blind batch (holidays, weekends, seasons and deadlines) showed: a listed not-ours phrase inside a
/// longer selling term, an English step put as a condition before the question, a season's wish with a word to the
/// assistant, and an order number that cannot be pinned to one among hundreds.
/// </summary>
[Collection(RepoCollection.Name)]
public sealed class CalendarTests(RepoFixture repo)
{
    /// <summary>"구매전환율" holds "환율" without being an exchange rate: a store's statistics, which no entry covers.</summary>
    [Fact]
    public async Task ANotOursPhraseInsideASellingTermIsThatTerm()
    {
        Assert.Null(repo.Knowledge.Scope.NotOursIn("연말 결산하려고 월별 구매전환율을 보고 싶어요"));
        Assert.Equal("환율", repo.Knowledge.Scope.NotOursIn("오늘 달러 환율 얼마예요?"));
        var decision = await repo.Decider.DecideAsync("연말 결산하려고 유입수랑 구매전환율을 월별로 보고 싶은데 통계 메뉴 어디서 봐요?");
        Assert.Equal((DecisionKind.Handoff, Decider.NoAnswer), (decision.Kind, decision.Intent));
    }

    /// <summary>"And if the buyer confirms …, when do I get paid?": the step is background, the question is the payout.</summary>
    [Fact]
    public async Task AnEnglishStepPutAsAConditionIsBackground()
    {
        Assert.Equal("when do I get paid?", QuestionReader.MainClause("And if the buyer confirms the purchase during the holiday, when do I get paid?"));
        var decision = await repo.Decider.DecideAsync("And if the buyer confirms the purchase during the holiday, when do I get paid?");
        Assert.Equal((DecisionKind.Answer, "settlement-schedule"), (decision.Kind, decision.FaqId));
    }

    /// <summary>A season's wish and a playful question to the assistant about itself is a greeting, not out of scope.</summary>
    [Theory]
    [InlineData("메리크리스마스🎄 챗봇도 쉬는 날 있어요? ㅋㅋ")]
    [InlineData("새해 복 많이 받으세요 봇님도 설날에 쉬어요?")]
    public async Task AWishToTheAssistantIsAGreeting(string message)
    {
        var decision = await repo.Decider.DecideAsync(message);
        Assert.Equal((DecisionKind.Smalltalk, Decider.GreetingIntent), (decision.Kind, decision.Intent));
    }

    /// <summary>"주문은 수백 건이라 번호 하나로 못 집어요" to the order number's question: there is no one order number.</summary>
    [Fact]
    public async Task HundredsOfOrdersHaveNoOneNumber()
    {
        var chat = new Chat(repo);
        await chat.SayAsync("발송처리 버튼이 계속 오류나요. 200건 넘게 밀려 있어요. 빨리 사람 연결해 주세요 아이디 cookie_lab");
        Assert.Equal(HandoffForm.AskOrder, chat.State.Form!.Asking);
        await chat.SayAsync("주문은 수백 건이라 번호 하나로 못 집어요. 상품은 수제 쿠키 선물세트");
        var form = chat.State.Form!;
        Assert.True(form.OrderNumberUnknown);
        Assert.True(form.AtSummary);
    }

    /// <summary>
    /// A dispatch tool failing on the last day of the dispatch deadline, with hundreds of orders waiting, reaches agents
    /// as urgent in the shipping area (rule "발송 기한 임박" of knowledge/handoff.yaml).
    /// </summary>
    [Fact]
    public async Task ADeadlineThatEndsTodayIsUrgent()
    {
        var chat = new Chat(repo);
        await chat.SayAsync("내일부터 연휴인데 발송처리 버튼이 계속 오류나요. 오늘이 발송기한 마지막 날이고 200건 넘게 밀려 있어요. 빨리 사람 연결해 주세요 아이디 cookie_lab");
        await chat.SayAsync("주문은 수백 건이라 번호 하나로 못 집어요. 상품은 수제 쿠키 선물세트");
        var number = (await chat.LastAsync("네 빨리 부탁드려요")).Info.Ticket!;
        var ticket = (await chat.Tickets.GetAsync(number))!;
        Assert.Equal(("urgent", "발송 기한 임박", "shipping"), (ticket.Details.Urgency, ticket.Details.UrgencyReason, ticket.Details.Category));
    }
}
