using Assistant.Cli.Commands;
using Assistant.Dialogue;
using Assistant.Evaluation.Scenarios;
using Assistant.Handoff;

namespace Assistant.Tests.Evaluation;

/// <summary>The scenario file's loader errors, each expectation key of the judge, and the in-memory ticket store.</summary>
public sealed class ScenarioJudgeTests
{
    private static readonly ConversationAddress Conversation = new("scenario", "c1", "{}");

    private static AssistantReply Reply(string action, string text, string? faqId = null, string[]? suggestions = null, string[]? buttons = null, string intent = "x") =>
        new(text, buttons ?? [], new AssistantInfo(action, faqId, suggestions, intent, 1));

    private static TurnObservation Seen(params AssistantReply[] replies) => new(replies, 0, 0, null);

    private static Expectation Expect(string json) =>
        ScenarioLoader.Parse($$"""[{"name": "t", "turns": [{"say": "x", "expect": {{json}}}]}]""").Single().Turns[0].Expect!;

    private static IReadOnlyList<string> Check(string expect, TurnObservation seen) => ScenarioJudge.Check(Expect(expect), seen);

    private static Ticket Ticket(string number = "T000001", TicketStatus status = TicketStatus.Queued, string? order = "2025031412345678", string? product = null, string urgency = "normal") =>
        new(number, status, Conversation, new TicketDetails("haru_living", false, order, false, product, "settlement", "정산 문의", urgency, null), [], null, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch);

    // --- the loader ---

    [Theory]
    [InlineData("""{"name": "a", "turns": [{"say": "x", "expect": {"action": "answer"}}]""", "not valid JSON")]
    [InlineData("""{"name": "a", "turns": []}""", "scenario 1 'a': turns: missing or not a non-empty list")]
    [InlineData("""{"turns": [{"say": "x", "expect": {}}]}""", "scenario 1: name: missing")]
    [InlineData("""{"name": "a", "turns": [{"say": "x", "expect": {}}], "note": 1}""", "scenario 1 'a': note: unknown key")]
    [InlineData("""{"name": "a", "turns": [{"say": "x", "expect": {"action": "answer"}}, {"say": "y", "expect": {"actoin": "answer"}}]}""", "scenario 1 'a', turn 2: expect.actoin: unknown expectation key")]
    [InlineData("""{"name": "a", "turns": [{"say": "x", "expect": {"action": "answr"}}]}""", "turn 1: expect.action: 'answr' is not a decision")]
    [InlineData("""{"name": "a", "turns": [{"say": "x", "expect": {"text": "(unclosed"}}]}""", "turn 1: expect.text: not a valid regex")]
    [InlineData("""{"name": "a", "turns": [{"say": "x", "expect": {"text": ["ok", 3]}}]}""", "turn 1: expect.text[1]: expected a string, found number")]
    [InlineData("""{"name": "a", "turns": [{"say": "x", "expect": {"silent": false}}]}""", "turn 1: expect.silent: the only allowed value is true")]
    [InlineData("""{"name": "a", "turns": [{"say": "x", "expect": {"ticket": {"owner": "x"}}}]}""", "turn 1: expect.ticket.owner: unknown ticket field")]
    [InlineData("""{"name": "a", "turns": [{"say": "x", "expect": {"fields": {"order": "2025-0314"}}}]}""", "turn 1: expect.fields.order: expected the 16 digits")]
    [InlineData("""{"name": "a", "turns": [{"say": "x", "expect": {"suggests": "fees"}}]}""", "turn 1: expect.suggests: expected a non-empty list")]
    [InlineData("""{"name": "a", "turns": [{"say": "x", "expect": {"anyOf": [{"action": "answer"}, {"faqid": "fees"}]}}]}""", "turn 1: expect.anyOf[1].faqid: unknown expectation key")]
    [InlineData("""{"name": "a", "turns": [{"say": "x", "press": "y", "expect": {}}]}""", "turn 1: press: a turn has exactly one of say, press, agent")]
    [InlineData("""{"name": "a", "turns": [{"expect": {}}]}""", "turn 1: say: a turn has exactly one of say, press, agent")]
    [InlineData("""{"name": "a", "turns": [{"agent": "approve"}]}""", "turn 1: agent: 'approve' is not claim, reply, handback or resolve")]
    [InlineData("""{"name": "a", "turns": [{"agent": "reply"}]}""", "turn 1: text: an agent reply needs text")]
    [InlineData("""{"name": "a", "turns": [{"agent": "claim", "text": "hi"}]}""", "turn 1: text: only an agent reply has text")]
    [InlineData("""{"name": "a", "turns": [{"say": "x"}]}""", "turn 1: expect: a seller turn needs an expectation")]
    [InlineData("""{"name": "a", "turns": [{"say": "x", "expect": {}}]}, {"name": "a", "turns": [{"say": "y", "expect": {}}]}""", "scenario 2 'a': name: used by an earlier scenario")]
    public void AMalformedFileNamesTheScenarioTurnAndKey(string scenarios, string message)
    {
        var ex = Assert.Throws<FormatException>(() => ScenarioLoader.Parse("[" + scenarios + "]", "s.json"));
        Assert.StartsWith("s.json: ", ex.Message);
        Assert.Contains(message, ex.Message);
    }

