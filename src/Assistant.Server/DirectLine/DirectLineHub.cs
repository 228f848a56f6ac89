using System.Collections.Concurrent;
using System.Threading.Channels;

namespace Assistant.Server.DirectLine;

/// <summary>Wakes the open streams of a conversation when an activity is stored for it.</summary>
public sealed class DirectLineHub
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<Guid, Channel<bool>>> _streams = new();

    /// <summary>Set when several instances share the store: wake-ups then go to every instance.</summary>
    public Func<string, Task>? Broadcast { get; set; }

    public void Notify(string conversationId)
    {
        if (Broadcast is { } broadcast) _ = broadcast(conversationId);
        else NotifyLocal(conversationId);
    }

    public void NotifyLocal(string conversationId)
    {
        if (_streams.TryGetValue(conversationId, out var subscribers))
            foreach (var s in subscribers.Values) s.Writer.TryWrite(true);
    }

    public Subscription Subscribe(string conversationId)
    {
        var channel = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
        var id = Guid.NewGuid();
        while (true)
        {
            var current = _streams.GetOrAdd(conversationId, _ => new());
            current.TryAdd(id, channel);
            // Another stream's cleanup may have dropped this map just now: join the live one instead.
            if (_streams.TryGetValue(conversationId, out var live) && ReferenceEquals(live, current)) break;
            current.TryRemove(id, out _);
        }
        return new Subscription(channel.Reader, () =>
        {
            if (!_streams.TryGetValue(conversationId, out var subscribers)) return;
            subscribers.TryRemove(id, out _);
            // The last stream of a conversation closed: forget it (only if nobody subscribed meanwhile).
            if (subscribers.IsEmpty) _streams.TryRemove(new KeyValuePair<string, ConcurrentDictionary<Guid, Channel<bool>>>(conversationId, subscribers));
        });
    }

    public sealed class Subscription(ChannelReader<bool> reader, Action unsubscribe) : IDisposable
    {
        public ChannelReader<bool> Reader => reader;
        public void Dispose() => unsubscribe();
    }
}
