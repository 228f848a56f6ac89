using System.Text.RegularExpressions;
using Assistant.Dialogue;
using Assistant.Handoff;

namespace Assistant.Evaluation.Scenarios;

/// <summary>
/// What the seller saw because of one turn and the tickets around it: the input of <see cref="ScenarioJudge"/>.
/// <paramref name="TicketsBefore"/>/<paramref name="TicketsAfter"/> count the scenario's tickets;
/// <paramref name="LatestTicket"/> is its most recent stored ticket after the turn.
/// </summary>
public sealed record TurnObservation(IReadOnlyList<AssistantReply> Messages, int TicketsBefore, int TicketsAfter, Ticket? LatestTicket)
{
    /// <summary>Every visible message joined with \n, each followed by its button labels.</summary>
    public string ReplyText { get; } = string.Join('\n', Messages.Select(m => string.Join('\n', m.SuggestedActions.Prepend(m.Text))));

    /// <summary>
    /// The turn's decision. A turn can send several messages (the handoff opening line, then its question;
    /// a future engine may answer and add a note): when any message answered an FAQ the decision is
    /// <c>answer</c>; otherwise it is the action of the last message. Null when nothing was sent.
    /// </summary>
    public string? Action { get; } =
        Messages.Any(m => m.Info.Action == "answer") ? "answer" : Messages.LastOrDefault()?.Info.Action;

    /// <summary>The FAQ ids the turn's answers came from.</summary>
    public IReadOnlyList<string> AnsweredFaqIds { get; } =
        Messages.Where(m => m.Info.Action == "answer" && m.Info.FaqId is not null).Select(m => m.Info.FaqId!).Distinct().ToArray();

    /// <summary>The FAQ ids offered by the turn's clarify messages.</summary>
    public IReadOnlyList<string> OfferedFaqIds { get; } =
        Messages.Where(m => m.Info.Action == "clarify").SelectMany(m => m.Info.Suggestions ?? []).Distinct().ToArray();

    /// <summary>The ticket this turn stored, if the count went up.</summary>
    public Ticket? CreatedTicket => TicketsAfter > TicketsBefore ? LatestTicket : null;

    /// <summary>Short form of the decision for reasons and reports: <c>answer:fees</c>, <c>clarify[a,b]</c>, <c>(silent)</c>.</summary>
    public string DescribeAction() => Action switch
    {
        null => "(silent)",
        "answer" => "answer:" + string.Join(",", AnsweredFaqIds),
        "clarify" => "clarify[" + string.Join(",", OfferedFaqIds) + "]",
        var a => a,
    };
}

