using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Assistant.Server.Tests;

/// <summary>
/// Stands in for a Bot Framework channel's connector service (Azure Bot Service cannot run here):
/// it implements the Connector REST call the adapter makes for proactive messages,
/// <c>POST /v3/conversations/{id}/activities[/{replyToId}]</c>, answers <c>{id}</c> as the real service
/// does, rejects activities without the required fields, and records what sellers would see.
/// </summary>
public sealed class FakeChannel : IAsyncDisposable
{
    private WebApplication _app = null!;
    private readonly ConcurrentQueue<JsonObject> _received = new();

    private FakeChannel() { }

    public string ServiceUrl { get; private set; } = "";

    public static async Task<FakeChannel> StartAsync()
    {
        var channel = new FakeChannel();
        (channel._app, var baseUrl) = await LoopbackServer.StartAsync(app =>
            app.MapPost("/v3/conversations/{conversationId}/activities/{replyToId?}", async (string conversationId, HttpContext context) =>
            {
                var activity = (await JsonNode.ParseAsync(context.Request.Body))?.AsObject();
                if (activity is null || (string?)activity["type"] is null || (string?)activity["conversation"]?["id"] != conversationId)
                    return Results.BadRequest(new { error = new { code = "BadArgument", message = "activity type and matching conversation id are required" } });
                channel._received.Enqueue(activity);
                return Results.Ok(new { id = Guid.NewGuid().ToString("N") });
            }));
        channel.ServiceUrl = baseUrl + "/";
        return channel;
    }

    public IReadOnlyList<JsonObject> Received(string conversationId) =>
        _received.Where(a => (string?)a["conversation"]?["id"] == conversationId && (string?)a["type"] == "message").ToArray();

    public async Task<JsonObject> WaitForAsync(string conversationId, Func<JsonObject, bool> match, int timeoutMs = 5000)
    {
        var until = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        while (DateTime.UtcNow < until)
        {
            if (Received(conversationId).FirstOrDefault(match) is { } found) return found;
            await Task.Delay(25);
        }
        throw new TimeoutException($"no matching activity reached the channel for {conversationId}: {string.Join(" | ", Received(conversationId).Select(a => (string?)a["text"]))}");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
