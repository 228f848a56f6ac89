namespace Assistant.Knowledge;

/// <summary>Every fixed sentence the assistant says, from <c>knowledge/replies.yaml</c>.</summary>
public sealed class ReplyTexts(IReadOnlyDictionary<string, string> texts, IReadOnlyList<string> welcomeTopics)
{
    /// <summary>The keys <c>replies.yaml</c> must define; the loader rejects a file that lacks one.</summary>
    public static readonly IReadOnlyList<string> RequiredKeys =
    [
        "welcome", "clarify", "clarifyTitle", "decline", "declineNoise", "notUnderstood", "offerHandoff", "handoffAction",
        "tooLong", "nonText", "error", "englishPreface", "answerFooter",
        "handoffStart", "askOrderNumber", "askOrderNumberRetry", "askSellerId", "askSellerIdRetry", "askProduct",
        "summary", "summaryConfirm", "summaryEditOrder", "summaryEditSeller", "summaryEditProduct", "summaryCancel",
        "unknownValue", "noneValue", "askCorrection", "askDescription", "handoffCancelled", "ticketCreated", "waitInHours",
        "waitOutsideHours", "urgentNote", "alreadyQueued", "agentJoined", "handedBack", "solvedAction", "notSolvedAction",
        "solvedThanks", "notSolved", "resolvedByAgent", "handoffFailed",
        "feedbackAsk", "feedbackThanks",
    ];

    /// <summary>The text for <paramref name="key"/> with each <c>{name}</c> replaced by its value.</summary>
    public string Format(string key, params (string Name, string Value)[] values)
    {
        var text = this[key];
        foreach (var (name, value) in values) text = text.Replace("{" + name + "}", value, StringComparison.Ordinal);
        return text;
    }

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

    public string TooLong(int maxLength) => this["tooLong"].Replace("{max}", maxLength.ToString("N0", System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
}