/// <summary>
/// Judges one turn against its <see cref="Expectation"/>, key by key as <c>shared/eval/scenarios.md</c>
/// defines them. Each failure is "key: what was expected, what was seen", short.
/// </summary>
public static class ScenarioJudge
{
    /// <summary>The failures of <paramref name="expect"/> on <paramref name="seen"/>; empty when every key holds.</summary>
    public static IReadOnlyList<string> Check(Expectation expect, TurnObservation seen)
    {
        var failures = new List<string>();
        void Fail(string key, string reason) => failures.Add($"{key}: {reason}");
        var action = seen.DescribeAction();
        var text = seen.ReplyText;

        if (expect.Action is { } actions && (seen.Action is null || !actions.Contains(seen.Action)))
            Fail("action", $"expected {string.Join("|", actions)}, saw {action}");
        if (expect.NotAction is { } notActions && seen.Action is not null && notActions.Contains(seen.Action))
            Fail("notAction", $"expected none of {string.Join("|", notActions)}, saw {action}");
        if (expect.FaqId is { } faqs)
        {
            if (seen.Action != "answer" || seen.AnsweredFaqIds.Count == 0) Fail("faqId", $"expected an answer from {string.Join("|", faqs)}, saw {action}");
            else if (seen.AnsweredFaqIds.Any(id => !faqs.Contains(id))) Fail("faqId", $"expected {string.Join("|", faqs)}, saw {action}");
        }
        if (expect.Suggests is { } all)
        {
            if (seen.Action != "clarify") Fail("suggests", $"expected clarify offering {string.Join(",", all)}, saw {action}");
            else if (all.Where(id => !seen.OfferedFaqIds.Contains(id)).ToArray() is { Length: > 0 } missing)
                Fail("suggests", $"{string.Join(",", missing)} not offered, saw {action}");
        }
        if (expect.SuggestsAny is { } any)
        {
            if (seen.Action != "clarify") Fail("suggestsAny", $"expected clarify offering one of {string.Join(",", any)}, saw {action}");
            else if (!any.Any(seen.OfferedFaqIds.Contains)) Fail("suggestsAny", $"none of {string.Join(",", any)} offered, saw {action}");
        }
        foreach (var pattern in expect.Text ?? [])
            if (!pattern.IsMatch(text)) Fail("text", $"/{pattern}/ not found in {Quote(text)}");
        foreach (var pattern in expect.NotText ?? [])
            if (pattern.Match(text) is { Success: true } m) Fail("notText", $"/{pattern}/ found \"{m.Value}\" in {Quote(text)}");
        if (expect.Silent && seen.Messages.Count > 0) Fail("silent", $"expected nothing, saw {seen.Messages.Count} message(s): {Quote(text)}");
        if (expect.TicketCreated)
        {
            if (seen.CreatedTicket is not { } created) Fail("ticketCreated", $"no ticket stored by this turn ({seen.TicketsAfter} in the scenario), saw {action}: {Quote(text)}");
            else if (!text.Contains(created.Number, StringComparison.OrdinalIgnoreCase)) Fail("ticketCreated", $"ticket {created.Number} stored but its number is not in the reply {Quote(text)}");
        }
        if (expect.NoTicket && seen.TicketsAfter != seen.TicketsBefore)
            Fail("noTicket", $"this turn stored ticket {seen.LatestTicket?.Number} ({seen.TicketsBefore} → {seen.TicketsAfter})");
        if (expect.Fields is { } fields) CheckFields(fields, text, Fail);
        if (expect.Ticket is { } ticketFields)
        {
            if (seen.LatestTicket is not { } ticket) Fail("ticket", "no ticket stored in this scenario");
            else
                foreach (var (field, pattern) in ticketFields)
                {
                    var value = TicketField(ticket, field);
                    if (!pattern.IsMatch(value)) Fail($"ticket.{field}", $"/{pattern}/ does not match \"{value}\" ({ticket.Number})");
                }
        }
        if (expect.AnyOf is { } options)
        {
            var tried = options.Select(o => Check(o, seen)).ToArray();
            if (tried.All(f => f.Count > 0))
                Fail("anyOf", "no option held (" + string.Join("; ", tried.Select((f, i) => $"{i + 1}: {string.Join(", ", f)}")) + ")");
        }
        return failures;
    }

    /// <summary>A ticket field by its scenario name; a missing value is the empty string, the status its enum name in lower case.</summary>
    public static string TicketField(Ticket ticket, string field) => field switch
    {
        "category" => ticket.Details.Category,
        "urgency" => ticket.Details.Urgency,
        "orderNumber" => ticket.Details.OrderNumber,
        "sellerId" => ticket.Details.SellerId,
        "productName" => ticket.Details.ProductName,
        "status" => ticket.Status.ToString().ToLowerInvariant(),
        _ => throw new ArgumentException($"unknown ticket field {field}", nameof(field)),
    } ?? "";

    private static void CheckFields(FieldsExpectation fields, string text, Action<string, string> fail)
    {
        if (fields.Order is { } order)
        {
            var compact = text.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
            if (!compact.Contains(order, StringComparison.Ordinal)) fail("fields.order", $"{order} not shown in {Quote(text)}");
        }
        if (fields.Seller is { } seller && !text.Contains(seller, StringComparison.OrdinalIgnoreCase))
            fail("fields.seller", $"\"{seller}\" not shown in {Quote(text)}");
        if (fields.Product is { } product && !product.IsMatch(text))
            fail("fields.product", $"/{product}/ not found in {Quote(text)}");
    }

    /// <summary>The reply as a short one-line quote.</summary>
    public static string Quote(string text)
    {
        var line = Regex.Replace(text, @"\s+", " ").Trim();
        return line.Length == 0 ? "(nothing)" : "\"" + (line.Length > 120 ? line[..120] + "…" : line) + "\"";
    }
}
