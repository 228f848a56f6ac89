using System.Globalization;
using System.Text.Json;
using Assistant.Handoff;
using Assistant.Server.Webhooks;
using System.Data.Common;
using static Assistant.Server.Storage.Database;

namespace Assistant.Server.Storage;

/// <summary>Tickets in the database. Each change and its webhook event (when configured) commit in one transaction.</summary>
public sealed class SqlTicketStore(Database database, WebhookEvents webhook, TimeProvider time) : ITicketStore
{
    private const string Columns = "number, status, channel, conversation_id, conversation_ref, seller_id, seller_id_unverified, order_number, " +
        "order_number_unknown, product_name, category, description, urgency, urgency_reason, faq_shown, owner_id, owner_name, created_at, updated_at, seller_key";

    public Task<TicketCreation> CreateAsync(TicketDraft draft, CancellationToken cancellationToken = default)
    {
        using var connection = database.OpenForWrite();
        if (draft.RequestKey is { } key && FindByRequest(connection, null, key) is { } earlier)
            return Task.FromResult(new TicketCreation(earlier, IsNew: false));
        try
        {
            return Task.FromResult(new TicketCreation(Insert(connection, draft), IsNew: true));
        }
        catch (DbException) when (draft.RequestKey is not null)
        {
            // Another instance stored the same request first (the unique request key refused this one);
            // looked up here, after the failed transaction has been rolled back.
            var raced = FindByRequest(connection, null, draft.RequestKey);
            if (raced is null) throw;
            return Task.FromResult(new TicketCreation(raced, IsNew: false));
        }
    }

    private Ticket? FindByRequest(DbConnection connection, DbTransaction? tx, string requestKey)
    {
        using var find = Command(connection, "SELECT number FROM tickets WHERE request_key = @key", tx, ("@key", requestKey));
        return find.ExecuteScalar() is string number ? Read(connection, tx, number, withTranscript: true) : null;
    }

    private Ticket Insert(DbConnection connection, TicketDraft draft)
    {
        using var tx = connection.BeginTransaction();
        var now = Stamp(time.GetUtcNow());
        // The number comes from the row's sequence: insert under a unique placeholder, then name it.
        var placeholder = "pending-" + Guid.NewGuid().ToString("N");
        using (var insert = Command(connection, $"""
            INSERT INTO tickets ({Columns}, request_key) VALUES (@placeholder, 'queued', @channel, @conversation, @ref, @seller, @sellerUnverified,
                @order, @orderUnknown, @product, @category, @description, @urgency, @urgencyReason, @faqShown, NULL, NULL, @now, @now, @sellerKey, @requestKey)
            """, tx, ("@placeholder", placeholder),
            ("@channel", draft.Conversation.Channel), ("@conversation", draft.Conversation.ConversationId), ("@ref", draft.Conversation.Reference),
            ("@seller", draft.Details.SellerId), ("@sellerUnverified", draft.Details.SellerIdUnverified), ("@order", draft.Details.OrderNumber),
            ("@orderUnknown", draft.Details.OrderNumberUnknown), ("@product", draft.Details.ProductName), ("@category", draft.Details.Category),
            ("@description", draft.Details.Description), ("@urgency", draft.Details.Urgency), ("@urgencyReason", draft.Details.UrgencyReason),
            ("@faqShown", JsonSerializer.Serialize(draft.FaqShown)), ("@now", now), ("@sellerKey", SellerKey(draft.Conversation)), ("@requestKey", draft.RequestKey)))
        {
            insert.ExecuteNonQuery();
        }
        using var seq = Command(connection, "SELECT seq FROM tickets WHERE number = @placeholder", tx, ("@placeholder", placeholder));
        var number = "T" + Convert.ToInt64(seq.ExecuteScalar(), CultureInfo.InvariantCulture).ToString("D6", CultureInfo.InvariantCulture);
        using (var name = Command(connection, "UPDATE tickets SET number = @number WHERE number = @placeholder", tx, ("@number", number), ("@placeholder", placeholder)))
            name.ExecuteNonQuery();
        foreach (var entry in draft.Transcript) InsertMessage(connection, tx, number, entry);
        var ticket = Read(connection, tx, number, withTranscript: true)!;
        Enqueue(connection, tx, new TicketEvent(TicketEvent.Created, ticket));
        tx.Commit();
        return ticket;
    }

