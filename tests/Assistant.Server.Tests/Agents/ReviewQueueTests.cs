using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Assistant.Knowledge.Editing;
using Assistant.Review;
using Assistant.Security;
using Assistant.Server.Storage;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using static Assistant.Server.Tests.Activities;

namespace Assistant.Server.Tests.Agents;

/// <summary>An <see cref="IKnowledgeChanges"/> that records what it is asked and answers as told (saved by default).</summary>
public sealed class RecordingKnowledgeChanges : IKnowledgeChanges
{
    public List<(IReadOnlyList<KnowledgeEdit> Edits, string Author, bool DryRun)> Calls { get; } = [];

    public IReadOnlyList<string> Problems { get; set; } = [];

    public Task<KnowledgeChangeResult> ProposeAsync(IReadOnlyList<KnowledgeEdit> edits, string author, bool dryRun, CancellationToken cancellationToken = default)
    {
        lock (Calls) Calls.Add((edits, author, dryRun));
        return Task.FromResult(Problems.Count > 0
            ? new KnowledgeChangeResult(false, Problems, [], [], null)
            : new KnowledgeChangeResult(!dryRun, [], [], ["faq"], dryRun ? null : "v-test"));
    }
}

/// <summary>The real server with the supervisor <c>lead</c> and, when given, a recording <see cref="IKnowledgeChanges"/>.</summary>
public sealed class ReviewFactory : AssistantFactory
{
    public const string Supervisor = "lead", SupervisorPassword = "lead-password";
    private static readonly Lazy<string> Hash = new(() => PasswordHasher.Hash(SupervisorPassword));

    public ReviewFactory(RecordingKnowledgeChanges? changes = null)
    {
        Changes = changes;
        With("Agents:Accounts:10:Id", Supervisor).With("Agents:Accounts:10:Name", "박팀장")
            .With("Agents:Accounts:10:PasswordHash", Hash.Value).With("Agents:Accounts:10:Role", "Supervisor");
    }

    public RecordingKnowledgeChanges? Changes { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        if (Changes is { } changes) builder.ConfigureTestServices(s => s.AddSingleton<IKnowledgeChanges>(changes));
    }

    public async Task<AgentClient> SupervisorAsync()
    {
        var http = CreateClient();
        var response = await http.PostAsJsonAsync("/api/agent/login", new { username = Supervisor, password = SupervisorPassword });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return new AgentClient(http, (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["csrfToken"]);
    }

    /// <summary>Writes history as the server would have: turns, a 👎 and tickets, at the given times.</summary>
    public History Seed() => new(Services.GetRequiredService<Database>());
}

public sealed class History(Database database)
{
    private int _ticket;

    private static string Stamp(DateTimeOffset at) => at.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);

    public History Turn(string text, string action, string intent = "x", string? faq = null, string conversation = "c1", int daysAgo = 1, string? suggestions = null)
    {
        using var connection = database.OpenForWrite();
        using var insert = Database.Command(connection, """
            INSERT INTO turn_log (channel, conversation_id, seller_key, at, text, action, intent, confidence, faq_id, suggestions, ticket_number)
            VALUES ('emulator', @c, 'seller-1', @at, @text, @action, @intent, 0.5, @faq, @sugg, NULL)
            """, null, ("@c", conversation), ("@at", Stamp(DateTimeOffset.UtcNow.AddDays(-daysAgo))), ("@text", text), ("@action", action), ("@intent", intent),
            ("@faq", faq), ("@sugg", suggestions));
        insert.ExecuteNonQuery();
        return this;
    }

    public History Dislike(string text, string faq, string conversation)
    {
        Turn(text, "answer", faq, faq, conversation, daysAgo: 2);
        using var connection = database.OpenForWrite();
        using var insert = Database.Command(connection, "INSERT INTO feedback (channel, conversation_id, faq_id, helpful, at) VALUES ('emulator', @c, @faq, 0, @at)", null,
            ("@c", conversation), ("@faq", faq), ("@at", Stamp(DateTimeOffset.UtcNow.AddDays(-1))));
        insert.ExecuteNonQuery();
        return this;
    }

