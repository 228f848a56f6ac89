namespace Assistant.Handoff;

public enum TicketStatus { Queued, Claimed, HandedBack, Resolved }

public enum MessageRole { Seller, Bot, Agent, System }

/// <summary>An agent as the ticket records them.</summary>
public sealed record AgentRef(string Id, string Name);

/// <summary>Where the seller is: enough for any channel to reach them again (the reference is the channel's own JSON).</summary>
/// <param name="SellerKey">
/// Who the seller is on the channel (the channel's user id: Bot Framework <c>from.id</c>, the Direct Line token's
/// user, the TalkTalk user), the same in every conversation of theirs there; null when the channel does not say.
/// Only ever compared within one channel.
/// </param>
public sealed record ConversationAddress(string Channel, string ConversationId, string Reference, string? SellerKey = null);

public sealed record TranscriptEntry(MessageRole Role, string Text, DateTimeOffset At, string? Author = null);

public sealed record FaqShown(string FaqId, string Title);

/// <summary>What an agent needs to know about the case: the collected details, the seller's words, how urgent it is.</summary>
public sealed record TicketDetails(
    string? SellerId,
    bool SellerIdUnverified,
    string? OrderNumber,
    bool OrderNumberUnknown,
    string? ProductName,
    string Category,
    string Description,
    string Urgency,
    string? UrgencyReason);

/// <summary>What the seller confirmed; becomes a <see cref="Ticket"/> once stored.</summary>
/// <param name="RequestKey">Identifies the request (one handoff form): creating twice with the same key makes one ticket.</param>
public sealed record TicketDraft(
    ConversationAddress Conversation,
    TicketDetails Details,
    IReadOnlyList<TranscriptEntry> Transcript,
    IReadOnlyList<FaqShown> FaqShown,
    string? RequestKey = null);

/// <summary>The outcome of a create: the ticket, and whether this call made it (false: an earlier call with the same request key did).</summary>
public sealed record TicketCreation(Ticket Ticket, bool IsNew);

public sealed record Ticket(
    string Number,
    TicketStatus Status,
    ConversationAddress Conversation,
    TicketDetails Details,
    IReadOnlyList<FaqShown> FaqShown,
    AgentRef? Owner,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    /// <summary>Messages, oldest first; empty when the ticket was read without them.</summary>
    public IReadOnlyList<TranscriptEntry> Transcript { get; init; } = [];

    public bool IsOpen => Status is TicketStatus.Queued or TicketStatus.Claimed;
}

/// <summary>What happened to a ticket, for the agent console (pushed) and the outbound webhook.</summary>
public sealed record TicketEvent(string Type, Ticket Ticket, TranscriptEntry? Message = null)
{
    public const string Created = "created", Claimed = "claimed", Message_ = "message", HandedBack = "handedBack", Resolved = "resolved";
}
