using System.IO.Hashing;
using System.Text;
using System.Text.RegularExpressions;
using Assistant.Assist;
using Assistant.Handoff;
using Assistant.Knowledge;
using Assistant.Knowledge.Editing;
using Assistant.Server.Hosting;
using Assistant.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Assistant.Server.Agents;

public sealed record AssistStatusView(bool Enabled, string? Model);
public sealed record TicketSummaryTextView(string Number, string Summary, bool Cached, DateTimeOffset GeneratedAt);
public sealed record ReplyDraftView(string Number, string Text, IReadOnlyList<FaqShownView> Cited, IReadOnlyList<FaqShownView> Sources);
public sealed record PhrasingEntryView(string Id, string Category, string Title, IReadOnlyList<string> Questions);
public sealed record PhrasingSuggestRequest(int? Count, string[]? Messages);
public sealed record PhrasingSuggestionsView(string FaqId, IReadOnlyList<string> Phrasings, int Duplicates, int Rejected);
public sealed record PhrasingAcceptRequest(string[]? Phrasings);
public sealed record PhrasingAcceptView(string FaqId, bool Saved, IReadOnlyList<string> Phrasings, IReadOnlyList<string> Added, IReadOnlyList<string> Changed, string? VersionId);

/// <summary>
/// Optional LLM help in the agent API: a summary and a reply draft for a ticket (any agent who may see it), and more
/// phrasings for an FAQ entry (supervisors). Nothing here sends anything to a seller: a draft reaches a seller only when
/// the agent sends it with the ordinary reply. With <c>Llm:Enabled</c> false each answers 404 saying so; an endpoint that
/// is down, slow or answering garbage is a 502/503/504 with the reason, and nothing else depends on it.
/// </summary>
public static partial class AssistEndpoints
{
    public const int MaxSellerMessages = 20, MaxSellerMessageLength = 500;