    public History Ticket(string problem, string category, string? agentReply)
    {
        var number = "T" + (900000 + Interlocked.Increment(ref _ticket)).ToString(CultureInfo.InvariantCulture);
        var at = Stamp(DateTimeOffset.UtcNow.AddDays(-1));
        using var connection = database.OpenForWrite();
        using (var insert = Database.Command(connection, """
            INSERT INTO tickets (number, status, channel, conversation_id, conversation_ref, seller_id_unverified, order_number_unknown, category, description, urgency, faq_shown, created_at, updated_at)
            VALUES (@n, 'claimed', 'emulator', @n, '{}', 0, 0, @cat, @d, 'normal', '[]', @at, @at)
            """, null, ("@n", number), ("@cat", category), ("@d", problem), ("@at", at)))
            insert.ExecuteNonQuery();
        void Message(string role, string text)
        {
            using var message = Database.Command(connection, "INSERT INTO ticket_messages (ticket_number, role, text, author, at) VALUES (@n, @r, @t, NULL, @at)", null,
                ("@n", number), ("@r", role), ("@t", text), ("@at", at));
            message.ExecuteNonQuery();
        }
        Message("Seller", problem);
        if (agentReply is not null) Message("Agent", agentReply);
        return this;
    }
}

/// <summary>The review queue (the learning loop): what is queued, how it is grouped, and what a reviewer's actions do.</summary>
public sealed class ReviewQueueTests
{
    private const string Review = "/api/agent/supervisor/review";

    private static History SeedEveryKind(ReviewFactory factory) => factory.Seed()
        // The biggest group: one question written four ways, asked back (clarify) or left without an answer.
        .Turn("정산 언제 돼요", "clarify", suggestions: "settlement-schedule\nsettlement-hold")
        .Turn("정산언제돼요", "clarify", conversation: "c2")
        .Turn("정산이 언제 되나요", "handoff", "handoff.no-answer", conversation: "c3")
        .Turn("정산은 언제돼요?", "clarify", conversation: "c4")
        // Declined.
        .Turn("쿠팡 정산 언제 돼요", "decline", "out-of-scope", conversation: "c5")
        .Turn("쿠팡 정산은 언제 되나요", "decline", "out-of-scope", conversation: "c6")
        // A 👎 on an answer: the message that entry answered just before.
        .Dislike("수수료 몇 퍼센트 떼가요", "fees", "c7")
        // A handoff an agent answered, and one nobody answered yet.
        .Ticket("라이브 방송 송출이 안 돼요", "products", "라이브 방송은 판매자센터 > 라이브 관리에서 다시 연결해 주세요.")
        .Ticket("배송비 설정을 못 찾겠어요", "shipping", null)
        // Not for review: answered well, too old.
        .Turn("판매 수수료가 얼마예요?", "answer", "fees", "fees", conversation: "c8")
        .Turn("반품 배송비 누가 내요", "clarify", conversation: "c9", daysAgo: 40);

    private static async Task<JsonNode> QueueAsync(AgentClient lead, string query = "") => await lead.JsonAsync(await lead.GetAsync(Review + query));

    private static JsonNode GroupWith(JsonNode queue, string text) =>
        queue["groups"]!.AsArray().Single(g => g!["messages"]!.AsArray().Any(m => (string?)m!["text"] == text))!;

    private static string[] Keys(JsonNode group) => group["messages"]!.AsArray().Select(m => (string)m!["key"]!).ToArray();