    [Fact]
    public void TheLoaderReadsEveryKindOfTurn()
    {
        var scenario = ScenarioLoader.Parse("""
            [{"name": "a", "why": "w", "turns": [
              {"say": "안녕", "expect": {"action": ["smalltalk", "answer"], "ticket": {"status": "^queued$"}, "fields": {"order": "2025-0314-1234-5678", "product": "청소기"}}},
              {"press": "접수", "expect": {"ticketCreated": true}},
              {"agent": "reply", "text": "확인할게요", "expect": {"text": "확인"}},
              {"agent": "handback"}]}]
            """).Single();
        Assert.Equal([ScenarioTurnKind.Say, ScenarioTurnKind.Press, ScenarioTurnKind.Agent, ScenarioTurnKind.Agent], scenario.Turns.Select(t => t.Kind));
        Assert.Equal(["smalltalk", "answer"], scenario.Turns[0].Expect!.Action);
        Assert.Equal("2025031412345678", scenario.Turns[0].Expect!.Fields!.Order);
        Assert.Equal((AgentStep.Reply, "확인할게요"), (scenario.Turns[2].Agent!.Value, scenario.Turns[2].AgentText!));
        Assert.Equal(AgentStep.HandBack, scenario.Turns[3].Agent);
        Assert.Null(scenario.Turns[3].Expect);
        Assert.Equal([1, 2, 3, 4], scenario.Turns.Select(t => t.Number));
    }

    [Fact]
    public void FaqIdsUnknownToTheKnowledgeAreReported()
    {
        var scenarios = ScenarioLoader.Parse("""[{"name": "a", "turns": [{"say": "x", "expect": {"anyOf": [{"faqId": ["fees", "feez"]}]}}]}]""");
        var problems = ScenarioLoader.UnknownFaqIds(scenarios, id => id == "fees");
        Assert.Equal(["scenario 'a', turn 1: expect.anyOf[0].faqId: 'feez' is not an FAQ id"], problems);
    }

    // --- the judge, key by key ---

    [Fact]
    public void ActionIsTheAnswerIfAnyMessageAnsweredElseTheLastMessagesAction()
    {
        var handoff = Seen(Reply("handoff", "연결해 드릴게요", intent: "handoff.start"), Reply("handoff", "주문번호를 알려 주세요"));
        Assert.Equal("handoff", handoff.Action);
        Assert.Empty(Check("""{"action": "handoff"}""", handoff));
        Assert.Empty(Check("""{"action": ["answer", "handoff"]}""", handoff));
        Assert.Equal(["action: expected answer, saw handoff"], Check("""{"action": "answer"}""", handoff));

        var answered = Seen(Reply("answer", "정산은 ...", "settlement-schedule"), Reply("smalltalk", "더 궁금한 점이 있나요?"));
        Assert.Equal("answer", answered.Action);
        Assert.Equal(["action: expected smalltalk, saw answer:settlement-schedule"], Check("""{"action": "smalltalk"}""", answered));

        var lastCounts = Seen(Reply("smalltalk", "네, 알겠어요"), Reply("decline", "그건 도와드리기 어려워요"));
        Assert.Equal("decline", lastCounts.Action);
        Assert.Equal(["action: expected smalltalk, saw decline"], Check("""{"action": "smalltalk"}""", lastCounts));

        Assert.Equal(["action: expected answer, saw (silent)"], Check("""{"action": "answer"}""", Seen()));
    }

