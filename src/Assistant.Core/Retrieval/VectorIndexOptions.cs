using System.ComponentModel.DataAnnotations;

namespace Assistant.Retrieval;

/// <summary>Configuration section <c>VectorIndex</c>: the embedded index (default) or Qdrant.</summary>
public sealed class VectorIndexOptions : IValidatableObject
{
    public const string Section = "VectorIndex";

    [Required, RegularExpression("^(embedded|qdrant)$")] public string Provider { get; set; } = "embedded";

    /// <summary>Qdrant's gRPC endpoint, e.g. http://localhost:6334.</summary>
    public string? QdrantEndpoint { get; set; }

    public string? QdrantApiKey { get; set; }

    [Required] public string Collection { get; set; } = "assistant-faq";

    [Range(0.1, 60)] public double TimeoutSeconds { get; set; } = 3;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Provider == "qdrant" && !Uri.TryCreate(QdrantEndpoint, UriKind.Absolute, out _))
            yield return new ValidationResult("VectorIndex:QdrantEndpoint must be an absolute URL when VectorIndex:Provider is qdrant", [nameof(QdrantEndpoint)]);
    }
}
