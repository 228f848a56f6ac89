namespace Assistant.Handoff;

public enum ClaimOutcome { Claimed, AlreadyYours, ClaimedByOther, Closed, NotFound }

/// <summary>
/// Durable tickets. Every change is written, with its outbound-webhook event, in one transaction
/// before the call returns, so nothing the seller or an agent was told can be lost by a restart.
/// Implemented by SQLite (embedded default) and PostgreSQL (scale-out).
/// </summary>
public interface ITicketStore
{
    /// <summary>
    /// Stores a new ticket, or, when a ticket was already made for the draft's
    /// <see cref="TicketDraft.RequestKey"/> (a resent or repeated confirmation), returns that one unchanged.
    /// </summary>
    Task<TicketCreation> CreateAsync(TicketDraft draft, CancellationToken cancellationToken = default);

    /// <summary>The ticket with its transcript, or null.</summary>
    Task<Ticket?> GetAsync(string number, CancellationToken cancellationToken = default);

    /// <summary>The newest ticket of a conversation, open or not, without its transcript.</summary>
    Task<Ticket?> FindLatestByConversationAsync(string channel, string conversationId, CancellationToken cancellationToken = default);

    /// <summary>
    /// The ticket of a seller (<see cref="ConversationAddress.SellerKey"/>) on a channel, from any of their conversations there,
    /// without its transcript: the newest open one (queued or claimed) when there is one, else the newest of all; null when
    /// the seller has none. Never a ticket of another seller or of another channel.
    /// </summary>
    Task<Ticket?> FindLatestBySellerAsync(string channel, string sellerKey, CancellationToken cancellationToken = default);

    /// <summary>Tickets in the given states, newest first, without transcripts.</summary>
    Task<IReadOnlyList<Ticket>> ListAsync(IReadOnlyCollection<TicketStatus> statuses, int limit = 200, CancellationToken cancellationToken = default);

    /// <summary>Takes a queued ticket for an agent; only one agent can win a race for it.</summary>
    Task<(ClaimOutcome Outcome, Ticket? Ticket)> ClaimAsync(string number, AgentRef agent, CancellationToken cancellationToken = default);

    Task<Ticket> AppendAsync(string number, TranscriptEntry message, CancellationToken cancellationToken = default);

    /// <summary>Moves a ticket to <paramref name="status"/> (hand-back or resolve); returns null if it does not exist.</summary>
    Task<Ticket?> SetStatusAsync(string number, TicketStatus status, AgentRef? by, CancellationToken cancellationToken = default);
}

/// <summary>Pushes ticket events to whoever watches (agent consoles on this or other instances).</summary>
public interface ITicketEvents
{
    Task PublishAsync(TicketEvent ticketEvent, CancellationToken cancellationToken = default);

    IAsyncEnumerable<TicketEvent> SubscribeAsync(CancellationToken cancellationToken);
}

/// <summary>Delivers a message to the seller of a ticket through the channel they used (proactive).</summary>
public interface ISellerMessenger
{
    Task SendAsync(ConversationAddress conversation, Dialogue.AssistantReply reply, CancellationToken cancellationToken = default);
}
