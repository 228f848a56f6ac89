using Assistant.Server.Editing;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Bot.Schema;

namespace Assistant.Server.Bot;

/// <summary>
/// The Bot Framework adapter for every channel. One constructor (the SDK's own are ambiguous for
/// DI); turns of one conversation run one at a time (<see cref="ConversationGate"/>); a failed turn is logged, the seller gets an apology in Korean, and the Emulator a trace.
/// </summary>
public sealed class AssistantCloudAdapter : CloudAdapter
{
    private readonly string _appId;
    private readonly InProcessConnectorFactory _inProcessConnectors = new();

    public AssistantCloudAdapter(BotFrameworkAuthentication authentication, KnowledgeRuntime knowledge, ConversationGate gate, IConfiguration configuration, ILogger<AssistantCloudAdapter> logger)
        : base(authentication, logger)
    {
        Use(new SerialTurnsMiddleware(gate));
        _appId = configuration["MicrosoftAppId"] ?? string.Empty;
        OnTurnError = async (turnContext, exception) =>
        {
            logger.LogError(exception, "Turn failed in conversation {ConversationId}", turnContext.Activity.Conversation?.Id);
            try
            {
                await turnContext.SendActivityAsync(MessageFactory.Text(knowledge.Current.Knowledge.Replies.Error));
                await turnContext.SendActivityAsync(Activity.CreateTraceActivity("OnTurnError", "https://www.botframework.com/schemas/error", exception.GetType().Name, "TurnError"));
            }
            catch (Exception sendFailure)
            {
                logger.LogError(sendFailure, "Could not tell the seller about the failed turn");
            }
        };
    }

    /// <summary>
    /// <c>POST /api/messages</c> for an activity already read from the request (by <see cref="ActivityRequestValidator"/>):
    /// what <see cref="CloudAdapter.ProcessAsync(HttpRequest, HttpResponse, IBot, CancellationToken)"/> does after reading
    /// the body itself (authenticate the Authorization header, run the turn, write the invoke response; an
    /// <see cref="UnauthorizedAccessException"/> is a 401), without parsing the body a second time.
    /// </summary>
    public async Task ProcessAsync(HttpRequest request, HttpResponse response, Activity activity, IBot bot, CancellationToken cancellationToken)
    {
        try
        {
            var invokeResponse = await ProcessActivityAsync(request.Headers.Authorization.ToString(), activity, bot.OnTurnAsync, cancellationToken);
            await WriteResponseAsync(response, invokeResponse);
        }
        catch (UnauthorizedAccessException)
        {
            response.StatusCode = StatusCodes.Status401Unauthorized;
        }
    }

    /// <summary>
    /// The Bot Framework's response serialiser (<c>HttpHelper.BotMessageSerializerSettings</c>) without its indentation:
    /// the same JSON, a third fewer bytes to write and send for the replies of an <c>expectReplies</c> turn.
    /// </summary>
    private static readonly Newtonsoft.Json.JsonSerializer ResponseWriter = Newtonsoft.Json.JsonSerializer.Create(
        new Newtonsoft.Json.JsonSerializerSettings(HttpHelper.BotMessageSerializerSettings) { Formatting = Newtonsoft.Json.Formatting.None });

    /// <summary>As <c>HttpHelper.WriteResponseAsync</c>: the invoke response's status and JSON body, or 200 when there is none.</summary>
    private static async Task WriteResponseAsync(HttpResponse response, InvokeResponse? invokeResponse)
    {
        if (invokeResponse is null)
        {
            response.StatusCode = StatusCodes.Status200OK;
            return;
        }
        response.StatusCode = invokeResponse.Status;
        if (invokeResponse.Body is null) return;
        using var buffer = new MemoryStream();
        using (var writer = new StreamWriter(buffer, new System.Text.UTF8Encoding(false, false), 4096, leaveOpen: true))
        using (var json = new Newtonsoft.Json.JsonTextWriter(writer))
            ResponseWriter.Serialize(json, invokeResponse.Body);
        response.ContentType = "application/json";
        response.ContentLength = buffer.Length;
        await response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length));
    }

    /// <summary>
    /// Runs a turn for a channel hosted in this process (our Direct Line endpoint): the activity is
    /// already authenticated by that channel, so the turn runs as this bot with replies buffered
    /// (<c>expectReplies</c>) and returned, never sent over HTTP.
    /// </summary>
    public async Task<IList<Activity>> ProcessInProcessAsync(Activity activity, BotCallbackHandler callback, CancellationToken cancellationToken)
    {
        activity.DeliveryMode = DeliveryModes.ExpectReplies;
        var identity = new System.Security.Claims.ClaimsIdentity(
            [new System.Security.Claims.Claim(AuthenticationConstants.AudienceClaim, _appId), new System.Security.Claims.Claim(AuthenticationConstants.AppIdClaim, _appId)],
            "in-process");
        var authentication = new AuthenticateRequestResult
        {
            ClaimsIdentity = identity,
            Audience = _appId,
            ConnectorFactory = _inProcessConnectors,
        };
        var response = await ProcessActivityAsync(authentication, activity, callback, cancellationToken);
        return (response?.Body as ExpectedReplies)?.Activities ?? [];
    }

    /// <summary>Connector clients built for in-process turns so far (for tests and diagnostics).</summary>
    internal int InProcessConnectorClients => _inProcessConnectors.Count;

    /// <summary>
    /// Connector clients for in-process turns: replies are buffered, so these never carry credentials or reach the
    /// network. The SDK asks for one at the start of every turn; one per service URL (the in-process channels have
    /// one each) is built and shared, as <see cref="ReusedClientsAuthentication"/> does for the other channels.
    /// </summary>
    private sealed class InProcessConnectorFactory : ConnectorFactory
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Microsoft.Bot.Connector.ConnectorClient> _clients = new(StringComparer.Ordinal);

        public int Count => _clients.Count;

        public override Task<Microsoft.Bot.Connector.IConnectorClient> CreateAsync(string serviceUrl, string audience, CancellationToken cancellationToken) =>
            Task.FromResult<Microsoft.Bot.Connector.IConnectorClient>(new ReusedClientsAuthentication.SharedHandle(
                _clients.GetOrAdd(serviceUrl, url => new Microsoft.Bot.Connector.ConnectorClient(new Uri(url), MicrosoftAppCredentials.Empty))));
    }
}
