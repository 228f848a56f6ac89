using System.Globalization;
using Assistant.Server.Storage;

namespace Assistant.Server.Tests.Agents;

/// <summary>
/// A known week of history (Monday 2025-04-07 to Sunday 2025-04-13, Seoul time) written straight into the tables the dashboard
/// reads, with the answers every metric must give (<see cref="AssertWeek"/>). The comments say why each value is what it is.
/// </summary>
public static class DashboardHistory
{
    public const string From = "2025-04-07", To = "2025-04-13";

    private static readonly TimeZoneInfo Seoul = TimeZoneInfo.FindSystemTimeZoneById("Asia/Seoul");

    /// <summary>A Seoul wall-clock time ("2025-04-07 10:00") as the stored UTC stamp.</summary>
    public static string K(string local)
    {
        var time = DateTime.ParseExact(local, "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        return SqlTicketStore.Stamp(new DateTimeOffset(time, Seoul.GetUtcOffset(time)));
    }

    public static void Seed(Database database)
    {
        using var connection = database.Open();
        void Turn(string channel, string conversation, string? seller, string at, string action, string intent, string? faq = null, string? ticket = null)
        {
            using var insert = Database.Command(connection, """
                INSERT INTO turn_log (channel, conversation_id, seller_key, at, text, action, intent, confidence, faq_id, suggestions, ticket_number)
                VALUES (@c, @id, @seller, @at, '메시지', @action, @intent, 0.9, @faq, NULL, @ticket)
                """, null, ("@c", channel), ("@id", conversation), ("@seller", seller), ("@at", K(at)), ("@action", action), ("@intent", intent), ("@faq", faq), ("@ticket", ticket));
            insert.ExecuteNonQuery();
        }
        void Ticket(string number, string conversation, string category, string urgency, string status, string created, string? claimed, string? closed)
        {
            using var insert = Database.Command(connection, """
                INSERT INTO tickets (number, status, channel, conversation_id, conversation_ref, seller_id_unverified, order_number_unknown, category, description,
                    urgency, faq_shown, created_at, updated_at, claimed_at, closed_at)
                VALUES (@n, @status, 'emulator', @conv, '{}', 0, 0, @category, '문의', @urgency, '[]', @created, @created, @claimed, @closed)
                """, null, ("@n", number), ("@status", status), ("@conv", conversation), ("@category", category), ("@urgency", urgency),
                ("@created", K(created)), ("@claimed", claimed is null ? null : K(claimed)), ("@closed", closed is null ? null : K(closed)));
            insert.ExecuteNonQuery();
        }
        void Message(string ticket, string role, string at)
        {
            using var insert = Database.Command(connection, "INSERT INTO ticket_messages (ticket_number, role, text, author, at) VALUES (@n, @role, '내용', NULL, @at)", null,
                ("@n", ticket), ("@role", role), ("@at", K(at)));
            insert.ExecuteNonQuery();
        }
        void Feedback(string channel, string conversation, string faq, bool helpful, string at, string? comment = null)
        {
            using var insert = Database.Command(connection, "INSERT INTO feedback (channel, conversation_id, faq_id, helpful, at, comment) VALUES (@c, @id, @faq, @h, @at, @comment)", null,
                ("@c", channel), ("@id", conversation), ("@faq", faq), ("@h", helpful), ("@at", K(at)), ("@comment", comment));
            insert.ExecuteNonQuery();
        }

        const string Web = "assistant-webchat", Talk = "talktalk", Em = "emulator";
        // C1: answered, thanked, never came back: resolved.
        Turn(Web, "c1", "s1", "2025-04-07 10:00", "answer", "fees", "fees");
        Turn(Web, "c1", "s1", "2025-04-07 10:01", "smalltalk", "smalltalk.thanks");
        // C2: answered; the same seller asks the same entry in another conversation the next day (C2b): C2 is not resolved, C2b is.
        Turn(Web, "c2", "s2", "2025-04-07 10:00", "answer", "payment-error", "payment-error");
        Turn(Web, "c2b", "s2", "2025-04-08 09:00", "answer", "payment-error", "payment-error");
        // C3: answered; the seller comes back on the same entry (C3b) one minute after the 3-day window: both resolved.
        Turn(Web, "c3", "s3", "2025-04-07 10:00", "answer", "order-cancel", "order-cancel");
        Turn(Web, "c3b", "s3", "2025-04-11 10:01", "answer", "order-cancel", "order-cancel");
        // C4 (TalkTalk: the conversation is the user): the same entry again 5 minutes later is the same visit, and a
        // clarifying question the next day has no topic: resolved.
        Turn(Talk, "tt-u4", "tt-u4", "2025-04-08 11:00", "answer", "dispatch-deadline", "dispatch-deadline");
        Turn(Talk, "tt-u4", "tt-u4", "2025-04-08 11:05", "answer", "dispatch-deadline", "dispatch-deadline");
        Turn(Talk, "tt-u4", "tt-u4", "2025-04-09 09:00", "clarify", "clarify");
        // C5: a day later, another entry of the same category (products): a return, not resolved.
        Turn(Talk, "tt-u5", "tt-u5", "2025-04-08 12:00", "answer", "product-registration", "product-registration");
        Turn(Talk, "tt-u5", "tt-u5", "2025-04-09 12:00", "answer", "product-suspended", "product-suspended");
        // C6: clarified and declined, no answer: contained, not resolved.
        Turn(Em, "em-6", null, "2025-04-09 10:00", "clarify", "clarify");
        Turn(Em, "em-6", null, "2025-04-09 10:01", "decline", "out-of-scope");
        // C7: answered, then asked for a person and filed T000001 (answered in 60 minutes, resolved after 120).
        Turn(Em, "em-7", null, "2025-04-09 10:00", "answer", "fees", "fees");
        Turn(Em, "em-7", null, "2025-04-09 10:02", "handoff", "handoff.request", ticket: "T000001");
        Ticket("T000001", "em-7", "fees-tax", "normal", "resolved", "2025-04-09 10:03", "2025-04-09 10:33", "2025-04-09 12:03");
        Message("T000001", "System", "2025-04-09 10:33");
        Message("T000001", "Agent", "2025-04-09 11:03");
        Message("T000001", "Agent", "2025-04-09 11:30");
        // C8: answered, and a ticket of this conversation was made in the period (no handoff turn): not contained.
        // T000002 is urgent; promised by Monday 14:05 (two business days), answered Monday 15:00 (late), handed back 15:30.
        Turn(Em, "em-8", null, "2025-04-10 14:00", "answer", "account-login", "account-login");
        Ticket("T000002", "em-8", "account", "urgent", "handedBack", "2025-04-10 14:05", "2025-04-14 14:50", "2025-04-14 15:30");
        Message("T000002", "Seller", "2025-04-10 14:06");
        Message("T000002", "Agent", "2025-04-14 15:00");
        // C9: a message while an agent owned it, then "solved" after the hand-back.
        Turn(Em, "em-9", null, "2025-04-11 10:00", "agent", "agent.owned");
        Turn(Em, "em-9", null, "2025-04-11 10:05", "smalltalk", "handoff.solved");
        // C10: "not solved" after a hand-back; its ticket T000003 (urgent) was never answered, and its promise ran out.
        Turn(Em, "em-10", null, "2025-04-11 10:00", "handoff", "handoff.not-solved");
        Ticket("T000003", "em-10", "payment", "urgent", "queued", "2025-04-11 09:00", null, null);
        // C11: the last minute of the period counts; C12 at the next midnight does not, nor its ticket T000004.
        Turn(Web, "c11", "s11", "2025-04-13 23:59", "smalltalk", "smalltalk.hello");
        Turn(Web, "c12", "s12", "2025-04-14 00:00", "answer", "fees", "fees");
        Ticket("T000004", "c12", "fees-tax", "normal", "queued", "2025-04-14 00:10", null, null);
        // C13: the first minute of the period counts, the minute before does not.
        Turn(Em, "em-13", null, "2025-04-06 23:59", "smalltalk", "smalltalk.hello");
        Turn(Em, "em-13", null, "2025-04-07 00:00", "decline", "out-of-scope");

        Feedback(Web, "c1", "fees", true, "2025-04-07 10:01");
        Feedback(Em, "em-7", "fees", true, "2025-04-09 10:01");
        Feedback(Em, "em-7", "fees", false, "2025-04-09 10:01", "수수료율이 안 나와 있어요");
        Feedback(Web, "c2", "payment-error", false, "2025-04-07 10:01");
        Feedback(Web, "c12", "fees", true, "2025-04-14 00:01"); // after the period
    }

    /// <summary>The week's answers, all channels.</summary>
    public static void AssertWeek(DashboardReport r)
    {
        Assert.Equal(From, r.From);
        Assert.Equal(To, r.To);
        Assert.Null(r.Channel);
        Assert.Equal(3, r.ReturnWindowDays);

        Assert.Equal(new MessageCounts(Total: 21, Answered: 11, Clarified: 2, Declined: 2, HandedOff: 2, Smalltalk: 3, Feedback: 0, WithAgent: 1), r.Messages);
        // 14 conversations; C7, C8, C9, C10 had a person; C1, C2b, C3, C3b, C4 were resolved; C2 and C5 came back.
        Assert.Equal(new ConversationCounts(Total: 14, Answered: 9, Clarified: 2, Declined: 2, HandedOff: 4, Contained: 10, ResolvedByAssistant: 5, Returned: 2,
            ContainmentRate: 0.7143, ResolutionRate: 0.3571), r.Conversations);

        Assert.Equal(new FaqRow("fees", Title("fees"), "fees-tax", 2, 2, 1, 1), r.Faqs[0]);
        Assert.Equal(new FaqRow("payment-error", Title("payment-error"), "payment", 2, 0, 1, 0), r.Faqs[1]);
        Assert.Equal(["fees", "payment-error", "dispatch-deadline", "order-cancel", "account-login", "product-registration", "product-suspended"], r.Faqs.Select(f => f.FaqId));
        Assert.All(r.Faqs.Skip(2), f => Assert.Equal((0, 0, 0), (f.Helpful, f.NotHelpful, f.Comments)));
        Assert.Equal(new HandBackAnswers(Solved: 1, NotSolved: 1), r.HandBack);

        var t = r.Tickets;
        Assert.Equal((3, 2), (t.Total, t.Urgent));
        Assert.Equal(["account:1:1", "fees-tax:1:0", "payment:1:1"], t.ByCategory.Select(c => $"{c.Category}:{c.Count}:{c.Urgent}"));
        Assert.All(t.ByCategory, c => Assert.False(string.IsNullOrEmpty(c.Label)));
        Assert.Equal(["urgent:2", "normal:1"], t.ByUrgency.Select(u => $"{u.Urgency}:{u.Count}"));
        // T1 in 60 minutes (promise kept), T2 in 4 days 55 minutes (late), T3 never (late).
        var f = t.FirstResponse;
        Assert.Equal((3, 2, 1, 2, 0), (f.Tickets, f.Answered, f.WithinPromise, f.Late, f.Pending));
        Assert.Equal(0.3333, f.WithinPromiseRate);
        Assert.Equal(60, f.MedianMinutes);
        Assert.Equal(5815, f.P90Minutes);
        Assert.Equal(30, f.MedianMinutesToClaim);
        Assert.Equal(["1h:1", "4h:0", "1d:0", "2d:0", "more:1", "none:1"], f.Distribution.Select(b => $"{b.Key}:{b.Count}"));
        // T1 resolved after 120 minutes (in the promise), T2 handed back after 5,845 minutes (late), T3 open.
        Assert.Equal(new ResolutionTimes(Closed: 2, Resolved: 1, HandedBack: 1, Open: 1, ClosedWithinPromise: 1, WithinPromiseRate: 0.5, MedianMinutes: 120, P90Minutes: 5845), t.Resolution);

        Assert.Equal(
            [
                new DayRow("2025-04-07", 5, 3, 0, 1, 0, 1, 4, 0),
                new DayRow("2025-04-08", 4, 4, 0, 0, 0, 0, 3, 0),
                new DayRow("2025-04-09", 6, 2, 2, 1, 1, 0, 4, 1),
                new DayRow("2025-04-10", 1, 1, 0, 0, 0, 0, 1, 1),
                new DayRow("2025-04-11", 4, 1, 0, 0, 1, 2, 3, 1),
                new DayRow("2025-04-12", 0, 0, 0, 0, 0, 0, 0, 0),
                new DayRow("2025-04-13", 1, 0, 0, 0, 0, 1, 1, 0),
            ], r.Daily);
        Assert.Equal(["assistant-webchat", "emulator", "talktalk"], r.Channels.Select(c => c.Id));
    }

    private static readonly Lazy<Assistant.Knowledge.KnowledgeBase> Knowledge = new(() => Assistant.Knowledge.KnowledgeLoader.Load(RepoPaths.Knowledge));

    public static Assistant.Knowledge.KnowledgeBase KnowledgeBase => Knowledge.Value;

    private static string Title(string id) => Knowledge.Value.FindFaq(id)!.Title;
}
