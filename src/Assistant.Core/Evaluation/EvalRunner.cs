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
    /// <summary>Judges every case; latency is measured per message after one warm-up pass.</summary>
    public static async Task<IReadOnlyList<EvalResult>> RunAsync(IMessageDecider decider, IReadOnlyList<EvalCase> cases, CancellationToken cancellationToken = default)
    {
        foreach (var c in cases.Take(20)) await decider.DecideAsync(c.Text, cancellationToken).ConfigureAwait(false);
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
