using System.Text.RegularExpressions;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;

namespace Assistant.Server.TalkTalk;

/// <summary>
/// Bot Framework message activities as TalkTalk events, within TalkTalk's limits: text up to 10,000
/// characters (longer text is split), quick replies up to 10 buttons with titles up to 10
/// characters, a clarifying question as a composite of up to 10 buttons with titles up to 18.
/// A shortened button carries the full text in its code, which comes back when it is pressed.
/// </summary>
public static partial class TalkTalkMessages
{
    public const int MaxText = 10_000, MaxButtons = 10, QuickReplyTitle = 10, CompositeButtonTitle = 18, CompositeDescription = 1_000, CompositeTitle = 200;
    public const string CodePrefix = "reply:";

    public static IReadOnlyList<JObject> ToEvents(string user, IMessageActivity activity, Assistant.Knowledge.ReplyTexts replies)
    {
        var handoffAction = replies.HandoffAction;
        var text = PlainText(activity.Text ?? "");
        var actions = activity.SuggestedActions?.Actions?.Select(a => (string?)a.Value?.ToString() ?? a.Title).Where(v => !string.IsNullOrEmpty(v)).ToList() ?? [];
        var isClarify = (string?)(activity.ChannelData as JObject)?["assistant"]?["action"] == "clarify";

        if (isClarify && text.Length <= CompositeDescription)
        {
            var choices = actions.Where(a => a != handoffAction).Take(MaxButtons).ToArray();
            var composite = new JObject
            {
                ["compositeList"] = new JArray(new JObject
                {
                    ["title"] = Fit(replies["clarifyTitle"], CompositeTitle),
                    ["description"] = text,
                    ["buttonList"] = new JArray(choices.Select(c => Button(c, CompositeButtonTitle))),
                }),
            };
            var clarify = new JObject { ["event"] = "send", ["user"] = user, ["compositeContent"] = composite };
            if (actions.Contains(handoffAction)) composite["quickReply"] = QuickReply([handoffAction]);
            return [clarify];
        }

        var chunks = Split(text);
        var events = chunks.Select(chunk => new JObject { ["event"] = "send", ["user"] = user, ["textContent"] = new JObject { ["text"] = chunk } }).ToList();
        if (actions.Count > 0) events[^1]["textContent"]!["quickReply"] = QuickReply(actions);
        return events;
    }

    /// <summary>
    /// Joins consecutive text messages of one turn into one (the webhook's answer can carry only one
    /// event, and one bubble reads better than several); quick replies stay on the last.
    /// </summary>
    public static IReadOnlyList<JObject> Merge(IReadOnlyList<JObject> events)
    {
        var merged = new List<JObject>();
        foreach (var e in events)
        {
            var previous = merged.Count > 0 ? merged[^1]["textContent"] as JObject : null;
            var current = e["textContent"] as JObject;
            if (previous is not null && current is not null && previous["quickReply"] is null
                && ((string?)previous["text"])!.Length + ((string?)current["text"])!.Length + 2 <= MaxText)
            {
                previous["text"] = (string?)previous["text"] + "\n\n" + (string?)current["text"];
                if (current["quickReply"] is { } quickReply) previous["quickReply"] = quickReply.DeepClone();
                continue;
            }
            merged.Add((JObject)e.DeepClone());
        }
        return merged;
    }

    /// <summary>What the seller meant: the full text behind a pressed (possibly shortened) button, else what they typed.</summary>
    public static string? IncomingText(JObject textContent) =>
        IncomingText(textContent["text"]?.Type == JTokenType.String ? (string?)textContent["text"] : null,
            textContent["code"]?.Type == JTokenType.String ? (string?)textContent["code"] : null);

    /// <summary>What the seller meant, from the already type-checked <c>textContent.text</c> and <c>textContent.code</c>.</summary>
    public static string? IncomingText(string? text, string? code) =>
        code is not null && code.StartsWith(CodePrefix, StringComparison.Ordinal) ? code[CodePrefix.Length..] : text;

    public static JObject Handover(string user, string control, int? targetId = null)
    {
        var options = new JObject { ["control"] = control };
        if (targetId is not null) options["targetId"] = targetId;
        return new JObject { ["event"] = "handover", ["user"] = user, ["options"] = options };
    }

    public static JObject Typing(string user, bool on) =>
        new() { ["event"] = "action", ["user"] = user, ["options"] = new JObject { ["action"] = on ? "typingOn" : "typingOff" } };

    private static JObject QuickReply(IEnumerable<string> values) =>
        new() { ["buttonList"] = new JArray(values.Take(MaxButtons).Select(v => Button(v, QuickReplyTitle))) };

    private static JObject Button(string value, int maxTitle) =>
        new() { ["type"] = "TEXT", ["data"] = new JObject { ["title"] = Fit(value, maxTitle), ["code"] = CodePrefix + value } };

    private static string Fit(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";

    /// <summary>TalkTalk shows plain text: drop Markdown emphasis, keep lines and bullets.</summary>
    internal static string PlainText(string markdown) =>
        Emphasis().Replace(markdown, m => m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value).Trim();

    /// <summary>Splits at line breaks (or hard, for one over-long line) into parts of at most <see cref="MaxText"/>.</summary>
    internal static IReadOnlyList<string> Split(string text)
    {
        if (text.Length <= MaxText) return [text];
        var parts = new List<string>();
        var rest = text;
        while (rest.Length > MaxText)
        {
            var cut = rest.LastIndexOf('\n', MaxText - 1);
            if (cut <= 0) cut = MaxText;
            parts.Add(rest[..cut].TrimEnd());
            rest = rest[cut..].TrimStart('\n');
        }
        if (rest.Length > 0) parts.Add(rest);
        return parts;
    }

    [GeneratedRegex(@"\*\*(.+?)\*\*|__(.+?)__")]
    private static partial Regex Emphasis();
}
