using Assistant.Embeddings;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace Assistant.OpenAI;

/// <summary>
/// The neural embedding generator: Semantic Kernel's OpenAI connector pointed at an OpenAI-compatible
/// base URL (<c>Embeddings:Endpoint</c>, e.g. Ollama's or vLLM's <c>http://host:port/v1</c>, OpenAI's
/// <c>https://api.openai.com/v1</c>, or an Azure OpenAI resource's <c>https://NAME.openai.azure.com/openai/v1</c>).
/// It POSTs <c>{endpoint}/embeddings</c> with the model, the inputs and, when configured, the dimensions.
/// The connector does not retry with a caller's HttpClient; deadlines come from the caller's tokens.
/// </summary>
public static class OpenAIEmbeddings
{
    public static IEmbeddingGenerator<string, Embedding<float>> Create(EmbeddingsOptions options, HttpMessageHandler? handler = null)
    {
        if (!options.IsNeural) throw new InvalidOperationException("Embeddings:Provider is not openai");
        var http = handler is null ? new HttpClient() : new HttpClient(handler);
        http.BaseAddress = new Uri(options.Endpoint!.TrimEnd('/'));
        http.Timeout = Timeout.InfiniteTimeSpan;
        var services = new ServiceCollection();
#pragma warning disable SKEXP0010 // the httpClient overload (a custom base URL) is marked experimental
        services.AddOpenAIEmbeddingGenerator(
            modelId: options.Model!,
            apiKey: string.IsNullOrEmpty(options.ApiKey) ? "unused" : options.ApiKey,
            dimensions: options.Dimensions,
            httpClient: http);
#pragma warning restore SKEXP0010
        var provider = services.BuildServiceProvider();
        return new Owned(provider.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>(), provider, http);
    }

    /// <summary>The connector's generator, owning the container and HttpClient it came from.</summary>
    private sealed class Owned(IEmbeddingGenerator<string, Embedding<float>> inner, ServiceProvider provider, HttpClient http)
        : DelegatingEmbeddingGenerator<string, Embedding<float>>(inner)
    {
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
