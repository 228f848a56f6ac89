using Microsoft.Bot.Schema;
using Newtonsoft.Json;

namespace Assistant.Server.Bot;

/// <summary>
/// Reads and checks an incoming activity before the adapter sees it, so a malformed request gets a
/// 400 with a reason instead of a failed turn. The body stays readable for the adapter.
/// </summary>
internal static class ActivityRequestValidator
{
    public const long MaxBodyBytes = 256 * 1024;

    public static async Task<string?> ProblemAsync(HttpRequest request)
    {
        if (request.ContentLength > MaxBodyBytes) return $"the request body is larger than {MaxBodyBytes / 1024} KB";
        if (request.ContentType is not { } type || !type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
            return "the request must be JSON (Content-Type: application/json)";

        request.EnableBuffering(bufferThreshold: 64 * 1024, bufferLimit: MaxBodyBytes);
        string body;
        using (var reader = new StreamReader(request.Body, leaveOpen: true))
            body = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
        request.Body.Position = 0;

        Activity? activity;
        try
        {
            activity = JsonConvert.DeserializeObject<Activity>(body, new JsonSerializerSettings { MaxDepth = 64 });
        }
        catch (JsonException ex)
        {
            return "the body is not a valid activity: " + ex.Message.Split(Environment.NewLine)[0];
        }

        if (activity is null) return "the body is empty";
        if (string.IsNullOrWhiteSpace(activity.Type)) return "the activity has no 'type'";
        if (string.IsNullOrWhiteSpace(activity.Conversation?.Id)) return "the activity has no 'conversation.id'";
        if (string.IsNullOrWhiteSpace(activity.ChannelId)) return "the activity has no 'channelId'";
        if (activity.DeliveryMode != DeliveryModes.ExpectReplies && string.IsNullOrWhiteSpace(activity.ServiceUrl))
            return "the activity has no 'serviceUrl' to send replies to (or use deliveryMode 'expectReplies')";
        return null;
    }
}
