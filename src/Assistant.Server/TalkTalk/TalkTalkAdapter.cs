using System.Text;
using Assistant.Knowledge;
using Assistant.Server.Editing;
using Assistant.Server.Storage;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Options;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Assistant.Server.TalkTalk;

/// <summary>
/// Naver TalkTalk as a Bot Framework channel: webhook events become activities for the same
/// <see cref="SellerBot"/> every channel uses, and its replies become TalkTalk events. The first
/// reply goes back in the webhook's 200 body; the rest (and every proactive message) go through the
/// send API from the persisted outbox, so none is lost when the API is down.
/// </summary>
public sealed class TalkTalkAdapter : BotAdapter, IBotFrameworkHttpAdapter
{
    public const string ChannelId = "talktalk";
    public const string OutboxTopic = "talktalk";
    public const string ServiceUrl = "https://talktalk.assistant.invalid/";

    private readonly IOutbox _outbox;
    private readonly IOptions<TalkTalkOptions> _options;
    private readonly KnowledgeRuntime _knowledge;
    private readonly ILogger<TalkTalkAdapter> _logger;
    private readonly TalkTalkUsers _users;
    private readonly Bot.ConversationGate _gate;

    public TalkTalkAdapter(IOutbox outbox, IOptions<TalkTalkOptions> options, KnowledgeRuntime knowledge, TalkTalkUsers users, Bot.ConversationGate gate, ILogger<TalkTalkAdapter> logger)
    {
        (_outbox, _options, _knowledge, _users, _gate, _logger) = (outbox, options, knowledge, users, gate, logger);
        OnTurnError = async (turnContext, exception) =>
        {
            logger.LogError(exception, "TalkTalk turn failed for {User}", turnContext.Activity.From?.Id);
            await turnContext.SendActivityAsync(MessageFactory.Text(knowledge.Current.Knowledge.Replies.Error));
        };
    }

    public async Task ProcessAsync(HttpRequest httpRequest, HttpResponse httpResponse, IBot bot, CancellationToken cancellationToken = default)
    {
        // Read within TalkTalk:MaxPayloadBytes, with or without a Content-Length.
        var limit = _options.Value.MaxPayloadBytes;
        if (await Hosting.RequestBodies.ReadTextAsync(httpRequest, limit) is not { } body)
        {
            await Refuse(httpRequest.HttpContext, StatusCodes.Status413PayloadTooLarge, $"the body is larger than {limit} bytes");
            return;
        }
        JObject payload;
        try
        {
            payload = JObject.Parse(body);
        }
        catch (JsonException ex)
        {
            await Refuse(httpRequest.HttpContext, StatusCodes.Status400BadRequest, "the body is not a TalkTalk event: " + ex.Message.Split(Environment.NewLine)[0]);
            return;
        }
        catch (BadHttpRequestException ex)
        {
            // The body broke a server limit while being read (e.g. a chunked body over MaxPayloadBytes).
            await Refuse(httpRequest.HttpContext, ex.StatusCode, "the body could not be read: " + ex.Message);
            return;
        }

        if (TalkTalkEvent.Parse(payload, out var error) is not { } incoming)
        {
            await Refuse(httpRequest.HttpContext, StatusCodes.Status400BadRequest, error!);
            return;
        }
        // One event of a user at a time, in arrival order: a quick second message is answered after the first.
        await _gate.RunAsync(ChannelId, incoming.User, ct => RespondAsync(incoming, httpResponse, bot, ct), cancellationToken);
    }

    private async Task RespondAsync(TalkTalkEvent incoming, HttpResponse httpResponse, IBot bot, CancellationToken cancellationToken)
    {
        var user = incoming.User;
        var activity = await ToActivityAsync(incoming, cancellationToken);
        if (activity is null)
        {
            httpResponse.StatusCode = StatusCodes.Status200OK;
            return;
        }

        var turn = new TalkTalkTurn();
        using (var context = new TurnContext(this, activity))
        {
            context.TurnState.Add(turn);
            var work = RunPipelineAsync(context, bot.OnTurnAsync, cancellationToken);
            // Show typing only when the answer is not ready at once.
            if (await Task.WhenAny(work, Task.Delay(TimeSpan.FromSeconds(1), cancellationToken)) != work)
            {
                turn.TypingShown = true;
                await EnqueueAsync(TalkTalkMessages.Typing(user, on: true), cancellationToken);
            }
            await work;
        }

        var events = TalkTalkMessages.Merge(turn.Events);
        if (turn.TypingShown) await EnqueueAsync(TalkTalkMessages.Typing(user, on: false), cancellationToken);
        foreach (var later in events.Skip(1)) await EnqueueAsync(later, cancellationToken);

        httpResponse.StatusCode = StatusCodes.Status200OK;
        if (events.Count > 0 && (string?)events[0]["event"] == "send")
        {
            httpResponse.ContentType = "application/json; charset=utf-8";
            await httpResponse.WriteAsync(events[0].ToString(Formatting.None), cancellationToken);
        }
        else if (events.Count > 0)
        {
            await EnqueueAsync(events[0], cancellationToken);
        }
    }