    [Fact]
    public void NotAction()
    {
        Assert.Empty(Check("""{"notAction": ["answer", "decline"]}""", Seen(Reply("handoff", "연결"))));
        Assert.Equal(["notAction: expected none of answer|decline, saw decline"], Check("""{"notAction": ["answer", "decline"]}""", Seen(Reply("decline", "몰라요"))));
    }

    [Fact]
    public void FaqIdNeedsAnAnswerFromAnAcceptedEntry()
    {
        var answer = Seen(Reply("answer", "환불은 ...", "refund-process"));
        Assert.Empty(Check("""{"faqId": "refund-process"}""", answer));
        Assert.Empty(Check("""{"faqId": ["fees", "refund-process"]}""", answer));
        Assert.Equal(["faqId: expected fees, saw answer:refund-process"], Check("""{"faqId": "fees"}""", answer));
        Assert.Equal(["faqId: expected an answer from refund-process, saw clarify[refund-process]"],
            Check("""{"faqId": "refund-process"}""", Seen(Reply("clarify", "어느 것?", suggestions: ["refund-process"]))));
        // Every answered entry must be accepted: a second, wrong answer in the same turn fails.
        Assert.Single(Check("""{"faqId": "refund-process"}""", Seen(Reply("answer", "a", "refund-process"), Reply("answer", "b", "fees"))));
    }

    [Fact]
    public void SuggestsNeedsEveryIdAndSuggestsAnyOne()
    {
        var clarify = Seen(Reply("clarify", "어느 것을 찾으세요?", suggestions: ["tracking-number", "dispatch-deadline"], buttons: ["송장번호 수정", "발송 기한"]));
        Assert.Empty(Check("""{"suggests": ["tracking-number", "dispatch-deadline"]}""", clarify));
        Assert.Equal(["suggests: fees not offered, saw clarify[tracking-number,dispatch-deadline]"], Check("""{"suggests": ["tracking-number", "fees"]}""", clarify));
        Assert.Empty(Check("""{"suggestsAny": ["fees", "dispatch-deadline"]}""", clarify));
        Assert.Equal(["suggestsAny: none of fees,refund-process offered, saw clarify[tracking-number,dispatch-deadline]"], Check("""{"suggestsAny": ["fees", "refund-process"]}""", clarify));

        var answer = Seen(Reply("answer", "송장은 ...", "tracking-number"));
        Assert.StartsWith("suggests: expected clarify", Check("""{"suggests": ["tracking-number"]}""", answer).Single());
        Assert.StartsWith("suggestsAny: expected clarify", Check("""{"suggestsAny": ["tracking-number"]}""", answer).Single());
    }

    [Fact]
    public void TextIsEveryMessageAndButtonCaseInsensitiveAndUnanchored()
    {
        var seen = Seen(Reply("answer", "Refund takes 3~7 days", "refund-process", buttons: ["상담원 연결"]), Reply("smalltalk", "더 필요하신가요?"));
        Assert.Equal("Refund takes 3~7 days\n상담원 연결\n더 필요하신가요?", seen.ReplyText);
        Assert.Empty(Check("""{"text": "refund"}""", seen));
        Assert.Empty(Check("""{"text": ["3\\s*~\\s*7", "상담원\\s*연결", "연결\\n더"]}""", seen));
        Assert.Empty(Check("""{"text": "^refund"}""", seen));
        Assert.Equal(["text: /영업일/ not found in \"Refund takes 3~7 days 상담원 연결 더 필요하신가요?\""], Check("""{"text": ["refund", "영업일"]}""", seen));
    }

