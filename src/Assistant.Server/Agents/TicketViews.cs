using System.Text.Json;
using Assistant.Handoff;
using Assistant.Knowledge;

namespace Assistant.Server.Agents;

public sealed record AgentView(string Id, string Name);

public sealed record MessageView(string Role, string Text, DateTimeOffset At, string? Author);

public sealed record FaqShownView(string FaqId, string Title);

public record TicketSummaryView(
    string Number, string Status, string Category, string CategoryLabel, string Urgency, string? UrgencyReason,
    string? SellerId, bool SellerIdUnverified, string? OrderNumber, bool OrderNumberUnknown, string? ProductName,
    string Summary, AgentView? Owner, string Channel, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>A ticket's summary fields plus what the ticket view shows: the seller's words, the transcript, the answers already shown.</summary>
public sealed record TicketDetailView : TicketSummaryView
{
    public TicketDetailView(TicketSummaryView summary, string description, IReadOnlyList<MessageView> transcript, IReadOnlyList<FaqShownView> faqShown)
        : base(summary) => (Description, Transcript, FaqShown) = (description, transcript, faqShown);

    public string Description { get; }
    public IReadOnlyList<MessageView> Transcript { get; }
    public IReadOnlyList<FaqShownView> FaqShown { get; }
}

public sealed record TicketEventView(string Id, string Type, DateTimeOffset OccurredAt, TicketSummaryView Ticket, MessageView? Message);

/// <summary>The one JSON shape of tickets for the agent API, the pushed console events and the outbound webhook.</summary>
public sealed class TicketViews(KnowledgeBase knowledge)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Status(TicketStatus status) => status switch
    {
        TicketStatus.Queued => "queued",
        TicketStatus.Claimed => "claimed",
        TicketStatus.HandedBack => "handedBack",
        _ => "resolved",
    };

    public static string Role(MessageRole role) => role.ToString().ToLowerInvariant();

    public TicketSummaryView Summary(Ticket t)
    {
        var d = t.Details;
        return new(
            t.Number, Status(t.Status), d.Category, knowledge.Handoff.CategoryLabel(d.Category), d.Urgency, d.UrgencyReason,
            d.SellerId, d.SellerIdUnverified, d.OrderNumber, d.OrderNumberUnknown, d.ProductName,
            d.Description.Length <= 80 ? d.Description : d.Description[..80] + "…",
            t.Owner is null ? null : new AgentView(t.Owner.Id, t.Owner.Name), t.Conversation.Channel, t.CreatedAt, t.UpdatedAt);
    }

    public TicketDetailView Detail(Ticket t) =>
        new(Summary(t), t.Details.Description, t.Transcript.Select(Message).ToArray(), t.FaqShown.Select(f => new FaqShownView(f.FaqId, f.Title)).ToArray());

    public static MessageView Message(TranscriptEntry m) => new(Role(m.Role), m.Text, m.At, m.Author);

    public TicketEventView Event(TicketEvent e) =>
        new(Guid.NewGuid().ToString("N"), e.Type, DateTimeOffset.UtcNow, Summary(e.Ticket), e.Message is null ? null : Message(e.Message));
}
