using System.Globalization;
using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace Assistant.Handoff;

/// <summary>
/// Tickets in memory, with the contract of the SQL store: numbers T000001, T000002… in creation order,
/// one ticket per <see cref="TicketDraft.RequestKey"/> (a repeated create returns the first one with
/// <c>IsNew = false</c>), only a queued ticket can be claimed, transcripts only from <see cref="GetAsync"/>
/// and creates. For evaluation and tests: nothing survives the process.
/// </summary>
public sealed class InMemoryTicketStore(TimeProvider time) : ITicketStore
{
    private readonly Lock _lock = new();
    private readonly List<Stored> _tickets = [];
    private readonly Dictionary<string, Stored> _byRequest = new(StringComparer.Ordinal);

    public InMemoryTicketStore() : this(TimeProvider.System) { }

    /// <summary>How many tickets were ever stored.</summary>
    public int Count
    {
        get { lock (_lock) return _tickets.Count; }
    }

    public Task<TicketCreation> CreateAsync(TicketDraft draft, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            if (draft.RequestKey is { } key && _byRequest.TryGetValue(key, out var earlier))
                return Task.FromResult(new TicketCreation(earlier.WithTranscript(), IsNew: false));
            var now = time.GetUtcNow();
            var number = "T" + (_tickets.Count + 1).ToString("D6", CultureInfo.InvariantCulture);
            var stored = new Stored(new Ticket(number, TicketStatus.Queued, draft.Conversation, draft.Details, draft.FaqShown.ToArray(), null, now, now), [.. draft.Transcript]);
            _tickets.Add(stored);
            if (draft.RequestKey is not null) _byRequest[draft.RequestKey] = stored;
            return Task.FromResult(new TicketCreation(stored.WithTranscript(), IsNew: true));
        }
    }

    public Task<Ticket?> GetAsync(string number, CancellationToken cancellationToken = default)
    {
        lock (_lock) return Task.FromResult(Find(number)?.WithTranscript());
    }

    public Task<Ticket?> FindLatestByConversationAsync(string channel, string conversationId, CancellationToken cancellationToken = default)
    {
        lock (_lock)
            return Task.FromResult(_tickets.LastOrDefault(t => t.Ticket.Conversation.Channel == channel && t.Ticket.Conversation.ConversationId == conversationId)?.Ticket);
    }

    public Task<Ticket?> FindLatestBySellerAsync(string channel, string sellerKey, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            var theirs = _tickets.Select(t => t.Ticket).Where(t => t.Conversation.Channel == channel && t.Conversation.SellerKey == sellerKey).ToArray();
            return Task.FromResult(theirs.LastOrDefault(t => t.IsOpen) ?? theirs.LastOrDefault());
        }
    }

    public Task<IReadOnlyList<Ticket>> ListAsync(IReadOnlyCollection<TicketStatus> statuses, int limit = 200, CancellationToken cancellationToken = default)
    {
        lock (_lock)
            return Task.FromResult<IReadOnlyList<Ticket>>(_tickets.AsEnumerable().Reverse().Select(t => t.Ticket).Where(t => statuses.Contains(t.Status)).Take(limit).ToArray());
    }

    public Task<(ClaimOutcome Outcome, Ticket? Ticket)> ClaimAsync(string number, AgentRef agent, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            if (Find(number) is not { } stored) return Task.FromResult<(ClaimOutcome, Ticket?)>((ClaimOutcome.NotFound, null));
            var ticket = stored.Ticket;
            if (ticket.Status == TicketStatus.Queued)
            {
                stored.Ticket = ticket with { Status = TicketStatus.Claimed, Owner = agent, UpdatedAt = time.GetUtcNow() };
                return Task.FromResult<(ClaimOutcome, Ticket?)>((ClaimOutcome.Claimed, stored.WithTranscript()));
            }
            var outcome = ticket.Status != TicketStatus.Claimed ? ClaimOutcome.Closed
                : ticket.Owner?.Id == agent.Id ? ClaimOutcome.AlreadyYours
                : ClaimOutcome.ClaimedByOther;
            return Task.FromResult<(ClaimOutcome, Ticket?)>((outcome, stored.WithTranscript()));
        }
    }

    public Task<Ticket> AppendAsync(string number, TranscriptEntry message, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            var stored = Find(number) ?? throw new KeyNotFoundException($"ticket {number} does not exist");
            stored.Transcript.Add(message);
            stored.Ticket = stored.Ticket with { UpdatedAt = time.GetUtcNow() };
            return Task.FromResult(stored.Ticket);
        }
    }

    public Task<Ticket?> SetStatusAsync(string number, TicketStatus status, AgentRef? by, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            if (Find(number) is not { } stored) return Task.FromResult<Ticket?>(null);
            stored.Ticket = stored.Ticket with { Status = status, UpdatedAt = time.GetUtcNow() };
            return Task.FromResult<Ticket?>(stored.Ticket);
        }
    }

    private Stored? Find(string number) => _tickets.FirstOrDefault(t => t.Ticket.Number == number);

    /// <summary>A ticket as stored (without transcript) and its messages.</summary>
    private sealed class Stored(Ticket ticket, List<TranscriptEntry> transcript)
    {
        public Ticket Ticket { get; set; } = ticket;
        public List<TranscriptEntry> Transcript { get; } = transcript;
        public Ticket WithTranscript() => Ticket with { Transcript = Transcript.ToArray() };
    }
}

/// <summary>Ticket events kept in order (<see cref="Published"/>) and pushed to live subscribers, in memory.</summary>
public sealed class RecordingTicketEvents : ITicketEvents
{
    private readonly Lock _lock = new();
    private readonly List<TicketEvent> _published = [];
    private readonly List<Channel<TicketEvent>> _subscribers = [];

    /// <summary>Every event published so far, oldest first.</summary>
    public IReadOnlyList<TicketEvent> Published
    {
        get { lock (_lock) return _published.ToArray(); }
    }

    public Task PublishAsync(TicketEvent ticketEvent, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            _published.Add(ticketEvent);
            foreach (var subscriber in _subscribers) subscriber.Writer.TryWrite(ticketEvent);
        }
        return Task.CompletedTask;
    }

    public async IAsyncEnumerable<TicketEvent> SubscribeAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var channel = Channel.CreateUnbounded<TicketEvent>();
        lock (_lock) _subscribers.Add(channel);
        try
        {
            await foreach (var item in channel.Reader.ReadAllAsync(cancellationToken)) yield return item;
        }
        finally
        {
            lock (_lock) _subscribers.Remove(channel);
        }
    }
}