    [Fact]
    public void NotTextMatchesNone()
    {
        var seen = Seen(Reply("handoff", "주문번호를 알려 주세요"));
        Assert.Empty(Check("""{"notText": ["판매자\\s*ID", "상품명"]}""", seen));
        Assert.Equal(["notText: /주문\\s*번호.{0,5}알려/ found \"주문번호를 알려\" in \"주문번호를 알려 주세요\""], Check("""{"notText": "주문\\s*번호.{0,5}알려"}""", seen));
    }

    [Fact]
    public void Silent()
    {
        Assert.Empty(Check("""{"silent": true}""", Seen()));
        Assert.Equal(["silent: expected nothing, saw 1 message(s): \"네?\""], Check("""{"silent": true}""", Seen(Reply("decline", "네?"))));
    }

    [Fact]
    public void TicketCreatedNeedsANewTicketAndItsNumberInTheReply()
    {
        var ticket = Ticket();
        var announced = new TurnObservation([Reply("handoff", "접수됐어요. 접수번호는 T000001이에요.")], 0, 1, ticket);
        Assert.Empty(Check("""{"ticketCreated": true}""", announced));
        Assert.Equal(["ticketCreated: ticket T000001 stored but its number is not in the reply \"접수됐어요.\""],
            Check("""{"ticketCreated": true}""", new TurnObservation([Reply("handoff", "접수됐어요.")], 0, 1, ticket)));
        // Mentioning an earlier ticket is no new ticket.
        Assert.StartsWith("ticketCreated: no ticket stored by this turn (1 in the scenario)",
            Check("""{"ticketCreated": true}""", new TurnObservation([Reply("handoff", "이미 T000001로 접수돼 있어요.")], 1, 1, ticket)).Single());
    }

    [Fact]
    public void NoTicketMeansTheCountIsUnchanged()
    {
        var ticket = Ticket();
        Assert.Empty(Check("""{"noTicket": true}""", new TurnObservation([Reply("handoff", "T000001 대기 중이에요")], 1, 1, ticket)));
        Assert.Equal(["noTicket: this turn stored ticket T000001 (0 → 1)"], Check("""{"noTicket": true}""", new TurnObservation([Reply("handoff", "접수")], 0, 1, ticket)));
    }

    [Fact]
    public void FieldsCompareOrderDigitsSellerCaseInsensitiveAndProductByRegex()
    {
        var summary = Seen(Reply("handoff", "- 주문번호: 2025-0314 1234-5678\n- 판매자 ID: Haru_Living\n- 상품명: 무선 청소기"));
        Assert.Empty(Check("""{"fields": {"order": "2025031412345678", "seller": "haru_living", "product": "무선\\s*청소기"}}""", summary));
        Assert.Equal(["fields.order: 2025031412345679 not shown in \"- 주문번호: 2025-0314 1234-5678 - 판매자 ID: Haru_Living - 상품명: 무선 청소기\""],
            Check("""{"fields": {"order": "2025031412345679"}}""", summary));
        Assert.StartsWith("fields.seller: \"haru_living2\" not shown", Check("""{"fields": {"seller": "haru_living2"}}""", summary).Single());
        Assert.StartsWith("fields.product: /유선\\s*청소기/ not found", Check("""{"fields": {"product": "유선\\s*청소기"}}""", summary).Single());
    }

    [Fact]
    public void TicketFieldsOfTheLatestTicketWithMissingAsEmptyAndStatusLowerCase()
    {
        var ticket = Ticket(status: TicketStatus.HandedBack, order: null, product: "무선 청소기예요", urgency: "urgent");
        var seen = new TurnObservation([], 1, 1, ticket);
        Assert.Empty(Check("""{"ticket": {"orderNumber": "^$", "sellerId": "^haru_living$", "category": "^settlement$", "urgency": "urgent|high", "status": "^handedback$"}}""", seen));
        Assert.Equal(["ticket.productName: /^[\\s'\"]*무선\\s*청소기[\\s'\"]*$/ does not match \"무선 청소기예요\" (T000001)"],
            Check("""{"ticket": {"productName": "^[\\s'\"]*무선\\s*청소기[\\s'\"]*$"}}""", seen));
        Assert.Equal(["ticket: no ticket stored in this scenario"], Check("""{"ticket": {"status": "queued"}}""", Seen()));
    }

