using Assistant.Dialogue;
using Assistant.Knowledge;
using Microsoft.Extensions.Logging;

namespace Assistant.Handoff;

public enum AgentRole { Agent, Supervisor }

/// <summary>A signed-in agent: who they are and which tickets their role lets them see.</summary>
public sealed record AgentAccount(string Id, string Name, AgentRole Role, IReadOnlyList<string> Categories)
{
    public AgentRef Ref => new(Id, Name);

    /// <summary>Supervisors see everything; agents see their categories (all when none are set) and their own tickets.</summary>
    public bool CanSee(Ticket ticket) =>
        Role == AgentRole.Supervisor || Categories.Count == 0 || Categories.Contains(ticket.Details.Category) || ticket.Owner?.Id == Id;
}

public enum DeskOutcome { Done, NotFound, NotYours, Closed, DeliveryFailed }

/// <summary>
/// What agents do with tickets. Ownership is a state machine (bot → queued → agent → bot): only the
/// owner (or a supervisor) replies, hands back or resolves; every step is stored first, then pushed
/// to consoles, then told to the seller through their own channel.
/// </summary>
public sealed class AgentDesk(ITicketStore tickets, ITicketEvents events, ISellerMessenger messenger, KnowledgeBase knowledge, TimeProvider time, ILogger<AgentDesk> logger)
{
    private readonly TicketLedger _ledger = new(tickets, events);
    private ReplyTexts Replies => knowledge.Replies;

    public async Task<IReadOnlyList<Ticket>> QueueAsync(AgentAccount agent, CancellationToken cancellationToken = default)
    {
        var open = await tickets.ListAsync([TicketStatus.Queued, TicketStatus.Claimed, TicketStatus.HandedBack], cancellationToken: cancellationToken);
        return open.Where(agent.CanSee).ToArray();
    }

    public async Task<Ticket?> GetAsync(AgentAccount agent, string number, CancellationToken cancellationToken = default)
    {
        var ticket = await tickets.GetAsync(number, cancellationToken);
        return ticket is not null && agent.CanSee(ticket) ? ticket : null;
    }

    public async Task<(DeskOutcome, Ticket?)> ClaimAsync(AgentAccount agent, string number, CancellationToken cancellationToken = default)
    {
        if (await GetAsync(agent, number, cancellationToken) is null) return (DeskOutcome.NotFound, null);
        var joined = Replies.Format("agentJoined", ("name", agent.Name));
        var (outcome, updated) = await _ledger.ClaimAsync(number, agent.Ref, new TranscriptEntry(MessageRole.System, joined, time.GetUtcNow(), agent.Name), cancellationToken);
        switch (outcome)
        {
            case ClaimOutcome.AlreadyYours:
                return (DeskOutcome.Done, updated);
            case ClaimOutcome.ClaimedByOther:
                return (DeskOutcome.NotYours, updated);
            case ClaimOutcome.Closed:
                return (DeskOutcome.Closed, updated);
            case ClaimOutcome.NotFound:
                return (DeskOutcome.NotFound, null);
        }

        var delivered = await TellSellerAsync(updated!, joined, "agent.joined", [], cancellationToken);
        return (delivered ? DeskOutcome.Done : DeskOutcome.DeliveryFailed, await tickets.GetAsync(number, cancellationToken));
    }

    public async Task<(DeskOutcome, TranscriptEntry?)> ReplyAsync(AgentAccount agent, string number, string text, CancellationToken cancellationToken = default)
    {
        var ticket = await GetAsync(agent, number, cancellationToken);
        if (ticket is null) return (DeskOutcome.NotFound, null);
        if (ticket.Status != TicketStatus.Claimed) return (DeskOutcome.Closed, null);
        if (ticket.Owner?.Id != agent.Id) return (DeskOutcome.NotYours, null);

        var entry = new TranscriptEntry(MessageRole.Agent, text.Trim(), time.GetUtcNow(), agent.Name);
        var updated = await _ledger.AppendAsync(number, entry, cancellationToken);
        var delivered = await TellSellerAsync(updated, entry.Text, "agent.reply", [], cancellationToken);
        return (delivered ? DeskOutcome.Done : DeskOutcome.DeliveryFailed, entry);
    }

    public Task<(DeskOutcome, Ticket?)> HandBackAsync(AgentAccount agent, string number, CancellationToken cancellationToken = default) =>
        CloseAsync(agent, number, TicketStatus.HandedBack, TicketEvent.HandedBack, Replies["handedBack"], [Replies["solvedAction"], Replies["notSolvedAction"]], cancellationToken);

    public Task<(DeskOutcome, Ticket?)> ResolveAsync(AgentAccount agent, string number, CancellationToken cancellationToken = default) =>
        CloseAsync(agent, number, TicketStatus.Resolved, TicketEvent.Resolved, Replies["resolvedByAgent"], [], cancellationToken);

    private async Task<(DeskOutcome, Ticket?)> CloseAsync(AgentAccount agent, string number, TicketStatus status, string eventType, string toSeller, IReadOnlyList<string> suggestions, CancellationToken cancellationToken)
    {
        var ticket = await GetAsync(agent, number, cancellationToken);
        if (ticket is null) return (DeskOutcome.NotFound, null);
        if (!ticket.IsOpen) return (DeskOutcome.Closed, ticket);
        var mayAct = ticket.Owner?.Id == agent.Id || agent.Role == AgentRole.Supervisor || (ticket.Status == TicketStatus.Queued && status == TicketStatus.Resolved);
        if (!mayAct) return (DeskOutcome.NotYours, ticket);

        var updated = await _ledger.CloseAsync(number, status, agent.Ref, new TranscriptEntry(MessageRole.System, toSeller, time.GetUtcNow(), agent.Name), cancellationToken);
        if (updated is null) return (DeskOutcome.NotFound, null);
        var delivered = await TellSellerAsync(updated, toSeller, "agent." + eventType, suggestions, cancellationToken);
        return (delivered ? DeskOutcome.Done : DeskOutcome.DeliveryFailed, await tickets.GetAsync(number, cancellationToken));
    }

    private async Task<bool> TellSellerAsync(Ticket ticket, string text, string intent, IReadOnlyList<string> suggestions, CancellationToken cancellationToken)
    {
        var reply = new AssistantReply(text, suggestions, new AssistantInfo("agent", null, null, intent, 1) { Ticket = ticket.Number, Agent = ticket.Owner?.Name });
        try
        {
            await messenger.SendAsync(ticket.Conversation, reply, cancellationToken);
            return true;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogError(ex, "Could not deliver {Intent} of ticket {Number} to {Channel} conversation {ConversationId}",
                intent, ticket.Number, ticket.Conversation.Channel, ticket.Conversation.ConversationId);
            return false;
        }
    }
}
