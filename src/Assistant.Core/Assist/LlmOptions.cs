using System.ComponentModel.DataAnnotations;

namespace Assistant.Assist;

/// <summary>
/// Configuration section <c>Llm</c>: optional help for agents from an OpenAI-compatible chat-completions endpoint
/// (OpenAI, Azure OpenAI, Ollama, vLLM). Off by default; when <see cref="Enabled"/>, the endpoint and model are
/// checked at start-up, but the endpoint itself is only called when an agent asks for help.
/// </summary>
public sealed class LlmOptions : IValidatableObject
{
    public const string Section = "Llm";

    public bool Enabled { get; set; }

    /// <summary>The OpenAI-compatible base URL, ending in <c>/v1</c> (e.g. http://localhost:11434/v1 for Ollama).</summary>
    public string? Endpoint { get; set; }

    /// <summary>Sent as <c>Authorization: Bearer</c>; servers without keys (Ollama, vLLM) ignore it.</summary>
    public string? ApiKey { get; set; }

    /// <summary>The chat model (e.g. <c>gpt-4o-mini</c>, <c>qwen2.5:7b</c>, an Azure deployment name).</summary>
    public string? Model { get; set; }

    /// <summary>Deadline of one request to the model; past it the agent is told and nothing is kept.</summary>
    [Range(0.1, 300, ErrorMessage = "Llm:TimeoutSeconds must be between 0.1 and 300")]
    public double TimeoutSeconds { get; set; } = 30;

    /// <summary>The most tokens one answer of the model may use.</summary>
    [Range(16, 8192, ErrorMessage = "Llm:MaxTokens must be between 16 and 8192")]
    public int MaxTokens { get; set; } = 600;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Enabled) yield break;
        if (!Uri.TryCreate(Endpoint, UriKind.Absolute, out var endpoint) || endpoint.Scheme is not ("http" or "https"))
            yield return new ValidationResult("Llm:Endpoint must be an absolute http(s) URL (e.g. http://localhost:11434/v1) when Llm:Enabled is true", [nameof(Endpoint)]);
        if (string.IsNullOrWhiteSpace(Model))
            yield return new ValidationResult("Llm:Model must name the chat model when Llm:Enabled is true", [nameof(Model)]);
    }
}