    [Fact]
    public void AnyOfNeedsOneOptionAndTheKeysBesideIt()
    {
        var seen = Seen(Reply("smalltalk", "상담원 연결도 할 수 있어요"));
        Assert.Empty(Check("""{"anyOf": [{"action": "handoff"}, {"action": "smalltalk", "text": "상담원"}]}""", seen));
        Assert.Equal(["anyOf: no option held (1: action: expected handoff, saw smalltalk; 2: faqId: expected an answer from contact-support, saw smalltalk)"],
            Check("""{"anyOf": [{"action": "handoff"}, {"faqId": "contact-support"}]}""", seen));
        Assert.Equal(["noTicket: this turn stored ticket T000001 (0 → 1)"],
            Check("""{"noTicket": true, "anyOf": [{"action": "smalltalk"}]}""", new TurnObservation(seen.Messages, 0, 1, Ticket())));
    }

    // --- the in-memory ticket store ---

    private static TicketDraft Draft(string conversation = "c1", string? key = null) =>
        new(Conversation with { ConversationId = conversation }, Ticket().Details, [new TranscriptEntry(MessageRole.Seller, "도와주세요", DateTimeOffset.UnixEpoch)], [], key);

    [Fact]
    public async Task TheStoreMakesOneTicketPerRequestKeyAndNumbersInOrder()
    {
        var store = new InMemoryTicketStore();
        var first = await store.CreateAsync(Draft(key: "k1"));
        var again = await store.CreateAsync(Draft(key: "k1") with { Transcript = [] });
        var other = await store.CreateAsync(Draft(key: "k2"));
        var keyless = await store.CreateAsync(Draft());

        Assert.True(first.IsNew);
        Assert.False(again.IsNew);
        Assert.Equal(first.Ticket.Number, again.Ticket.Number);
        Assert.Single(again.Ticket.Transcript);
        Assert.Equal(["T000001", "T000002", "T000003"], new[] { first, other, keyless }.Select(c => c.Ticket.Number));
        Assert.True(other.IsNew && keyless.IsNew);
        Assert.Equal(3, store.Count);
        Assert.Equal(TicketStatus.Queued, first.Ticket.Status);
    }

    [Fact]
    public async Task TheStoreClaimsOnlyQueuedTicketsAndMovesStatuses()
    {
        var store = new InMemoryTicketStore();
        var number = (await store.CreateAsync(Draft())).Ticket.Number;
        var lead = new AgentRef("lead", "리드");

        var (claimed, ticket) = await store.ClaimAsync(number, lead);
        Assert.Equal(ClaimOutcome.Claimed, claimed);
        Assert.Equal((TicketStatus.Claimed, "lead"), (ticket!.Status, ticket.Owner!.Id));
        Assert.Equal(ClaimOutcome.AlreadyYours, (await store.ClaimAsync(number, lead)).Outcome);
        Assert.Equal(ClaimOutcome.ClaimedByOther, (await store.ClaimAsync(number, new AgentRef("a2", "둘"))).Outcome);
        Assert.Equal(ClaimOutcome.NotFound, (await store.ClaimAsync("T999999", lead)).Outcome);

        Assert.Equal(TicketStatus.HandedBack, (await store.SetStatusAsync(number, TicketStatus.HandedBack, lead))!.Status);
        Assert.Equal(ClaimOutcome.Closed, (await store.ClaimAsync(number, lead)).Outcome);
        Assert.Equal(TicketStatus.Resolved, (await store.SetStatusAsync(number, TicketStatus.Resolved, lead))!.Status);
        Assert.Null(await store.SetStatusAsync("T999999", TicketStatus.Resolved, lead));
        Assert.Equal("lead", (await store.GetAsync(number))!.Owner!.Id);
    }

