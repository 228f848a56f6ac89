namespace Assistant.Handoff;

/// <summary>
/// The one place ticket changes are made and announced: each change is committed to the store
/// first, and only then is its event raised, once (a replayed create that found its earlier ticket
/// raises nothing). The conversation and the agent desk change tickets only through here.
/// </summary>
public sealed class TicketLedger(ITicketStore store, ITicketEvents events)
{
    public ITicketStore Store => store;

    public async Task<TicketCreation> CreateAsync(TicketDraft draft, CancellationToken cancellationToken = default)
    {
        var creation = await store.CreateAsync(draft, cancellationToken);
        if (creation.IsNew) await events.PublishAsync(new TicketEvent(TicketEvent.Created, creation.Ticket), cancellationToken);
        return creation;
    }

    /// <summary>Adds a message to the ticket's transcript and tells watchers.</summary>
    public async Task<Ticket> AppendAsync(string number, TranscriptEntry entry, CancellationToken cancellationToken = default)
    {
        var updated = await store.AppendAsync(number, entry, cancellationToken);
        await events.PublishAsync(new TicketEvent(TicketEvent.Message_, updated, entry), cancellationToken);
        return updated;
    }

    /// <summary>Gives a queued ticket to an agent; when this call won it, records <paramref name="joined"/> and announces the claim.</summary>
    public async Task<(ClaimOutcome Outcome, Ticket? Ticket)> ClaimAsync(string number, AgentRef agent, TranscriptEntry joined, CancellationToken cancellationToken = default)
    {
        var (outcome, ticket) = await store.ClaimAsync(number, agent, cancellationToken);
        if (outcome != ClaimOutcome.Claimed) return (outcome, ticket);
        var updated = await store.AppendAsync(number, joined, cancellationToken);
        await events.PublishAsync(new TicketEvent(TicketEvent.Claimed, updated), cancellationToken);
        return (outcome, updated);
    }

    /// <summary>
    /// Hands a ticket back to the bot or resolves it, recording what the seller is told; null when the
    /// ticket does not exist.
    /// </summary>
    public async Task<Ticket?> CloseAsync(string number, TicketStatus status, AgentRef? by, TranscriptEntry? note, CancellationToken cancellationToken = default)
    {
        if (status is not (TicketStatus.HandedBack or TicketStatus.Resolved)) throw new ArgumentOutOfRangeException(nameof(status), status, "only hand-back and resolve close a ticket");
        var updated = await store.SetStatusAsync(number, status, by, cancellationToken);
        if (updated is null) return null;
        if (note is not null) updated = await store.AppendAsync(number, note, cancellationToken);
        await events.PublishAsync(new TicketEvent(status == TicketStatus.HandedBack ? TicketEvent.HandedBack : TicketEvent.Resolved, updated), cancellationToken);
        return updated;
    }
}
