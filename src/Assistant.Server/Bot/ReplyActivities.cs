using Assistant.Dialogue;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;

namespace Assistant.Server.Bot;

/// <summary>Maps the channel-neutral <see cref="AssistantReply"/> to a Bot Framework message activity.</summary>
internal static class ReplyActivities
{
    public const string FeedbackEventName = "webchat:activity-status/feedback";

    /// <summary>
    /// Marks an answer as rateable: Web Chat shows like/dislike under it and, on a click, posts the
    /// event <see cref="FeedbackEventName"/> carrying the chosen action, whose @id names the FAQ entry.
    /// </summary>
    private static Entity FeedbackEntity(string faqId) => new("https://schema.org/Message")
    {
        Properties = new JObject
        {
            ["@context"] = "https://schema.org",
            ["@id"] = "",
            ["@type"] = "Message",
            ["potentialAction"] = new JArray(
                new JObject { ["@type"] = "LikeAction", ["@id"] = $"feedback:like:{faqId}", ["actionStatus"] = "PotentialActionStatus" },
                new JObject { ["@type"] = "DislikeAction", ["@id"] = $"feedback:dislike:{faqId}", ["actionStatus"] = "PotentialActionStatus" }),
        },
    };

    /// <summary>
    /// <c>channelData.assistant</c>: the <see cref="AssistantInfo"/> with camel-case names, null members left out, built
    /// member by member (what <c>JObject.FromObject</c> with a camel-case resolver writes, without its reflection on every reply).
    /// </summary>
    internal static JObject InfoJson(AssistantInfo info)
    {
        var json = new JObject { ["action"] = info.Action };
        if (info.FaqId is { } faqId) json["faqId"] = faqId;
        if (info.Suggestions is { } suggestions) json["suggestions"] = new JArray(suggestions);
        if (info.Intent is { } intent) json["intent"] = intent;
        json["confidence"] = info.Confidence;
        if (info.Ticket is { } ticket) json["ticket"] = ticket;
        if (info.Agent is { } agent) json["agent"] = agent;
        return json;
    }

    public static IMessageActivity ToActivity(AssistantReply reply)
    {
        var activity = MessageFactory.Text(reply.Text);
        activity.TextFormat = TextFormatTypes.Markdown;
        activity.Locale = "ko-KR";
        if (reply.SuggestedActions.Count > 0)
        {
            activity.SuggestedActions = new SuggestedActions
            {
                Actions = reply.SuggestedActions.Select(s => new CardAction(ActionTypes.ImBack, s, value: s)).ToList(),
            };
        }
        activity.ChannelData = new JObject { ["assistant"] = InfoJson(reply.Info) };
        if (reply.Info is { Action: "answer", FaqId: { } faqId }) activity.Entities = [FeedbackEntity(faqId)];
        return activity;
    }
}
