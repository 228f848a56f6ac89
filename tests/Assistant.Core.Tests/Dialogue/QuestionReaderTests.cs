using Assistant.Dialogue;
using Assistant.Handoff;
using Assistant.Knowledge;

namespace Assistant.Tests.Dialogue;

public sealed class QuestionReaderTests
{
    /// <summary>The question without the step it is anchored to; null when it names none, or too little is left.</summary>
    [Theory]
    [InlineData("구매확정 후 정산금은 언제 들어오나요?", "정산금은 언제 들어오나요?")]
    [InlineData("반품 승인하고 나면 환불은 바로 나가요?", "환불은 바로 나가요?")]
    [InlineData("송장 등록한 다음에 수정할 수 있어요?", "수정할 수 있어요?")]
    [InlineData("After the buyer confirms, when do I get paid?", "when do I get paid?")]
    [InlineData("How long until I get paid after the buyer confirms?", "How long until I get paid")]
    [InlineData("Hi, how long after purchase confirmation do I get paid?", "Hi, how long do I get paid?")]
    // No step named: a time of day ("오후"), a review ("후기"), a list of two questions.
    [InlineData("오후 주문은 언제 보내요?", null)]
    [InlineData("구매 후기 삭제할 수 있나요?", null)]
    [InlineData("송장 고치는 법이랑, 결제 후 며칠 안에 보내는지", null)]
    [InlineData("구매확정 후에?", null)]
    public void ReadsTheQuestionWithoutTheStepItIsAnchoredTo(string question, string? main) =>
        Assert.Equal(main, QuestionReader.MainClause(question));

    [Theory]
    [InlineData("정산일이랑 수수료 알려주세요", new[] { "정산일 알려주세요", "수수료 알려주세요" })]
    [InlineData("송장번호 잘못 넣은 거 고치는 법이랑, 결제 후 며칠 안에 보내야 하는지 둘 다 알려 주세요", new[] { "송장번호 잘못 넣은 거 고치는 법 알려 주세요", "결제 후 며칠 안에 보내야 하는지 알려 주세요" })]
    [InlineData("배송비는 얼마예요? 그리고 반품은 어떻게 해요?", new[] { "배송비는 얼마예요?", "반품은 어떻게 해요?" })]
    [InlineData("Two quick ones: what's the fee on card payments, and where do I download my monthly tax invoices?", new[] { "Two quick ones: what's the fee on card payments", "where do I download my monthly tax invoices?" })]
    [InlineData("정산 계좌를 바꾸고 싶어요", new[] { "정산 계좌를 바꾸고 싶어요" })]
    [InlineData("무선 청소기랑 필터 세트를 같이 팔아도 되나요?", new[] { "무선 청소기랑 필터 세트를 같이 팔아도 되나요?" })]
    // 하고 before an auxiliary verb ends a verb ("답하고 있어요"), it coordinates no nouns.
    [InlineData("월요일에 문의를 한꺼번에 답하고 있어요. 응답률에 영향이 있나요?", new[] { "월요일에 문의를 한꺼번에 답하고 있어요", "응답률에 영향이 있나요?" })]
    [InlineData("수수료하고 가격 알려주세요", new[] { "수수료 알려주세요", "가격 알려주세요" })]
    // "똑같이" (just the same) does not make the two questions one, as "같이" (together) does.
    [InlineData("쿠폰 할인 비용은 누가 내는 건지, 그리고 쿠폰 쓴 주문에도 수수료가 똑같이 붙는지 궁금합니다", new[] { "쿠폰 할인 비용은 누가 내는 건지", "쿠폰 쓴 주문에도 수수료가 똑같이 붙는지 궁금합니다" })]
    public void SplitsAMessageIntoItsQuestions(string message, string[] parts) =>
        Assert.Equal(parts, QuestionReader.Split(message));

    [Theory]
    [InlineData("그럼 그건 어디서 해요?", true)]
    [InlineData("얼마나 걸려요?", true)]
    [InlineData("그 reason은 어디서 볼 수 있어요?", true)]
    [InlineData("그 서류는 어디에 내요?", true)]
    [InlineData("환불은요? 카드 결제였어요", true)]
    [InlineData("아까 말한 거요 정산 다시 보여주세요", true)]
    [InlineData("반품 물건이 어제 도착했는데 아직 검수를 못 했어요 완료 처리는 며칠 안에 해야 하나요", false)]
    [InlineData("카드로 결제하신 분인데 보통 카드 환불은 얼마나 걸리는지 알려주시면 그대로 안내해 드리려고요", false)]
    public void TellsAFollowUpFromAQuestionOfItsOwn(string message, bool followUp) =>
        Assert.Equal(followUp, QuestionReader.IsFollowUp(message));

