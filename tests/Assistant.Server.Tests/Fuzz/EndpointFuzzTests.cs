using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace Assistant.Server.Tests.Fuzz;

/// <summary>
/// A bounded fuzz run against the real server: every mapped endpoint (plus static and unknown paths)
/// gets malformed and hostile input. No answer may be a 5xx, a 4xx without a JSON problem body, or
/// the bot's failed-turn apology; and the server must still be healthy afterwards.
/// </summary>
public sealed class EndpointFuzzTests(FuzzCampaign campaign, ITestOutputHelper output) : IClassFixture<FuzzCampaign>
{
    /// <summary>The routes the issue names: if one disappears from the endpoint list, the enumeration (or the app) is broken.</summary>
    private static readonly string[] ExpectedRoutes =
    [
        "/api/messages", "/v3/directline/tokens/generate", "/v3/directline/tokens/refresh", "/v3/directline/conversations",
        "/v3/directline/conversations/{conversationId}", "/v3/directline/conversations/{conversationId}/activities",
        "/api/webchat/token", "/talktalk/{secret}", "/api/agent/login", "/api/agent/logout", "/api/agent/tickets/{number}/claim",
        "/healthz", "/readyz",
    ];

    [Fact]
    public async Task NoHostileInputGetsAServerErrorOrAnEmptyOrNonJsonClientError()
    {
        var report = await campaign.ReportAsync();
        output.WriteLine(report.Statistics());
        output.WriteLine(report.FailureSummary());

        Assert.InRange(report.Requests, 1, FuzzCampaign.MaxRequests + 50);
        var missing = report.Routes.Select(r => r.Template).Where(t => report.Outcomes.All(o => o.Request.Template != t)).ToList();
        Assert.True(missing.Count == 0, "routes the run never reached: " + string.Join(", ", missing));
        Assert.True(!report.Failures.Any(), report.FailureSummary());
    }

    [Fact]
    public void EveryEndpointTheIssueNamesIsEnumeratedFromTheApp()
    {
        var templates = campaign.Routes().Select(r => r.Template).ToList();
        output.WriteLine(string.Join(Environment.NewLine, campaign.Routes().Select(r => $"{string.Join(',', r.Methods)} {r.Template}")));
        Assert.All(ExpectedRoutes, t => Assert.Contains(t, templates));
        Assert.Contains(templates, t => t.StartsWith("/api/agent/tickets/{number}", StringComparison.Ordinal) && t.EndsWith("/reply", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ATokenSignedByTheGeneratorIsAcceptedSoTheForgedOnesReachTheExpiryCheck()
    {
        var conversation = campaign.Targets.ConversationId;
        var expires = DateTimeOffset.UtcNow.AddMinutes(10).ToUnixTimeSeconds(); // within the token lifetime
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/v3/directline/conversations/{conversation}/activities");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", FuzzInputs.SignToken($"{{\"Conv\":\"{conversation}\",\"User\":\"u\",\"Exp\":{expires}}}"));
        using var response = await campaign.Local.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task TheServerIsStillHealthyAndAnswersAfterTheRun()
    {
        await campaign.ReportAsync();
        using var health = await campaign.Local.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("healthy", (string?)JsonNode.Parse(await health.Content.ReadAsStringAsync())!["status"]);

        var reply = Assert.Single(await Activities.SendAsync(campaign.Local, Activities.Message("정산 계좌를 다른 통장으로 바꾸려면 어떻게 하나요?", "after-fuzz-" + Guid.NewGuid().ToString("N"))));
        Assert.Equal("answer", (string?)Activities.Decision(reply)["action"]);
    }
}
