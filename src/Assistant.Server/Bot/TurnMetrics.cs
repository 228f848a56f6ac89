using System.Diagnostics.Metrics;

namespace Assistant.Server.Bot;

/// <summary>
/// Counters of the bot's turns on the <c>Assistant.Server</c> meter (read with dotnet-counters or any
/// OpenTelemetry exporter): turns run, state conflicts retried from fresh state, and conflicts that
/// persisted after every retry.
/// </summary>
public sealed class TurnMetrics : IDisposable
{
    public const string MeterName = "Assistant.Server";

    private readonly Meter _meter;
    private readonly Counter<long> _turns;
    private readonly Counter<long> _conflictsRetried;
    private readonly Counter<long> _conflictsFailed;

    public TurnMetrics(IMeterFactory meters)
    {
        _meter = meters.Create(MeterName);
        _turns = _meter.CreateCounter<long>("assistant.turns", description: "Message turns answered");
        _conflictsRetried = _meter.CreateCounter<long>("assistant.turn.state_conflicts.retried", description: "Turns whose state write lost a race and were run again from fresh state");
        _conflictsFailed = _meter.CreateCounter<long>("assistant.turn.state_conflicts.failed", description: "Turns whose state write still conflicted after every retry");
    }

    public void Turn(string channel) => _turns.Add(1, new KeyValuePair<string, object?>("channel", channel));

    public void ConflictRetried(string channel) => _conflictsRetried.Add(1, new KeyValuePair<string, object?>("channel", channel));

    public void ConflictFailed(string channel) => _conflictsFailed.Add(1, new KeyValuePair<string, object?>("channel", channel));

    /// <summary>The meter these counters are on (one per host).</summary>
    public Meter Meter => _meter;

    public void Dispose() => _meter.Dispose();
}
