using System.Globalization;
using System.Security.Claims;
using System.Text.RegularExpressions;
using Assistant.Handoff;
using Assistant.Knowledge;
using Assistant.Server.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Assistant.Server.Agents;

/// <summary>
/// The supervisor's dashboard API (<c>GET /api/agent/supervisor/dashboard?from=&amp;to=&amp;channel=</c>): the metrics of
/// <see cref="DashboardQueries"/> over a period of business-zone days (default the last 7 days, today included) and one channel
/// or all. Supervisors only.
/// </summary>
public static partial class DashboardEndpoints
{
    public const int MaxChannel = 64;

    /// <summary>The <c>Dashboard</c> settings, checked at start-up.</summary>
    public static IServiceCollection AddDashboard(this IServiceCollection services)
    {
        services.AddOptions<DashboardOptions>().BindConfiguration(DashboardOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        return services;
    }

    public static RouteGroupBuilder MapDashboardApi(this IEndpointRouteBuilder app)
    {
        var supervisor = app.MapGroup("/api/agent/supervisor").WithTags("Supervisor API").RequireAuthorization().AddEndpointFilter(AgentEndpoints.SupervisorOnly);
        supervisor.MapGet("/dashboard", Dashboard)
            .WithSummary("Dashboard metrics over a period (from/to: yyyy-MM-dd in the business time zone, default the last 7 days) and a channel (default all).");
        return supervisor;
    }

    private static Results<Ok<DashboardReport>, ProblemHttpResult> Dashboard(
        HttpContext context, Database database, KnowledgeBase knowledge,
        IOptions<HandoffOptions> handoff, IOptionsMonitor<DashboardOptions> dashboard, TimeProvider time)
    {
        var queries = new DashboardQueries(database, knowledge, handoff.Value, dashboard.CurrentValue, time);
        var query = context.Request.Query;
        string? from = query["from"], to = query["to"], channel = query["channel"];
        if (PeriodProblem(from, to, channel, queries.Today) is { } problem)
            return AgentEndpoints.Problem(StatusCodes.Status400BadRequest, problem);
        return TypedResults.Ok(queries.Build(Parse(from, to, channel, queries.Today)));
    }

    /// <summary>Why a period cannot be shown (Korean, for the problem body), or null when it can.</summary>
    public static string? PeriodProblem(string? from, string? to, string? channel, DateOnly today)
    {
        if (!string.IsNullOrEmpty(from) && !TryDate(from, out _))
            return "시작일(from)은 yyyy-MM-dd 형식의 날짜로 보내 주세요. (예: 2025-03-01)";
        if (!string.IsNullOrEmpty(to) && !TryDate(to, out _))
            return "종료일(to)은 yyyy-MM-dd 형식의 날짜로 보내 주세요. (예: 2025-03-07)";
        if (channel is { Length: > 0 } && (channel.Length > MaxChannel || !ChannelId().IsMatch(channel)))
            return $"채널(channel)은 영문, 숫자, '-', '_', '.'로 된 {MaxChannel}자 이하의 채널 ID로 보내 주세요.";
        var period = Parse(from, to, channel, today);
        if (period.From > period.To) return "시작일(from)이 종료일(to)보다 늦어요.";
        if (period.Days > DashboardPeriod.MaxDays) return $"기간은 최대 {DashboardPeriod.MaxDays}일까지 볼 수 있어요.";
        return null;
    }

    private static DashboardPeriod Parse(string? from, string? to, string? channel, DateOnly today)
    {
        // A missing end is a week after the start, a missing start a week before the end; neither: the last 7 days.
        DateOnly? start = !string.IsNullOrEmpty(from) && TryDate(from, out var f) ? f : null;
        DateOnly? end = !string.IsNullOrEmpty(to) && TryDate(to, out var t) ? t : null;
        end ??= start?.AddDays(6) ?? today;
        start ??= end.Value.AddDays(-6);
        return new DashboardPeriod(start.Value, end.Value, string.IsNullOrEmpty(channel) || channel == "all" ? null : channel);
    }

    private static bool TryDate(string text, out DateOnly date) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    [GeneratedRegex("^[A-Za-z0-9._-]+$")]
    private static partial Regex ChannelId();
}
