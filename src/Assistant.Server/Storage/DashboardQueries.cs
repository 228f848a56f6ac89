using System.ComponentModel.DataAnnotations;
using System.Data.Common;
using System.Globalization;
using System.Text;
using Assistant.Handoff;
using Assistant.Knowledge;
using static Assistant.Server.Storage.Database;

namespace Assistant.Server.Storage;

/// <summary>Configuration section <c>Dashboard</c>: how the supervisor's dashboard counts a conversation as resolved.</summary>
public sealed class DashboardOptions
{
    public const string Section = "Dashboard";

    /// <summary>Days after an answer in which a message of the same seller on the same topic means the answer did not resolve it.</summary>
    [Range(0, 90)] public int ReturnWindowDays { get; set; } = 3;

    /// <summary>
    /// Minutes after an answer in which a message in the same conversation is still the same visit (a follow-up), not a
    /// return. A message in another conversation of the seller is a return at once.
    /// </summary>
    [Range(0, 1440)] public int SameVisitMinutes { get; set; } = 30;
}

/// <summary>The days of a dashboard (inclusive, in the business time zone) and the channel, or every channel when null.</summary>
public sealed record DashboardPeriod(DateOnly From, DateOnly To, string? Channel)
{
    /// <summary>The longest period one request may ask for.</summary>
    public const int MaxDays = 366;

    public int Days => To.DayNumber - From.DayNumber + 1;
}

public sealed record MessageCounts(int Total, int Answered, int Clarified, int Declined, int HandedOff, int Smalltalk, int Feedback, int WithAgent);

/// <summary>
/// Conversations with at least one seller message in the period: how many had each outcome at least once, how many ended
/// without a person (<see cref="Contained"/>), and how many the assistant resolved (<see cref="ResolvedByAssistant"/>);
/// <see cref="Returned"/> are contained, answered conversations whose seller came back on the same topic in the window.
/// Rates are shares of <see cref="Total"/> (0 when there is none).
/// </summary>
public sealed record ConversationCounts(
    int Total, int Answered, int Clarified, int Declined, int HandedOff, int Contained, int ResolvedByAssistant, int Returned,
    double ContainmentRate, double ResolutionRate);

/// <summary>One FAQ entry in the period: answers shown, 👍, 👎 and 👎 with the seller's comment.</summary>
public sealed record FaqRow(string FaqId, string Title, string Category, int Answers, int Helpful, int NotHelpful, int Comments);

/// <summary>The seller's answer to "해결되셨나요?" after an agent handed the conversation back.</summary>
public sealed record HandBackAnswers(int Solved, int NotSolved);

public sealed record CategoryCount(string Category, string Label, int Count, int Urgent);

public sealed record UrgencyCount(string Urgency, int Count);

/// <summary>A bucket of the first-response distribution (<see cref="Key"/> is stable, <see cref="Label"/> is for people).</summary>
public sealed record Bucket(string Key, string Label, int Count);

/// <summary>
/// Agents' first response (the first Agent message after the ticket was made) against the promised wait.
/// <see cref="Late"/> counts tickets answered after the promise and tickets still unanswered past it; <see cref="Pending"/>
/// are unanswered tickets whose promise has not run out yet (not counted in <see cref="WithinPromiseRate"/>).
/// Minutes are nearest-rank percentiles over answered tickets (null when none).
/// </summary>
public sealed record FirstResponseTimes(
    int Tickets, int Answered, int WithinPromise, int Late, int Pending, double? WithinPromiseRate,
    double? MedianMinutes, double? P90Minutes, double? MedianMinutesToClaim, IReadOnlyList<Bucket> Distribution);

/// <summary>
/// Closing of tickets (resolved by an agent, or handed back to the assistant) against the promised wait: minutes from the
/// ticket to its closing, nearest-rank percentiles over closed tickets.
/// </summary>
public sealed record ResolutionTimes(int Closed, int Resolved, int HandedBack, int Open, int ClosedWithinPromise, double? WithinPromiseRate, double? MedianMinutes, double? P90Minutes);

