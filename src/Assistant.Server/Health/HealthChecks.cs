using System.Text.Json;
using Assistant.Knowledge;
using Assistant.Retrieval;
using Assistant.Server.Storage;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Assistant.Server.Health;

/// <summary>The database answers a query.</summary>
public sealed class DatabaseHealthCheck(Database database) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = database.Open();
            await using var command = Database.Command(connection, "SELECT 1", null);
            await command.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy(database.Provider);
        }
        catch (Exception ex)
        {
            return HealthCheckResult.Unhealthy($"{database.Provider} is unreachable: {ex.Message}");
        }
    }
}

/// <summary>The vector index in use; degraded when a remote index fails and the embedded one answers instead.</summary>
public sealed class VectorIndexHealthCheck(IVectorIndex index) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(index is FallbackVectorIndex { Degraded: true } fallback
            ? HealthCheckResult.Degraded($"{fallback.Primary.Name} is unreachable; answering from the embedded index ({fallback.LastError})")
            : HealthCheckResult.Healthy(index is FallbackVectorIndex f ? f.Primary.Name : index.Name));
}

/// <summary>The knowledge base loaded and the model serves.</summary>
public sealed class KnowledgeHealthCheck(Editing.KnowledgeRuntime runtime) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var current = runtime.Current;
        return Task.FromResult(HealthCheckResult.Healthy($"{current.Knowledge.Faqs.Count} FAQ entries, {current.Knowledge.Intents.Count} intents" +
            (current.VersionId is { } version ? $", knowledge version {version}" : "")));
    }
}

public static class HealthEndpoints
{
    public static WebApplicationBuilder AddHealth(this WebApplicationBuilder builder)
    {
        builder.Services.AddHealthChecks()
            .AddCheck<KnowledgeHealthCheck>("knowledge", tags: ["ready"])
            .AddCheck<DatabaseHealthCheck>("database", tags: ["ready"])
            .AddCheck<VectorIndexHealthCheck>("vector-index", tags: ["ready"]);
        return builder;
    }

    /// <summary><c>/healthz</c>: the process is alive. <c>/readyz</c>: every dependency, each with its status (503 when one is down).</summary>
    public static void MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync });
        app.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready"), ResponseWriter = WriteAsync });
    }

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            status = report.Status.ToString().ToLowerInvariant(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString().ToLowerInvariant(), description = e.Value.Description }),
        }, TicketViewsJson));
    }

    private static readonly JsonSerializerOptions TicketViewsJson = Agents.TicketViews.Json;
}
