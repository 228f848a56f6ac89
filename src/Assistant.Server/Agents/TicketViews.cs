using System.Text.Json;
using System.Text.RegularExpressions;
using Assistant.Handoff;
using Assistant.Knowledge;
using Assistant.Server.Storage;
using Microsoft.Extensions.Options;

namespace Assistant.Server.Agents;

public sealed record AgentView(string Id, string Name);

public sealed record MessageView(string Role, string Text, DateTimeOffset At, string? Author);

public sealed record FaqShownView(string FaqId, string Title);

/// <summary>
/// The wait the seller was told when the ticket was made (<see cref="Text"/>, their words), the latest time it promises,
/// and the time zone of the business calendar it was computed in (<c>Handoff:TimeZone</c>), so the console shows the
/// same clock the seller read.
/// </summary>
public sealed record PromiseView(string Text, DateTimeOffset Due, string TimeZone);

/// <summary>
/// A ticket as the queue lists it. <see cref="Summary"/> is a one-line statement of the problem built
/// from the category, the details and the description; <see cref="ChannelName"/> names
/// <see cref="Channel"/> for people; <see cref="Promise"/> is the response time promised to the seller.
/// </summary>
public record TicketSummaryView(
    string Number, string Status, string Category, string CategoryLabel, string Urgency, string? UrgencyReason,
    string? SellerId, bool SellerIdUnverified, string? OrderNumber, bool OrderNumberUnknown, string? ProductName,
    string Summary, AgentView? Owner, string Channel, string ChannelName, PromiseView Promise, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>
/// A ticket's summary fields plus what the ticket view shows: the seller's words, the transcript, the
/// answers already shown and the ones the seller marked 👎 in this conversation.
/// </summary>
public sealed record TicketDetailView : TicketSummaryView
{
    public TicketDetailView(TicketSummaryView summary, string description, IReadOnlyList<MessageView> transcript, IReadOnlyList<FaqShownView> faqShown, IReadOnlyList<FaqShownView> disliked)
        : base(summary) => (Description, Transcript, FaqShown, Disliked) = (description, transcript, faqShown, disliked);

    public string Description { get; }
    public IReadOnlyList<MessageView> Transcript { get; }
    public IReadOnlyList<FaqShownView> FaqShown { get; }
    public IReadOnlyList<FaqShownView> Disliked { get; }
}

public sealed record TicketEventView(string Id, string Type, DateTimeOffset OccurredAt, TicketSummaryView Ticket, MessageView? Message);

/// <summary>The one JSON shape of tickets for the agent API, the pushed console events and the outbound webhook.</summary>
public sealed partial class TicketViews(IServiceProvider services, FeedbackStore feedback, IOptions<HandoffOptions> handoff)
{
    /// <summary>
    /// The knowledge served now (category labels, titles and reply texts follow a switch to a new version). The runtime
    /// is looked up on first use: building it needs the ticket store, whose webhook events need these views.
    /// </summary>
    private KnowledgeBase knowledge => (_runtime ??= services.GetRequiredService<Editing.KnowledgeRuntime>()).Current.Knowledge;

    private Editing.KnowledgeRuntime? _runtime;

    private readonly BusinessCalendar _calendar = new(handoff.Value);

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
            ProblemLine(knowledge.Handoff.CategoryLabel(d.Category), d),
            t.Owner is null ? null : new AgentView(t.Owner.Id, t.Owner.Name), t.Conversation.Channel, ChannelName(t.Conversation.Channel),
            Promise(t), t.CreatedAt, t.UpdatedAt);
    }

    public async Task<TicketDetailView> DetailAsync(Ticket t, CancellationToken cancellationToken = default)
    {
        var disliked = await feedback.DislikedAsync(t.Conversation.Channel, t.Conversation.ConversationId, cancellationToken);
        return new(Summary(t), t.Details.Description, t.Transcript.Select(Message).ToArray(), t.FaqShown.Select(f => new FaqShownView(f.FaqId, f.Title)).ToArray(),
            disliked.Select(id => new FaqShownView(id, knowledge.FindFaq(id)?.Title ?? id)).ToArray());
    }

    /// <summary>The promise the seller read when the ticket was made, recomputed from its creation time with the same calendar.</summary>
    public PromiseView Promise(Ticket t)
    {
        var promise = ResponsePromise.For(knowledge.Replies, _calendar, t.CreatedAt);
        return new(promise.Text, promise.Due, handoff.Value.TimeZone);
    }

    /// <summary>A channel id as agents call it: the two channels served here by name, the Bot Framework ones by product.</summary>
    public static string ChannelName(string channel) => channel switch
    {
        DirectLine.DirectLineBridge.ChannelId => "웹 채팅",
        TalkTalk.TalkTalkAdapter.ChannelId => "톡톡",
        "emulator" => "Bot Framework 에뮬레이터(테스트)",
        "webchat" or "directline" => "Bot Framework 웹 채팅",
        "msteams" => "Microsoft Teams",
        "test" => "테스트 채널",
        _ => $"기타 채널({channel})",
    };

    /// <summary>
    /// One line that says what the problem is: the category, the order or product it concerns, and the
    /// description's own clauses without the details already shown (IDs, numbers, product) or the request
    /// for a person ("상담원 연결해 주세요").
    /// </summary>
    public static string ProblemLine(string categoryLabel, TicketDetails d)
    {
        var subject = d.OrderNumber is { } order ? $"주문 {DetailExtractor.FormatOrderNumber(order)}" : d.ProductName;
        var clauses = new List<string>();
        foreach (var raw in ClauseBreak().Split(d.Description))
        {
            var clause = raw;
            foreach (var known in new[] { d.OrderNumber, d.SellerId, d.ProductName })
                if (!string.IsNullOrEmpty(known)) clause = clause.Replace(known, " ", StringComparison.OrdinalIgnoreCase);
            if (d.OrderNumber is { } digits) clause = clause.Replace(DetailExtractor.FormatOrderNumber(digits), " ", StringComparison.Ordinal);
            clause = DetailLabel().Replace(clause, " ");
            clause = PoliteRequest().Replace(clause, "");
            clause = Spaces().Replace(clause, " ").Trim(' ', ',', '.', '!', '?', '~');
            if (AsksForPerson().IsMatch(clause) || clause.Count(c => c is >= '가' and <= '힣') < 4) continue;
            clauses.Add(clause);
        }
        var problem = string.Join(" ", clauses);
        if (problem.Length == 0) problem = Spaces().Replace(d.Description, " ").Trim();
        if (problem.Length > 60) problem = problem[..60].TrimEnd() + "…";
        return string.Join(" · ", new[] { categoryLabel, subject, problem }.Where(p => !string.IsNullOrWhiteSpace(p)));
    }

    [GeneratedRegex(@"[.!?\n]+|(?<=(?:인데|는데|이고|이구요|이고요)),?\s+")]
    private static partial Regex ClauseBreak();

    [GeneratedRegex(@"(판매자\s*)?(아이디|ID)(는|은)?|주문\s*번호(는|은)?|상품명?(은|는)?|제품명?(은|는)?|(?<=\s|^)(건|건인데|이고|인데)(?=\s|$)", RegexOptions.IgnoreCase)]
    private static partial Regex DetailLabel();

    [GeneratedRegex(@"\s*(확인\s*)?(부탁\s*(드려요|드립니다|해요|합니다)|해\s*주세요|해\s*주실\s*수\s*있나요)\s*$")]
    private static partial Regex PoliteRequest();

    [GeneratedRegex("상담(원|사)|사람|연결")]
    private static partial Regex AsksForPerson();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    public static MessageView Message(TranscriptEntry m) => new(Role(m.Role), m.Text, m.At, m.Author);

    public TicketEventView Event(TicketEvent e) =>
        new(Guid.NewGuid().ToString("N"), e.Type, DateTimeOffset.UtcNow, Summary(e.Ticket), e.Message is null ? null : Message(e.Message));
}