public sealed record TicketMetrics(int Total, int Urgent, IReadOnlyList<CategoryCount> ByCategory, IReadOnlyList<UrgencyCount> ByUrgency, FirstResponseTimes FirstResponse, ResolutionTimes Resolution);

/// <summary>One day of the period: messages per outcome, conversations and tickets.</summary>
public sealed record DayRow(string Date, int Messages, int Answered, int Clarified, int Declined, int HandedOff, int Other, int Conversations, int Tickets);

public sealed record ChannelOption(string Id, string Name);

/// <summary>Everything the dashboard shows for one period and channel.</summary>
public sealed record DashboardReport(
    string From, string To, string? Channel, string TimeZone, int ReturnWindowDays, DateTimeOffset GeneratedAt,
    MessageCounts Messages, ConversationCounts Conversations, IReadOnlyList<FaqRow> Faqs, HandBackAnswers HandBack,
    TicketMetrics Tickets, IReadOnlyList<DayRow> Daily, IReadOnlyList<ChannelOption> Channels);

/// <summary>
/// The dashboard's metrics, in portable SQL over <c>turn_log</c>, <c>feedback</c>, <c>tickets</c> and <c>ticket_messages</c>
/// (SQLite and PostgreSQL). Turns and feedback, which grow with traffic, are aggregated in the database; tickets are read one
/// row each (far fewer), because the promised wait follows business hours (<see cref="BusinessCalendar"/>).
/// Period bounds are the business time zone's midnights, compared with the stored UTC stamps.
/// </summary>
public sealed class DashboardQueries(Database database, KnowledgeBase knowledge, HandoffOptions handoff, DashboardOptions options, TimeProvider time)
{
    private readonly BusinessCalendar _calendar = new(handoff);

