using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Assistant.Handoff;
using Assistant.Security;
using Assistant.Server.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Assistant.Server.Tests.Agents;

/// <summary>The supervisor's dashboard API on the real server over a seeded week (<see cref="DashboardHistory"/>).</summary>
public sealed class DashboardTests : IDisposable
{
    public const string Supervisor = "lead", SupervisorPassword = "lead-password";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly Lazy<string> SupervisorHash = new(() => PasswordHasher.Hash(SupervisorPassword));

    private readonly AssistantFactory _factory = WithSupervisor(new AssistantFactory());

    /// <summary>Adds the supervisor account after the factory's agents.</summary>
    public static AssistantFactory WithSupervisor(AssistantFactory factory)
    {
        var i = AssistantFactory.Agents.Length;
        return factory.With($"Agents:Accounts:{i}:Id", Supervisor).With($"Agents:Accounts:{i}:Name", "박팀장")
            .With($"Agents:Accounts:{i}:PasswordHash", SupervisorHash.Value).With($"Agents:Accounts:{i}:Role", "Supervisor");
    }

    public void Dispose() => _factory.Dispose();

    private async Task<HttpClient> SupervisorAsync()
    {
        var http = _factory.CreateClient();
        var response = await http.PostAsJsonAsync("/api/agent/login", new { username = Supervisor, password = SupervisorPassword });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return http;
    }

    private void Seed() => DashboardHistory.Seed(_factory.Services.GetRequiredService<Database>());

    private static async Task<DashboardReport> ReportAsync(HttpClient http, string query)
    {
        var response = await http.GetAsync("/api/agent/supervisor/dashboard" + query);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {body}");
        return JsonSerializer.Deserialize<DashboardReport>(body, Json)!;
    }

    [Fact]
    public async Task EveryMetricOfTheSeededWeekHasItsKnownValue()
    {
        var http = await SupervisorAsync();
        Seed();
        DashboardHistory.AssertWeek(await ReportAsync(http, $"?from={DashboardHistory.From}&to={DashboardHistory.To}"));
    }

    [Fact]
    public async Task TheChannelFilterCountsOnlyThatChannel()
    {
        var http = await SupervisorAsync();
        Seed();
        var talk = await ReportAsync(http, $"?from={DashboardHistory.From}&to={DashboardHistory.To}&channel=talktalk");
        Assert.Equal("talktalk", talk.Channel);
        Assert.Equal((5, 4, 1), (talk.Messages.Total, talk.Messages.Answered, talk.Messages.Clarified));
        // C4 resolved; C5 came back on the same category.
        Assert.Equal((2, 2, 1, 1), (talk.Conversations.Total, talk.Conversations.Contained, talk.Conversations.ResolvedByAssistant, talk.Conversations.Returned));
        Assert.Equal(0, talk.Tickets.Total);
        Assert.DoesNotContain(talk.Faqs, f => f.Helpful + f.NotHelpful > 0);
        // The picker still offers every channel of the period.
        Assert.Equal(["assistant-webchat", "emulator", "talktalk"], talk.Channels.Select(c => c.Id));

        var web = await ReportAsync(http, $"?from={DashboardHistory.From}&to={DashboardHistory.To}&channel=assistant-webchat");
        Assert.Equal((6, 6, 4, 1), (web.Conversations.Total, web.Conversations.Contained, web.Conversations.ResolvedByAssistant, web.Conversations.Returned));
        Assert.Equal(new FaqRow("fees", web.Faqs.Single(f => f.FaqId == "fees").Title, "fees-tax", 1, 1, 0, 0), web.Faqs.Single(f => f.FaqId == "fees"));

        var emulator = await ReportAsync(http, $"?from={DashboardHistory.From}&to={DashboardHistory.To}&channel=emulator");
        Assert.Equal((3, 1), (emulator.Tickets.Total, emulator.Tickets.FirstResponse.WithinPromise));
        Assert.Equal((1, 1), (emulator.HandBack.Solved, emulator.HandBack.NotSolved));
    }

    [Fact]
    public async Task PeriodBoundsAreTheBusinessZonesMidnights()
    {
        var http = await SupervisorAsync();
        Seed();
        // Sunday alone: the 23:59 message counts, the next midnight's does not.
        var sunday = await ReportAsync(http, "?from=2025-04-13&to=2025-04-13");
        Assert.Equal((1, 1), (sunday.Messages.Total, sunday.Conversations.Total));
        Assert.Equal(["2025-04-13"], sunday.Daily.Select(d => d.Date));
        // The next Monday: the midnight message, its ticket and the late 👍.
        var monday = await ReportAsync(http, "?from=2025-04-14&to=2025-04-14");
        Assert.Equal((1, 1, 1), (monday.Messages.Answered, monday.Tickets.Total, monday.Faqs.Single().Helpful));
        // Only a start: a week from it; only an end: the week before it.
        var fromOnly = await ReportAsync(http, "?from=2025-04-07");
        Assert.Equal(("2025-04-07", "2025-04-13", 21), (fromOnly.From, fromOnly.To, fromOnly.Messages.Total));
        var toOnly = await ReportAsync(http, "?to=2025-04-13");
        Assert.Equal(("2025-04-07", 21), (toOnly.From, toOnly.Messages.Total));
    }

