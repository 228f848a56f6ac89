using System.Text.Json;
using Assistant.Handoff;
using Assistant.Server.Agents;
using Microsoft.Extensions.Options;

namespace Assistant.Server.Webhooks;

/// <summary>
/// What a ticket event looks like on the wire to the webhook receiver; null when no webhook is configured.
/// Its <c>id</c> is made once, when the event is queued, so every retry carries the same id for the receiver to deduplicate.
/// </summary>
public sealed class WebhookEvents(TicketViews views, IOptions<WebhookOptions> options)
{
    public const string Topic = "webhook";

    public string? Payload(TicketEvent ticketEvent) =>
        options.Value.Enabled ? JsonSerializer.Serialize(views.Event(ticketEvent), TicketViews.Json) : null;
}
