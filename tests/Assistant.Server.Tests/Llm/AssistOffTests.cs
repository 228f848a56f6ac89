using System.Net;

namespace Assistant.Server.Tests.Llm;

/// <summary>The server as shipped (<c>Llm:Enabled</c> false): the help says it is off, and a bad setting when on stops start-up.</summary>
public sealed class AssistOffTests : IAsyncLifetime
{
    private AssistantFactory _factory = null!;
    private FakeChannel _channel = null!;

    public async Task InitializeAsync()
    {
        _channel = await FakeChannel.StartAsync();
        _factory = LlmServerFixture.WithSupervisor(new AssistantFactory());
    }

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        await _channel.DisposeAsync();
    }

    [Fact]
    public async Task WithTheFeatureOffEveryHelpEndpointSaysSo()
    {
        var number = await new Handoff.Seller(_factory.CreateClient(), _channel).OpenTicketAsync();
        var agent = await AgentClient.SignInAsync(_factory.CreateClient(), "agent1");
        var status = await agent.JsonAsync(await agent.GetAsync("/api/agent/assist"));
        Assert.False((bool)status["enabled"]!);
        Assert.Null((string?)status["model"]);

        var supervisor = await LlmTestKit.SignInSupervisorAsync(_factory.CreateClient());
        foreach (var response in new[]
        {
            await agent.PostAsync($"/api/agent/tickets/{number}/summary"),
            await agent.PostAsync($"/api/agent/tickets/{number}/draft"),
            await supervisor.PostAsync("/api/agent/supervisor/faq/settlement-account/phrasings/suggest", new { }),
            await supervisor.PostAsync("/api/agent/supervisor/faq/settlement-account/phrasings/accept", new { phrasings = new[] { "정산계좌 어디서 바꿔요" } }),
            await supervisor.GetAsync("/api/agent/supervisor/phrasings/entries"),
        })
            Assert.Contains("꺼져 있어요", await LlmTestKit.ProblemAsync(response, HttpStatusCode.NotFound));
        Assert.Equal("queued", (string?)(await agent.TicketAsync(number))["status"]);
    }

    [Theory]
    [InlineData(null, "double-chat-v1", "Llm:Endpoint")]
    [InlineData("ftp://example.com/v1", "double-chat-v1", "Llm:Endpoint")]
    [InlineData("http://127.0.0.1:9/v1", null, "Llm:Model")]
    public void TurnedOnWithoutAnEndpointOrModelTheServerDoesNotStart(string? endpoint, string? model, string named)
    {
        using var factory = new AssistantFactory().With("Llm:Enabled", "true").With("Llm:Endpoint", endpoint).With("Llm:Model", model);
        var ex = Assert.ThrowsAny<Exception>(() => factory.CreateClient());
        Assert.Contains(named, ex.ToString());
    }
}
