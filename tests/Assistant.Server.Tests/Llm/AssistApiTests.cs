using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Assistant.Knowledge.Editing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Assistant.Server.Tests.Llm;

/// <summary>LLM help through the agent API against the chat-completions double: summary, grounded draft, phrasings, and what never reaches a seller.</summary>
public sealed class AssistApiTests(LlmServerFixture server) : IClassFixture<LlmServerFixture>, IDisposable
{
    private ChatCompletionsDouble Llm => server.Llm;

    public void Dispose()
    {
        Llm.Reset();
        Llm.ApiKey = LlmServerFixture.ApiKey;
    }

    private async Task<(Handoff.Seller Seller, string Number, AgentClient Agent)> TicketAsync()
    {
        var seller = server.NewSeller();
        var number = await seller.OpenTicketAsync();
        var agent = await AgentClient.SignInAsync(server.Factory.CreateClient(), "agent1");
        return (seller, number, agent);
    }

    [Fact]
    public async Task TheStatusSaysTheHelpIsOn()
    {
        var agent = await AgentClient.SignInAsync(server.Factory.CreateClient(), "agent2");
        var status = await agent.JsonAsync(await agent.GetAsync("/api/agent/assist"));
        Assert.True((bool)status["enabled"]!);
        Assert.Equal(ChatCompletionsDouble.ModelName, (string?)status["model"]);
    }

    [Fact]
    public async Task ASummaryIsMadeFromTheTicketForTheAgentAndKeptUntilTheConversationChanges()
    {
        var (seller, number, agent) = await TicketAsync();
        const string text = "판매자는 정산금이 일주일째 들어오지 않아 확인을 원해요. 챗봇 안내로는 해결되지 않아 상담원 연결을 요청했어요.";
        Llm.Reply = _ => "요약: " + text;
        var calls = Llm.Calls.Count;

        var summary = await agent.JsonAsync(await agent.PostAsync($"/api/agent/tickets/{number}/summary"));
        Assert.Equal(text, (string?)summary["summary"]);
        Assert.False((bool)summary["cached"]!);

        var call = Llm.Calls.Last();
        Assert.Equal(calls + 1, Llm.Calls.Count);
        Assert.Contains("요약", call.System);
        Assert.Contains("myshop01", call.User);
        Assert.Contains("[판매자]", call.User);
        Assert.Contains("정산금이 일주일째 안 들어와요", call.User);
        Assert.Equal(500, call.MaxTokens);
        Assert.Equal("Bearer " + LlmServerFixture.ApiKey, Llm.Requests.Last().Authorization);

        var again = await agent.JsonAsync(await agent.PostAsync($"/api/agent/tickets/{number}/summary"));
        Assert.Equal((text, true), ((string?)again["summary"], (bool)again["cached"]!));
        Assert.Equal(calls + 1, Llm.Calls.Count);

        // A new message is a new conversation to summarise.
        await agent.JsonAsync(await agent.PostAsync($"/api/agent/tickets/{number}/claim"));
        var fresh = await agent.JsonAsync(await agent.PostAsync($"/api/agent/tickets/{number}/summary"));
        Assert.False((bool)fresh["cached"]!);
        Assert.Equal(calls + 2, Llm.Calls.Count);

        Assert.DoesNotContain(server.Channel.Received(seller.ConversationId), a => ((string?)a["text"] ?? "").Contains("정산금이 일주일째 들어오지 않아"));
        Assert.DoesNotContain((await agent.TicketAsync(number))["transcript"]!.AsArray(), m => ((string?)m!["text"])!.Contains(text));
    }

