using Assistant.Handoff;
using Microsoft.Bot.Schema;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Assistant.Server.Bot;

/// <summary>Why a request to the bot endpoint is refused: an HTTP status and a reason for the caller.</summary>
public sealed record ActivityProblem(int Status, string Title, string Detail)
{
    public static ActivityProblem BadActivity(string detail) => new(StatusCodes.Status400BadRequest, "Bad activity", detail);

    public IResult ToResult() => Results.Problem(detail: Detail, statusCode: Status, title: Title);
}

/// <summary>
/// Reads and checks an incoming activity before the adapter sees it, so a malformed or disallowed
/// request gets a 4xx with a reason instead of a failed turn or a 500. The body is read within
/// <see cref="MaxBodyBytes"/> whether or not it declares a length, and stays readable for the adapter.
/// </summary>
public sealed class ActivityRequestValidator(BotOptions options, IConfiguration configuration)
{
    public const int MaxBodyBytes = 256 * 1024;

    /// <summary>Channels this server hosts itself: their conversations are driven only through their own endpoints.</summary>
    private static readonly string[] InProcessChannels = [DirectLine.DirectLineBridge.ChannelId, TalkTalk.TalkTalkAdapter.ChannelId];

    /// <summary>
    /// The Bot Framework's own reading of a request body (<c>HttpHelper.BotMessageSerializerSettings</c>: UTC times,
    /// read-only collections filled, ISO 8601 time spans), nested at most 64 deep: the activity read here is the one the
    /// adapter runs, so the body is parsed once per request.
    /// </summary>
    private static readonly JsonSerializer Reader =
        JsonSerializer.Create(new JsonSerializerSettings(Microsoft.Bot.Builder.Integration.AspNet.Core.HttpHelper.BotMessageSerializerSettings) { MaxDepth = 64 });

    private readonly IReadOnlyList<string> _serviceHosts = options.ServiceHosts(configuration);

    public async Task<ActivityProblem?> ProblemAsync(HttpRequest request) => (await ReadAsync(request)).Problem;

    /// <summary>The request's activity, or why it is refused (then the activity is null).</summary>
    public async Task<(Activity? Activity, ActivityProblem? Problem)> ReadAsync(HttpRequest request)
    {
        if (request.ContentLength > MaxBodyBytes) return (null, TooLarge());
        if (request.ContentType is not { } type || !type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
            return (null, new(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", "the request must be JSON (Content-Type: application/json)"));

        var body = await Hosting.RequestBodies.ReadTextAsync(request, MaxBodyBytes, rewind: true);
        if (body is null) return (null, TooLarge());

        Activity? activity;
        try
        {
            using var reader = new JsonTextReader(new StringReader(body));
            activity = Reader.Deserialize<Activity>(reader);
        }
        catch (JsonException ex)
        {
            return (null, ActivityProblem.BadActivity("the body is not a valid activity: " + ex.Message.Split(Environment.NewLine)[0]));
        }
        catch (ArgumentException ex) // a value the schema's setters refuse
        {
            return (null, ActivityProblem.BadActivity("the body is not a valid activity: " + ex.Message.Split(Environment.NewLine)[0]));
        }
        if (activity is null) return (null, ActivityProblem.BadActivity("the body is empty"));
        return Check(activity) is { } problem ? (null, problem) : (activity, null);
    }

    private ActivityProblem? Check(Activity activity)
    {
        if (string.IsNullOrWhiteSpace(activity.Type)) return ActivityProblem.BadActivity("the activity has no 'type'");
        if (string.IsNullOrWhiteSpace(activity.Conversation?.Id)) return ActivityProblem.BadActivity("the activity has no 'conversation.id'");
        if (string.IsNullOrWhiteSpace(activity.ChannelId)) return ActivityProblem.BadActivity("the activity has no 'channelId'");
        if (string.IsNullOrWhiteSpace(activity.ServiceUrl)) return ActivityProblem.BadActivity("the activity has no 'serviceUrl'");
        if (!Uri.TryCreate(activity.ServiceUrl, UriKind.Absolute, out var serviceUrl) || serviceUrl.Scheme is not ("http" or "https"))
            return ActivityProblem.BadActivity("'serviceUrl' must be an absolute http or https URL");
        if (!BotOptions.IsAllowed(activity.ServiceUrl, _serviceHosts))
            return new(StatusCodes.Status403Forbidden, "Service URL not allowed", $"the bot does not send to '{serviceUrl.Host}' (see Bot:AllowedServiceHosts)");
        if (InProcessChannels.Contains(activity.ChannelId, StringComparer.OrdinalIgnoreCase))
            return new(StatusCodes.Status403Forbidden, "Channel not served here", $"conversations of the '{activity.ChannelId}' channel are served by that channel's own endpoint");
        return ActivityShape.Problem(activity) is { } problem ? ActivityProblem.BadActivity(problem) : null;
    }

    private static ActivityProblem TooLarge() =>
        new(StatusCodes.Status413PayloadTooLarge, "Activity too large", $"the request body is larger than {MaxBodyBytes / 1024} KB");
}
