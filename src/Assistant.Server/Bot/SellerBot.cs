using Assistant.Dialogue;
using Assistant.Handoff;
using Assistant.Knowledge;
using Assistant.Text;
using Assistant.Server.Agents;
using Assistant.Server.Editing;
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
/// A dislike is answered with a short "what was missing?" (offering a person); the seller's next message,
/// unless it takes that offer, is kept with the rating.
/// </summary>
public sealed class SellerBot(KnowledgeRuntime runtime, IDialogueStateStore states, TicketViews views, FeedbackStore feedback, TurnMetrics metrics, TurnLog turnLog, TimeProvider time, ILogger<SellerBot> logger) : ActivityHandler
{
    /// <summary>
    /// The knowledge this turn is served with, read once when the bot is made for the turn (the Bot Framework makes
    /// one per turn): a switch to a new knowledge version never changes a turn in flight.
    /// </summary>
    private readonly KnowledgeSnapshot _snapshot = runtime.Current;

    private ConversationEngine engine => _snapshot.Engine;
    private KnowledgeBase knowledge => _snapshot.Knowledge;

    private const int MaxAttempts = 3;

    /// <summary>The longest feedback comment kept; the rest of a longer message is cut.</summary>
    private const int MaxCommentLength = 1000;

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
        turnLog.Record(TurnRecord.Of(new TurnInput(activity.Text, address), result, time.GetUtcNow()));

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

    /// <summary>Runs the engine on the conversation's state and commits it; a dislike's comment is stored once the state is.</summary>
    private async Task<TurnResult> RespondAndCommitAsync(ITurnContext<IMessageActivity> turnContext, ConversationAddress address, CancellationToken cancellationToken)
    {
        var input = new TurnInput(turnContext.Activity.Text, address);
        var (result, comment) = await CommitAsync(address, state => RespondAsync(input, state, cancellationToken), cancellationToken);
        if (comment is { } c)
        {
            await feedback.CommentAsync(c.Id, c.Text, cancellationToken);
            logger.LogInformation("Feedback comment on rating {Id} in {ConversationId}", c.Id, address.ConversationId);
        }
        return result;
    }

    private async Task<(DialogueState Keep, (TurnResult Result, (long Id, string Text)? Comment) Outcome)> RespondAsync(TurnInput input, DialogueState state, CancellationToken cancellationToken)
    {
        var (comment, pending) = TakeFeedbackComment(state, input.Text);
        if (comment is null) return (state, (await engine.RespondAsync(input, state, cancellationToken), null));

        // The answer to "what was missing?" may also be a new request: tried on a copy of the state, it
        // is handled as usual when it asks for a person or is answered by another entry; otherwise it
        // is taken as the comment and thanked for.
        var trial = Copy(state);
        var tried = await engine.RespondAsync(input, trial, cancellationToken);
        if (IsNewRequest(tried, pending!.FaqId)) return (trial, (tried, comment));
        var thanks = new AssistantReply(knowledge.Replies["feedbackThanks"], [knowledge.Replies.HandoffAction], new AssistantInfo("feedback", null, null, "feedback.comment", 1));
        return (state, (new TurnResult([thanks]), comment));
    }

    /// <summary>
    /// Loads the conversation's state, lets <paramref name="change"/> work on it (handing back the state to
    /// keep) and saves that against the loaded eTag. Turns of one conversation are serialised
    /// (<see cref="ConversationGate"/>), so a lost update is rare; when the write still loses the race,
    /// the change runs again on the fresh state instead of failing.
    /// </summary>
    private async Task<T> CommitAsync<T>(ConversationAddress address, Func<DialogueState, Task<(DialogueState Keep, T Outcome)>> change, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var (state, etag) = await states.LoadAsync(address.Channel, address.ConversationId, cancellationToken);
            var (keep, outcome) = await change(state);
            try
            {
                await states.SaveAsync(address.Channel, address.ConversationId, keep, etag, cancellationToken);
                return outcome;
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

    /// <summary>
    /// After a dislike's follow-up question, the next message is its answer unless it is empty or asks for a person
    /// (then it is handled as usual). Either way the question is answered only once.
    /// </summary>
    private ((long Id, string Text)? Comment, PendingFeedback? Pending) TakeFeedbackComment(DialogueState state, string? message)
    {
        if (state.PendingFeedback is not { } pending) return (null, null);
        state.PendingFeedback = null;
        var text = message?.Trim() ?? "";
        if (TextNormalizer.CountLetters(text) == 0 || TextNormalizer.Compact(text) == TextNormalizer.Compact(knowledge.Replies.HandoffAction)) return (null, pending);
        return ((pending.Id, text.Length > MaxCommentLength ? text[..MaxCommentLength] : text), pending);
    }

    /// <summary>A reply that starts or continues a handoff, or answers from another FAQ entry than the disliked one.</summary>
    private static bool IsNewRequest(TurnResult result, string dislikedFaq) =>
        result.CreatedTicket is not null
        || result.Replies.Any(r => r.Info.Action == "handoff" || (r.Info.Action == "answer" && r.Info.FaqId is { } id && id != dislikedFaq));

    private static DialogueState Copy(DialogueState state) =>
        System.Text.Json.JsonSerializer.Deserialize<DialogueState>(System.Text.Json.JsonSerializer.Serialize(state))!;

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

    /// <summary>The conversation, with the seller's id on the channel (<c>from.id</c>: the Direct Line token's user, the TalkTalk user) as its seller key.</summary>
    private static ConversationAddress Address(IActivity activity) =>
        new(activity.ChannelId, activity.Conversation.Id, JsonConvert.SerializeObject(((Activity)activity).GetConversationReference()),
            string.IsNullOrEmpty(activity.From?.Id) ? null : activity.From.Id);

    private async Task RecordFeedbackAsync(ITurnContext<IEventActivity> turnContext, CancellationToken cancellationToken)
    {
        var action = turnContext.Activity.Entities?.Select(e => e?.Properties).FirstOrDefault(p => p?["@id"] is not null);
        var parts = ((string?)action?["@id"])?.Split(':');
        if (parts is not ["feedback", "like" or "dislike", { Length: > 0 } faqId]) return;
        var helpful = parts[1] == "like";
        var id = await feedback.RecordAsync(turnContext.Activity.ChannelId, turnContext.Activity.Conversation.Id, faqId, helpful, cancellationToken);
        logger.LogInformation("Feedback {Feedback} on {FaqId} in {ConversationId}", parts[1], faqId, turnContext.Activity.Conversation.Id);
        // A like needs no answer (the filled thumb is the acknowledgement); a dislike asks what was missing, once.
        if (helpful) return;

        var askedAlready = await CommitAsync(Address(turnContext.Activity), state =>
        {
            var asked = state.PendingFeedback is not null;
            state.PendingFeedback = new PendingFeedback(id, faqId);
            return Task.FromResult((state, asked));
        }, cancellationToken);
        if (askedAlready) return;
        var ask = new AssistantReply(knowledge.Replies["feedbackAsk"], [knowledge.Replies.HandoffAction], new AssistantInfo("feedback", faqId, null, "feedback.ask", 1));
        await turnContext.SendActivityAsync(ReplyActivities.ToActivity(ask), cancellationToken);
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