    [Fact]
    public async Task EachSourceKindIsQueuedGroupedByMeaningBiggestFirst()
    {
        await using var factory = new ReviewFactory();
        SeedEveryKind(factory);
        var queue = await QueueAsync(await factory.SupervisorAsync());
        var groups = queue["groups"]!.AsArray();

        var settlement = groups[0]!;
        Assert.Equal(4, (int)settlement["count"]!);
        // "정산 언제 돼요" and "정산언제돼요" are one message sent twice (spacing aside); the endings' variants are their own.
        var messages = settlement["messages"]!.AsArray();
        Assert.Equal(3, messages.Count);
        Assert.Equal([2, 1, 1], messages.Select(m => (int)m!["count"]!));
        Assert.Equal(ReviewKeys.Of("정산 언제 돼요"), (string?)messages[0]!["key"]);
        Assert.Equal(new[] { "정산은 언제돼요?", "정산이 언제 되나요" }.Order(), messages.Skip(1).Select(m => (string)m!["text"]!).Order());
        Assert.Equal(3, (int)settlement["reasons"]!["clarify"]!);
        Assert.Equal(1, (int)settlement["reasons"]!["no-answer"]!);
        Assert.Contains("settlement-schedule", settlement["likely"]!.AsArray().Select(l => (string)l!["faqId"]!));
        Assert.InRange(settlement["examples"]!.AsArray().Count, 3, 5);

        var declined = GroupWith(queue, "쿠팡 정산 언제 돼요");
        Assert.Equal((2, 2), ((int)declined["count"]!, (int)declined["reasons"]!["decline"]!));
        var disliked = GroupWith(queue, "수수료 몇 퍼센트 떼가요");
        Assert.Equal(1, (int)disliked["reasons"]!["disliked"]!);
        Assert.Contains("fees", disliked["likely"]!.AsArray().Select(l => (string)l!["faqId"]!));
        var agent = GroupWith(queue, "라이브 방송 송출이 안 돼요");
        Assert.Equal(1, (int)agent["reasons"]!["agent-answered"]!);
        Assert.Equal("라이브 방송은 판매자센터 > 라이브 관리에서 다시 연결해 주세요.", (string?)agent["agentReply"]);

        var all = groups.SelectMany(g => g!["messages"]!.AsArray()).Select(m => (string)m!["text"]!).ToArray();
        Assert.DoesNotContain("배송비 설정을 못 찾겠어요", all);   // no agent answered yet
        Assert.DoesNotContain("판매 수수료가 얼마예요?", all);     // answered, no 👎
        Assert.DoesNotContain("반품 배송비 누가 내요", all);        // before the period
        Assert.Equal(4, groups.Count);
        Assert.Equal(8, (int)queue["messages"]!);
        Assert.Contains("반품 배송비 누가 내요", (await QueueAsync(await factory.SupervisorAsync(), "?days=60"))["groups"]!.AsArray()
            .SelectMany(g => g!["messages"]!.AsArray()).Select(m => (string)m!["text"]!));
    }

    [Fact]
    public async Task AMessageTheBotAskedBackIsQueuedFromTheRealConversation()
    {
        await using var factory = new ReviewFactory();
        var said = "정산 관련 문의요";
        Assert.Equal("clarify", (string?)Decision((await SendAsync(factory.CreateClient(), Message(said, "real-" + Guid.NewGuid().ToString("N"))))[0])["action"]);
        await factory.Services.GetRequiredService<TurnLog>().FlushAsync();
        var group = GroupWith(await QueueAsync(await factory.SupervisorAsync()), said);
        Assert.Equal(1, (int)group["reasons"]!["clarify"]!);
    }