    /// <summary>Today in the business time zone (the default period ends today).</summary>
    public DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), handoff.Zone).DateTime);

    /// <summary>The UTC instant a business-zone day starts.</summary>
    public DateTimeOffset StartOf(DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        // A midnight skipped by a clock change starts at the first valid minute after it.
        while (handoff.Zone.IsInvalidTime(local)) local = local.AddMinutes(1);
        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, handoff.Zone), TimeSpan.Zero);
    }

    public DashboardReport Build(DashboardPeriod period)
    {
        var from = SqlTicketStore.Stamp(StartOf(period.From));
        var to = SqlTicketStore.Stamp(StartOf(period.To.AddDays(1)));
        using var connection = database.Open();
        var q = new Query(connection, database.Provider, from, to, period.Channel);

        var messages = Messages(q);
        var conversations = Conversations(q);
        var faqs = Faqs(q);
        var handBack = HandBack(q);
        var (tickets, ticketDays) = Tickets(q, period);
        var daily = Daily(q, period, ticketDays);
        var channels = Channels(q, period.Channel);
        return new DashboardReport(
            period.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), period.To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), period.Channel,
            handoff.TimeZone, options.ReturnWindowDays, time.GetUtcNow(), messages, conversations, faqs, handBack, tickets, daily, channels);
    }

    /// <summary>The shared pieces of one report's statements: period bounds and the channel condition.</summary>
    private sealed class Query(DbConnection connection, string provider, string from, string to, string? channel)
    {
        public DbConnection Connection => connection;
        public string From => from;
        public string To => to;

        /// <summary><c>alias.at</c> (or another time column) in the period and the channel.</summary>
        public string Where(string alias, string column = "at") =>
            $"{alias}.{column} >= @from AND {alias}.{column} < @to" + (channel is null ? "" : $" AND {alias}.channel = @channel");

        /// <summary>Seconds since an epoch of a stored stamp, for differences (SQLite's julian day, PostgreSQL's epoch).</summary>
        public string Seconds(string column) => provider == "postgres"
            ? $"EXTRACT(EPOCH FROM CAST({column} AS timestamptz))"
            : $"(julianday({column}) * 86400.0)";

        public DbCommand Command(string sql, params (string Name, object? Value)[] extra)
        {
            (string, object?)[] parameters = [("@from", from), ("@to", to), .. channel is null ? [] : new (string, object?)[] { ("@channel", channel) }, .. extra];
            return Database.Command(connection, sql, null, parameters);
        }

        public List<object?[]> Rows(string sql, params (string Name, object? Value)[] extra)
        {
            using var command = Command(sql, extra);
            using var reader = command.ExecuteReader();
            var rows = new List<object?[]>();
            while (reader.Read())
            {
                var row = new object?[reader.FieldCount];
                for (var i = 0; i < row.Length; i++) row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
                rows.Add(row);
            }
            return rows;
        }
    }

    private static int Int(object? value) => value is null ? 0 : Convert.ToInt32(value, CultureInfo.InvariantCulture);

    private static string? Text(object? value) => value as string;

    private static MessageCounts Messages(Query q)
    {
        var counts = q.Rows($"SELECT t.action, COUNT(*) FROM turn_log t WHERE {q.Where("t")} GROUP BY t.action")
            .ToDictionary(r => (string)r[0]!, r => Int(r[1]));
        int C(string action) => counts.GetValueOrDefault(action);
        return new MessageCounts(counts.Values.Sum(), C("answer"), C("clarify"), C("decline"), C("handoff"), C("smalltalk"), C("feedback"), C("agent"));
    }

    /// <summary>
    /// Per conversation (channel + conversation id with a seller message in the period): its outcomes, whether a person was
    /// involved (a handoff turn, a message while an agent owned it, or a ticket made in the period) and whether its seller came
    /// back on the same topic (same entry, or same category: an answered entry's, or a filed ticket's) within the return window.
    /// </summary>
    private ConversationCounts Conversations(Query q)
    {
        var (categories, categoryParameters) = FaqCategories();
        var window = options.ReturnWindowDays * 86400.0;
        var visit = options.SameVisitMinutes * 60.0;
        var sql = $"""
            WITH {categories},
            conv AS (
                SELECT t.channel, t.conversation_id,
                    MAX(CASE WHEN t.action = 'answer' THEN 1 ELSE 0 END) AS answered,
                    MAX(CASE WHEN t.action = 'clarify' THEN 1 ELSE 0 END) AS clarified,
                    MAX(CASE WHEN t.action = 'decline' THEN 1 ELSE 0 END) AS declined,
                    MAX(CASE WHEN t.action IN ('handoff', 'agent') OR t.ticket_number IS NOT NULL THEN 1 ELSE 0 END) AS handed,
                    MAX(CASE WHEN t.intent = 'handoff.not-solved' THEN 1 ELSE 0 END) AS not_solved
                FROM turn_log t WHERE {q.Where("t")}
                GROUP BY t.channel, t.conversation_id),
            ticketed AS (
                SELECT DISTINCT k.channel, k.conversation_id FROM tickets k WHERE {q.Where("k", "created_at")}),
            returned AS (
                SELECT DISTINCT a.channel, a.conversation_id
                FROM turn_log a LEFT JOIN faq_cat ac ON ac.faq_id = a.faq_id
                WHERE {q.Where("a")} AND a.action = 'answer' AND a.faq_id IS NOT NULL AND EXISTS (
                    SELECT 1 FROM turn_log r
                    LEFT JOIN faq_cat rc ON rc.faq_id = r.faq_id
                    LEFT JOIN tickets rk ON rk.number = r.ticket_number
                    WHERE r.channel = a.channel
                        AND ((a.seller_key IS NOT NULL AND r.seller_key = a.seller_key) OR (a.seller_key IS NULL AND r.conversation_id = a.conversation_id))
                        AND r.at > a.at
                        AND {q.Seconds("r.at")} <= {q.Seconds("a.at")} + @window
                        AND (r.conversation_id <> a.conversation_id OR {q.Seconds("r.at")} >= {q.Seconds("a.at")} + @visit)
                        AND (r.faq_id = a.faq_id OR COALESCE(rc.category, rk.category) = ac.category)))
            SELECT COUNT(*), SUM(c.answered), SUM(c.clarified), SUM(c.declined),
                SUM(CASE WHEN c.handed = 1 OR tk.channel IS NOT NULL THEN 1 ELSE 0 END),
                SUM(CASE WHEN c.handed = 0 AND tk.channel IS NULL THEN 1 ELSE 0 END),
                SUM(CASE WHEN c.handed = 0 AND tk.channel IS NULL AND c.answered = 1 AND c.not_solved = 0 AND rt.channel IS NULL THEN 1 ELSE 0 END),
                SUM(CASE WHEN c.handed = 0 AND tk.channel IS NULL AND c.answered = 1 AND rt.channel IS NOT NULL THEN 1 ELSE 0 END)
            FROM conv c
            LEFT JOIN ticketed tk ON tk.channel = c.channel AND tk.conversation_id = c.conversation_id
            LEFT JOIN returned rt ON rt.channel = c.channel AND rt.conversation_id = c.conversation_id
            """;
        var row = q.Rows(sql, [.. categoryParameters, ("@window", window), ("@visit", visit)]).Single();
        var total = Int(row[0]);
        double Rate(int n) => total == 0 ? 0 : Math.Round((double)n / total, 4);
        var contained = Int(row[5]);
        var resolved = Int(row[6]);
        return new ConversationCounts(total, Int(row[1]), Int(row[2]), Int(row[3]), Int(row[4]), contained, resolved, Int(row[7]), Rate(contained), Rate(resolved));
    }

    /// <summary>A <c>faq_cat(faq_id, category)</c> table of the knowledge's entries, as a CTE with parameters.</summary>
    private (string Sql, (string, object?)[] Parameters) FaqCategories()
    {
        var faqs = knowledge.Faqs;
        if (faqs.Count == 0) return ("faq_cat(faq_id, category) AS (SELECT 'none', 'none' WHERE 1 = 0)", []);
        var sql = new StringBuilder("faq_cat(faq_id, category) AS (VALUES ");
        var parameters = new List<(string, object?)>(faqs.Count * 2);
        for (var i = 0; i < faqs.Count; i++)
        {
            sql.Append(i == 0 ? "" : ", ").Append(CultureInfo.InvariantCulture, $"(@fi{i}, @fc{i})");
            parameters.Add(($"@fi{i}", faqs[i].Id));
            parameters.Add(($"@fc{i}", faqs[i].Category));
        }
        return (sql.Append(')').ToString(), parameters.ToArray());
    }

    private IReadOnlyList<FaqRow> Faqs(Query q)
    {
        var answers = q.Rows($"SELECT t.faq_id, COUNT(*) FROM turn_log t WHERE {q.Where("t")} AND t.action = 'answer' AND t.faq_id IS NOT NULL GROUP BY t.faq_id")
            .ToDictionary(r => (string)r[0]!, r => Int(r[1]));
        var ratings = q.Rows($"""
            SELECT f.faq_id, SUM(f.helpful), COUNT(*) - SUM(f.helpful),
                SUM(CASE WHEN f.helpful = 0 AND f.comment IS NOT NULL AND f.comment <> '' THEN 1 ELSE 0 END)
            FROM feedback f WHERE {q.Where("f")} GROUP BY f.faq_id
            """).ToDictionary(r => (string)r[0]!, r => (Up: Int(r[1]), Down: Int(r[2]), Comments: Int(r[3])));
        return answers.Keys.Union(ratings.Keys)
            .Select(id =>
            {
                var faq = knowledge.FindFaq(id);
                var rating = ratings.GetValueOrDefault(id);
                return new FaqRow(id, faq?.Title ?? id, faq?.Category ?? "", answers.GetValueOrDefault(id), rating.Up, rating.Down, rating.Comments);
            })
            .OrderByDescending(r => r.Answers).ThenByDescending(r => r.NotHelpful).ThenBy(r => r.FaqId, StringComparer.Ordinal)
            .ToArray();
    }

    private static HandBackAnswers HandBack(Query q)
    {
        var counts = q.Rows($"SELECT t.intent, COUNT(*) FROM turn_log t WHERE {q.Where("t")} AND t.intent IN ('handoff.solved', 'handoff.not-solved') GROUP BY t.intent")
            .ToDictionary(r => (string)r[0]!, r => Int(r[1]));
        return new HandBackAnswers(counts.GetValueOrDefault("handoff.solved"), counts.GetValueOrDefault("handoff.not-solved"));
    }

    private static readonly (string Key, string Label, double UpToMinutes)[] ResponseBuckets =
    [
        ("1h", "1시간 이내", 60), ("4h", "1~4시간", 240), ("1d", "4~24시간", 1440), ("2d", "1~2일", 2880), ("more", "2일 넘게", double.PositiveInfinity),
    ];

    /// <summary>Tickets made in the period, one row each: first agent response, claim and closing against the promise.</summary>
    private (TicketMetrics Metrics, Dictionary<DateOnly, int> PerDay) Tickets(Query q, DashboardPeriod period)
    {
        var now = time.GetUtcNow();
        var rows = q.Rows($"""
            SELECT k.category, k.urgency, k.status, k.created_at, k.claimed_at, k.closed_at,
                (SELECT MIN(m.at) FROM ticket_messages m WHERE m.ticket_number = k.number AND m.role = 'Agent' AND m.at >= k.created_at)
            FROM tickets k WHERE {q.Where("k", "created_at")}
            """);
        var perDay = new Dictionary<DateOnly, int>();
        int within = 0, late = 0, pending = 0, closedWithin = 0, resolved = 0, handedBack = 0;
        var firstMinutes = new List<double>();
        var claimMinutes = new List<double>();
        var closeMinutes = new List<double>();
        foreach (var r in rows)
        {
            var created = SqlTicketStore.Parse((string)r[3]!);
            var due = _calendar.ResponseDeadline(created);
            var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(created, handoff.Zone).DateTime);
            perDay[day] = perDay.GetValueOrDefault(day) + 1;
            if (Text(r[6]) is { } firstAt)
            {
                var at = SqlTicketStore.Parse(firstAt);
                firstMinutes.Add((at - created).TotalMinutes);
                if (at <= due) within++; else late++;
            }
            else if (now > due) late++;
            else pending++;
            if (Text(r[4]) is { } claimed) claimMinutes.Add((SqlTicketStore.Parse(claimed) - created).TotalMinutes);
            var status = (string)r[2]!;
            if (status is "resolved" or "handedBack")
            {
                if (status == "resolved") resolved++; else handedBack++;
                if (Text(r[5]) is { } closed)
                {
                    var at = SqlTicketStore.Parse(closed);
                    closeMinutes.Add((at - created).TotalMinutes);
                    if (at <= due) closedWithin++;
                }
            }
        }

        var byCategory = rows.GroupBy(r => (string)r[0]!)
            .Select(g => new CategoryCount(g.Key, knowledge.Handoff.CategoryLabel(g.Key), g.Count(), g.Count(r => (string?)r[1] == "urgent")))
            .OrderByDescending(c => c.Count).ThenBy(c => c.Category, StringComparer.Ordinal).ToArray();
        var byUrgency = rows.GroupBy(r => (string)r[1]!).Select(g => new UrgencyCount(g.Key, g.Count()))
            .OrderBy(u => u.Urgency == "urgent" ? 0 : 1).ThenBy(u => u.Urgency, StringComparer.Ordinal).ToArray();
        var distribution = ResponseBuckets
            .Select((b, i) => new Bucket(b.Key, b.Label, firstMinutes.Count(m => m <= b.UpToMinutes && (i == 0 || m > ResponseBuckets[i - 1].UpToMinutes))))
            .Append(new Bucket("none", "아직 응답 없음", rows.Count - firstMinutes.Count))
            .ToArray();
        double? Rate(int n, int of) => of == 0 ? null : Math.Round((double)n / of, 4);
        var closedCount = resolved + handedBack;
        var first = new FirstResponseTimes(rows.Count, firstMinutes.Count, within, late, pending, Rate(within, within + late),
            Percentile(firstMinutes, 0.5), Percentile(firstMinutes, 0.9), Percentile(claimMinutes, 0.5), distribution);
        var resolution = new ResolutionTimes(closedCount, resolved, handedBack, rows.Count - closedCount, closedWithin, Rate(closedWithin, closedCount),
            Percentile(closeMinutes, 0.5), Percentile(closeMinutes, 0.9));
        return (new TicketMetrics(rows.Count, rows.Count(r => (string?)r[1] == "urgent"), byCategory, byUrgency, first, resolution), perDay);
    }

    /// <summary>The nearest-rank percentile (the smallest value with at least <paramref name="p"/> of the values at or below it), to 0.1 minute.</summary>
    public static double? Percentile(List<double> values, double p)
    {
        if (values.Count == 0) return null;
        var sorted = values.Order().ToArray();
        var rank = Math.Max(1, (int)Math.Ceiling(p * sorted.Length));
        return Math.Round(sorted[rank - 1], 1);
    }

    /// <summary>Per day of the period (business-zone days): messages by outcome and conversations, counted in the database.</summary>
    private IReadOnlyList<DayRow> Daily(Query q, DashboardPeriod period, Dictionary<DateOnly, int> ticketsPerDay)
    {
        var days = Enumerable.Range(0, period.Days).Select(i => period.From.AddDays(i)).ToArray();
        var bounds = new List<(string, object?)>();
        var day = new StringBuilder("CASE");
        for (var i = 1; i < days.Length; i++)
        {
            day.Append(CultureInfo.InvariantCulture, $" WHEN t.at < @d{i} THEN {i - 1}");
            bounds.Add(($"@d{i}", SqlTicketStore.Stamp(StartOf(days[i]))));
        }
        day.Append(CultureInfo.InvariantCulture, $" ELSE {days.Length - 1} END");
        if (days.Length == 1) day.Clear().Append('0'); // one day: no bound to compare with

        var actions = q.Rows($"SELECT d.day, d.action, COUNT(*) FROM (SELECT {day} AS day, t.action FROM turn_log t WHERE {q.Where("t")}) d GROUP BY d.day, d.action", [.. bounds]);
        var conversations = q.Rows($"SELECT d.day, COUNT(*) FROM (SELECT DISTINCT {day} AS day, t.channel, t.conversation_id FROM turn_log t WHERE {q.Where("t")}) d GROUP BY d.day", [.. bounds])
            .ToDictionary(r => Int(r[0]), r => Int(r[1]));
        var byDay = actions.GroupBy(r => Int(r[0])).ToDictionary(g => g.Key, g => g.ToDictionary(r => (string)r[1]!, r => Int(r[2])));
        return days.Select((d, i) =>
        {
            var counts = byDay.GetValueOrDefault(i) ?? [];
            int C(string action) => counts.GetValueOrDefault(action);
            var total = counts.Values.Sum();
            var main = C("answer") + C("clarify") + C("decline") + C("handoff");
            return new DayRow(d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), total, C("answer"), C("clarify"), C("decline"), C("handoff"), total - main,
                conversations.GetValueOrDefault(i), ticketsPerDay.GetValueOrDefault(d));
        }).ToArray();
    }

    /// <summary>The channels with messages in the period (whatever the channel filter), and the chosen one.</summary>
    private static IReadOnlyList<ChannelOption> Channels(Query q, string? chosen)
    {
        var ids = new SortedSet<string>(StringComparer.Ordinal);
        using (var command = Database.Command(q.Connection, "SELECT DISTINCT t.channel FROM turn_log t WHERE t.at >= @from AND t.at < @to", null, ("@from", q.From), ("@to", q.To)))
        using (var reader = command.ExecuteReader())
            while (reader.Read()) ids.Add(reader.GetString(0));
        if (chosen is not null) ids.Add(chosen);
        return ids.Select(id => new ChannelOption(id, Agents.TicketViews.ChannelName(id))).ToArray();
    }
}
