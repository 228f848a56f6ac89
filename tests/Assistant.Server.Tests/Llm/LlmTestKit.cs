using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Assistant.Security;
using Assistant.Server.Tests.Handoff;

namespace Assistant.Server.Tests.Llm;

/// <summary>
/// The real server with LLM help on, pointed at a <see cref="ChatCompletionsDouble"/> that requires a key, a fake channel
/// for what sellers receive, and a supervisor account (<see cref="SupervisorId"/>) beside the test agents.
/// </summary>
public sealed class LlmServerFixture : IAsyncLifetime
{
    public const string ApiKey = "test-llm-key", SupervisorId = "lead", SupervisorPassword = "lead-password";
    /// <summary>
    /// Short, so the hanging model's case does not wait the default 30 s, and long enough that a normal answer on a
    /// loaded CI machine (the first request warms the server up) is never taken for a hang: 2 s was once exceeded.
    /// </summary>
    public const double TimeoutSeconds = 6;

    public ChatCompletionsDouble Llm { get; private set; } = null!;
    public FakeChannel Channel { get; private set; } = null!;
    public AssistantFactory Factory { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Llm = await ChatCompletionsDouble.StartAsync(ApiKey);
        Channel = await FakeChannel.StartAsync();
        Factory = WithSupervisor(new AssistantFactory())
            .With("Llm:Enabled", "true")
            .With("Llm:Endpoint", Llm.BaseUrl)
            .With("Llm:ApiKey", ApiKey)
            .With("Llm:Model", ChatCompletionsDouble.ModelName)
            .With("Llm:TimeoutSeconds", TimeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .With("Llm:MaxTokens", "500");
    }

    public static AssistantFactory WithSupervisor(AssistantFactory factory)
    {
        var i = AssistantFactory.Agents.Length;
        return factory.With($"Agents:Accounts:{i}:Id", SupervisorId).With($"Agents:Accounts:{i}:Name", "박리드")
            .With($"Agents:Accounts:{i}:PasswordHash", PasswordHasher.Hash(SupervisorPassword)).With($"Agents:Accounts:{i}:Role", "Supervisor");
    }

    public Seller NewSeller() => new(Factory.CreateClient(), Channel);

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        await Channel.DisposeAsync();
        await Llm.DisposeAsync();
    }
}

public static class LlmTestKit
{
    public static async Task<AgentClient> SignInSupervisorAsync(HttpClient http)
    {
        var response = await http.PostAsJsonAsync("/api/agent/login", new { username = LlmServerFixture.SupervisorId, password = LlmServerFixture.SupervisorPassword });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return new AgentClient(http, (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["csrfToken"]);
    }

    /// <summary>An RFC 9457 problem with this status and a Korean reason; returns the reason.</summary>
    public static async Task<string> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var detail = (string?)JsonNode.Parse(body)!["detail"];
        Assert.NotNull(detail);
        Assert.Matches("[가-힣]", detail);
        return detail;
    }
}