    [Theory]
    [InlineData("교환 처리 절차를 안내 부탁드립니다.", true)]
    [InlineData("제출해야 할 서류를 안내해 주세요.", true)]
    [InlineData("보통 어떤 이유로 이렇게 되는지 궁금합니다.", true)]
    [InlineData("정산 주기 알려 주세요", true)]
    // "…인지 알고 싶어요": wanting to know whether is asking.
    [InlineData("신고만으로도 판매중지될 수 있는 건지 알고 싶어요.", true)]
    [InlineData("상품 올릴 때 따로 드는 비용도 있는지 알고 싶습니다", true)]
    [InlineData("판매 요령을 더 알고 싶어서 강의를 들었어요.", false)]
    [InlineData("어제 발송 지연 안내를 등록했어요.", false)]
    [InlineData("계속 결제 오류가 떠요.", false)]
    [InlineData("Two quick ones: what's the fee on card payments", true)]
    [InlineData("how do I change my payout account", true)]
    [InlineData("I paid the fee and shipped it.", false)]
    // A buyer's question the seller reports is not the seller's; one asked after it is.
    [InlineData("근데 오늘 그분이 환불 왜 안 들어오냐고 별점 1점 주겠다고 하시네요..", false)]
    [InlineData("구매자가 언제 오냐고 물어보는데 어떻게 답해야 하나요", true)]
    public void AskingToBeToldIsAQuestion(string sentence, bool question) =>
        Assert.Equal(question, QuestionReader.IsQuestion(sentence));
}

public sealed class TicketLedgerTests
{
    private static TicketDraft Draft(string key) => new(new ConversationAddress("test", "c1", "{}"),
        new TicketDetails("shop_01", false, null, true, null, "settlement", "정산이 안 들어와요", "normal", null), [], [], key);

    [Fact]
    public async Task EachChangeIsAnnouncedOnceAfterItIsStoredAndAReplayedCreateAnnouncesNothing()
    {
        var store = new InMemoryTicketStore();
        var events = new RecordingTicketEvents();
        var ledger = new TicketLedger(store, events);

        var first = await ledger.CreateAsync(Draft("k1"));
        var replay = await ledger.CreateAsync(Draft("k1"));
        Assert.True(first.IsNew);
        Assert.False(replay.IsNew);
        Assert.Equal(first.Ticket.Number, replay.Ticket.Number);

        var agent = new AgentRef("a1", "김상담");
        await ledger.ClaimAsync(first.Ticket.Number, agent, new TranscriptEntry(MessageRole.System, "연결됐어요", DateTimeOffset.UtcNow));
        await ledger.ClaimAsync(first.Ticket.Number, agent, new TranscriptEntry(MessageRole.System, "연결됐어요", DateTimeOffset.UtcNow));
        await ledger.AppendAsync(first.Ticket.Number, new TranscriptEntry(MessageRole.Agent, "확인할게요", DateTimeOffset.UtcNow));
        var closed = await ledger.CloseAsync(first.Ticket.Number, TicketStatus.Resolved, agent, null);

        Assert.Equal(TicketStatus.Resolved, closed!.Status);
        Assert.Equal([TicketEvent.Created, TicketEvent.Claimed, TicketEvent.Message_, TicketEvent.Resolved], events.Published.Select(e => e.Type).ToArray());
        // The claim event carries the ticket as stored, with the agent joined.
        Assert.Equal(TicketStatus.Claimed, events.Published[1].Ticket.Status);
        Assert.Null(await ledger.CloseAsync("T999999", TicketStatus.HandedBack, agent, null));
    }
}

public sealed class ScopeKnowledgeTests
{
    [Theory]
    [InlineData("쿠팡은요?", "쿠팡")]
    [InlineData("11번가 판매자 수수료는 얼마입니까?", "11번가")]
    [InlineData("amazon fba랑 비교하면요", "Amazon")]
    [InlineData("당근 5kg 상품 등록이 안 돼요", null)]
    [InlineData("정산은 언제 돼요?", null)]
    public void NamesTheOtherServiceAMessageIsAbout(string message, string? service) =>
        Assert.Equal(service, KnowledgeLoader.Load(Paths.Knowledge).Scope.OtherServiceIn(message));

    [Fact]
    public void ABadScopeFileNamesFileLineAndField()
    {
        using var temp = new TempKnowledge();
        temp.Write("scope.yaml", "otherServices: [쿠팡, 쿠팡, 쓱]\nsellingWithStore: [보험, 험]\nextra: 1\n");
        var errors = Assert.Throws<KnowledgeValidationException>(() => KnowledgeLoader.Load(temp.Directory)).Errors;
        Assert.Contains(errors, e => e.File == "scope.yaml" && e.Field == "otherServices" && e.Problem.Contains("listed twice"));
        Assert.Contains(errors, e => e.File == "scope.yaml" && e.Field == "otherServices" && e.Problem.Contains("too short"));
        Assert.Contains(errors, e => e.File == "scope.yaml" && e.Field == "sellingWithStore" && e.Line == 2 && e.Problem.Contains("too short"));
        Assert.Contains(errors, e => e.File == "scope.yaml" && e.Field == "extra");
    }

    [Fact]
    public void AnIntentTheConversationCodeNamesMustExist()
    {
        using var temp = new TempKnowledge();
        File.Delete(temp.PathOf("intents/smalltalk-thanks.yaml"));
        var errors = Assert.Throws<KnowledgeValidationException>(() => KnowledgeLoader.Load(temp.Directory)).Errors;
        Assert.Contains(errors, e => e.Problem.Contains("'smalltalk.thanks' is used by the conversation code"));
    }
}