    [Fact]
    public async Task ADraftIsGroundedInTheRetrievedEntriesNamesTheOnesItCitesAndReachesTheSellerOnlyWhenTheAgentSendsIt()
    {
        var (seller, number, agent) = await TicketAsync();
        string? given = null;
        Llm.Reply = call =>
        {
            given = Regex.Match(call.User, @"\[FAQ id=([a-z0-9-]+)\]").Groups[1].Value;
            return $"판매자님, 정산 일정은 구매확정 후 영업일 기준으로 진행돼요 [FAQ id={given}]. 주문 건은 제가 확인해 드릴게요.\n\n근거: {given}, made-up-entry";
        };

        var draft = await agent.JsonAsync(await agent.PostAsync($"/api/agent/tickets/{number}/draft"));
        var call = Llm.Calls.Last();
        var sources = draft["sources"]!.AsArray().Select(s => (string)s!["faqId"]!).ToArray();
        Assert.InRange(sources.Length, 1, 3);
        Assert.Contains(sources, s => s.StartsWith("settlement-", StringComparison.Ordinal));
        foreach (var id in sources) Assert.Contains($"[FAQ id={id}]", call.User);
        Assert.DoesNotContain("{{contact.", call.User);
        Assert.Contains("근거", call.System);

        Assert.Equal([given!], draft["cited"]!.AsArray().Select(c => (string)c!["faqId"]!).ToArray());
        var text = (string)draft["text"]!;
        Assert.Equal("판매자님, 정산 일정은 구매확정 후 영업일 기준으로 진행돼요. 주문 건은 제가 확인해 드릴게요.", text);

        // Nothing was sent or recorded: the seller's conversation holds only what it held before.
        var before = server.Channel.Received(seller.ConversationId).Count;
        Assert.DoesNotContain(server.Channel.Received(seller.ConversationId), a => (string?)a["text"] == text);
        Assert.DoesNotContain((await agent.TicketAsync(number))["transcript"]!.AsArray(), m => (string?)m!["text"] == text);

        await agent.JsonAsync(await agent.PostAsync($"/api/agent/tickets/{number}/claim"));
        await agent.JsonAsync(await agent.PostAsync($"/api/agent/tickets/{number}/reply", new { text }));
        await server.Channel.WaitForAsync(seller.ConversationId, a => (string?)a["text"] == text);
        Assert.True(server.Channel.Received(seller.ConversationId).Count > before);
    }

    [Fact]
    public async Task PhrasingSuggestionsLeaveOutWhatTheEntryAlreadyHasAndUnusableLines()
    {
        var supervisor = await LlmTestKit.SignInSupervisorAsync(server.Factory.CreateClient());
        Llm.Reply = _ => string.Join('\n',
            "다음은 새 질문입니다:",
            "1. 정산 계좌를 바꾸고 싶어요",
            "2) 정산계좌 바꾸는 방법 알려주세요",
            "- 정산 계좌를 바꾸고싶어요!!",
            "\"계좌 변경 어디서 하나요\"",
            "• 정산계좌 바꾸는 방법 알려 주세요",
            new string('가', 150),
            "정산 받는 통장 바꾸려면 뭐 내야 돼요?");

        var result = await supervisor.JsonAsync(await supervisor.PostAsync("/api/agent/supervisor/faq/settlement-account/phrasings/suggest",
            new { count = 5, messages = new[] { "통장바꿨는데 정산 어디로 들어와요" } }));
        Assert.Equal(["정산계좌 바꾸는 방법 알려주세요", "계좌 변경 어디서 하나요", "정산 받는 통장 바꾸려면 뭐 내야 돼요?"],
            result["phrasings"]!.AsArray().Select(p => (string)p!).ToArray());
        Assert.Equal(3, (int)result["duplicates"]!);
        Assert.Equal(2, (int)result["rejected"]!);
        var call = Llm.Calls.Last();
        Assert.Contains("- 정산 계좌를 바꾸고 싶어요", call.User);
        Assert.Contains("통장바꿨는데 정산 어디로 들어와요", call.User);
        Assert.Contains("5개", call.User);

        var one = await supervisor.JsonAsync(await supervisor.PostAsync("/api/agent/supervisor/faq/settlement-account/phrasings/suggest", new { count = 1 }));
        Assert.Single(one["phrasings"]!.AsArray());
    }

