using System.Net.WebSockets;
using System.Text;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Options;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Assistant.Server.DirectLine;

/// <summary>
/// Direct Line 3.0 as Web Chat uses it (<c>/v3/directline</c>): tokens, conversations, posting and
/// reading activities by watermark, and a WebSocket stream; plus <c>POST /api/webchat/token</c>, which
/// gives the page a conversation-bound token so the secret never reaches the browser.
/// </summary>
public static class DirectLineEndpoints
{
    public const string CorsPolicy = "directline";
    public const string MessageRateLimit = "directline-messages";
    public const string TokenRateLimit = "webchat-token";
    public const string BasePath = "/v3/directline";

    public static void MapDirectLine(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(BasePath).RequireCors(CorsPolicy).WithTags("Direct Line").ExcludeFromDescription();
        api.MapPost("/tokens/generate", GenerateAsync);
        api.MapPost("/tokens/refresh", Refresh);
        api.MapPost("/conversations", StartAsync);
        api.MapGet("/conversations/{conversationId}", ReconnectAsync);
        api.MapPost("/conversations/{conversationId}/activities", PostActivityAsync).RequireRateLimiting(MessageRateLimit);
        api.MapGet("/conversations/{conversationId}/activities", GetActivitiesAsync);
        api.Map("/conversations/{conversationId}/stream", StreamAsync);

        app.MapPost("/api/webchat/token", WebChatTokenAsync).RequireRateLimiting(TokenRateLimit).RequireCors(CorsPolicy).WithTags("Web chat")
            .WithSummary("A Direct Line token for a new web chat conversation (the page never sees the secret).");
    }

    private static async Task<IResult> GenerateAsync(HttpContext context, DirectLineTokens tokens, IDirectLineStore store)
    {
        if (Bearer(context) is not { } bearer || !tokens.IsSecret(bearer)) return Error(StatusCodes.Status403Forbidden, "a valid Direct Line secret is required");
        var body = await ReadJsonAsync(context);
        var userId = (string?)body?["user"]?["id"] is { Length: > 0 and <= 64 } id ? id : NewUserId();
        var conversation = await store.CreateAsync(userId, context.RequestAborted);
        return Json(new JObject { ["conversationId"] = conversation.Id, ["token"] = tokens.Issue(conversation.Id, userId), ["expires_in"] = tokens.LifetimeSeconds });
    }

    private static IResult Refresh(HttpContext context, DirectLineTokens tokens)
    {
        if (Grant(context, tokens) is not { } grant) return Error(StatusCodes.Status403Forbidden, "the token is invalid or expired");
        return Json(new JObject { ["conversationId"] = grant.ConversationId, ["token"] = tokens.Issue(grant.ConversationId, grant.UserId), ["expires_in"] = tokens.LifetimeSeconds });
    }

    private static async Task<IResult> StartAsync(HttpContext context, DirectLineTokens tokens, IDirectLineStore store, DirectLineBridge bridge)
    {
        var bearer = Bearer(context);
        DirectLineConversation? conversation;
        if (bearer is not null && tokens.IsSecret(bearer))
        {
            var body = await ReadJsonAsync(context);
            conversation = await store.CreateAsync((string?)body?["user"]?["id"] is { Length: > 0 and <= 64 } id ? id : NewUserId(), context.RequestAborted);
        }
        else if (bearer is not null && tokens.Validate(bearer) is { } grant)
        {
            conversation = await store.GetAsync(grant.ConversationId, context.RequestAborted);
            if (conversation is null) return Error(StatusCodes.Status404NotFound, "the conversation does not exist");
        }
        else
        {
            return Error(StatusCodes.Status403Forbidden, "the token is invalid or expired");
        }

        await bridge.StartAsync(conversation, context.RequestAborted);
        return Json(ConversationInfo(context, tokens, conversation, null), StatusCodes.Status201Created);
    }