    [Fact]
    public async Task TheStoreKeepsTranscriptsAndFindsTheLatestTicketOfAConversation()
    {
        var store = new InMemoryTicketStore();
        var a = (await store.CreateAsync(Draft("c1"))).Ticket.Number;
        var b = (await store.CreateAsync(Draft("c2"))).Ticket.Number;
        var c = (await store.CreateAsync(Draft("c1"))).Ticket.Number;
        var appended = await store.AppendAsync(a, new TranscriptEntry(MessageRole.Agent, "확인할게요", DateTimeOffset.UnixEpoch, "리드"));

        Assert.Empty(appended.Transcript);
        Assert.Equal(["도와주세요", "확인할게요"], (await store.GetAsync(a))!.Transcript.Select(t => t.Text));
        Assert.Equal(c, (await store.FindLatestByConversationAsync("scenario", "c1"))!.Number);
        Assert.Empty((await store.FindLatestByConversationAsync("scenario", "c1"))!.Transcript);
        Assert.Null(await store.FindLatestByConversationAsync("other", "c1"));
        await Assert.ThrowsAsync<KeyNotFoundException>(() => store.AppendAsync("T999999", appended.Transcript.FirstOrDefault() ?? new TranscriptEntry(MessageRole.Seller, "x", DateTimeOffset.UnixEpoch)));

        await store.SetStatusAsync(b, TicketStatus.Resolved, null);
        Assert.Equal([c, a], (await store.ListAsync([TicketStatus.Queued])).Select(t => t.Number));
        Assert.Equal([c], (await store.ListAsync([TicketStatus.Queued, TicketStatus.Resolved], limit: 1)).Select(t => t.Number));
    }

    [Fact]
    public async Task RecordedEventsReachSubscribersInOrder()
    {
        var events = new RecordingTicketEvents();
        using var stop = new CancellationTokenSource();
        var reader = events.SubscribeAsync(stop.Token).GetAsyncEnumerator();
        var next = reader.MoveNextAsync();
        await events.PublishAsync(new TicketEvent(TicketEvent.Created, Ticket()));
        await events.PublishAsync(new TicketEvent(TicketEvent.Claimed, Ticket()));
        Assert.True(await next);
        Assert.Equal(TicketEvent.Created, reader.Current.Type);
        Assert.True(await reader.MoveNextAsync());
        Assert.Equal(TicketEvent.Claimed, reader.Current.Type);
        Assert.Equal([TicketEvent.Created, TicketEvent.Claimed], events.Published.Select(e => e.Type));
        await stop.CancelAsync();
        await reader.DisposeAsync();
    }
}

/// <summary>Tiny scenarios played through today's engine and agent desk (the repository's knowledge and model).</summary>
[Collection(RepoCollection.Name)]
public sealed class ScenarioRunnerTests(RepoFixture repo)
{
    private ScenarioRunner Runner() => new(repo.Decider,
        new ContactOptions { Phone = "1588-0000", Hours = "평일 09:00~18:00", ChatUrl = "https://seller.example.com/chat", InquiryUrl = "https://seller.example.com/inquiry" },
        new DialogueOptions(), new HandoffOptions());

    private async Task<ScenarioResult> Play(string json) => await Runner().RunAsync(ScenarioLoader.Parse($"[{json}]").Single());

    [Fact]
    public async Task AnFaqQuestionIsAnsweredFromItsEntry()
    {
        var result = await Play("""{"name": "faq", "turns": [{"say": "반품 요청이 들어오면 승인은 어디서 하나요?", "expect": {"action": "answer", "faqId": "return-exchange", "noTicket": true}}]}""");
        Assert.True(result.Passed, string.Join("; ", result.Failures));
        Assert.Equal("PASS faq", ScenarioReport.Line(result));
        Assert.Equal(["return-exchange"], result.Turns[0].Seen.AnsweredFaqIds);
    }

    [Fact]
    public async Task AWrongExpectationFailsWithTheTurnKeyAndWhatWasSeenAndTheRestIsPlayed()
    {
        var result = await Play("""
            {"name": "wrong", "turns": [
              {"say": "반품 요청이 들어오면 승인은 어디서 하나요?", "expect": {"faqId": "fees"}},
              {"say": "반품 요청이 들어오면 승인은 어디서 하나요?", "expect": {"action": "answer"}},
              {"say": "반품 요청이 들어오면 승인은 어디서 하나요?", "expect": {"silent": true}}]}
            """);
        Assert.False(result.Passed);
        Assert.Equal(3, result.Turns.Count);
        Assert.Equal("turn 1: faqId: expected fees, saw answer:return-exchange", result.Failures[0]);
        Assert.StartsWith("turn 3: silent: expected nothing, saw 1 message(s)", result.Failures[1]);
        Assert.Equal(2, result.Failures.Count);
        Assert.StartsWith("FAIL wrong: turn 1: faqId: expected fees, saw answer:return-exchange (+1 more)", ScenarioReport.Line(result));
    }

