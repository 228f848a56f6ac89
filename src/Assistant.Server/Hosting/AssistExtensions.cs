using Assistant.Assist;
using Assistant.Dialogue;
using Assistant.OpenAI;
using Assistant.Understanding;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Assistant.Server.Hosting;

/// <summary>
/// The agent help chosen by <c>Llm</c>: nothing when off (the default), else <see cref="AgentAssist"/> over the configured
/// OpenAI-compatible chat endpoint. Nothing here calls the endpoint at start-up, so an endpoint that is down costs only the help.
/// </summary>
public sealed class AgentAssistHost : IDisposable
{
    private readonly Lazy<(Microsoft.Extensions.AI.IChatClient Client, AgentAssist Assist)?> _assist;

    public AgentAssistHost(IOptions<LlmOptions> options, IServiceProvider services)
    {
        Options = options.Value;
        _assist = new(() =>
        {
            if (!Options.Enabled) return null;
            var client = OpenAIChat.Create(Options);
            return (client, new AgentAssist(client, Options, services.GetRequiredService<Decider>(), services.GetRequiredService<IOptions<ContactOptions>>().Value));
        });
    }

    public LlmOptions Options { get; }

    /// <summary>The help, or null when <c>Llm:Enabled</c> is false.</summary>
    public AgentAssist? Assist => _assist.Value?.Assist;

    /// <summary>Summaries already made, per ticket and transcript (a new message makes a new one); kept in memory, per instance.</summary>
    public MemoryCache Summaries { get; } = new(new MemoryCacheOptions { SizeLimit = 2000 });

    public void Dispose()
    {
        if (_assist.IsValueCreated) _assist.Value?.Client.Dispose();
        Summaries.Dispose();
    }
}

public static class AssistExtensions
{
    /// <summary>Optional LLM help for agents (section <c>Llm</c>), validated at start-up when enabled.</summary>
    public static WebApplicationBuilder AddAgentAssist(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<LlmOptions>().BindConfiguration(LlmOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<AgentAssistHost>();
        return builder;
    }
}
