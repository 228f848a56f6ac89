using Assistant.Dialogue;
using Assistant.Handoff;
using Assistant.Server.Agents;
using Assistant.Server.Storage;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Assistant.Server.Bot;

/// <summary>
/// The seller-support bot, the same for every channel: welcomes new members with suggested topics,
/// hands each message to the <see cref="ConversationEngine"/> and sends what it says. A created
/// ticket is also announced with the standard <c>handoff.initiate</c> event (ticket as value,
/// transcript attached); <c>handoff.status</c> events are accepted. A message's state is committed before the seller sees its replies.
/// </summary>
public sealed class SellerBot(ConversationEngine engine, IDialogueStateStore states, TicketViews views, FeedbackStore feedback, TurnMetrics metrics, ILogger<SellerBot> logger) : ActivityHandler
{
    private const int MaxAttempts = 3;

    protected override async Task OnMembersAddedAsync(IList<ChannelAccount> membersAdded, ITurnContext<IConversationUpdateActivity> turnContext, CancellationToken cancellationToken)
    {
        foreach (var member in membersAdded)
            if (member.Id != turnContext.Activity.Recipient?.Id)
                await turnContext.SendActivityAsync(ReplyActivities.ToActivity(engine.Welcome()), cancellationToken);
    }

    protected override async Task OnMessageActivityAsync(ITurnContext<IMessageActivity> turnContext, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        var address = Address(activity);
        var result = await RespondAndCommitAsync(turnContext, address, cancellationToken);
        metrics.Turn(activity.ChannelId);

        // The state is committed: only now does the seller see the outcome.
        // Channels that show typing (Web Chat) see it until the answer; TalkTalk ignores it.
        if (result.Replies.Count > 0) await turnContext.SendActivityAsync(new Activity(ActivityTypes.Typing), cancellationToken);
        foreach (var reply in result.Replies)
        {
            logger.LogDebug("Decision {Action} {Intent} {Confidence:0.00} in {ConversationId}", reply.Info.Action, reply.Info.Intent, reply.Info.Confidence, activity.Conversation.Id);
            await turnContext.SendActivityAsync(ReplyActivities.ToActivity(reply), cancellationToken);
        }
        if (result.CreatedTicket is { } ticket)
        {
            logger.LogInformation("Ticket {Number} created ({Category}, {Urgency}) for {ConversationId}", ticket.Number, ticket.Details.Category, ticket.Details.Urgency, activity.Conversation.Id);
            await turnContext.SendActivityAsync(HandoffInitiation(turnContext, ticket), cancellationToken);
        }
    }

    /// <summary>
    /// Runs the engine on the conversation's state and saves it. Turns of one conversation are
    /// serialised (<see cref="ConversationGate"/>), so a lost update is rare; when the write still
    /// loses the race, the turn runs again from the fresh state instead of failing.
    /// </summary>
    private async Task<TurnResult> RespondAndCommitAsync(ITurnContext<IMessageActivity> turnContext, ConversationAddress address, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var (state, etag) = await states.LoadAsync(address.Channel, address.ConversationId, cancellationToken);
            var result = await engine.RespondAsync(new TurnInput(turnContext.Activity.Text, address), state, cancellationToken);
            try
            {
                await states.SaveAsync(address.Channel, address.ConversationId, state, etag, cancellationToken);
                return result;
            }
            catch (StateConflictException conflict) when (attempt < MaxAttempts)
            {
                metrics.ConflictRetried(address.Channel);
                logger.LogWarning("State conflict on {Key} in conversation {ConversationId} (attempt {Attempt}); running the turn again from fresh state", conflict.Key, address.ConversationId, attempt);
            }
            catch (StateConflictException conflict)
            {
                metrics.ConflictFailed(address.Channel);
                logger.LogError("State conflict on {Key} in conversation {ConversationId} persisted after {Attempts} attempts", conflict.Key, address.ConversationId, attempt);
                throw;
            }
        }
    }

    protected override async Task OnEventActivityAsync(ITurnContext<IEventActivity> turnContext, CancellationToken cancellationToken)
    {
        if (turnContext.Activity.Name == ReplyActivities.FeedbackEventName)
        {
            await RecordFeedbackAsync(turnContext, cancellationToken);
            return;
        }
        if (turnContext.Activity.Name != HandoffEventNames.HandoffStatus) return;
        // A bot must accept handoff.status, never reject it: record it and, on failure, tell the seller.
        var value = turnContext.Activity.Value is JObject o ? o : JObject.FromObject(turnContext.Activity.Value ?? new { });
        var status = (string?)value["state"];
        logger.LogInformation("handoff.status {State} ({Message}) in {ConversationId}", status, (string?)value["message"], turnContext.Activity.Conversation.Id);
        if (status == "failed")
            await turnContext.SendActivityAsync(ReplyActivities.ToActivity(engine.HandoffFailed()), cancellationToken);
        else if (status == "completed")
            await turnContext.SendActivityAsync(ReplyActivities.ToActivity(await engine.HandoffCompletedAsync(Address(turnContext.Activity), cancellationToken)), cancellationToken);
    }

    private static ConversationAddress Address(IActivity activity) =>
        new(activity.ChannelId, activity.Conversation.Id, JsonConvert.SerializeObject(((Activity)activity).GetConversationReference()));

    private async Task RecordFeedbackAsync(ITurnContext<IEventActivity> turnContext, CancellationToken cancellationToken)
    {
        var action = turnContext.Activity.Entities?.Select(e => e?.Properties).FirstOrDefault(p => p?["@id"] is not null);
        var parts = ((string?)action?["@id"])?.Split(':');
        if (parts is not ["feedback", "like" or "dislike", { Length: > 0 } faqId]) return;
        await feedback.RecordAsync(turnContext.Activity.ChannelId, turnContext.Activity.Conversation.Id, faqId, parts[1] == "like", cancellationToken);
        logger.LogInformation("Feedback {Feedback} on {FaqId} in {ConversationId}", parts[1], faqId, turnContext.Activity.Conversation.Id);
    }

    private IEventActivity HandoffInitiation(ITurnContext turnContext, Ticket ticket)
    {
        var transcript = new Transcript(ticket.Transcript.Select(entry =>
        {
            var message = Activity.CreateMessageActivity();
            message.Text = entry.Text;
            message.Timestamp = entry.At;
            message.From = new ChannelAccount(entry.Role == MessageRole.Seller ? turnContext.Activity.From.Id : turnContext.Activity.Recipient.Id, entry.Role.ToString().ToLowerInvariant());
            return (Activity)message;
        }).ToList());
        var context = JObject.FromObject(views.Summary(ticket), JsonSerializer.Create(new JsonSerializerSettings
        {
            ContractResolver = new Newtonsoft.Json.Serialization.CamelCasePropertyNamesContractResolver(),
        }));
        return EventFactory.CreateHandoffInitiation(turnContext, context, transcript);
    }
}
