using System.Security.Claims;
using System.Text.Json;
using Assistant.Handoff;
using Assistant.Knowledge.Editing;
using Assistant.Server.Editing;
using Assistant.Server.Storage;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Extensions.Options;

namespace Assistant.Server.Agents;

/// <summary>An entry saved from the console (the fields of a <c>knowledge/faq/*.yaml</c> file).</summary>
public sealed record EntryRequest(FaqEntryDraft? Entry, bool DryRun);

/// <summary>An import: <c>format</c> <c>csv</c> or <c>json</c>, the file's text, and whether to save or only list.</summary>
public sealed record ImportRequest(string? Format, string? Content, bool DryRun);

/// <summary>The knowledge page: the served version, the job running here, and the newest versions.</summary>
public sealed record KnowledgeOverview(string? ActiveVersion, KnowledgeJobProgress? Job, IReadOnlyList<KnowledgeVersion> Versions, IReadOnlyList<string> EvaluationFiles, SwitchRule Rule);

/// <summary>
/// Supervisor API for changing knowledge without a restart (<c>/api/agent/supervisor/knowledge</c>): versions with their
/// state and comparison, the running job's progress, saving an entry, importing a help center (dry run or apply) and restoring a version.
/// </summary>
public static class KnowledgeEndpoints
{
    /// <summary>The largest import accepted, in characters.</summary>
    public const int MaxImport = 5_000_000;

    private static readonly JsonSerializerOptions RequestJson = new(JsonSerializerDefaults.Web);

    public static RouteGroupBuilder MapKnowledgeApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/agent/supervisor/knowledge").WithTags("Knowledge (supervisor)")
            .RequireAuthorization().AddEndpointFilter(AgentEndpoints.SupervisorOnly).AddEndpointFilter(AgentEndpoints.ValidateAntiforgery);
        api.MapGet("", Overview).WithSummary("The served version, the job running on this instance and the newest versions with their comparison.");
        api.MapGet("/job", (KnowledgeJobs jobs) => TypedResults.Ok(new { job = jobs.Running })).WithSummary("Progress of the job running on this instance (null when none).");
        api.MapGet("/versions/{id}", Version).WithSummary("One version with its state and comparison.");
        api.MapPost("/entries", SaveEntryAsync).Accepts<EntryRequest>("application/json").WithSummary("Create or replace an FAQ entry (validated; a new version is trained, evaluated and switched to when not worse).");
        api.MapPost("/import", ImportAsync).Accepts<ImportRequest>("application/json").WithSummary("Import a help center (CSV or JSON); dryRun lists what would be added or changed and every problem.");
        api.MapPost("/versions/{id}/restore", Restore).WithSummary("Serve an earlier version again.");
        return api;
    }

    private static IResult Overview(KnowledgeVersionStore versions, KnowledgeJobs jobs, KnowledgeRuntime runtime) =>
        TypedResults.Ok(new KnowledgeOverview(runtime.Current.VersionId, jobs.Running, versions.List(),
            jobs.EvaluationFiles().Select(Path.GetFileName).ToArray()!, jobs.Rule));

    private static IResult Version(string id, KnowledgeVersionStore versions) =>
        versions.Get(id) is { } version ? TypedResults.Ok(version) : AgentEndpoints.Problem(StatusCodes.Status404NotFound, $"{id} 버전을 찾을 수 없어요.");

    private static async Task<IResult> SaveEntryAsync(HttpContext context, IKnowledgeChanges changes)
    {
        var (request, invalid) = await AgentEndpoints.ReadJsonAsync<EntryRequest>(context);
        if (invalid is not null) return invalid;
        if (request!.Entry is not { } entry)
            return AgentEndpoints.Problem(StatusCodes.Status400BadRequest, "저장할 항목(entry)을 보내 주세요.");
        entry = entry with { Id = entry.Id ?? "", Category = entry.Category ?? "", Title = entry.Title ?? "", Answer = entry.Answer ?? "", Facts = entry.Facts ?? [], Questions = entry.Questions ?? [] };
        var result = await changes.ProposeAsync([new UpsertEntry(entry)], Author(context), request.DryRun, context.RequestAborted);
        return Outcome(result, request.DryRun);
    }

    private static async Task<IResult> ImportAsync(HttpContext context, IKnowledgeChanges changes)
    {
        var (request, invalid) = await AgentEndpoints.ReadJsonAsync<ImportRequest>(context);
        if (invalid is not null) return invalid;
        var format = request!.Format?.Trim().ToLowerInvariant();
        if (format is not ("csv" or "json"))
            return AgentEndpoints.Problem(StatusCodes.Status400BadRequest, "형식(format)은 csv 또는 json이어야 해요.");
        if (string.IsNullOrWhiteSpace(request.Content))
            return AgentEndpoints.Problem(StatusCodes.Status400BadRequest, "가져올 내용(content)이 비어 있어요.");
        if (request.Content.Length > MaxImport)
            return AgentEndpoints.Problem(StatusCodes.Status413PayloadTooLarge, "가져올 파일이 너무 커요 (500만 자까지).");

        var parsed = HelpCenterImport.Parse(request.Content, format);
        if (parsed.Edits.Count == 0 && parsed.Problems.Count == 0)
            return AgentEndpoints.Problem(StatusCodes.Status400BadRequest, "가져올 항목이 없어요.");
        // The entries that could be read are validated even when others could not (as a dry run), so every problem is listed at once.
        var result = parsed.Edits.Count == 0
            ? new KnowledgeChangeResult(false, [], [], [], null)
            : await changes.ProposeAsync(parsed.Edits, Author(context), request.DryRun || parsed.Problems.Count > 0, context.RequestAborted);
        return Outcome(result with { Problems = HelpCenterImport.AllProblems(parsed, result.Problems) }, request.DryRun);
    }

    private static IResult Restore(string id, KnowledgeVersionStore versions, KnowledgeJobs jobs, KnowledgeRuntime runtime)
    {
        if (versions.Get(id) is not { } version)
            return AgentEndpoints.Problem(StatusCodes.Status404NotFound, $"{id} 버전을 찾을 수 없어요.");
        if (version.Activation is null)
            return AgentEndpoints.Problem(StatusCodes.Status409Conflict, $"{id} 버전은 한 번도 적용된 적이 없어 복원할 수 없어요. (상태: {version.State})");
        if (runtime.Current.VersionId == id)
            return AgentEndpoints.Problem(StatusCodes.Status409Conflict, $"{id} 버전은 이미 적용 중이에요.");
        jobs.Enqueue(id, KnowledgeJobs.RestoreJob);
        return TypedResults.Accepted($"/api/agent/supervisor/knowledge/versions/{id}", new { versionId = id, job = KnowledgeJobs.RestoreJob });
    }

    /// <summary>
    /// A dry run answers 200 with what would be added and changed and every problem. A save answers 202 with the new
    /// version (trained in the background), 200 when nothing changes, or 400 with every problem in <c>problems</c>.
    /// </summary>
    private static IResult Outcome(KnowledgeChangeResult result, bool dryRun)
    {
        if (dryRun) return TypedResults.Ok(result);
        if (result.Problems.Count > 0)
            return TypedResults.Problem(detail: $"지식에 문제가 {result.Problems.Count}개 있어 저장하지 않았어요.", statusCode: StatusCodes.Status400BadRequest,
                extensions: new Dictionary<string, object?> { ["problems"] = result.Problems });
        return result.Saved ? TypedResults.Accepted($"/api/agent/supervisor/knowledge/versions/{result.VersionId}", result) : TypedResults.Ok(result);
    }

    private static string Author(HttpContext context) => context.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "unknown";


}
