using Assistant.Knowledge;
using Microsoft.Extensions.Options;

namespace Assistant.Server.Hosting;

/// <summary>
/// A start-up stopped by a bad knowledge file or a bad setting is the operator's to fix, not a crash:
/// its <c>file:line: field</c> messages are printed once, alone, and the process exits with 1 (instead
/// of the host's log entry plus the runtime's unhandled-exception dump, each with a stack trace).
/// </summary>
public static class StartupFailure
{
    /// <summary>Drops the host's own "Hosting failed to start" entry; <see cref="Describe"/> reports the cause once.</summary>
    public static WebApplicationBuilder AddStartupFailureReporting(this WebApplicationBuilder builder)
    {
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.Critical);
        return builder;
    }

    /// <summary>
    /// True when the server is the process (not hosted in memory by a test's WebApplicationFactory,
    /// which needs the exception itself).
    /// </summary>
    public static bool IsOwnProcess => System.Reflection.Assembly.GetEntryAssembly() == typeof(StartupFailure).Assembly;

    /// <summary>The operator's message for a configuration failure, or null for anything else (a real crash).</summary>
    public static string? Describe(Exception exception)
    {
        var lines = new List<string>();
        return Collect(exception, lines) && lines.Count > 0 ? "Assistant.Server did not start:" + Environment.NewLine + string.Join(Environment.NewLine, lines.Distinct()) : null;
    }

    private static bool Collect(Exception exception, List<string> lines)
    {
        switch (exception)
        {
            case KnowledgeValidationException knowledge:
                lines.AddRange(knowledge.Errors.Select(e => "  " + e));
                return true;
            case OptionsValidationException options:
                lines.AddRange(options.Failures.Select(f => "  " + f));
                return true;
            case AggregateException aggregate:
                return aggregate.InnerExceptions.All(inner => Collect(inner, lines));
            case System.Reflection.TargetInvocationException { InnerException: { } inner }:
                return Collect(inner, lines);
            default:
                return false;
        }
    }
}
