using System.Security.Claims;
using Assistant.Handoff;
using Assistant.Knowledge.Editing;
using Assistant.Review;
using Assistant.Server.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Assistant.Server.Agents;

/// <summary>Messages of the review queue by key, over the period the page shows (default 30 days).</summary>
public sealed record ReviewKeysRequest(string[]? Keys, int? Days);

/// <summary>Adds the messages as phrasings of an existing entry; <c>dryRun</c> only reports what would change.</summary>
public sealed record ReviewAddRequest(string[]? Keys, string? FaqId, bool DryRun, int? Days);

/// <summary>Saves a new entry (as the reviewer edited the draft) made from the messages.</summary>
public sealed record ReviewEntryRequest(string[]? Keys, FaqEntryDraft? Entry, bool DryRun, int? Days);

/// <summary>A new entry's draft and the entries the assistant finds likely for its messages.</summary>
public sealed record ReviewDraftView(FaqEntryDraft Entry, IReadOnlyList<LikelyEntryView> Likely);

/// <summary>What a save did: <see cref="Reviewed"/> messages left the queue (none on a dry run or when nothing was saved).</summary>
public sealed record ReviewSaveView(bool Saved, bool DryRun, IReadOnlyList<string> Added, IReadOnlyList<string> Changed, string? VersionId, int Reviewed);

/// <summary>What a decision did: how many messages left the queue.</summary>
public sealed record ReviewMarkView(string Status, int Reviewed);

/// <summary>
/// The review queue API (<c>/api/agent/supervisor/review</c>), for supervisors only: the grouped queue, and a reviewer's
/// actions on a message or a whole group — add as phrasings of an entry, mark correctly declined, dismiss, start a new
/// entry. Knowledge changes go through <see cref="IKnowledgeChanges"/>; nothing sellers see changes until it saves.
/// </summary>
public static class ReviewEndpoints
{
    public const int MaxKeys = 500, MaxQuestions = 500, MaxField = 10_000;

    public static RouteGroupBuilder MapReviewApi(this IEndpointRouteBuilder app)
    {
        var review = app.MapGroup("/api/agent/supervisor/review").WithTags("Review queue")
            .RequireAuthorization().AddEndpointFilter(AgentEndpoints.ValidateAntiforgery).AddEndpointFilter(AgentEndpoints.SupervisorOnly);
        review.MapGet("", QueueAsync).WithSummary("The review queue: grouped messages, biggest group first, with counts, reasons, examples and likely entries.");
        review.MapPost("/add", AddAsync).Accepts<ReviewAddRequest>("application/json").WithSummary("Add messages (or a whole group) as phrasings of an existing entry.");
        review.MapPost("/decline", (HttpContext c, ReviewQueue q, ReviewStore s) => MarkAsync(c, q, s, ReviewStatus.DeclinedOk))
            .Accepts<ReviewKeysRequest>("application/json").WithSummary("Mark messages as correctly declined: they leave the queue and look-alikes are not queued again.");
        review.MapPost("/dismiss", (HttpContext c, ReviewQueue q, ReviewStore s) => MarkAsync(c, q, s, ReviewStatus.Dismissed))
            .Accepts<ReviewKeysRequest>("application/json").WithSummary("Remove messages from the queue without a change.");
        review.MapPost("/draft", DraftAsync).Accepts<ReviewKeysRequest>("application/json").WithSummary("A new entry's draft prefilled from messages (and the agent's reply).");
        review.MapPost("/entry", EntryAsync).Accepts<ReviewEntryRequest>("application/json").WithSummary("Save a new entry made from messages.");
        return review;
    }

    private static async Task<Results<Ok<ReviewQueueView>, ProblemHttpResult>> QueueAsync(int? days, int? limit, HttpContext context, ReviewQueue queue)
    {
        if (BadDays(days) is { } bad) return bad;
        if (limit is < 1 or > ReviewQueue.MaxGroups) return AgentEndpoints.Problem(StatusCodes.Status400BadRequest, $"limit은 1~{ReviewQueue.MaxGroups} 사이로 보내 주세요.");
        return TypedResults.Ok(await queue.QueueAsync(days ?? ReviewQueue.DefaultDays, limit ?? ReviewQueue.DefaultGroups, context.RequestAborted));
    }

