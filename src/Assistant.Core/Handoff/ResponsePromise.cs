using Assistant.Knowledge;

namespace Assistant.Handoff;

/// <summary>
/// What the seller is told about the wait when a ticket is created, and the latest time it promises:
/// one computation for the seller's message and the agent console, so both show the same promise.
/// </summary>
public sealed record ResponsePromise(string Text, DateTimeOffset Due)
{
    public static ResponsePromise For(ReplyTexts replies, BusinessCalendar calendar, DateTimeOffset createdAt) =>
        new(WaitText(replies, calendar, createdAt), calendar.ResponseDeadline(createdAt));

    /// <summary>
    /// When the seller can expect an answer: within hours, "오늘 오전 9시부터" before opening on a
    /// business day, otherwise from the next business day's opening.
    /// </summary>
    public static string WaitText(ReplyTexts replies, BusinessCalendar calendar, DateTimeOffset now) =>
        calendar.IsOpen(now) ? replies.Format("waitInHours", ("days", calendar.ResponseBusinessDays.ToString(System.Globalization.CultureInfo.InvariantCulture)))
        : calendar.OpensLaterToday(now) ? replies.Format("waitBeforeOpening", ("hours", calendar.HoursText), ("opens", calendar.OpensText))
        : replies.Format("waitOutsideHours", ("hours", calendar.HoursText), ("next", BusinessCalendar.KoreanDate(calendar.NextOpening(now))), ("opens", calendar.OpensText));

}
