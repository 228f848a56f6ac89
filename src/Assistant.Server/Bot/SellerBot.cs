using Assistant.Dialogue;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace Assistant.Server.Bot;

/// <summary>
/// The seller-support bot, the same for every channel: welcomes new members with suggested topics and
/// answers messages through the <see cref="ConversationEngine"/>. State is saved once, at the end of the turn.
/// </summary>
public sealed class SellerBot(ConversationEngine engine, ConversationState conversationState, ILogger<SellerBot> logger) : ActivityHandler
{
    private readonly IStatePropertyAccessor<DialogueState> _dialogue = conversationState.CreateProperty<DialogueState>(nameof(DialogueState));

    public override async Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
    {
        await base.OnTurnAsync(turnContext, cancellationToken);
        await conversationState.SaveChangesAsync(turnContext, force: false, cancellationToken);
    }

    protected override async Task OnMembersAddedAsync(IList<ChannelAccount> membersAdded, ITurnContext<IConversationUpdateActivity> turnContext, CancellationToken cancellationToken)
    {
        foreach (var member in membersAdded)
            if (member.Id != turnContext.Activity.Recipient?.Id)
                await turnContext.SendActivityAsync(ReplyActivities.ToActivity(engine.Welcome()), cancellationToken);
    }

    protected override async Task OnMessageActivityAsync(ITurnContext<IMessageActivity> turnContext, CancellationToken cancellationToken)
    {
        var state = await _dialogue.GetAsync(turnContext, () => new DialogueState(), cancellationToken);
        await turnContext.SendActivityAsync(new Activity(ActivityTypes.Typing), cancellationToken);
        var reply = await engine.RespondAsync(turnContext.Activity.Text, state, cancellationToken);
        logger.LogInformation("Decision {Action} {Intent} {Confidence:0.00} in {ConversationId}",
            reply.Info.Action, reply.Info.Intent, reply.Info.Confidence, turnContext.Activity.Conversation.Id);
        await turnContext.SendActivityAsync(ReplyActivities.ToActivity(reply), cancellationToken);
    }
}