    public Task<Ticket?> GetAsync(string number, CancellationToken cancellationToken = default)
    {
        using var connection = database.Open();
        return Task.FromResult(Read(connection, null, number, withTranscript: true));
    }

    public Task<Ticket?> FindLatestByConversationAsync(string channel, string conversationId, CancellationToken cancellationToken = default)
    {
        using var connection = database.Open();
        using var command = Command(connection, $"SELECT {Columns} FROM tickets WHERE channel = @c AND conversation_id = @id ORDER BY seq DESC LIMIT 1", null,
            ("@c", channel), ("@id", conversationId));
        using var reader = command.ExecuteReader();
        return Task.FromResult(reader.Read() ? Map(reader) : null);
    }

    public Task<Ticket?> FindLatestBySellerAsync(string channel, string sellerKey, CancellationToken cancellationToken = default)
    {
        using var connection = database.Open();
        using var command = Command(connection, $"""
            SELECT {Columns} FROM tickets WHERE channel = @c AND seller_key = @k
            ORDER BY CASE WHEN status IN ('queued', 'claimed') THEN 0 ELSE 1 END, seq DESC LIMIT 1
            """, null, ("@c", channel), ("@k", sellerKey));
        using var reader = command.ExecuteReader();
        return Task.FromResult(reader.Read() ? Map(reader) : null);
    }

    /// <summary>The seller key as stored: null when the channel gave none (an empty one is none too).</summary>
    private static string? SellerKey(ConversationAddress conversation) => string.IsNullOrEmpty(conversation.SellerKey) ? null : conversation.SellerKey;

    public Task<IReadOnlyList<Ticket>> ListAsync(IReadOnlyCollection<TicketStatus> statuses, int limit = 200, CancellationToken cancellationToken = default)
    {
        using var connection = database.Open();
        var names = statuses.Select((s, i) => ($"$s{i}", (object?)StatusText(s))).ToArray();
        using var command = Command(connection,
            $"SELECT {Columns} FROM tickets WHERE status IN ({string.Join(", ", names.Select(n => n.Item1))}) ORDER BY seq DESC LIMIT @limit", null,
            [.. names, ("@limit", limit)]);
        using var reader = command.ExecuteReader();
        var list = new List<Ticket>();
        while (reader.Read()) list.Add(Map(reader));
        return Task.FromResult<IReadOnlyList<Ticket>>(list);
    }

    public Task<(ClaimOutcome Outcome, Ticket? Ticket)> ClaimAsync(string number, AgentRef agent, CancellationToken cancellationToken = default)
    {
        using var connection = database.OpenForWrite();
        using var tx = connection.BeginTransaction();
        using var update = Command(connection,
            "UPDATE tickets SET status = 'claimed', owner_id = @id, owner_name = @name, updated_at = @now, claimed_at = @now WHERE number = @n AND status = 'queued'", tx,
            ("@id", agent.Id), ("@name", agent.Name), ("@now", Stamp(time.GetUtcNow())), ("@n", number));
        var won = update.ExecuteNonQuery() == 1;
        var ticket = Read(connection, tx, number, withTranscript: true);
        if (won) Enqueue(connection, tx, new TicketEvent(TicketEvent.Claimed, ticket!));
        tx.Commit();
        var outcome = won ? ClaimOutcome.Claimed
            : ticket is null ? ClaimOutcome.NotFound
            : ticket.Status == TicketStatus.Claimed && ticket.Owner?.Id == agent.Id ? ClaimOutcome.AlreadyYours
            : ticket.Status == TicketStatus.Claimed ? ClaimOutcome.ClaimedByOther
            : ClaimOutcome.Closed;
        return Task.FromResult((outcome, ticket));
    }

    public Task<Ticket> AppendAsync(string number, TranscriptEntry message, CancellationToken cancellationToken = default)
    {
        using var connection = database.OpenForWrite();
        using var tx = connection.BeginTransaction();
        InsertMessage(connection, tx, number, message);
        using (var touch = Command(connection, "UPDATE tickets SET updated_at = @now WHERE number = @n", tx, ("@now", Stamp(time.GetUtcNow())), ("@n", number)))
            if (touch.ExecuteNonQuery() != 1) throw new KeyNotFoundException($"ticket {number} does not exist");
        var ticket = Read(connection, tx, number, withTranscript: false)!;
        Enqueue(connection, tx, new TicketEvent(TicketEvent.Message_, ticket, message));
        tx.Commit();
        return Task.FromResult(ticket);
    }

