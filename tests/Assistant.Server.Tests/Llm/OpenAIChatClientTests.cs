using Assistant.Assist;
using Assistant.OpenAI;
using Microsoft.Extensions.AI;

namespace Assistant.Server.Tests.Llm;

/// <summary>Semantic Kernel's OpenAI chat connector as configured by <c>Llm</c>, against the contract double: what it sends, and how each failure is classified.</summary>
public sealed class OpenAIChatClientTests : IAsyncLifetime
{
    private ChatCompletionsDouble _llm = null!;

    public async Task InitializeAsync() => _llm = await ChatCompletionsDouble.StartAsync("k1");

    public async Task DisposeAsync() => await _llm.DisposeAsync();

    private LlmOptions Options(string? key = "k1", string? endpoint = null) => new()
    {
        Enabled = true, Endpoint = endpoint ?? _llm.BaseUrl, ApiKey = key, Model = ChatCompletionsDouble.ModelName, MaxTokens = 123,
    };

    private static Task<ChatResponse> AskAsync(IChatClient client, CancellationToken cancellationToken = default) =>
        client.GetResponseAsync([new ChatMessage(ChatRole.System, "시스템 지시"), new ChatMessage(ChatRole.User, "질문이에요")],
            new ChatOptions { MaxOutputTokens = 123, Temperature = 0.2f }, cancellationToken);

    [Fact]
    public async Task ItPostsTheDocumentedRequestWithTheKeyAndReadsTheAnswer()
    {
        _llm.Reply = call => "답이에요";
        using var client = OpenAIChat.Create(Options());
        var response = await AskAsync(client);
        Assert.Equal("답이에요", response.Text);
        var (authorization, _, status) = Assert.Single(_llm.Requests);
        Assert.Equal(("Bearer k1", 200), (authorization, status));
        var call = Assert.Single(_llm.Calls);
        Assert.Equal(ChatCompletionsDouble.ModelName, call.Model);
        Assert.Equal([("system", "시스템 지시"), ("user", "질문이에요")], call.Messages);
        Assert.Equal(123, call.MaxTokens);
    }

    [Theory]
    [InlineData(401, LlmFailure.Unauthorized)]
    [InlineData(429, LlmFailure.RateLimited)]
    [InlineData(500, LlmFailure.ServerError)]
    [InlineData(503, LlmFailure.Unavailable)]
    public async Task EachErrorStatusIsClassifiedAndNotRetried(int status, LlmFailure failure)
    {
        using var client = OpenAIChat.Create(Options(status == 401 ? "revoked" : "k1"));
        if (status != 401)
        {
            _llm.Script = ChatScript.Fail;
            _llm.FailWith = status;
        }
        var ex = await Assert.ThrowsAsync<LlmException>(() => AskAsync(client));
        Assert.Equal(failure, ex.Failure);
        Assert.Single(_llm.Requests);
    }

    [Fact]
    public async Task AMalformedAnswerIsABadResponse()
    {
        _llm.Script = ChatScript.Malformed;
        using var client = OpenAIChat.Create(Options());
        Assert.Equal(LlmFailure.BadResponse, (await Assert.ThrowsAsync<LlmException>(() => AskAsync(client))).Failure);
    }

    [Fact]
    public async Task AnEndpointNobodyListensOnOrThatDropsTheConnectionIsUnavailable()
    {
        using var nobody = OpenAIChat.Create(Options(endpoint: $"http://127.0.0.1:{LoopbackServer.FreePort()}/v1"));
        Assert.Equal(LlmFailure.Unavailable, (await Assert.ThrowsAsync<LlmException>(() => AskAsync(nobody))).Failure);

        _llm.Script = ChatScript.Drop;
        using var client = OpenAIChat.Create(Options());
        Assert.Equal(LlmFailure.Unavailable, (await Assert.ThrowsAsync<LlmException>(() => AskAsync(client))).Failure);
    }

    [Fact]
    public async Task TheCallersDeadlineEndsAHungRequestAsACancellation()
    {
        _llm.Script = ChatScript.Hang;
        using var client = OpenAIChat.Create(Options());
        using var deadline = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => AskAsync(client, deadline.Token));
    }
}