    public static IEndpointRouteBuilder MapAssistApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/agent").WithTags("Agent API").RequireAuthorization().AddEndpointFilter(AgentEndpoints.ValidateAntiforgery);
        api.MapGet("/assist", Status).WithSummary("Whether LLM help is on, and its model.");
        api.MapPost("/tickets/{number}/summary", SummaryAsync).WithSummary("A 1-3 sentence summary of the handed-off conversation, for the agent (cached per transcript).");
        api.MapPost("/tickets/{number}/draft", DraftAsync).WithSummary("A reply draft grounded in the FAQ entries it cites; never sent, the agent edits and sends it.");
        api.MapGet("/supervisor/phrasings/entries", Entries).AddEndpointFilter(AgentEndpoints.SupervisorOnly).WithSummary("FAQ entries with their questions, to choose one for phrasing suggestions (supervisor).");
        api.MapPost("/supervisor/faq/{id}/phrasings/suggest", SuggestAsync).AddEndpointFilter(AgentEndpoints.SupervisorOnly).Accepts<PhrasingSuggestRequest>("application/json")
            .WithSummary("Candidate seller phrasings for an entry, without the ones it already has (supervisor).");
        api.MapPost("/supervisor/faq/{id}/phrasings/accept", AcceptAsync).AddEndpointFilter(AgentEndpoints.SupervisorOnly).Accepts<PhrasingAcceptRequest>("application/json")
            .WithSummary("Adds the phrasings the reviewer accepted to the entry through the knowledge changes (supervisor).");
        return app;
    }

    private static Results<Ok<AssistStatusView>, ProblemHttpResult> Status(HttpContext context, IOptionsMonitor<AgentOptions> agents, AgentAssistHost host) =>
        AgentEndpoints.Account(context, agents) is null
            ? AgentEndpoints.Problem(StatusCodes.Status401Unauthorized, "로그인이 필요해요.")
            : TypedResults.Ok(new AssistStatusView(host.Options.Enabled, host.Options.Enabled ? host.Options.Model : null));

    private static async Task<IResult> SummaryAsync(string number, HttpContext context, IOptionsMonitor<AgentOptions> agents, AgentDesk desk, AgentAssistHost host, TimeProvider time, ILoggerFactory loggers)
    {
        var (assist, _, ticket, refused) = await TicketAsync(number, context, agents, desk, host);
        if (refused is not null) return refused;
        var key = SummaryKey(ticket!);
        if (host.Summaries.TryGetValue(key, out TicketSummaryTextView? cached) && cached is not null)
            return TypedResults.Ok(cached with { Cached = true });
        try
        {
            var summary = await assist!.SummarizeTicketAsync(ticket!, context.RequestAborted);
            var view = new TicketSummaryTextView(ticket!.Number, summary, false, time.GetUtcNow());
            host.Summaries.Set(key, view, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = TimeSpan.FromHours(12) });
            return TypedResults.Ok(view);
        }
        catch (LlmException ex)
        {
            return Failed(ex, "summary", loggers);
        }
    }

    private static async Task<IResult> DraftAsync(string number, HttpContext context, IOptionsMonitor<AgentOptions> agents, AgentDesk desk, AgentAssistHost host, ILoggerFactory loggers)
    {
        var (assist, _, ticket, refused) = await TicketAsync(number, context, agents, desk, host);
        if (refused is not null) return refused;
        try
        {
            var draft = await assist!.DraftReplyAsync(ticket!, context.RequestAborted);
            return TypedResults.Ok(new ReplyDraftView(ticket!.Number, draft.Text, Titles(assist.Knowledge, draft.CitedFaqIds), Titles(assist.Knowledge, draft.SourceFaqIds)));
        }
        catch (InvalidOperationException)
        {
            return AgentEndpoints.Problem(StatusCodes.Status422UnprocessableEntity, "이 문의에 맞는 FAQ 항목을 찾지 못해 근거 있는 초안을 만들 수 없어요.");
        }
        catch (LlmException ex)
        {
            return Failed(ex, "draft", loggers);
        }
    }

    private static IResult Entries(AgentAssistHost host)
    {
        if (Supervisor(host) is { } refused) return refused;
        return TypedResults.Ok(host.Assist!.Knowledge.Faqs.Select(f => new PhrasingEntryView(f.Id, f.Category, f.Title, f.Questions)).ToArray());
    }

    private static async Task<IResult> SuggestAsync(string id, HttpContext context, AgentAssistHost host, ILoggerFactory loggers)
    {
        if (Supervisor(host) is { } refused) return refused;
        if (Entry(host.Assist!, id) is not { } entry) return UnknownEntry(id);
        var (request, invalid) = await AgentEndpoints.ReadJsonAsync<PhrasingSuggestRequest>(context);
        if (invalid is not null) return invalid;
        var count = request!.Count ?? AgentAssist.DefaultPhrasings;
        if (count is < 1 or > AgentAssist.MaxPhrasings)
            return AgentEndpoints.Problem(StatusCodes.Status400BadRequest, $"제안 개수(count)는 1~{AgentAssist.MaxPhrasings}개로 정해 주세요.");
        var messages = (request.Messages ?? []).Select(m => m?.Trim() ?? "").ToArray();
        if (messages.Length > MaxSellerMessages || messages.Any(m => m.Length is 0 or > MaxSellerMessageLength))
            return AgentEndpoints.Problem(StatusCodes.Status400BadRequest, $"판매자 메시지(messages)는 {MaxSellerMessages}개까지, 각각 1~{MaxSellerMessageLength}자로 보내 주세요.");
        try
        {
            var suggestions = await host.Assist!.SuggestPhrasingsAsync(entry, messages, count, context.RequestAborted);
            return TypedResults.Ok(new PhrasingSuggestionsView(entry.Id, suggestions.Phrasings, suggestions.Duplicates, suggestions.Rejected));
        }
        catch (LlmException ex)
        {
            return Failed(ex, "phrasings", loggers);
        }
    }

    private static async Task<IResult> AcceptAsync(string id, HttpContext context, IOptionsMonitor<AgentOptions> agents, AgentAssistHost host)
    {
        if (Supervisor(host) is { } refused) return refused;
        if (Entry(host.Assist!, id) is not { } entry) return UnknownEntry(id);
        var (request, invalid) = await AgentEndpoints.ReadJsonAsync<PhrasingAcceptRequest>(context);
        if (invalid is not null) return invalid;
        var phrasings = (request!.Phrasings ?? []).Select(p => p?.Trim() ?? "").ToArray();
        if (phrasings.Length is 0 or > AgentAssist.MaxPhrasings || phrasings.Any(p => p.Length is 0 or > AgentAssist.MaxPhrasingLength || p.Contains('\n')))
            return AgentEndpoints.Problem(StatusCodes.Status400BadRequest, $"추가할 질문(phrasings)은 1~{AgentAssist.MaxPhrasings}개, 각각 한 줄 1~{AgentAssist.MaxPhrasingLength}자로 보내 주세요.");
        var known = new HashSet<string>(entry.Questions.Append(entry.Title).Select(TextNormalizer.Compact), StringComparer.Ordinal);
        var fresh = phrasings.Where(p => known.Add(TextNormalizer.Compact(p))).ToArray();
        if (fresh.Length == 0)
            return AgentEndpoints.Problem(StatusCodes.Status409Conflict, "고른 질문이 모두 이 항목에 이미 있어요.");
        var changes = context.RequestServices.GetRequiredService<IKnowledgeChanges>();
        var agent = AgentEndpoints.Account(context, agents)!;
        var result = await changes.ProposeAsync([new AddPhrasings(entry.Id, fresh)], agent.Id, dryRun: false, context.RequestAborted);
        if (result.Problems.Count > 0)
            return TypedResults.Problem(detail: "질문을 저장하지 못했어요: " + string.Join(" / ", result.Problems.Take(5)), statusCode: StatusCodes.Status422UnprocessableEntity,
                extensions: new Dictionary<string, object?> { ["problems"] = result.Problems });
        return TypedResults.Ok(new PhrasingAcceptView(entry.Id, result.Saved, fresh, result.Added, result.Changed, result.VersionId));
    }

    // ------------------------------------------------------------------ checks

    /// <summary>The help and a ticket the signed-in agent may see, or the problem that says why not.</summary>
    private static async Task<(AgentAssist? Assist, AgentAccount? Agent, Ticket? Ticket, IResult? Refused)> TicketAsync(
        string number, HttpContext context, IOptionsMonitor<AgentOptions> agents, AgentDesk desk, AgentAssistHost host)
    {
        if (AgentEndpoints.Account(context, agents) is not { } agent) return (null, null, null, AgentEndpoints.Problem(StatusCodes.Status401Unauthorized, "로그인이 필요해요."));
        if (host.Assist is not { } assist) return (null, agent, null, Off());
        if (AgentEndpoints.BadNumber(number) is { } bad) return (null, agent, null, bad);
        if (await desk.GetAsync(agent, number, context.RequestAborted) is not { } ticket)
            return (null, agent, null, AgentEndpoints.Problem(StatusCodes.Status404NotFound, $"{number} 티켓을 찾을 수 없어요."));
        return (assist, agent, ticket, null);
    }

    /// <summary>The supervisor's routes (the role is checked by <see cref="AgentEndpoints.SupervisorOnly"/>) answer 404 while LLM help is off.</summary>
    private static IResult? Supervisor(AgentAssistHost host) => host.Assist is null ? Off() : null;

    private static FaqEntry? Entry(AgentAssist assist, string id) => FaqId().IsMatch(id) ? assist.Knowledge.FindFaq(id) : null;

    private static ProblemHttpResult UnknownEntry(string id) =>
        AgentEndpoints.Problem(StatusCodes.Status404NotFound, FaqId().IsMatch(id) ? $"'{id}' FAQ 항목이 없어요." : "FAQ 항목 id 형식이 올바르지 않아요. (예: settlement-schedule)");

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex FaqId();

    private static ProblemHttpResult Off() =>
        AgentEndpoints.Problem(StatusCodes.Status404NotFound, "AI 도우미 기능이 꺼져 있어요. (설정 Llm:Enabled)");

    /// <summary>What the agent is told when the model could not help; the console and the bot go on without it.</summary>
    private static ProblemHttpResult Failed(LlmException ex, string what, ILoggerFactory loggers)
    {
        loggers.CreateLogger("Assistant.Llm").LogWarning("LLM {What} failed: {Failure}: {Detail}", what, ex.Failure, ex.Detail);
        var (status, reason) = ex.Failure switch
        {
            LlmFailure.Unavailable => (StatusCodes.Status503ServiceUnavailable, "AI 도우미 서버에 연결할 수 없어요."),
            LlmFailure.RateLimited => (StatusCodes.Status503ServiceUnavailable, "AI 도우미 서버에 요청이 몰려 있어요."),
            LlmFailure.Unauthorized => (StatusCodes.Status502BadGateway, "AI 도우미 서버가 인증을 거부했어요. 관리자에게 Llm:ApiKey 설정을 확인해 달라고 해 주세요."),
            LlmFailure.Timeout => (StatusCodes.Status504GatewayTimeout, "AI 도우미가 제시간에 답하지 않았어요."),
            LlmFailure.BadResponse => (StatusCodes.Status502BadGateway, "AI 도우미의 응답을 읽을 수 없었어요."),
            _ => (StatusCodes.Status502BadGateway, "AI 도우미 서버에서 오류가 났어요."),
        };
        return AgentEndpoints.Problem(status, $"{reason} 잠시 후 다시 시도해 주세요. 상담 기능은 그대로 쓸 수 있어요.");
    }

    private static FaqShownView[] Titles(KnowledgeBase knowledge, IEnumerable<string> ids) =>
        ids.Select(id => new FaqShownView(id, knowledge.FindFaq(id)?.Title ?? id)).ToArray();

    /// <summary>A summary is for one ticket as it reads now: its details and every message (a new message makes a new key).</summary>
    private static string SummaryKey(Ticket ticket)
    {
        var hash = new XxHash64();
        void Add(string? s) { hash.Append(Encoding.UTF8.GetBytes(s ?? "")); hash.Append([0]); }
        var d = ticket.Details;
        Add(d.Category); Add(d.Description); Add(d.SellerId); Add(d.OrderNumber); Add(d.ProductName); Add(d.Urgency);
        foreach (var m in ticket.Transcript) { Add(m.Role.ToString()); Add(m.Text); }
        return $"{ticket.Number}|{hash.GetCurrentHashAsUInt64():x16}";
    }
}
