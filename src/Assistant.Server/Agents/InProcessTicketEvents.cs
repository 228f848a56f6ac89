using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Assistant.Handoff;

namespace Assistant.Server.Agents;

/// <summary>Fans ticket events out to every open console stream of this process.</summary>
public sealed class InProcessTicketEvents : ITicketEvents
{
    private readonly ConcurrentDictionary<Guid, Channel<TicketEvent>> _subscribers = new();

    /// <summary>Open streams right now (each removed when its stream ends).</summary>
    public int SubscriberCount => _subscribers.Count;

    public Task PublishAsync(TicketEvent ticketEvent, CancellationToken cancellationToken = default)
    {
        foreach (var subscriber in _subscribers.Values) subscriber.Writer.TryWrite(ticketEvent);
        return Task.CompletedTask;
    }

    public async IAsyncEnumerable<TicketEvent> SubscribeAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var id = Guid.NewGuid();
        var channel = Channel.CreateBounded<TicketEvent>(new BoundedChannelOptions(1000) { FullMode = BoundedChannelFullMode.DropOldest });
        _subscribers[id] = channel;
        try
        {
            await foreach (var item in channel.Reader.ReadAllAsync(cancellationToken)) yield return item;
        }
        finally
        {
            _subscribers.TryRemove(id, out _);
        }
    }
}