    private static async Task<IResult> AddAsync(HttpContext context, ReviewQueue queue, ReviewStore store)
    {
        var (request, invalid) = await AgentEndpoints.ReadJsonAsync<ReviewAddRequest>(context);
        if (invalid is not null) return invalid;
        if (string.IsNullOrWhiteSpace(request!.FaqId)) return AgentEndpoints.Problem(StatusCodes.Status400BadRequest, "추가할 항목(faqId)을 골라 주세요.");
        var (items, problem) = await ItemsAsync(request.Keys, request.Days, queue, context.RequestAborted);
        if (problem is not null) return problem;
        if (queue.Decider.Knowledge.FindFaq(request.FaqId) is null)
            return AgentEndpoints.Problem(StatusCodes.Status404NotFound, $"'{request.FaqId}' 항목이 없어요. 목록을 새로 고쳐 주세요.");
        var edit = new AddPhrasings(request.FaqId, items!.Select(i => i.Text).ToArray());
        return await ProposeAsync(context, store, [edit], items!, request.DryRun, ReviewStatus.Added, request.FaqId);
    }

    private static async Task<IResult> EntryAsync(HttpContext context, ReviewQueue queue, ReviewStore store)
    {
        var (request, invalid) = await AgentEndpoints.ReadJsonAsync<ReviewEntryRequest>(context);
        if (invalid is not null) return invalid;
        if (request!.Entry is not { } entry) return AgentEndpoints.Problem(StatusCodes.Status400BadRequest, "새 항목 내용(entry)을 보내 주세요.");
        if (new[] { entry.Id, entry.Category, entry.Title, entry.Answer }.Any(f => f is null || f.Length > MaxField)
            || entry.Questions is null || entry.Facts is null || entry.Questions.Count > MaxQuestions || entry.Facts.Count > MaxQuestions
            || entry.Questions.Concat(entry.Facts).Any(q => q is null || q.Length > MaxField))
            return AgentEndpoints.Problem(StatusCodes.Status400BadRequest, $"새 항목에는 id, category, title, answer, facts, questions가 모두 필요해요. (질문·사실은 {MaxQuestions}개까지)");
        var (items, problem) = await ItemsAsync(request.Keys, request.Days, queue, context.RequestAborted);
        if (problem is not null) return problem;
        var draft = entry with { Id = entry.Id.Trim(), Category = entry.Category.Trim(), Title = entry.Title.Trim(), Answer = entry.Answer.Trim(),
            Facts = entry.Facts.Select(f => f.Trim()).Where(f => f.Length > 0).ToArray(), Questions = entry.Questions.Select(q => q.Trim()).Where(q => q.Length > 0).ToArray() };
        return await ProposeAsync(context, store, [new UpsertEntry(draft)], items!, request.DryRun, ReviewStatus.NewEntry, draft.Id);
    }

    private static async Task<IResult> DraftAsync(HttpContext context, ReviewQueue queue)
    {
        var (request, invalid) = await AgentEndpoints.ReadJsonAsync<ReviewKeysRequest>(context);
        if (invalid is not null) return invalid;
        var (items, problem) = await ItemsAsync(request!.Keys, request.Days, queue, context.RequestAborted);
        if (problem is not null) return problem;
        var decider = queue.Decider;
        var likely = await queue.LikelyAsync(items!, decider, context.RequestAborted);
        return TypedResults.Ok(new ReviewDraftView(ReviewQueue.Draft(items!, likely, decider.Knowledge), likely));
    }

