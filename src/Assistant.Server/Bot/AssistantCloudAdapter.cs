using Assistant.Knowledge;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Bot.Schema;

namespace Assistant.Server.Bot;

/// <summary>
/// The Bot Framework adapter for every channel. One constructor (the SDK's own are ambiguous for
/// DI); a failed turn is logged, the seller gets an apology in Korean, and the Emulator a trace.
/// </summary>
public sealed class AssistantCloudAdapter : CloudAdapter
{
    public AssistantCloudAdapter(BotFrameworkAuthentication authentication, KnowledgeBase knowledge, ILogger<AssistantCloudAdapter> logger)
        : base(authentication, logger)
    {
        OnTurnError = async (turnContext, exception) =>
        {
            logger.LogError(exception, "Turn failed in conversation {ConversationId}", turnContext.Activity.Conversation?.Id);
            try
            {
                await turnContext.SendActivityAsync(MessageFactory.Text(knowledge.Replies.Error));
                await turnContext.SendActivityAsync(Activity.CreateTraceActivity("OnTurnError", "https://www.botframework.com/schemas/error", exception.GetType().Name, "TurnError"));
            }
            catch (Exception sendFailure)
            {
                logger.LogError(sendFailure, "Could not tell the seller about the failed turn");
            }
        };
    }
}
