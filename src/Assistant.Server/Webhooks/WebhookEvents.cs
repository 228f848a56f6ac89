using System.Text.Json;
using Assistant.Handoff;
using Assistant.Server.Agents;
using Microsoft.Extensions.Options;

namespace Assistant.Server.Webhooks;

/// <summary>What a ticket event looks like on the wire to the webhook receiver; null when no webhook is configured.</summary>
public sealed class WebhookEvents(TicketViews views, IOptions<WebhookOptions> options)
{
    public const string Topic = "webhook";

    public string? Payload(TicketEvent ticketEvent) =>
        options.Value.Enabled ? JsonSerializer.Serialize(views.Event(ticketEvent), TicketViews.Json) : null;
}