    [Fact]
    public async Task TheEntryListAndBadRequestsForSuggestions()
    {
        var supervisor = await LlmTestKit.SignInSupervisorAsync(server.Factory.CreateClient());
        var entries = await supervisor.JsonAsync(await supervisor.GetAsync("/api/agent/supervisor/phrasings/entries"));
        var account = entries.AsArray().Single(e => (string?)e!["id"] == "settlement-account")!;
        Assert.Equal("정산 계좌 변경 방법", (string?)account["title"]);
        Assert.Contains(account["questions"]!.AsArray(), q => (string?)q == "정산계좌 변경");

        await LlmTestKit.ProblemAsync(await supervisor.PostAsync("/api/agent/supervisor/faq/no-such-entry/phrasings/suggest", new { }), HttpStatusCode.NotFound);
        await LlmTestKit.ProblemAsync(await supervisor.PostAsync("/api/agent/supervisor/faq/Bad_Id/phrasings/suggest", new { }), HttpStatusCode.NotFound);
        await LlmTestKit.ProblemAsync(await supervisor.PostAsync("/api/agent/supervisor/faq/settlement-account/phrasings/suggest", new { count = 50 }), HttpStatusCode.BadRequest);
        await LlmTestKit.ProblemAsync(await supervisor.PostAsync("/api/agent/supervisor/faq/settlement-account/phrasings/suggest", new { messages = new[] { "" } }), HttpStatusCode.BadRequest);
        await LlmTestKit.ProblemAsync(await supervisor.PostAsync("/api/agent/supervisor/faq/settlement-account/phrasings/suggest", new { count = "many" }), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task AnAgentWhoIsNotASupervisorIsRefusedThePhrasingEndpoints()
    {
        var agent = await AgentClient.SignInAsync(server.Factory.CreateClient(), "agent1");
        var calls = Llm.Requests.Count;
        await LlmTestKit.ProblemAsync(await agent.PostAsync("/api/agent/supervisor/faq/settlement-account/phrasings/suggest", new { }), HttpStatusCode.Forbidden);
        await LlmTestKit.ProblemAsync(await agent.PostAsync("/api/agent/supervisor/faq/settlement-account/phrasings/accept", new { phrasings = new[] { "정산계좌 어디서 바꿔요" } }), HttpStatusCode.Forbidden);
        await LlmTestKit.ProblemAsync(await agent.GetAsync("/api/agent/supervisor/phrasings/entries"), HttpStatusCode.Forbidden);
        Assert.Equal(calls, Llm.Requests.Count);
    }

    [Fact]
    public async Task AcceptingSavesANewKnowledgeVersionAndChecksWhatItIsGiven()
    {
        var supervisor = await LlmTestKit.SignInSupervisorAsync(server.Factory.CreateClient());
        const string path = "/api/agent/supervisor/faq/settlement-account/phrasings/accept";
        var saved = await supervisor.JsonAsync(await supervisor.PostAsync(path, new { phrasings = new[] { "정산계좌 어디서 바꿔요" } }));
        Assert.True((bool)saved["saved"]!);
        Assert.False(string.IsNullOrEmpty((string?)saved["versionId"]));
        await LlmTestKit.ProblemAsync(await supervisor.PostAsync(path, new { phrasings = new[] { "정산 계좌 변경!" } }), HttpStatusCode.Conflict);
        await LlmTestKit.ProblemAsync(await supervisor.PostAsync(path, new { phrasings = Array.Empty<string>() }), HttpStatusCode.BadRequest);
        await LlmTestKit.ProblemAsync(await supervisor.PostAsync(path, new { phrasings = new[] { new string('가', 101) } }), HttpStatusCode.BadRequest);
        var noToken = await supervisor.Http.PostAsync(path, System.Net.Http.Json.JsonContent.Create(new { phrasings = new[] { "a b" } }));
        await LlmTestKit.ProblemAsync(noToken, HttpStatusCode.BadRequest);
    }

    /// <summary>Records what the accept endpoint proposes, as the real knowledge store would receive it.</summary>
    private sealed class RecordingChanges : IKnowledgeChanges
    {
        public List<(IReadOnlyList<KnowledgeEdit> Edits, string Author, bool DryRun)> Proposed { get; } = [];

        public Task<KnowledgeChangeResult> ProposeAsync(IReadOnlyList<KnowledgeEdit> edits, string author, bool dryRun, CancellationToken cancellationToken = default)
        {
            Proposed.Add((edits, author, dryRun));
            return Task.FromResult(new KnowledgeChangeResult(true, [], [], ["settlement-account"], "v-test-1"));
        }
    }

    [Fact]
    public async Task AcceptingProposesTheNewPhrasingsToTheKnowledgeStore()
    {
        var changes = new RecordingChanges();
        using var app = server.Factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<IKnowledgeChanges>(changes)));
        var supervisor = await LlmTestKit.SignInSupervisorAsync(app.CreateClient());
        var saved = await supervisor.JsonAsync(await supervisor.PostAsync("/api/agent/supervisor/faq/settlement-account/phrasings/accept",
            new { phrasings = new[] { "정산계좌 어디서 바꿔요", "정산계좌 변경", "정산계좌 어디서 바꿔요 " } }));
        Assert.True((bool)saved["saved"]!);
        Assert.Equal("v-test-1", (string?)saved["versionId"]);

        var (edits, author, dryRun) = Assert.Single(changes.Proposed);
        var add = Assert.IsType<AddPhrasings>(Assert.Single(edits));
        Assert.Equal("settlement-account", add.FaqId);
        Assert.Equal(["정산계좌 어디서 바꿔요"], add.Phrasings);
        Assert.Equal((LlmServerFixture.SupervisorId, false), (author, dryRun));
    }