    public Task<Ticket?> SetStatusAsync(string number, TicketStatus status, AgentRef? by, CancellationToken cancellationToken = default)
    {
        using var connection = database.OpenForWrite();
        using var tx = connection.BeginTransaction();
        using var update = Command(connection, "UPDATE tickets SET status = @status, updated_at = @now, closed_at = @now WHERE number = @n", tx,
            ("@status", StatusText(status)), ("@now", Stamp(time.GetUtcNow())), ("@n", number));
        if (update.ExecuteNonQuery() != 1) return Task.FromResult<Ticket?>(null);
        var ticket = Read(connection, tx, number, withTranscript: false)!;
        Enqueue(connection, tx, new TicketEvent(status == TicketStatus.Resolved ? TicketEvent.Resolved : TicketEvent.HandedBack, ticket));
        tx.Commit();
        return Task.FromResult<Ticket?>(ticket);
    }

    private void Enqueue(DbConnection connection, DbTransaction tx, TicketEvent ticketEvent)
    {
        // Keyed by the ticket: its events reach the receiver in order, other tickets' events do not wait for them.
        if (webhook.Payload(ticketEvent) is { } payload)
            SqlOutbox.Insert(connection, tx, WebhookEvents.Topic, payload, ticketEvent.Ticket.Number, time.GetUtcNow());
    }

    private static void InsertMessage(DbConnection connection, DbTransaction tx, string number, TranscriptEntry entry)
    {
        using var insert = Command(connection, "INSERT INTO ticket_messages (ticket_number, role, text, author, at) VALUES (@n, @role, @text, @author, @at)", tx,
            ("@n", number), ("@role", entry.Role.ToString()), ("@text", entry.Text), ("@author", entry.Author), ("@at", Stamp(entry.At)));
        insert.ExecuteNonQuery();
    }

    private static Ticket? Read(DbConnection connection, DbTransaction? tx, string number, bool withTranscript)
    {
        Ticket ticket;
        using (var command = Command(connection, $"SELECT {Columns} FROM tickets WHERE number = @n", tx, ("@n", number)))
        using (var reader = command.ExecuteReader())
        {
            if (!reader.Read()) return null;
            ticket = Map(reader);
        }
        if (!withTranscript) return ticket;
        using var messages = Command(connection, "SELECT role, text, author, at FROM ticket_messages WHERE ticket_number = @n ORDER BY id", tx, ("@n", number));
        using var rows = messages.ExecuteReader();
        var transcript = new List<TranscriptEntry>();
        while (rows.Read())
            transcript.Add(new TranscriptEntry(Enum.Parse<MessageRole>(rows.GetString(0)), rows.GetString(1), Parse(rows.GetString(3)), rows.IsDBNull(2) ? null : rows.GetString(2)));
        return ticket with { Transcript = transcript };
    }

    private static Ticket Map(DbDataReader r)
    {
        string? S(int i) => r.IsDBNull(i) ? null : r.GetString(i);
        return new Ticket(
            r.GetString(0), ParseStatus(r.GetString(1)), new ConversationAddress(r.GetString(2), r.GetString(3), r.GetString(4), S(19)),
            new TicketDetails(S(5), r.GetInt64(6) != 0, S(7), r.GetInt64(8) != 0, S(9), r.GetString(10), r.GetString(11), r.GetString(12), S(13)),
            JsonSerializer.Deserialize<FaqShown[]>(r.GetString(14)) ?? [],
            S(15) is { } ownerId ? new AgentRef(ownerId, S(16) ?? ownerId) : null,
            Parse(r.GetString(17)), Parse(r.GetString(18)));
    }

    internal static string StatusText(TicketStatus status) => Agents.TicketViews.Status(status);

    internal static TicketStatus ParseStatus(string text) => text switch
    {
        "queued" => TicketStatus.Queued,
        "claimed" => TicketStatus.Claimed,
        "handedBack" => TicketStatus.HandedBack,
        _ => TicketStatus.Resolved,
    };

    internal static string Stamp(DateTimeOffset at) => at.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);

    internal static DateTimeOffset Parse(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
}
