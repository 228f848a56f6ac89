using Assistant.Dialogue;
using Assistant.Handoff;
using Assistant.Server.Bot;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Options;

namespace Assistant.Server.DirectLine;

/// <summary>
/// Connects the Direct Line endpoint to the bot: a user's activity is stored (the echo Web Chat waits
/// for), run through the Bot Framework adapter and <see cref="SellerBot"/> like any channel's, and
/// the replies are stored and pushed to the conversation's streams.
/// </summary>
public sealed class DirectLineBridge(IDirectLineStore store, DirectLineHub hub, AssistantCloudAdapter adapter, ConversationGate gate, IServiceProvider services, IOptions<DirectLineOptions> options, TimeProvider time)
{
    /// <summary>
    /// This server's own Direct Line. Not "directline", which is Azure Bot Service's Direct Line
    /// channel: those conversations come through /api/messages and must never share state with these.
    /// </summary>
    public const string ChannelId = "assistant-webchat";

    // Never called over HTTP (turns are in-process and proactive messages are stored directly), but
    // Bot Framework conversation references need an absolute service URL.
    public const string ServiceUrl = "https://directline.assistant.invalid/";

    private ChannelAccount Bot => new(options.Value.BotId, options.Value.BotName, RoleTypes.Bot);

    /// <summary>Greets a new conversation once (conversationUpdate with the user and the bot joining).</summary>
    public Task StartAsync(DirectLineConversation conversation, CancellationToken cancellationToken) =>
        gate.RunAsync(ChannelId, conversation.Id, ct => StartInTurnAsync(conversation, ct), cancellationToken);

    private async Task StartInTurnAsync(DirectLineConversation conversation, CancellationToken cancellationToken)
    {
        // Read again inside the gate: of two clients starting at once, only the first greets.
        if ((await store.GetAsync(conversation.Id, cancellationToken))?.Started ?? conversation.Started) return;
        await store.MarkStartedAsync(conversation.Id, cancellationToken);
        var update = new Activity(ActivityTypes.ConversationUpdate)
        {
            MembersAdded = [new ChannelAccount(conversation.UserId, role: RoleTypes.User), Bot],
        };
        Address(update, conversation.Id, new ChannelAccount(conversation.UserId, role: RoleTypes.User));
        await RunTurnAsync(update, cancellationToken);
    }

    /// <summary>
    /// Stores the user's activity, runs the turn, stores the replies; returns the activity's id, or null
    /// (nothing stored, no turn) when the conversation is full. The whole of it is one step of the
    /// conversation (<see cref="ConversationGate"/>): a second message sent meanwhile is stored after
    /// this one's replies, and answered after it.
    /// </summary>
    public Task<string?> PostAsync(string conversationId, string userId, Activity activity, CancellationToken cancellationToken) =>
        gate.RunAsync(ChannelId, conversationId, ct => PostInTurnAsync(conversationId, userId, activity, ct), cancellationToken);

    private async Task<string?> PostInTurnAsync(string conversationId, string userId, Activity activity, CancellationToken cancellationToken)
    {
        // The token fixes who the user is; the client's display name is kept.
        Address(activity, conversationId, new ChannelAccount(userId, activity.From?.Name, RoleTypes.User));
        var quota = new ConversationQuota(options.Value.MaxConversationActivities, options.Value.MaxConversationBytes);
        if (await store.TryAppendAsync(conversationId, activity, quota, cancellationToken) is null) return null;
        hub.Notify(conversationId);
        if (activity.Type is ActivityTypes.Message or ActivityTypes.Event)
            await RunTurnAsync(activity, cancellationToken);
        return activity.Id;
    }

    /// <summary>A message from the bot side outside a turn (an agent's reply after handoff).</summary>
    public async Task AppendFromBotAsync(string conversationId, string userId, IMessageActivity message, CancellationToken cancellationToken)
    {
        var activity = (Activity)message;
        activity.From = Bot;
        activity.Recipient = new ChannelAccount(userId, role: RoleTypes.User);
        activity.Conversation = new ConversationAccount(id: conversationId);
        activity.ChannelId = ChannelId;
        activity.ServiceUrl = ServiceUrl;
        activity.Timestamp = time.GetUtcNow();
        await store.AppendAsync(conversationId, activity, cancellationToken);
        hub.Notify(conversationId);
    }

    private async Task RunTurnAsync(Activity activity, CancellationToken cancellationToken)
    {
        var incoming = Clone(activity);
        var bot = services.GetRequiredService<IBot>();
        var replies = await adapter.ProcessInProcessAsync(incoming, bot.OnTurnAsync, cancellationToken);
        foreach (var reply in replies)
        {
            reply.From = Bot;
            reply.Recipient = activity.From;
            reply.Conversation = activity.Conversation;
            reply.ChannelId = ChannelId;
            reply.Timestamp = time.GetUtcNow();
            reply.ReplyToId = activity.Id;
            await store.AppendAsync(activity.Conversation.Id, reply, cancellationToken);
            hub.Notify(activity.Conversation.Id);
        }
    }

    private void Address(Activity activity, string conversationId, ChannelAccount user)
    {
        activity.ChannelId = ChannelId;
        activity.ServiceUrl = ServiceUrl;
        activity.Conversation = new ConversationAccount(id: conversationId);
        activity.From = user;
        activity.Recipient = Bot;
        activity.Timestamp = time.GetUtcNow();
        activity.LocalTimestamp ??= activity.Timestamp;
    }

    private static Activity Clone(Activity activity) =>
        Newtonsoft.Json.JsonConvert.DeserializeObject<Activity>(Newtonsoft.Json.JsonConvert.SerializeObject(activity, SqlDirectLineStore.Json))!;
}

/// <summary>Delivers agent replies to Direct Line (web chat) conversations by storing them in the stream.</summary>
public sealed class DirectLineSender(DirectLineBridge bridge, IDirectLineStore store) : IChannelSender
{
    public bool Handles(string channel) => channel == DirectLineBridge.ChannelId;

    public async Task SendAsync(ConversationAddress conversation, AssistantReply reply, CancellationToken cancellationToken)
    {
        var stored = await store.GetAsync(conversation.ConversationId, cancellationToken)
            ?? throw new InvalidOperationException($"Direct Line conversation {conversation.ConversationId} does not exist");
        await bridge.AppendFromBotAsync(stored.Id, stored.UserId, ReplyActivities.ToActivity(reply), cancellationToken);
    }
}
