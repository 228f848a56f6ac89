using System.ComponentModel.DataAnnotations;

namespace Assistant.Server.Storage;

/// <summary>Configuration section <c>Storage</c>: where tickets, the outbox and conversation state live.</summary>
public sealed class StorageOptions : IValidatableObject
{
    public const string Section = "Storage";

    /// <summary><c>sqlite</c> (embedded default) or <c>postgres</c>.</summary>
    [Required, RegularExpression("^(sqlite|postgres)$")] public string Provider { get; set; } = "sqlite";

    /// <summary>SQLite file; relative paths are under the content root.</summary>
    [Required] public string SqlitePath { get; set; } = "data/assistant.db";

    /// <summary>Npgsql connection string, for <c>Provider = postgres</c>.</summary>
    public string? PostgresConnectionString { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Provider == "postgres" && string.IsNullOrWhiteSpace(PostgresConnectionString))
            yield return new ValidationResult("Storage:PostgresConnectionString is required when Storage:Provider is postgres", [nameof(PostgresConnectionString)]);
    }
}