    [Fact]
    public async Task AnAgentTurnWithoutATicketEndsTheScenario()
    {
        var result = await Play("""{"name": "no-ticket", "turns": [{"agent": "claim"}, {"say": "안녕하세요", "expect": {"action": "smalltalk"}}]}""");
        Assert.Equal(["turn 1: agent claim: no ticket in this scenario"], result.Failures);
        Assert.Single(result.Turns);
    }

    [Fact]
    public async Task APressSendsTheLabelOfTheFirstMatchingButtonOfTheLatestMessage()
    {
        // A fresh conversation starts with the welcome: its topic buttons can be pressed.
        var result = await Play("""{"name": "press", "turns": [{"press": "환불", "expect": {"action": "answer", "faqId": "refund-process"}}, {"press": "^없는 버튼$", "expect": {}}]}""");
        Assert.Equal("[" + repo.Knowledge.FindFaq("refund-process")!.Title + "]", result.Turns[0].Input);
        Assert.Single(result.Failures);
        Assert.StartsWith("turn 2: press: no button matches /^없는 버튼$/ among [", result.Failures[0]);
    }

    [Fact]
    public async Task AgentTurnsGoThroughTheDeskAndTheSellerSeesWhatTheAgentSends()
    {
        var result = await Play("""
            {"name": "desk", "turns": [
              {"say": "상담원 연결해 주세요. 주문번호 2025100512345678 / 아이디 nuri_craft / 상품 자개 보석함 / 구매자가 상품이 파손돼서 왔다고 해요", "expect": {"action": "handoff", "noTicket": true}},
              {"press": "접수", "expect": {"ticketCreated": true, "ticket": {"status": "^queued$", "sellerId": "^nuri_craft$"}}},
              {"agent": "claim", "expect": {"text": "상담원", "ticket": {"status": "^claimed$"}}},
              {"say": "여보세요? 계세요?", "expect": {"silent": true, "noTicket": true}},
              {"agent": "reply", "text": "네, 지금 확인 중입니다.", "expect": {"text": "^네, 지금 확인 중입니다\\.$"}},
              {"agent": "resolve", "expect": {"ticket": {"status": "^resolved$"}}},
              {"agent": "resolve"}]}
            """);
        Assert.Equal(["turn 7: agent resolve: the desk answered Closed for T000001 (resolved)"], result.Failures);
        Assert.Equal("agent", result.Turns[2].Seen.Action);
        Assert.Null(result.Turns[3].Seen.Action);
    }

    [Fact]
    public async Task TheCommandExitsZeroWhenScenariosFailAndRefusesABadFile()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, """[{"name": "fails", "turns": [{"say": "반품 요청이 들어오면 승인은 어디서 하나요?", "expect": {"faqId": "fees"}}]}]""");
            Assert.Equal(0, await EvalCommand.RunAsync(new Arguments(["--scenarios", path])));

            File.WriteAllText(path, """[{"name": "typo", "turns": [{"say": "x", "expect": {"faqId": "feez"}}]}]""");
            var unknown = await Assert.ThrowsAsync<FormatException>(() => EvalCommand.RunAsync(new Arguments(["--scenarios", path])));
            Assert.Contains("scenario 'typo', turn 1: expect.faqId: 'feez' is not an FAQ id", unknown.Message);

            File.WriteAllText(path, """[{"name": "bad", "turns": [{"say": "x", "expect": {"silent": "yes"}}]}]""");
            var bad = await Assert.ThrowsAsync<FormatException>(() => EvalCommand.RunAsync(new Arguments(["--scenarios", path])));
            Assert.Contains("scenario 1 'bad', turn 1: expect.silent:", bad.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
