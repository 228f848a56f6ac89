using Assistant.Dialogue;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Newtonsoft.Json.Serialization;

namespace Assistant.Server.Bot;

/// <summary>Maps the channel-neutral <see cref="AssistantReply"/> to a Bot Framework message activity.</summary>
internal static class ReplyActivities
{
    private static readonly JsonSerializer Camel = JsonSerializer.Create(new JsonSerializerSettings
    {
        ContractResolver = new CamelCasePropertyNamesContractResolver(),
        NullValueHandling = NullValueHandling.Ignore,
    });

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
        activity.ChannelData = new JObject { ["assistant"] = JObject.FromObject(reply.Info, Camel) };
        return activity;
    }
}