    public override async Task<ResourceResponse[]> SendActivitiesAsync(ITurnContext turnContext, Activity[] activities, CancellationToken cancellationToken)
    {
        var turn = turnContext.TurnState.Get<TalkTalkTurn>();
        var user = turnContext.Activity.From.Id;
        foreach (var activity in activities)
        {
            foreach (var e in ToEvents(user, activity))
            {
                if (turn is not null) turn.Events.Add(e);
                else await EnqueueAsync(e, cancellationToken);
            }
        }
        return activities.Select(_ => new ResourceResponse(Guid.NewGuid().ToString("N"))).ToArray();
    }

    /// <summary>Proactive messages (an agent's reply): straight to the outbox.</summary>
    public async Task SendProactiveAsync(string user, IMessageActivity message, CancellationToken cancellationToken)
    {
        foreach (var e in TalkTalkMessages.ToEvents(user, message, _knowledge.Current.Knowledge.Replies)) await EnqueueAsync(e, cancellationToken);
    }

    public override Task<ResourceResponse> UpdateActivityAsync(ITurnContext turnContext, Activity activity, CancellationToken cancellationToken) =>
        throw new NotSupportedException("TalkTalk cannot edit a sent message");

    public override Task DeleteActivityAsync(ITurnContext turnContext, ConversationReference reference, CancellationToken cancellationToken) =>
        throw new NotSupportedException("TalkTalk cannot delete a sent message");

    private IEnumerable<JObject> ToEvents(string user, Activity activity)
    {
        if (activity.Type == ActivityTypes.Message) return TalkTalkMessages.ToEvents(user, activity, _knowledge.Current.Knowledge.Replies);
        if (activity.Type == ActivityTypes.Event && activity.Name == HandoffEventNames.InitiateHandoff && _options.Value.HandoverMode == "partner")
            return [TalkTalkMessages.Handover(user, "passThread", targetId: 1)];
        return []; // typing, traces and other events have no TalkTalk form
    }

    private async Task<Activity?> ToActivityAsync(TalkTalkEvent incoming, CancellationToken cancellationToken)
    {
        var user = incoming.User;
        switch (incoming.Event)
        {
            case "open":
                await _users.RecordAsync(user, "open", incoming.Inflow, cancellationToken);
                var update = Activity.CreateConversationUpdateActivity();
                update.MembersAdded = [new ChannelAccount(user, role: RoleTypes.User)];
                return Address((Activity)update, user);
            case "send":
                if (incoming.Standby)
                {
                    // The partner console owns the thread: the bot stays silent.
                    _logger.LogInformation("TalkTalk message from {User} while the partner owns the thread; not answered", user);
                    return null;
                }
                var message = (Activity)Activity.CreateMessageActivity();
                message.Text = TalkTalkMessages.IncomingText(incoming.Text, incoming.Code) ?? "";
                return Address(message, user);
            case "handover" when incoming.Control == "passThread":
                // The partner has finished and passed the thread back: the bot is in charge again.
                var status = (Activity)Activity.CreateEventActivity();
                status.Name = HandoffEventNames.HandoffStatus;
                status.Value = new JObject { ["state"] = "completed", ["message"] = incoming.Metadata };
                return Address(status, user);
            case "leave":
            case "friend":
                await _users.RecordAsync(user, incoming.Event, incoming.Set, cancellationToken);
                return null;
            case "echo":
                return null; // our own message coming back: answering it would loop
            default:
                _logger.LogInformation("TalkTalk event {Event} from {User} needs no action", incoming.Event, user);
                return null;
        }
    }

    /// <summary>A refused webhook call: an RFC 9457 problem with the reason.</summary>
    private static Task Refuse(HttpContext context, int status, string reason) =>
        Results.Problem(detail: reason, statusCode: status).ExecuteAsync(context);

    private static Activity Address(Activity activity, string user)
    {
        activity.Id = Guid.NewGuid().ToString("N");
        activity.ChannelId = ChannelId;
        activity.ServiceUrl = ServiceUrl;
        activity.From = new ChannelAccount(user, role: RoleTypes.User);
        activity.Recipient = new ChannelAccount("assistant", role: RoleTypes.Bot);
        activity.Conversation = new ConversationAccount(id: user);
        activity.Timestamp = DateTimeOffset.UtcNow;
        activity.Locale = "ko-KR";
        return activity;
    }

    // Each user's events leave in order; one user's failing sends do not hold back the others'.
    private Task EnqueueAsync(JObject e, CancellationToken cancellationToken) =>
        _outbox.EnqueueAsync(OutboxTopic, e.ToString(Formatting.None), (string?)e["user"], cancellationToken);

    private sealed class TalkTalkTurn
    {
        public List<JObject> Events { get; } = [];
        public bool TypingShown { get; set; }
    }
}
