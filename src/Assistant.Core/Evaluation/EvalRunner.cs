using System.Diagnostics;
using Assistant.Understanding;

namespace Assistant.Evaluation;

/// <summary>Anything that decides a first reply for a message: the assistant's pipeline, or a baseline.</summary>
public interface IMessageDecider
{
    Task<Decision> DecideAsync(string message, CancellationToken cancellationToken = default);
}

public static class EvalRunner
{
    /// <summary>
    /// Decides the messages over and over for at least <paramref name="duration"/>, so that the runtime's
    /// tiered compilation has finished and latency reflects a server in steady state.
    /// </summary>
    public static async Task WarmUpAsync(IMessageDecider decider, IReadOnlyList<string> messages, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        while (messages.Count > 0 && Stopwatch.GetElapsedTime(started) < duration)
            foreach (var message in messages)
                await decider.DecideAsync(message, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Judges every case, timing each decision; warm the decider up first when latency matters.</summary>
    public static async Task<IReadOnlyList<EvalResult>> RunAsync(IMessageDecider decider, IReadOnlyList<EvalCase> cases, CancellationToken cancellationToken = default)
    {
        var results = new List<EvalResult>(cases.Count);
        foreach (var c in cases)
        {
            var started = Stopwatch.GetTimestamp();
            var decision = await decider.DecideAsync(c.Text, cancellationToken).ConfigureAwait(false);
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            results.Add(new EvalResult(c, decision, EvalJudge.IsRight(c, decision), elapsed));
        }
        return results;
    }
}
