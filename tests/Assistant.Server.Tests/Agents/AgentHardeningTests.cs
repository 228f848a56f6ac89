using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Assistant.Server.Tests.Handoff;

namespace Assistant.Server.Tests.Agents;

/// <summary>Client mistakes and hostile input on the agent API are 4xx problems, never 5xx; sessions end for real; the console sends security headers.</summary>
public sealed class AgentHardeningTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private static readonly string LongKey = new('k', 5000);

    private static async Task<JsonNode> ProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(body)!;
        Assert.Equal((int)expected, (int?)problem["status"]);
        Assert.False(string.IsNullOrWhiteSpace((string?)problem["detail"]), body);
        return problem;
    }

    private static async Task AssertClientErrorOrSuccessAsync(HttpResponseMessage response, string what)
    {
        var status = (int)response.StatusCode;
        Assert.True(status < 500, $"{what}: {status} {await response.Content.ReadAsStringAsync()}");
        if (status >= 400) Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    private static HttpRequestMessage Post(string path, HttpContent content, string? csrf = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        if (csrf is not null) request.Headers.Add("X-CSRF-TOKEN", csrf);
        return request;
    }

    private async Task<(AgentClient Agent, string Csrf)> SignInAsync(string id = "agent1")
    {
        var http = server.Factory.CreateClient();
        var password = AssistantFactory.Agents.Single(a => a.Id == id).Password;
        var response = await http.PostAsJsonAsync("/api/agent/login", new { username = id, password });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var csrf = (string)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["csrfToken"]!;
        return (new AgentClient(http, csrf), csrf);
    }

    [Fact]
    public async Task AFormPostWithoutTheAntiForgeryHeaderIsA400Problem()
    {
        var (agent, _) = await SignInAsync();
        await ProblemAsync(await agent.Http.PostAsync("/api/agent/tickets/T000001/claim", new FormUrlEncodedContent([new("a", "b")])), HttpStatusCode.BadRequest);
        await ProblemAsync(await agent.Http.PostAsync("/api/agent/tickets/T000001/claim",
            new StringContent(LongKey + "=1", Encoding.UTF8, "application/x-www-form-urlencoded")), HttpStatusCode.BadRequest);
        await ProblemAsync(await agent.Http.PostAsync("/api/agent/logout", new StringContent("--x\r\n", Encoding.UTF8, "multipart/form-data")), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task VeryLongKeysNeverCauseA5xx()
    {
        var (agent, csrf) = await SignInAsync();
        var http = agent.Http;
        // A form body with a form key over the framework's limit, with a valid token header.
        await AssertClientErrorOrSuccessAsync(await http.SendAsync(Post("/api/agent/tickets/T000001/claim",
            new StringContent(LongKey + "=1", Encoding.UTF8, "application/x-www-form-urlencoded"), csrf)), "long form key");
        await AssertClientErrorOrSuccessAsync(await http.SendAsync(Post("/api/agent/tickets/T000001/reply",
            new StringContent("{\"" + LongKey + "\":1,\"text\":\"안녕하세요\"}", Encoding.UTF8, "application/json"), csrf)), "long JSON property");
        await AssertClientErrorOrSuccessAsync(await server.Factory.CreateClient().PostAsync("/api/agent/login",
            new StringContent("{\"" + LongKey + "\":1,\"username\":\"nobody\",\"password\":\"x\"}", Encoding.UTF8, "application/json")), "long JSON property at login");
        await AssertClientErrorOrSuccessAsync(await http.GetAsync("/api/agent/tickets?" + LongKey + "=1&%ZZ=%"), "long query key");
        await AssertClientErrorOrSuccessAsync(await http.GetAsync("/api/agent/events-" + LongKey), "long path");
        await ProblemAsync(await http.GetAsync("/api/agent/tickets/" + LongKey), HttpStatusCode.BadRequest);
        await ProblemAsync(await http.SendAsync(Post("/api/agent/tickets/" + LongKey + "/claim", JsonContent.Create(new { }), csrf)), HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("T12")]
    [InlineData("T000001 OR 1=1")]
    [InlineData("%EA%B0%80")]
    [InlineData("-1")]
    public async Task AMalformedTicketNumberIsA400Problem(string number)
    {
        var (agent, _) = await SignInAsync();
        await ProblemAsync(await agent.GetAsync($"/api/agent/tickets/{number}"), HttpStatusCode.BadRequest);
        await ProblemAsync(await agent.PostAsync($"/api/agent/tickets/{number}/claim"), HttpStatusCode.BadRequest);
        await ProblemAsync(await agent.PostAsync($"/api/agent/tickets/{number}/reply", new { text = "안녕하세요" }), HttpStatusCode.BadRequest);
        await ProblemAsync(await agent.PostAsync($"/api/agent/tickets/{number}/handback"), HttpStatusCode.BadRequest);
        await ProblemAsync(await agent.PostAsync($"/api/agent/tickets/{number}/resolve"), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task AnUnknownTicketIsA404Problem()
    {
        var (agent, _) = await SignInAsync();
        await ProblemAsync(await agent.GetAsync("/api/agent/tickets/T999999999"), HttpStatusCode.NotFound);
        await ProblemAsync(await agent.PostAsync("/api/agent/tickets/T999999999/claim"), HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("/api/agent/login", """{"username":5,"password":"x"}""", "username")]
    [InlineData("/api/agent/login", """{"username":"agent1","password":{"a":1}}""", "password")]
    [InlineData("/api/agent/login", """{"username":["agent1"],"password":"x"}""", "username")]
    [InlineData("/api/agent/tickets/T000001/reply", """{"text":{"a":1}}""", "text")]
    [InlineData("/api/agent/tickets/T000001/reply", """{"text":[1]}""", "text")]
    public async Task AValueOfTheWrongTypeIsA400NamingTheField(string path, string json, string field)
    {
        var (http, csrf) = path.EndsWith("/login", StringComparison.Ordinal) ? (server.Factory.CreateClient(), null) : await SignedInHttpAsync();
        var problem = await ProblemAsync(await http.SendAsync(Post(path, new StringContent(json, Encoding.UTF8, "application/json"), csrf)), HttpStatusCode.BadRequest);
        Assert.Contains($"'{field}'", (string?)problem["detail"]);
    }

    private async Task<(HttpClient Http, string? Csrf)> SignedInHttpAsync()
    {
        var (agent, csrf) = await SignInAsync();
        return (agent.Http, csrf);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("null")]
    [InlineData("\"text\"")]
    [InlineData("{\"text\":")]
    [InlineData("")]
    public async Task ABodyThatIsNotAnObjectIsA400Problem(string json)
    {
        var (http, csrf) = await SignedInHttpAsync();
        await ProblemAsync(await http.SendAsync(Post("/api/agent/tickets/T000001/reply", new StringContent(json, Encoding.UTF8, "application/json"), csrf)), HttpStatusCode.BadRequest);
        await ProblemAsync(await server.Factory.CreateClient().PostAsync("/api/agent/login", new StringContent(json, Encoding.UTF8, "application/json")), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task NonJsonBodiesAndOverlongCredentialsAreProblems()
    {
        var anonymous = server.Factory.CreateClient();
        await ProblemAsync(await anonymous.PostAsync("/api/agent/login", new FormUrlEncodedContent([new("username", "agent1"), new("password", "x")])), HttpStatusCode.UnsupportedMediaType);
        await ProblemAsync(await anonymous.PostAsync("/api/agent/login", new StringContent("{}", Encoding.UTF8, "text/plain")), HttpStatusCode.UnsupportedMediaType);
        await ProblemAsync(await anonymous.PostAsJsonAsync("/api/agent/login", new { username = new string('u', 100_000), password = "x" }), HttpStatusCode.BadRequest);
        await ProblemAsync(await anonymous.PostAsJsonAsync("/api/agent/login", new { username = "agent1", password = new string('p', 100_000) }), HttpStatusCode.BadRequest);
        var (http, csrf) = await SignedInHttpAsync();
        await ProblemAsync(await http.SendAsync(Post("/api/agent/tickets/T000001/reply", new StringContent("text=hi", Encoding.UTF8, "application/x-www-form-urlencoded"), csrf)), HttpStatusCode.UnsupportedMediaType);
        await ProblemAsync(await http.SendAsync(Post("/api/agent/tickets/T000001/reply", JsonContent.Create(new { text = new string('가', 5001) }), csrf)), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task EmptyErrorsOfTheApiGetAProblemBody()
    {
        var anonymous = server.Factory.CreateClient();
        await ProblemAsync(await anonymous.GetAsync("/api/agent/tickets"), HttpStatusCode.Unauthorized);
        await ProblemAsync(await anonymous.GetAsync("/api/agent/events"), HttpStatusCode.Unauthorized);
        await ProblemAsync(await anonymous.PostAsJsonAsync("/api/agent/login", new { username = "agent1", password = "wrong-password" }), HttpStatusCode.Unauthorized);
        await ProblemAsync(await anonymous.DeleteAsync("/api/agent/tickets/T000001"), HttpStatusCode.MethodNotAllowed);
    }

    [Fact]
    public async Task AfterLogoutTheOldCookieIsRefused()
    {
        var http = server.Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = false });
        var login = await http.PostAsJsonAsync("/api/agent/login", new { username = "agent1", password = "agent1-password" });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var csrf = (string)JsonNode.Parse(await login.Content.ReadAsStringAsync())!["csrfToken"]!;
        var cookies = string.Join("; ", login.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));

        HttpRequestMessage WithCookie(HttpMethod method, string path)
        {
            var request = new HttpRequestMessage(method, path);
            request.Headers.Add("Cookie", cookies);
            return request;
        }

        Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(WithCookie(HttpMethod.Get, "/api/agent/me"))).StatusCode);
        var logout = WithCookie(HttpMethod.Post, "/api/agent/logout");
        logout.Headers.Add("X-CSRF-TOKEN", csrf);
        logout.Content = JsonContent.Create(new { });
        Assert.Equal(HttpStatusCode.NoContent, (await http.SendAsync(logout)).StatusCode);

        // The same cookie, replayed: the session was revoked on the server.
        await ProblemAsync(await http.SendAsync(WithCookie(HttpMethod.Get, "/api/agent/me")), HttpStatusCode.Unauthorized);
        await ProblemAsync(await http.SendAsync(WithCookie(HttpMethod.Get, "/api/agent/tickets")), HttpStatusCode.Unauthorized);
        var claim = WithCookie(HttpMethod.Post, "/api/agent/tickets/T000001/claim");
        claim.Headers.Add("X-CSRF-TOKEN", csrf);
        claim.Content = JsonContent.Create(new { });
        await ProblemAsync(await http.SendAsync(claim), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task TheConsoleAndTheApiSendSecurityHeaders()
    {
        var (agent, _) = await SignInAsync();
        foreach (var path in new[] { "/agent/", "/agent/index.html", "/agent/agent.js", "/agent/agent.css", "/api/agent/me", "/api/agent/tickets/nope" })
        {
            var response = await agent.GetAsync(path);
            var csp = string.Join(",", response.Headers.TryGetValues("Content-Security-Policy", out var v) ? v : []);
            Assert.Contains("frame-ancestors 'none'", csp);
            Assert.Contains("default-src 'none'", csp);
            Assert.Equal("DENY", string.Join(",", response.Headers.GetValues("X-Frame-Options")));
            Assert.Equal("nosniff", string.Join(",", response.Headers.GetValues("X-Content-Type-Options")));
            if (path.StartsWith("/agent/", StringComparison.Ordinal)) Assert.Contains("script-src 'self'", csp);
        }
        // Not for the rest of the site (the web chat widget is embedded in other pages).
        Assert.False((await agent.GetAsync("/webchat/widget.js")).Headers.Contains("X-Frame-Options"));
    }
}