    private static async Task<IResult> MarkAsync(HttpContext context, ReviewQueue queue, ReviewStore store, string status)
    {
        var (request, invalid) = await AgentEndpoints.ReadJsonAsync<ReviewKeysRequest>(context);
        if (invalid is not null) return invalid;
        var (items, problem) = await ItemsAsync(request!.Keys, request.Days, queue, context.RequestAborted);
        if (problem is not null) return problem;
        await store.MarkAsync(items!.Select(i => (i.Key, i.Text)).ToArray(), status, Reviewer(context), null, context.RequestAborted);
        return TypedResults.Ok(new ReviewMarkView(status, items!.Count));
    }

    /// <summary>
    /// Proposes the edits; a change with validation problems is a 422 problem listing them (<c>problems</c>). Only a
    /// saved change (not a dry run) takes its messages out of the queue.
    /// </summary>
    private static async Task<IResult> ProposeAsync(
        HttpContext context, ReviewStore store, IReadOnlyList<KnowledgeEdit> edits, IReadOnlyList<ReviewItem> items, bool dryRun, string status, string faqId)
    {
        var changes = context.RequestServices.GetRequiredService<IKnowledgeChanges>();
        var result = await changes.ProposeAsync(edits, Reviewer(context), dryRun, context.RequestAborted);
        if (result.Problems.Count > 0)
            return TypedResults.Problem(
                detail: "저장하지 않았어요. 지식 검증에서 문제가 나왔어요: " + string.Join(" / ", result.Problems.Take(3)),
                statusCode: StatusCodes.Status422UnprocessableEntity,
                extensions: new Dictionary<string, object?> { ["problems"] = result.Problems });
        var reviewed = 0;
        if (result.Saved && !dryRun)
        {
            await store.MarkAsync(items.Select(i => (i.Key, i.Text)).ToArray(), status, Reviewer(context), faqId, context.RequestAborted);
            reviewed = items.Count;
        }
        return TypedResults.Ok(new ReviewSaveView(result.Saved, dryRun, result.Added, result.Changed, result.VersionId, reviewed));
    }

    /// <summary>The queued messages the keys name; an empty, oversized or malformed list, or a key no longer queued, is a problem.</summary>
    private static async Task<(IReadOnlyList<ReviewItem>? Items, ProblemHttpResult? Problem)> ItemsAsync(string[]? keys, int? days, ReviewQueue queue, CancellationToken cancellationToken)
    {
        if (BadDays(days) is { } bad) return (null, bad);
        if (keys is null || keys.Length == 0 || keys.Length > MaxKeys)
            return (null, AgentEndpoints.Problem(StatusCodes.Status400BadRequest, $"메시지를 1~{MaxKeys}개 골라 주세요(keys)."));
        if (keys.Any(k => k is null || !ReviewKeys.IsKey(k)))
            return (null, AgentEndpoints.Problem(StatusCodes.Status400BadRequest, "메시지 키(keys) 형식이 올바르지 않아요."));
        var queued = (await queue.ItemsAsync(days ?? ReviewQueue.DefaultDays, cancellationToken)).ToDictionary(i => i.Key, StringComparer.Ordinal);
        var missing = keys.Distinct(StringComparer.Ordinal).Count(k => !queued.ContainsKey(k));
        if (missing > 0)
            return (null, AgentEndpoints.Problem(StatusCodes.Status409Conflict, $"검토 목록에 없는 메시지가 {missing}개 있어요. 이미 처리됐을 수 있으니 목록을 새로 고쳐 주세요."));
        // The queue's order (most frequent first), so the draft's title is the most frequent wording.
        var wanted = keys.ToHashSet(StringComparer.Ordinal);
        return (queued.Values.Where(i => wanted.Contains(i.Key)).OrderByDescending(i => i.Count).ThenByDescending(i => i.LastAt).ToArray(), null);
    }

    private static ProblemHttpResult? BadDays(int? days) =>
        days is < 1 or > ReviewQueue.MaxDays ? AgentEndpoints.Problem(StatusCodes.Status400BadRequest, $"기간(days)은 1~{ReviewQueue.MaxDays}일로 보내 주세요.") : null;

    private static string Reviewer(HttpContext context) => context.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "unknown";

}