    [Fact]
    public async Task WithoutDatesItIsTheLastSevenDaysInTheBusinessZone()
    {
        var http = await SupervisorAsync();
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Seoul")).DateTime);
        var report = await ReportAsync(http, "");
        Assert.Equal(today.ToString("yyyy-MM-dd"), report.To);
        Assert.Equal(today.AddDays(-6).ToString("yyyy-MM-dd"), report.From);
        Assert.Equal(7, report.Daily.Count);
        Assert.Equal(0, report.Conversations.Total);
    }

    [Fact]
    public async Task TheReturnWindowIsConfigurable()
    {
        // With a 5-day window, C3's seller coming back on Friday is within it: C3 is no longer resolved.
        using var factory = WithSupervisor(new AssistantFactory()).With("Dashboard:ReturnWindowDays", "5");
        var http = factory.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await http.PostAsJsonAsync("/api/agent/login", new { username = Supervisor, password = SupervisorPassword })).StatusCode);
        DashboardHistory.Seed(factory.Services.GetRequiredService<Database>());
        var report = await ReportAsync(http, $"?from={DashboardHistory.From}&to={DashboardHistory.To}");
        Assert.Equal(5, report.ReturnWindowDays);
        Assert.Equal((4, 3), (report.Conversations.ResolvedByAssistant, report.Conversations.Returned));
    }

    [Fact]
    public async Task AnUnansweredTicketWhosePromiseHasNotRunOutIsPendingNotLate()
    {
        var http = await SupervisorAsync();
        var tickets = _factory.Services.GetRequiredService<ITicketStore>();
        var ticket = (await tickets.CreateAsync(new TicketDraft(
            new ConversationAddress("emulator", "em-now", "{}", null),
            new TicketDetails(null, false, null, false, null, "payment", "결제 오류", "normal", null), [], []))).Ticket;
        var report = await ReportAsync(http, "");
        var f = report.Tickets.FirstResponse;
        Assert.Equal((1, 0, 0, 1), (f.Tickets, f.WithinPromise, f.Late, f.Pending));
        Assert.Null(f.WithinPromiseRate);
        Assert.Equal((0, 1), (report.Tickets.Resolution.Closed, report.Tickets.Resolution.Open));
        Assert.Equal("none:1", f.Distribution.Select(b => $"{b.Key}:{b.Count}").Last());
        Assert.Equal(1, report.Daily.Sum(d => d.Tickets));
        Assert.NotNull(ticket);
    }

    [Fact]
    public async Task TheStoreRecordsWhenATicketWasClaimedAndClosed()
    {
        var http = await SupervisorAsync();
        var tickets = _factory.Services.GetRequiredService<ITicketStore>();
        var created = (await tickets.CreateAsync(new TicketDraft(
            new ConversationAddress("emulator", "em-times", "{}", null),
            new TicketDetails(null, false, null, false, null, "payment", "결제 오류", "normal", null), [], []))).Ticket;
        await tickets.ClaimAsync(created.Number, new AgentRef("agent1", "김상담"));
        await tickets.AppendAsync(created.Number, new TranscriptEntry(MessageRole.Agent, "확인해 볼게요.", DateTimeOffset.UtcNow, "김상담"));
        await tickets.SetStatusAsync(created.Number, TicketStatus.Resolved, new AgentRef("agent1", "김상담"));
        var report = await ReportAsync(http, "");
        var t = report.Tickets;
        Assert.Equal((1, 1, 0), (t.FirstResponse.Answered, t.FirstResponse.WithinPromise, t.FirstResponse.Late));
        Assert.NotNull(t.FirstResponse.MedianMinutesToClaim);
        Assert.Equal((1, 1, 1), (t.Resolution.Closed, t.Resolution.Resolved, t.Resolution.ClosedWithinPromise));
        Assert.NotNull(t.Resolution.MedianMinutes);
    }

    [Fact]
    public async Task AnAgentIsRefusedWithAProblem()
    {
        var agent = await AgentClient.SignInAsync(_factory.CreateClient(), "agent1");
        var response = await agent.GetAsync("/api/agent/supervisor/dashboard");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("슈퍼바이저", (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["detail"]);

        var anonymous = await _factory.CreateClient().GetAsync("/api/agent/supervisor/dashboard");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("application/problem+json", anonymous.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("?from=2025-13-01", "시작일")]
    [InlineData("?from=2025/04/07", "시작일")]
    [InlineData("?to=yesterday", "종료일")]
    [InlineData("?from=2025-04-10&to=2025-04-07", "늦어요")]
    [InlineData("?from=2023-01-01&to=2025-01-01", "366일")]
    [InlineData("?channel=web%20chat", "채널")]
    [InlineData("?from=2025-04-07&from=2025-04-08", "시작일")]
    public async Task ABadPeriodOrChannelIsA400ProblemWithTheReason(string query, string reason)
    {
        var http = await SupervisorAsync();
        var response = await http.GetAsync("/api/agent/supervisor/dashboard" + query);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(reason, (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["detail"]);
    }
}
