using System.ClientModel;
using Assistant.Assist;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace Assistant.OpenAI;

/// <summary>
/// The chat model for agent help: Semantic Kernel's OpenAI connector as an <see cref="IChatClient"/> pointed at an
/// OpenAI-compatible base URL (<c>Llm:Endpoint</c>), POSTing <c>{endpoint}/chat/completions</c>. The connector does not
/// retry with a caller's HttpClient, and deadlines come from the caller's tokens. Every failure of the endpoint comes out
/// as an <see cref="LlmException"/> saying what kind it was; a cancellation stays a cancellation.
/// </summary>
public static class OpenAIChat
{
    public static IChatClient Create(LlmOptions options, HttpMessageHandler? handler = null)
    {
        if (!options.Enabled) throw new InvalidOperationException("Llm:Enabled is false");
        var http = handler is null ? new HttpClient() : new HttpClient(handler);
        http.Timeout = Timeout.InfiniteTimeSpan;
        var services = new ServiceCollection();
#pragma warning disable SKEXP0010 // the endpoint and httpClient overload (a custom base URL) is marked experimental
        services.AddOpenAIChatClient(
            modelId: options.Model!,
            endpoint: new Uri(options.Endpoint!.TrimEnd('/')),
            apiKey: string.IsNullOrEmpty(options.ApiKey) ? "unused" : options.ApiKey,
            httpClient: http);
#pragma warning restore SKEXP0010
        var provider = services.BuildServiceProvider();
        return new Translating(provider.GetRequiredService<IChatClient>(), provider, http);
    }

    /// <summary>What went wrong, in the terms the agent is told: the status the endpoint answered, or no usable answer at all.</summary>
    public static LlmException Classify(Exception ex) => ex switch
    {
        LlmException llm => llm,
        ClientResultException { Status: 401 or 403 } c => new(LlmFailure.Unauthorized, $"http_{c.Status}: the endpoint refused the key", ex),
        ClientResultException { Status: 429 } => new(LlmFailure.RateLimited, "http_429: the endpoint asks to slow down", ex),
        ClientResultException { Status: 502 or 503 or 504 } c => new(LlmFailure.Unavailable, $"http_{c.Status}: the endpoint is unavailable", ex),
        ClientResultException { Status: 0 } c => new(LlmFailure.Unavailable, $"unreachable: {c.InnerException?.Message ?? c.Message}", ex),
        ClientResultException c => new(LlmFailure.ServerError, $"http_{c.Status}: the endpoint failed", ex),
        HttpRequestException h => new(LlmFailure.Unavailable, $"unreachable: {h.Message}", ex),
        _ => new(LlmFailure.BadResponse, $"unreadable answer ({ex.GetType().Name}: {ex.Message})", ex),
    };

    /// <summary>The connector's client with its failures classified, owning the container and HttpClient it came from.</summary>
    private sealed class Translating(IChatClient inner, ServiceProvider provider, HttpClient http) : DelegatingChatClient(inner)
    {
        public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            try
            {
                return await base.GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                throw Classify(ex);
            }
        }

        public override IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException("agent help does not stream");

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                provider.Dispose();
                http.Dispose();
            }
            base.Dispose(disposing);
        }
    }
}
