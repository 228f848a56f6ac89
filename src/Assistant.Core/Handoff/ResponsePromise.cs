using Assistant.Knowledge;

namespace Assistant.Handoff;

/// <summary>
/// What the seller is told about the wait when a ticket is created, and the latest time it promises:
/// one computation for the seller's message and the agent console, so both show the same promise.
/// </summary>
public sealed record ResponsePromise(string Text, DateTimeOffset Due)
{
    public static ResponsePromise For(ReplyTexts replies, BusinessCalendar calendar, DateTimeOffset createdAt)
    {
        var text = calendar.IsOpen(createdAt)
            ? replies["waitInHours"]
            : replies.Format("waitOutsideHours", ("hours", calendar.HoursText), ("next", BusinessCalendar.KoreanDate(calendar.NextOpening(createdAt))));
        return new(text, calendar.ResponseDeadline(createdAt));
    }
}
