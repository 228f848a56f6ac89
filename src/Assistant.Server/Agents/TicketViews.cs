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

public sealed record TicketDetailView(
    TicketSummaryView Ticket, string Description, IReadOnlyList<MessageView> Transcript, IReadOnlyList<FaqShownView> FaqShown);

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

    /// <summary>The detail flattens the summary's fields next to the transcript, as the console expects.</summary>
    public object Detail(Ticket t)
    {
        var summary = Summary(t);
        return new
        {
            summary.Number, summary.Status, summary.Category, summary.CategoryLabel, summary.Urgency, summary.UrgencyReason,
            summary.SellerId, summary.SellerIdUnverified, summary.OrderNumber, summary.OrderNumberUnknown, summary.ProductName,
            summary.Summary, summary.Owner, summary.Channel, summary.CreatedAt, summary.UpdatedAt,
            t.Details.Description,
            Transcript = t.Transcript.Select(Message).ToArray(),
            FaqShown = t.FaqShown.Select(f => new FaqShownView(f.FaqId, f.Title)).ToArray(),
        };
    }

    public static MessageView Message(TranscriptEntry m) => new(Role(m.Role), m.Text, m.At, m.Author);

    public TicketEventView Event(TicketEvent e) =>
        new(Guid.NewGuid().ToString("N"), e.Type, DateTimeOffset.UtcNow, Summary(e.Ticket), e.Message is null ? null : Message(e.Message));
}
