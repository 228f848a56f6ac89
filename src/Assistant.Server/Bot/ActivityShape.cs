using Assistant.Handoff;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;

namespace Assistant.Server.Bot;

/// <summary>
/// What the bot reads of an activity beyond its envelope, checked before a turn runs on any channel
/// (<c>/api/messages</c> and the Direct Line endpoint): a malformed payload is the sender's error (a
/// 400 with this reason), never a failed turn answered with an apology.
/// </summary>
public static class ActivityShape
{
    /// <summary>Checks of one kind of event's payload, by event name: the reason it is malformed, or null.</summary>
    private static readonly Dictionary<string, Func<Activity, string?>> EventShapes = new(StringComparer.Ordinal)
    {
        [HandoffEventNames.HandoffStatus] = activity =>
            activity.Value is JObject { } value && value["state"] is { Type: JTokenType.String }
                ? value["message"] is null or { Type: JTokenType.String or JTokenType.Null } ? null : "'value.message' of handoff.status must be a string"
                : "handoff.status needs an object 'value' with a string 'state'",
        [ReplyActivities.FeedbackEventName] = activity =>
            activity.Entities is { Count: > 0 } entities && entities.All(e => e?.Properties?["@id"] is null or { Type: JTokenType.String })
                ? null
                : "a feedback event needs entities whose '@id' is a string",
    };

    /// <summary>Why the activity cannot be handled, or null.</summary>
    public static string? Problem(Activity activity)
    {
        if (activity.MembersAdded?.Any(m => string.IsNullOrWhiteSpace(m?.Id)) == true || activity.MembersRemoved?.Any(m => string.IsNullOrWhiteSpace(m?.Id)) == true)
            return "every member in 'membersAdded' and 'membersRemoved' needs an 'id'";
        if (activity.From is { } from && from.Id is null) return "'from' needs an 'id'";
        if (activity.Type == ActivityTypes.Event && activity.Name is { } name && EventShapes.TryGetValue(name, out var shape)) return shape(activity);
        return null;
    }
}