    private static async Task<IResult> ReconnectAsync(string conversationId, string? watermark, HttpContext context, DirectLineTokens tokens, IDirectLineStore store, DirectLineBridge bridge)
    {
        if (await AuthorizeAsync(context, tokens, store, conversationId) is { } problem) return problem;
        var conversation = (await store.GetAsync(conversationId, context.RequestAborted))!;
        // A page given a conversation id by /api/webchat/token connects here first: greet it once.
        await bridge.StartAsync(conversation, context.RequestAborted);
        return Json(ConversationInfo(context, tokens, conversation, ParseWatermark(watermark)));
    }

    private static async Task<IResult> PostActivityAsync(string conversationId, HttpContext context, DirectLineTokens tokens, IDirectLineStore store, DirectLineBridge bridge)
    {
        if (await AuthorizeAsync(context, tokens, store, conversationId) is { } problem) return problem;
        Activity? activity;
        try
        {
            using var reader = new StreamReader(context.Request.Body);
            activity = JsonConvert.DeserializeObject<Activity>(await reader.ReadToEndAsync(context.RequestAborted));
        }
        catch (JsonException ex)
        {
            return Error(StatusCodes.Status400BadRequest, "the body is not a valid activity: " + ex.Message.Split(Environment.NewLine)[0]);
        }
        if (activity is null || string.IsNullOrWhiteSpace(activity.Type)) return Error(StatusCodes.Status400BadRequest, "the activity needs a 'type'");
        if (activity.Text is { Length: > 10_000 }) return Error(StatusCodes.Status400BadRequest, "the message is longer than 10,000 characters");

        var conversation = (await store.GetAsync(conversationId, context.RequestAborted))!;
        var id = await bridge.PostAsync(conversationId, conversation.UserId, activity, context.RequestAborted);
        return Json(new JObject { ["id"] = id });
    }

    private static async Task<IResult> GetActivitiesAsync(string conversationId, string? watermark, HttpContext context, DirectLineTokens tokens, IDirectLineStore store)
    {
        if (await AuthorizeAsync(context, tokens, store, conversationId) is { } problem) return problem;
        var (activities, next) = await store.ReadAsync(conversationId, ParseWatermark(watermark), context.RequestAborted);
        return Results.Content(ActivitySet(activities, next), "application/json", Encoding.UTF8);
    }

