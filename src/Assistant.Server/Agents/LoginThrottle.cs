using System.Collections.Concurrent;

namespace Assistant.Server.Agents;

/// <summary>
/// Limits failed sign-ins without locking out a whole office behind one address. Only failures
/// count, in a sliding window (<see cref="AgentOptions.LoginWindowMinutes"/>):
/// <list type="bullet">
/// <item>per (account name, address): after <see cref="AgentOptions.FailuresPerAccountAndAddress"/> failures
/// that account is refused from that address, the right password included, until the window passes;</item>
/// <item>per account name, from any address: after <see cref="AgentOptions.FailuresPerAccount"/> failures
/// (a higher bound, against guessing spread over many addresses).</item>
/// </list>
/// Another user's failures from the same address never block a correct password, and unknown names
/// are counted exactly like real ones, so the limit tells nothing about which accounts exist.
/// A success clears that (account, address) count. Counts are kept per instance, in memory.
/// </summary>
public sealed class LoginThrottle(TimeProvider time)
{
    private const int MaxKeys = 50_000;
    private readonly ConcurrentDictionary<string, Queue<DateTimeOffset>> _failures = new(StringComparer.Ordinal);

    /// <summary>How long this attempt must wait, or null if it may go ahead to the password check.</summary>
    public TimeSpan? RetryAfter(string account, string address, AgentOptions options)
    {
        var window = TimeSpan.FromMinutes(options.LoginWindowMinutes);
        var now = time.GetUtcNow();
        TimeSpan? wait = null;
        foreach (var (key, limit) in Keys(account, address, options))
        {
            if (!_failures.TryGetValue(key, out var failures)) continue;
            lock (failures)
            {
                Expire(failures, now - window);
                if (failures.Count >= limit)
                {
                    var free = failures.ElementAt(failures.Count - limit) + window - now;
                    if (wait is null || free > wait) wait = free;
                }
            }
        }
        return wait;
    }

    public void Failed(string account, string address, AgentOptions options)
    {
        var now = time.GetUtcNow();
        if (_failures.Count > MaxKeys) Prune(now - TimeSpan.FromMinutes(options.LoginWindowMinutes));
        foreach (var (key, _) in Keys(account, address, options))
        {
            var failures = _failures.GetOrAdd(key, _ => new Queue<DateTimeOffset>());
            lock (failures) failures.Enqueue(now);
        }
    }

    /// <summary>A correct password clears the count of this account from this address (not the account's overall count).</summary>
    public void Succeeded(string account, string address) => _failures.TryRemove(PairKey(account, address), out _);

    private static (string Key, int Limit)[] Keys(string account, string address, AgentOptions options) =>
        [(PairKey(account, address), options.FailuresPerAccountAndAddress), ("account\n" + account, options.FailuresPerAccount)];

    private static string PairKey(string account, string address) => "pair\n" + account + "\n" + address;

    private static void Expire(Queue<DateTimeOffset> failures, DateTimeOffset before)
    {
        while (failures.Count > 0 && failures.Peek() <= before) failures.Dequeue();
    }

    private void Prune(DateTimeOffset before)
    {
        foreach (var (key, failures) in _failures)
        {
            bool empty;
            lock (failures) { Expire(failures, before); empty = failures.Count == 0; }
            if (empty) _failures.TryRemove(key, out _);
        }
    }
}
