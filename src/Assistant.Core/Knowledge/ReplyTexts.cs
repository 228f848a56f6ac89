using Assistant.Text;

namespace Assistant.Knowledge;

/// <summary>Every fixed sentence the assistant says, from <c>knowledge/replies.yaml</c>.</summary>
public sealed class ReplyTexts(IReadOnlyDictionary<string, string> texts, IReadOnlyList<string> welcomeTopics)
{
    /// <summary>The keys <c>replies.yaml</c> must define; the loader rejects a file that lacks one.</summary>
    public static readonly IReadOnlyList<string> RequiredKeys =
    [
        "welcome", "waitBeforeOpening", "clarify", "clarifyTitle", "decline", "declineNoise", "notUnderstood", "offerHandoff", "handoffAction",
        "tooLong", "nonText", "error", "englishPreface", "answerFooter",
        "handoffStart", "askOrderNumber", "askOrderNumberRetry", "askSellerId", "askSellerIdRetry", "askProduct",
        "summary", "summaryConfirm", "summaryEditOrder", "summaryEditSeller", "summaryEditProduct", "summaryCancel",
        "unknownValue", "noneValue", "askCorrection", "askDescription", "handoffCancelled", "ticketCreated", "waitInHours",
        "waitOutsideHours", "urgentNote", "alreadyQueued", "agentJoined", "handedBack", "solvedAction", "notSolvedAction",
        "solvedThanks", "notSolved", "resolvedByAgent", "handoffFailed",
        "feedbackAsk", "feedbackThanks",
        "capabilities", "languageHelp", "askWhatHappened", "offerDeclined", "offerAgain", "whatUnclear", "noAnswer", "otherLanguage", "otherService", "formHurry", "formResume", "formAsideChoice", "formAsideNoted", "formSituationNoted", "handoffNoted", "formNoted", "detailNoted", "notedOrder", "notedSeller", "notedProduct", "confirmHint",
        "ticketStatusNone", "ticketStatusQueued", "ticketStatusClaimed", "ticketStatusClosed", "shortAnswer", "whyOrderNumber", "whySellerId", "whyProduct", "ticketWithdrawn", "ticketWithdrawnNote", "ticketAdded",
    ];

    /// <summary>The placeholders each reply may use; a reply not listed takes none.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> PlaceholdersOf = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["summary"] = ["orderNumber", "sellerId", "product", "description", "confirm"],
        ["ticketCreated"] = ["number", "wait"],
        ["waitInHours"] = ["days"],
        ["waitOutsideHours"] = ["hours", "next", "opens"],
        ["waitBeforeOpening"] = ["hours", "opens"],
        ["alreadyQueued"] = ["number"],
        ["agentJoined"] = ["name"],
        ["handoffFailed"] = ["phone"],
        ["tooLong"] = ["max"],
        ["otherService"] = ["name"],
        ["ticketStatusQueued"] = ["number", "wait"],
        ["ticketWithdrawn"] = ["number"],
        ["ticketAdded"] = ["number"],
        ["ticketStatusClaimed"] = ["number"],
        ["ticketStatusClosed"] = ["number"],
        ["handoffNoted"] = ["details"],
        ["formNoted"] = ["details"],
        ["detailNoted"] = ["details"],
        ["notedOrder"] = ["value"],
        ["notedSeller"] = ["value"],
        ["notedProduct"] = ["value"],
    };

    /// <summary>
    /// The text for <paramref name="key"/> with each <c>{name}</c> replaced by its value; a particle
    /// marker written right after a placeholder (<c>{number}(이)에요</c>, <c>{name}이(가)</c>,
    /// <c>{url}(으)로</c>) becomes the particle that fits how the value is read (see <see cref="Josa"/>).
    /// </summary>
    public string Format(string key, params (string Name, string Value)[] values) => ReplyTemplate.Render(this[key], values);

    public string this[string key] => texts.TryGetValue(key, out var text)
        ? text
        : throw new KeyNotFoundException($"replies.yaml has no text '{key}'.");

    public IReadOnlyList<string> WelcomeTopics { get; } = welcomeTopics;

    public string Welcome => this["welcome"];
    public string Clarify => this["clarify"];
    public string Decline => this["decline"];
    public string DeclineNoise => this["declineNoise"];
    public string NotUnderstood => this["notUnderstood"];
    public string OfferHandoff => this["offerHandoff"];
    public string HandoffAction => this["handoffAction"];
    public string Error => this["error"];
    public string EnglishPreface => this["englishPreface"];
    public string AnswerFooter => this["answerFooter"];
    public string NonText => this["nonText"];

    public string TooLong(int maxLength) => Format("tooLong", ("max", maxLength.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)));
}