    /// <summary>The WebSocket stream: everything after the watermark, then each new activity as it is stored; empty frames keep the socket alive.</summary>
    private static async Task StreamAsync(string conversationId, string? watermark, string? t, HttpContext context, DirectLineTokens tokens, IDirectLineStore store, DirectLineHub hub)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            await Error(StatusCodes.Status400BadRequest, "this URL takes a WebSocket connection").ExecuteAsync(context);
            return;
        }
        var grant = t is null ? null : tokens.Validate(t);
        if (grant is null || grant.ConversationId != conversationId)
        {
            await Error(StatusCodes.Status403Forbidden, "the token is invalid, expired or for another conversation").ExecuteAsync(context);
            return;
        }

        using var subscription = hub.Subscribe(conversationId);
        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        using var closed = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        _ = DrainAsync(socket, closed);
        var position = ParseWatermark(watermark);
        try
        {
            while (socket.State == WebSocketState.Open && !closed.IsCancellationRequested)
            {
                var (activities, next) = await store.ReadAsync(conversationId, position, closed.Token);
                if (activities.Count > 0)
                {
                    await SendAsync(socket, ActivitySet(activities, next), closed.Token);
                    position = next;
                }
                var woke = subscription.Reader.WaitToReadAsync(closed.Token).AsTask();
                if (await Task.WhenAny(woke, Task.Delay(TimeSpan.FromSeconds(15), closed.Token)) != woke)
                    await SendAsync(socket, "", closed.Token);
                else
                    subscription.Reader.TryRead(out _);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
        {
            // The client went away.
        }
        // Complete the close handshake whichever side started it.
        if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None);
    }

    private static async Task<IResult> WebChatTokenAsync(HttpContext context, DirectLineTokens tokens, IDirectLineStore store)
    {
        var conversation = await store.CreateAsync(NewUserId(), context.RequestAborted);
        return Json(new JObject
        {
            ["conversationId"] = conversation.Id,
            ["token"] = tokens.Issue(conversation.Id, conversation.UserId),
            ["expires_in"] = tokens.LifetimeSeconds,
            ["userId"] = conversation.UserId,
        });
    }

    /// <summary>Checks the bearer token against the conversation: 401 when missing, 403 when invalid or for another conversation, 404 when unknown.</summary>
    private static async Task<IResult?> AuthorizeAsync(HttpContext context, DirectLineTokens tokens, IDirectLineStore store, string conversationId)
    {
        var bearer = Bearer(context);
        if (bearer is null) return Error(StatusCodes.Status401Unauthorized, "an Authorization: Bearer token is required");
        if (!tokens.IsSecret(bearer))
        {
            var grant = tokens.Validate(bearer);
            if (grant is null) return Error(StatusCodes.Status403Forbidden, "the token is invalid or expired");
            if (grant.ConversationId != conversationId) return Error(StatusCodes.Status403Forbidden, "the token is for another conversation");
        }
        return await store.GetAsync(conversationId, context.RequestAborted) is null
            ? Error(StatusCodes.Status404NotFound, "the conversation does not exist")
            : null;
    }

    private static JObject ConversationInfo(HttpContext context, DirectLineTokens tokens, DirectLineConversation conversation, long? watermark)
    {
        var token = tokens.Issue(conversation.Id, conversation.UserId);
        var scheme = context.Request.IsHttps ? "wss" : "ws";
        var stream = $"{scheme}://{context.Request.Host}{context.Request.PathBase}{BasePath}/conversations/{conversation.Id}/stream?t={Uri.EscapeDataString(token)}";
        if (watermark is not null) stream += $"&watermark={watermark}";
        return new JObject { ["conversationId"] = conversation.Id, ["token"] = token, ["expires_in"] = tokens.LifetimeSeconds, ["streamUrl"] = stream };
    }

    private static string ActivitySet(IReadOnlyList<string> activities, long watermark) =>
        $"{{\"activities\":[{string.Join(',', activities)}],\"watermark\":\"{watermark}\"}}";

    private static async Task SendAsync(WebSocket socket, string text, CancellationToken cancellationToken) =>
        await socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, endOfMessage: true, cancellationToken);

    /// <summary>Reads (and ignores) what the client sends, so a close frame ends the stream.</summary>
    private static async Task DrainAsync(WebSocket socket, CancellationTokenSource closed)
    {
        var buffer = new byte[1024];
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                var result = await socket.ReceiveAsync(buffer, closed.Token);
                if (result.MessageType == WebSocketMessageType.Close) break;
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException) { }
        await closed.CancelAsync();
    }

    private static long? ParseWatermark(string? watermark) => long.TryParse(watermark, out var w) ? w : null;

    private static string? Bearer(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && header.Length > 7 ? header[7..].Trim() : null;
    }

    private static TokenGrant? Grant(HttpContext context, DirectLineTokens tokens) => Bearer(context) is { } b ? tokens.Validate(b) : null;

    private static async Task<JObject?> ReadJsonAsync(HttpContext context)
    {
        if (context.Request.ContentLength is 0 or null && !context.Request.Headers.ContainsKey("Transfer-Encoding")) return null;
        try
        {
            using var reader = new StreamReader(context.Request.Body);
            var text = await reader.ReadToEndAsync(context.RequestAborted);
            return string.IsNullOrWhiteSpace(text) ? null : JObject.Parse(text);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string NewUserId() => "web_" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(8));

    private static IResult Json(JObject body, int status = StatusCodes.Status200OK) =>
        Results.Content(body.ToString(Formatting.None), "application/json", Encoding.UTF8, status);

    private static IResult Error(int status, string message) =>
        Json(new JObject { ["error"] = new JObject { ["code"] = status == 403 ? "TokenExpired" : status == 404 ? "NotFound" : "BadArgument", ["message"] = message } }, status);
}
