using System.ComponentModel.DataAnnotations;
using System.IO.Hashing;
using System.Text;

namespace Assistant.Embeddings;

/// <summary>
/// Configuration section <c>Embeddings</c>: the local hashed n-gram embeddings alone (<c>local</c>, the
/// default), or with a neural path (<c>openai</c>): an OpenAI-compatible embeddings endpoint (OpenAI,
/// Azure OpenAI, Ollama, vLLM) whose similarity is fused with the local evidence by <see cref="Weight"/>.
/// </summary>
public sealed class EmbeddingsOptions : IValidatableObject
{
    public const string Section = "Embeddings";

    [Required, RegularExpression("^(local|openai)$", ErrorMessage = "Embeddings:Provider must be local or openai")]
    public string Provider { get; set; } = "local";

    /// <summary>The OpenAI-compatible base URL, ending in <c>/v1</c> (e.g. http://localhost:11434/v1 for Ollama).</summary>
    public string? Endpoint { get; set; }

    /// <summary>The embedding model (e.g. <c>nomic-embed-text</c>, <c>text-embedding-3-small</c>, an Azure deployment name).</summary>
    public string? Model { get; set; }

    /// <summary>Sent as <c>Authorization: Bearer</c>; servers without keys (Ollama, vLLM) ignore it.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Asks the model for vectors of this size (models that support shortening); empty: the model's own size.</summary>
    [Range(1, 16384, ErrorMessage = "Embeddings:Dimensions must be between 1 and 16384")]
    public int? Dimensions { get; set; }

    /// <summary>Deadline of one query embedding; an ingest batch gets ten times this.</summary>
    [Range(0.1, 120, ErrorMessage = "Embeddings:TimeoutSeconds must be between 0.1 and 120")]
    public double TimeoutSeconds { get; set; } = 5;

    /// <summary>How much the neural similarity counts in the fused retrieval score (0..1); the local evidence keeps the rest.</summary>
    [Range(0.0, 1.0, ErrorMessage = "Embeddings:Weight must be between 0 and 1")]
    public double Weight { get; set; } = 0.3;

    /// <summary>Texts per embeddings request when the knowledge base is indexed.</summary>
    [Range(1, 2048, ErrorMessage = "Embeddings:BatchSize must be between 1 and 2048")]
    public int BatchSize { get; set; } = 64;

    public bool IsNeural => Provider == "openai";

    /// <summary>What identifies the neural vectors: endpoint, model and size. Vectors of another key are never mixed with these.</summary>
    public string ModelKey => $"{Endpoint?.TrimEnd('/')}|{Model}|{Dimensions?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "native"}";

    /// <summary>The collection holding the neural vectors next to <paramref name="baseCollection"/>: named after the model,
    /// so a changed endpoint, model or size is indexed afresh instead of searched with another model's vectors.</summary>
    public string NeuralCollection(string baseCollection)
    {
        var slug = new string((Model ?? "model").ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray()).Trim('-');
        if (slug.Length > 40) slug = slug[..40];
        var hash = XxHash32.HashToUInt32(Encoding.UTF8.GetBytes(ModelKey));
        return $"{baseCollection}-neural-{slug}-{hash:x8}";
    }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!IsNeural) yield break;
        if (!Uri.TryCreate(Endpoint, UriKind.Absolute, out var endpoint) || endpoint.Scheme is not ("http" or "https"))
            yield return new ValidationResult("Embeddings:Endpoint must be an absolute http(s) URL (e.g. http://localhost:11434/v1) when Embeddings:Provider is openai", [nameof(Endpoint)]);
        if (string.IsNullOrWhiteSpace(Model))
            yield return new ValidationResult("Embeddings:Model must name the embedding model when Embeddings:Provider is openai", [nameof(Model)]);
    }
}
