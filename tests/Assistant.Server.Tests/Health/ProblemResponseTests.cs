using System.Net;
using System.Net.Http.Headers;
using System.Reflection;
using System.Text;
using System.Text.Json.Nodes;
using Assistant.Handoff;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Assistant.Server.Tests.Health;

/// <summary>Every error a client can cause, and a server fault, comes back as an RFC 9457 problem body.</summary>
public sealed class ProblemResponseTests : IClassFixture<ProblemResponseTests.KestrelServer>
{
    private readonly HttpClient _client;

    public ProblemResponseTests(KestrelServer server) => _client = server.Client;

    /// <summary>The real server on Kestrel (its body and header limits apply), with a 4 KiB body limit.</summary>
    public sealed class KestrelServer : IDisposable
    {
        public KestrelServer()
        {
            Factory = new AssistantFactory();
            Factory.UseKestrel(o =>
            {
                o.Listen(IPAddress.Loopback, 0);
                o.Limits.MaxRequestBodySize = 4096;
            });
            Factory.StartServer();
            Client = Factory.CreateClient();
        }

        public AssistantFactory Factory { get; }
        public HttpClient Client { get; }

        public void Dispose() => Factory.Dispose();
    }

    [Fact]
    public async Task AnUnknownPathIs404WithAProblemBody() =>
        await AssertProblemAsync(await _client.GetAsync("/no/such/page"), HttpStatusCode.NotFound);

    [Fact]
    public async Task AWrongMethodIs405WithAProblemBody() =>
        await AssertProblemAsync(await _client.GetAsync("/api/agent/login"), HttpStatusCode.MethodNotAllowed);

    [Fact]
    public async Task AWrongContentTypeIs415WithAProblemBody() =>
        await AssertProblemAsync(await _client.PostAsync("/api/agent/login", new StringContent("username=agent1", Encoding.UTF8, "text/plain")),
            HttpStatusCode.UnsupportedMediaType);

    [Fact]
    public async Task AnUnreadableLoginIs400WithAProblemBody()
    {
        await AssertProblemAsync(await _client.PostAsync("/api/agent/login", new StringContent("{\"username\": ", Encoding.UTF8, "application/json")),
            HttpStatusCode.BadRequest);
        await AssertProblemAsync(await _client.PostAsync("/api/agent/login", new StringContent("", Encoding.UTF8, "application/json")),
            HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task ATooLargeBodyIs413WithAProblemBodyWithContentLengthOrChunked()
    {
        var big = "{\"username\":\"agent1\",\"password\":\"" + new string('x', 10_000) + "\"}";
        var sized = new StringContent(big, Encoding.UTF8, "application/json");
        var problem = await AssertProblemAsync(await _client.PostAsync("/api/agent/login", sized), HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("너무 커요", (string?)problem["detail"]); // the agent API speaks Korean

        var chunked = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(big)));
        chunked.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/agent/login") { Content = chunked };
        request.Headers.TransferEncodingChunked = true;
        problem = await AssertProblemAsync(await _client.SendAsync(request), HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("너무 커요", (string?)problem["detail"]); // the agent API speaks Korean
    }

    [Fact]
    public async Task TooLargeRequestHeadersAre431FromKestrelItself()
    {
        // Kestrel answers this itself before any middleware runs, so no problem body can be added: only the status is checked.
        using var request = new HttpRequestMessage(HttpMethod.Get, "/healthz");
        request.Headers.Add("X-Padding", new string('x', 64 * 1024));
        var response = await _client.SendAsync(request);
        Assert.Equal(HttpStatusCode.RequestHeaderFieldsTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task AServerFaultIs500WithAProblemBodyAndNoStackTrace()
    {
        using var factory = new AssistantFactory().WithWebHostBuilder(b => b.ConfigureTestServices(services =>
            services.AddSingleton(DispatchProxy.Create<ITicketStore, BrokenStore>())));
        var agent = await AgentClient.SignInAsync(factory.CreateClient(), "agent1");
        var response = await agent.GetAsync("/api/agent/tickets");
        var problem = await AssertProblemAsync(response, HttpStatusCode.InternalServerError);
        var body = problem.ToJsonString();
        Assert.DoesNotContain("db-secret-host", body);
        Assert.DoesNotContain(nameof(BrokenStore), body);
        Assert.DoesNotContain(" at ", body);
    }

    private static async Task<JsonNode> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(body)!;
        Assert.Equal((int)expected, (int)problem["status"]!);
        Assert.False(string.IsNullOrWhiteSpace((string?)problem["title"]), body);
        if (expected != HttpStatusCode.InternalServerError) Assert.False(string.IsNullOrWhiteSpace((string?)problem["detail"]), body);
        return problem;
    }

    /// <summary>A ticket store whose database is down: every call throws.</summary>
    public class BrokenStore : DispatchProxy
    {
        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) =>
            throw new InvalidOperationException("connection to db-secret-host refused");
    }
}
