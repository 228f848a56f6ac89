using System.Text.Json;
using Assistant.Handoff;
using Assistant.Server.Agents;
using Assistant.Server.DirectLine;
using Npgsql;

namespace Assistant.Server.Storage;

/// <summary>Something every instance must hear: a ticket changed, or a Direct Line conversation has new activities.</summary>
public sealed record ClusterEvent(string Kind, string Key, string? Type = null, TranscriptEntry? Message = null);

/// <summary>
/// Cross-instance events over PostgreSQL LISTEN/NOTIFY. Every instance, the sender included, hears
/// each event once through its own listener and delivers it locally, so an agent on instance B sees
/// a ticket created on instance A at once, and nothing is delivered twice.
/// </summary>
public sealed class PostgresEventBus(PostgresDatabase database, InProcessTicketEvents localTickets, DirectLineHub hub, IServiceProvider services, ILogger<PostgresEventBus> logger)
    : BackgroundService, ITicketEvents
{
    private const string Channel = "assistant_events";
    private const int MaxPayloadBytes = 7_500; // PostgreSQL's limit is 8,000
    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once this instance is listening (start-up waits for it, so no early event is missed).</summary>
    public Task Listening => _listening.Task;

    public async Task PublishAsync(TicketEvent ticketEvent, CancellationToken cancellationToken = default)
    {
        var e = new ClusterEvent("ticket", ticketEvent.Ticket.Number, ticketEvent.Type, ticketEvent.Message);
        var payload = JsonSerializer.Serialize(e);
        if (System.Text.Encoding.UTF8.GetByteCount(payload) > MaxPayloadBytes)
            payload = JsonSerializer.Serialize(e with { Message = null }); // listeners read the message from the ticket
        await NotifyAsync(payload, cancellationToken);
    }

    public IAsyncEnumerable<TicketEvent> SubscribeAsync(CancellationToken cancellationToken) => localTickets.SubscribeAsync(cancellationToken);

    public Task NotifyDirectLineAsync(string conversationId) => NotifyAsync(JsonSerializer.Serialize(new ClusterEvent("directline", conversationId)), CancellationToken.None);

    private async Task NotifyAsync(string payload, CancellationToken cancellationToken)
    {
        await using var connection = (NpgsqlConnection)database.Open();
        await using var command = new NpgsqlCommand("SELECT pg_notify(@channel, @payload)", connection);
        command.Parameters.AddWithValue("channel", Channel);
        command.Parameters.AddWithValue("payload", payload);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(database.ConnectionString);
                await connection.OpenAsync(stoppingToken);
                connection.Notification += (_, n) => _ = DeliverAsync(n.Payload);
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection)) await listen.ExecuteNonQueryAsync(stoppingToken);
                _listening.TrySetResult();
                while (!stoppingToken.IsCancellationRequested) await connection.WaitAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogError(ex, "Lost the PostgreSQL event listener; reconnecting");
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
            }
        }
    }

    private async Task DeliverAsync(string payload)
    {
        try
        {
            var e = JsonSerializer.Deserialize<ClusterEvent>(payload)!;
            if (e.Kind == "directline")
            {
                hub.NotifyLocal(e.Key);
                return;
            }
            var ticket = await services.GetRequiredService<ITicketStore>().GetAsync(e.Key);
            if (ticket is null) return;
            var message = e.Message ?? (e.Type == TicketEvent.Message_ ? ticket.Transcript.LastOrDefault() : null);
            await localTickets.PublishAsync(new TicketEvent(e.Type!, ticket with { Transcript = [] }, message));
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Could not deliver a cluster event: {Payload}", payload);
        }
    }
}