    [Theory]
    [InlineData("401", HttpStatusCode.BadGateway)]
    [InlineData("429", HttpStatusCode.ServiceUnavailable)]
    [InlineData("500", HttpStatusCode.BadGateway)]
    [InlineData("timeout", HttpStatusCode.GatewayTimeout)]
    [InlineData("malformed", HttpStatusCode.BadGateway)]
    [InlineData("empty", HttpStatusCode.BadGateway)]
    [InlineData("down", HttpStatusCode.ServiceUnavailable)]
    public async Task AFailingModelIsAProblemForTheAgentAndEverythingElseKeepsWorking(string failure, HttpStatusCode expected)
    {
        var (seller, number, agent) = await TicketAsync();
        var supervisor = await LlmTestKit.SignInSupervisorAsync(server.Factory.CreateClient());
        switch (failure)
        {
            case "401": Llm.ApiKey = "rotated-key"; break;
            case "429": Llm.Script = ChatScript.Fail; Llm.FailWith = 429; break;
            case "500": Llm.Script = ChatScript.Fail; Llm.FailWith = 500; break;
            case "timeout": Llm.Script = ChatScript.Hang; break;
            case "malformed": Llm.Script = ChatScript.Malformed; break;
            case "empty": Llm.Reply = _ => "  "; break;
            case "down": Llm.Script = ChatScript.Drop; break;
        }

        foreach (var response in new[]
        {
            await agent.PostAsync($"/api/agent/tickets/{number}/summary"),
            await agent.PostAsync($"/api/agent/tickets/{number}/draft"),
            await supervisor.PostAsync("/api/agent/supervisor/faq/settlement-account/phrasings/suggest", new { count = 3 }),
        })
            Assert.Contains("AI 도우미", await LlmTestKit.ProblemAsync(response, expected));

        // The console, the replies and the bot go on without the model.
        Assert.Equal("queued", (string?)(await agent.TicketAsync(number))["status"]);
        await agent.JsonAsync(await agent.PostAsync($"/api/agent/tickets/{number}/claim"));
        await agent.JsonAsync(await agent.PostAsync($"/api/agent/tickets/{number}/reply", new { text = "확인해 볼게요." }));
        await server.Channel.WaitForAsync(seller.ConversationId, a => (string?)a["text"] == "확인해 볼게요.");
        var other = server.NewSeller();
        var answer = (await other.SayAsync("정산은 언제 들어와요?"))[^1];
        Assert.Equal("answer", (string?)Activities.Decision(answer)["action"]);

        // A failure is not remembered: once the model answers again, so does the help.
        Dispose();
        Llm.Reply = _ => "판매자가 정산 지연 확인을 요청했고 상담원이 확인 중이에요.";
        var summary = await agent.JsonAsync(await agent.PostAsync($"/api/agent/tickets/{number}/summary"));
        Assert.False((bool)summary["cached"]!);
    }

    [Fact]
    public async Task HelpForATicketTheAgentMayNotSeeIsRefusedWithoutCallingTheModel()
    {
        var (_, number, _) = await TicketAsync();
        var payments = await AgentClient.SignInAsync(server.Factory.CreateClient(), "payments");
        var calls = Llm.Requests.Count;
        await LlmTestKit.ProblemAsync(await payments.PostAsync($"/api/agent/tickets/{number}/summary"), HttpStatusCode.NotFound);
        await LlmTestKit.ProblemAsync(await payments.PostAsync($"/api/agent/tickets/{number}/draft"), HttpStatusCode.NotFound);
        await LlmTestKit.ProblemAsync(await payments.PostAsync("/api/agent/tickets/not-a-number/draft"), HttpStatusCode.BadRequest);
        Assert.Equal(calls, Llm.Requests.Count);
    }
}