    [Fact]
    public async Task ADeclinedOkGroupLeavesAndIsNotQueuedAgainInOtherWords()
    {
        await using var factory = new ReviewFactory();
        var history = SeedEveryKind(factory);
        var lead = await factory.SupervisorAsync();
        var declined = GroupWith(await QueueAsync(lead), "쿠팡 정산 언제 돼요");

        var marked = await lead.JsonAsync(await lead.PostAsync(Review + "/decline", new { keys = Keys(declined) }));
        Assert.Equal(2, (int)marked["reviewed"]!);
        var queue = await QueueAsync(lead);
        Assert.Equal(3, queue["groups"]!.AsArray().Count);
        Assert.Throws<InvalidOperationException>(() => GroupWith(queue, "쿠팡 정산 언제 돼요"));

        // The same question again, in other words and as it was: not queued. Settlement itself still is.
        history.Turn("쿠팡 정산은 언제예요?", "decline", "out-of-scope", conversation: "c10").Turn("쿠팡 정산 언제 돼요", "decline", "out-of-scope", conversation: "c11");
        queue = await QueueAsync(lead);
        Assert.Equal(3, queue["groups"]!.AsArray().Count);
        Assert.Equal(4, (int)GroupWith(queue, "정산이 언제 되나요")["count"]!);

        // A reviewed key is no longer in the queue: acting on it again is a conflict.
        var again = await lead.PostAsync(Review + "/decline", new { keys = Keys(declined) });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("application/problem+json", again.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task AddingAGroupProposesItsMessagesAsPhrasingsAndOnlyASaveTakesThemOut()
    {
        var changes = new RecordingKnowledgeChanges();
        await using var factory = new ReviewFactory(changes);
        SeedEveryKind(factory);
        var lead = await factory.SupervisorAsync();
        var group = GroupWith(await QueueAsync(lead), "정산이 언제 되나요");

        var preview = await lead.JsonAsync(await lead.PostAsync(Review + "/add", new { keys = Keys(group), faqId = "settlement-schedule", dryRun = true }));
        Assert.Equal(0, (int)preview["reviewed"]!);
        var (edits, author, dryRun) = Assert.Single(changes.Calls);
        var add = Assert.IsType<AddPhrasings>(Assert.Single(edits));
        Assert.Equal(("settlement-schedule", "lead", true), (add.FaqId, author, dryRun));
        Assert.Equal(3, add.Phrasings.Count);
        Assert.Contains(add.Phrasings, p => ReviewKeys.Of(p) == ReviewKeys.Of("정산 언제 돼요"));
        Assert.Contains("정산이 언제 되나요", add.Phrasings);
        Assert.Contains("정산은 언제돼요?", add.Phrasings);
        Assert.Equal(4, (int)GroupWith(await QueueAsync(lead), "정산이 언제 되나요")["count"]!);

        // One message of the group, saved: it leaves, the rest stay.
        var one = Keys(group).Single(k => k == ReviewKeys.Of("정산은 언제돼요?"));
        var saved = await lead.JsonAsync(await lead.PostAsync(Review + "/add", new { keys = new[] { one }, faqId = "settlement-schedule" }));
        Assert.Equal((true, 1), ((bool)saved["saved"]!, (int)saved["reviewed"]!));
        Assert.Equal(["정산은 언제돼요?"], Assert.IsType<AddPhrasings>(Assert.Single(changes.Calls[1].Edits)).Phrasings);
        Assert.Equal(3, (int)GroupWith(await QueueAsync(lead), "정산이 언제 되나요")["count"]!);

        var unknown = await lead.PostAsync(Review + "/add", new { keys = Keys(group).Take(1), faqId = "no-such-entry" });
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task ValidationProblemsAreReturnedAndTheMessagesStay()
    {
        var changes = new RecordingKnowledgeChanges { Problems = ["faq/settlement-schedule.yaml:12: questions: '정산 언제 돼요' is already a question of 'settlement-hold'"] };
        await using var factory = new ReviewFactory(changes);
        SeedEveryKind(factory);
        var lead = await factory.SupervisorAsync();
        var group = GroupWith(await QueueAsync(lead), "정산이 언제 되나요");

        var response = await lead.PostAsync(Review + "/add", new { keys = Keys(group), faqId = "settlement-schedule" });
        var problem = await lead.JsonAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(changes.Problems, problem["problems"]!.AsArray().Select(p => (string)p!));
        Assert.Contains("settlement-hold", (string)problem["detail"]!);
        Assert.Equal(4, (int)GroupWith(await QueueAsync(lead), "정산이 언제 되나요")["count"]!);
    }

    [Fact]
    public async Task ANewEntryIsDraftedFromTheGroupAndTheAgentsReplyThenSavedAsTheReviewerEditedIt()
    {
        var changes = new RecordingKnowledgeChanges();
        await using var factory = new ReviewFactory(changes);
        SeedEveryKind(factory);
        var lead = await factory.SupervisorAsync();
        var group = GroupWith(await QueueAsync(lead), "라이브 방송 송출이 안 돼요");

        var draft = (await lead.JsonAsync(await lead.PostAsync(Review + "/draft", new { keys = Keys(group) })))["entry"]!;
        Assert.Equal("products", (string?)draft["category"]);
        Assert.Matches("^products-new-[0-9]+$", (string)draft["id"]!);
        Assert.Equal("라이브 방송 송출이 안 돼요", (string?)draft["title"]);
        Assert.Equal("라이브 방송은 판매자센터 > 라이브 관리에서 다시 연결해 주세요.", (string?)draft["answer"]);
        Assert.Equal(["라이브 방송 송출이 안 돼요"], draft["questions"]!.AsArray().Select(q => (string)q!));
        Assert.Empty(changes.Calls);   // a draft changes nothing

        var entry = new { id = "live-broadcast", category = "products", title = "라이브 방송 송출 문제", answer = "라이브 관리에서 다시 연결해 주세요.", facts = new[] { "라이브 관리에서 다시 연결합니다." },
            questions = new[] { "라이브 방송 송출이 안 돼요", "라이브 송출 끊겨요" } };
        var saved = await lead.JsonAsync(await lead.PostAsync(Review + "/entry", new { keys = Keys(group), entry }));
        Assert.Equal(1, (int)saved["reviewed"]!);
        var upsert = Assert.IsType<UpsertEntry>(Assert.Single(Assert.Single(changes.Calls).Edits));
        Assert.Equal(("live-broadcast", "products", "라이브 방송 송출 문제"), (upsert.Entry.Id, upsert.Entry.Category, upsert.Entry.Title));
        Assert.Equal(["라이브 방송 송출이 안 돼요", "라이브 송출 끊겨요"], upsert.Entry.Questions);
        var after = await QueueAsync(lead);
        Assert.Throws<InvalidOperationException>(() => GroupWith(after, "라이브 방송 송출이 안 돼요"));
    }

    [Fact]
    public async Task OnlyASupervisorReviewsAndEveryBadRequestIsAProblem()
    {
        await using var factory = new ReviewFactory();
        SeedEveryKind(factory);
        var agent = await AgentClient.SignInAsync(factory.CreateClient(), "agent1");
        foreach (var response in new[] { await agent.GetAsync(Review), await agent.PostAsync(Review + "/decline", new { keys = new[] { ReviewKeys.Of("정산 언제 돼요") } }) })
        {
            var problem = await agent.JsonAsync(response, HttpStatusCode.Forbidden);
            Assert.Contains("슈퍼바이저", (string)problem["detail"]!);
        }
        await new AgentClient(factory.CreateClient()).JsonAsync(await factory.CreateClient().GetAsync(Review), HttpStatusCode.Unauthorized);

        var lead = await factory.SupervisorAsync();
        var noCsrf = new AgentClient(lead.Http);
        await noCsrf.JsonAsync(await noCsrf.PostAsync(Review + "/decline", new { keys = new[] { ReviewKeys.Of("정산 언제 돼요") } }), HttpStatusCode.BadRequest);
        foreach (var body in new object[] { new { keys = Array.Empty<string>() }, new { keys = new[] { "'; DROP TABLE review_items; --" } }, new { keys = new[] { ReviewKeys.Of("정산 언제 돼요") }, days = 0 } })
            await lead.JsonAsync(await lead.PostAsync(Review + "/decline", body), HttpStatusCode.BadRequest);
        await lead.JsonAsync(await lead.GetAsync(Review + "?days=9999"), HttpStatusCode.BadRequest);
        await lead.JsonAsync(await lead.PostAsync(Review + "/decline", new { keys = new[] { ReviewKeys.Of("아무도 보낸 적 없는 말") } }), HttpStatusCode.Conflict);
        await lead.JsonAsync(await lead.PostAsync(Review + "/entry", new { keys = new[] { ReviewKeys.Of("정산 언제 돼요") } }), HttpStatusCode.BadRequest);
    }
}
