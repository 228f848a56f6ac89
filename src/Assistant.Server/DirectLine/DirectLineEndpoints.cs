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

    /// <summary>The most of a token or conversation request body that is read (they carry at most a user id and a locale).</summary>
    public const int MaxSmallBodyBytes = 4 * 1024;

    /// <summary>The activity types a client may post; anything else is refused with 400.</summary>
    private static readonly string[] PostableTypes = [ActivityTypes.Message, ActivityTypes.Event, ActivityTypes.Typing];

    // Activities keep their own date handling; a depth cap stops pathological nesting (Newtonsoft's default, made explicit).
    private static readonly JsonSerializerSettings ActivityJson = new() { MaxDepth = 64 };

    public static void MapDirectLine(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(BasePath).RequireCors(CorsPolicy).WithTags("Direct Line").ExcludeFromDescription();
        api.MapPost("/tokens/generate", GenerateAsync).RequireRateLimiting(TokenRateLimit);
        api.MapPost("/tokens/refresh", Refresh);
        api.MapPost("/conversations", StartAsync).RequireRateLimiting(TokenRateLimit);
        api.MapGet("/conversations/{conversationId}", ReconnectAsync);
        api.MapPost("/conversations/{conversationId}/activities", PostActivityAsync).RequireRateLimiting(MessageRateLimit);
        api.MapGet("/conversations/{conversationId}/activities", GetActivitiesAsync);
        api.MapPost("/conversations/{conversationId}/upload", UploadAsync);
        api.Map("/conversations/{conversationId}/stream", StreamAsync);

        app.MapPost("/api/webchat/token", WebChatTokenAsync).RequireRateLimiting(TokenRateLimit).RequireCors(CorsPolicy).WithTags("Web chat")
            .WithSummary("A Direct Line token for a new web chat conversation (the page never sees the secret).");
    }

    private static async Task<IResult> GenerateAsync(HttpContext context, DirectLineTokens tokens, IDirectLineStore store)
    {
        if (Bearer(context) is not { } bearer || !tokens.IsSecret(bearer)) return Error(StatusCodes.Status403Forbidden, "a valid Direct Line secret is required");
        var (userId, problem) = await ReadUserAsync(context);
        if (problem is not null) return problem;
        var conversation = await store.CreateAsync(userId ?? NewUserId(), context.RequestAborted);
        return Json(new JObject { ["conversationId"] = conversation.Id, ["token"] = tokens.Issue(conversation.Id, conversation.UserId), ["expires_in"] = tokens.LifetimeSeconds });
    }

    private static IResult Refresh(HttpContext context, DirectLineTokens tokens)
    {
        if (Grant(context, tokens) is not { } grant) return Error(StatusCodes.Status403Forbidden, "the token is invalid or expired");
        return Json(new JObject { ["conversationId"] = grant.ConversationId, ["token"] = tokens.Issue(grant.ConversationId, grant.UserId), ["expires_in"] = tokens.LifetimeSeconds });
    }

    private static async Task<IResult> StartAsync(HttpContext context, DirectLineTokens tokens, IDirectLineStore store, DirectLineBridge bridge)
    {
        var bearer = Bearer(context);
        var secret = bearer is not null && tokens.IsSecret(bearer);
        var grant = bearer is not null && !secret ? tokens.Validate(bearer) : null;
        if (!secret && grant is null) return Error(StatusCodes.Status403Forbidden, "the token is invalid or expired");
        // Web Chat sends {user:{id}, locale} either way; with a token, the token fixes the user.
        var (userId, problem) = await ReadUserAsync(context);
        if (problem is not null) return problem;
        DirectLineConversation? conversation;
        if (grant is null)
        {
            conversation = await store.CreateAsync(userId ?? NewUserId(), context.RequestAborted);
        }
        else
        {
            conversation = await store.GetAsync(grant.ConversationId, context.RequestAborted);
            if (conversation is null) return Error(StatusCodes.Status404NotFound, "the conversation does not exist");
        }

        await bridge.StartAsync(conversation, context.RequestAborted);
        return Json(ConversationInfo(context, tokens, conversation, null), StatusCodes.Status201Created);
    }

    private static async Task<IResult> ReconnectAsync(string conversationId, string? watermark, HttpContext context, DirectLineTokens tokens, IDirectLineStore store, DirectLineBridge bridge)
    {
        var (conversation, problem) = await AuthorizeAsync(context, tokens, store, conversationId);
        if (conversation is null) return problem!;
        // A page given a conversation id by /api/webchat/token connects here first: greet it once.
        await bridge.StartAsync(conversation, context.RequestAborted);
        return Json(ConversationInfo(context, tokens, conversation, ParseWatermark(watermark)));
    }

    private static async Task<IResult> PostActivityAsync(string conversationId, HttpContext context, DirectLineTokens tokens, IDirectLineStore store, DirectLineBridge bridge, IOptions<DirectLineOptions> options)
    {
        var (conversation, problem) = await AuthorizeAsync(context, tokens, store, conversationId);
        if (conversation is null) return problem!;
        var limit = options.Value.MaxActivityBytes;
        var (text, tooLarge) = await ReadBodyAsync(context, limit);
        if (tooLarge is not null) return tooLarge;

        Activity? activity;
        try
        {
            activity = JsonConvert.DeserializeObject<Activity>(text, ActivityJson);
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException or FormatException or OverflowException or InvalidCastException)
        {
            return Error(StatusCodes.Status400BadRequest, "the body is not a valid activity: " + ex.Message.Split(Environment.NewLine)[0]);
        }
        if (activity is null) return Error(StatusCodes.Status400BadRequest, "the body must be one activity, a JSON object");
        if (string.IsNullOrWhiteSpace(activity.Type)) return Error(StatusCodes.Status400BadRequest, "the activity needs a 'type'");
        if (PostableTypes.FirstOrDefault(t => t.Equals(activity.Type, StringComparison.OrdinalIgnoreCase)) is not { } type)
            return Error(StatusCodes.Status400BadRequest, $"activities of type '{Shorten(activity.Type)}' cannot be posted; use {string.Join(", ", PostableTypes)}");
        activity.Type = type;
        if (activity.Text is { Length: > 10_000 }) return Error(StatusCodes.Status400BadRequest, "the message is longer than 10,000 characters");
        if (Bot.ActivityShape.Problem(activity) is { } shape) return Error(StatusCodes.Status400BadRequest, shape);
        // The activity as a whole (channelData, value, attachments, entities...), as it would be stored.
        if (Encoding.UTF8.GetByteCount(JsonConvert.SerializeObject(activity, SqlDirectLineStore.Json)) > limit)
            return Error(StatusCodes.Status413PayloadTooLarge, $"the activity is larger than {limit:N0} bytes");

        var id = await bridge.PostAsync(conversationId, conversation.UserId, activity, context.RequestAborted);
        if (id is null)
            return Error(StatusCodes.Status413PayloadTooLarge, "the conversation is full; start a new conversation (it can still be read)");
        return Json(new JObject { ["id"] = id });
    }

    /// <summary>Web Chat's file upload: not offered here. Refused without reading the body.</summary>
    private static async Task<IResult> UploadAsync(string conversationId, HttpContext context, DirectLineTokens tokens, IDirectLineStore store)
    {
        var (conversation, problem) = await AuthorizeAsync(context, tokens, store, conversationId);
        if (conversation is null) return problem!;
        return Error(StatusCodes.Status415UnsupportedMediaType, "file uploads are not supported; send the text of the message instead");
    }

    private static async Task<IResult> GetActivitiesAsync(string conversationId, string? watermark, HttpContext context, DirectLineTokens tokens, IDirectLineStore store)
    {
        var (conversation, problem) = await AuthorizeAsync(context, tokens, store, conversationId);
        if (conversation is null) return problem!;
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

    /// <summary>
    /// A new page conversation. The body may carry the <c>userKey</c> an earlier one returned (<c>{"userKey": "..."}</c>):
    /// while valid, the new conversation is the same user's, so their tickets are theirs here too. Any other body, or
    /// a key that is invalid or expired, gives a new user.
    /// </summary>
    private static async Task<IResult> WebChatTokenAsync(HttpContext context, DirectLineTokens tokens, IDirectLineStore store)
    {
        var userId = await ReadUserKeyAsync(context) is { } key ? tokens.ValidateUserKey(key) : null;
        var conversation = await store.CreateAsync(userId ?? NewUserId(), context.RequestAborted);
        return Json(new JObject
        {
            ["conversationId"] = conversation.Id,
            ["token"] = tokens.Issue(conversation.Id, conversation.UserId),
            ["expires_in"] = tokens.LifetimeSeconds,
            ["userId"] = conversation.UserId,
            ["userKey"] = tokens.IssueUserKey(conversation.UserId),
        });
    }

    /// <summary>The string <c>userKey</c> of a small JSON object body; null for no body or anything else.</summary>
    private static async Task<string?> ReadUserKeyAsync(HttpContext context)
    {
        if (await Hosting.RequestBodies.ReadTextAsync(context.Request, MaxSmallBodyBytes) is not { Length: > 0 } text) return null;
        try
        {
            using var reader = new JsonTextReader(new StringReader(text)) { MaxDepth = 8, DateParseHandling = DateParseHandling.None };
            return JToken.ReadFrom(reader) is JObject { } root && root["userKey"] is JValue { Type: JTokenType.String } key ? (string?)key : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// Checks the bearer token against the conversation: the conversation when allowed, else a problem:
    /// 401 when missing, 403 when invalid or for another conversation, 404 when unknown.
    /// </summary>
    private static async Task<(DirectLineConversation? Conversation, IResult? Problem)> AuthorizeAsync(HttpContext context, DirectLineTokens tokens, IDirectLineStore store, string conversationId)
    {
        var bearer = Bearer(context);
        if (bearer is null) return (null, Error(StatusCodes.Status401Unauthorized, "an Authorization: Bearer token is required"));
        if (!tokens.IsSecret(bearer))
        {
            var grant = tokens.Validate(bearer);
            if (grant is null) return (null, Error(StatusCodes.Status403Forbidden, "the token is invalid or expired"));
            if (grant.ConversationId != conversationId) return (null, Error(StatusCodes.Status403Forbidden, "the token is for another conversation"));
        }
        var conversation = IsWellFormedId(conversationId) ? await store.GetAsync(conversationId, context.RequestAborted) : null;
        return conversation is null ? (null, Error(StatusCodes.Status404NotFound, "the conversation does not exist")) : (conversation, null);
    }

    /// <summary>
    /// The conversation a request's bearer may act on (the route's, when the token is for it or the
    /// bearer is the secret); null otherwise. The per-conversation rate limit counts only these, so
    /// forged tokens cannot spend a conversation's budget.
    /// </summary>
    public static string? AuthorizedConversation(HttpContext context)
    {
        if (context.Request.RouteValues["conversationId"] is not string conversationId || Bearer(context) is not { } bearer) return null;
        var tokens = context.RequestServices.GetRequiredService<DirectLineTokens>();
        return tokens.IsSecret(bearer) || tokens.Validate(bearer)?.ConversationId == conversationId ? conversationId : null;
    }

    /// <summary>Conversation ids are ours (24 hex digits); anything far from that shape is not looked up.</summary>
    private static bool IsWellFormedId(string id) => id.Length is > 0 and <= 64 && id.All(char.IsAsciiLetterOrDigit);

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

    /// <summary>
    /// The request body as text, read only up to <paramref name="limit"/> bytes, whether or not it
    /// declares a length: a larger body is refused with 413 before it is buffered.
    /// </summary>
    private static async Task<(string Text, IResult? Problem)> ReadBodyAsync(HttpContext context, int limit) =>
        await Hosting.RequestBodies.ReadTextAsync(context.Request, limit) is { } text
            ? (text, null)
            : ("", new ClosingResult(Error(StatusCodes.Status413PayloadTooLarge, $"the request body is larger than {limit:N0} bytes")));

    /// <summary>
    /// The user id of a token or conversation request body (<c>{"user": {"id": "..."}, "locale": "..."}</c>,
    /// every part optional; null when absent), or a 400/413 problem for any other shape.
    /// </summary>
    private static async Task<(string? UserId, IResult? Problem)> ReadUserAsync(HttpContext context)
    {
        var (text, tooLarge) = await ReadBodyAsync(context, MaxSmallBodyBytes);
        if (tooLarge is not null) return (null, tooLarge);
        if (string.IsNullOrWhiteSpace(text)) return (null, null);
        JToken body;
        try
        {
            using var reader = new JsonTextReader(new StringReader(text)) { MaxDepth = 8, DateParseHandling = DateParseHandling.None };
            body = JToken.ReadFrom(reader);
            if (reader.Read()) return (null, BadBody("there is more than one JSON value"));
        }
        catch (JsonException ex)
        {
            return (null, BadBody(ex.Message.Split(Environment.NewLine)[0]));
        }
        if (body is not JObject root) return (null, BadBody($"it must be a JSON object, not {Describe(body)}"));
        if (root["locale"] is { Type: not (JTokenType.String or JTokenType.Null) } locale) return (null, BadBody($"'locale' must be a string, not {Describe(locale)}"));
        switch (root["user"])
        {
            case null or { Type: JTokenType.Null }:
                return (null, null);
            case JObject user:
                if (user["name"] is { Type: not (JTokenType.String or JTokenType.Null) } name) return (null, BadBody($"'user.name' must be a string, not {Describe(name)}"));
                return user["id"] switch
                {
                    null or { Type: JTokenType.Null } => (null, null),
                    JValue { Type: JTokenType.String } id when ((string)id!).Length > 64 => (null, BadBody("'user.id' is longer than 64 characters")),
                    JValue { Type: JTokenType.String } id => (((string)id!).Length > 0 ? (string)id! : null, null),
                    var other => (null, BadBody($"'user.id' must be a string, not {Describe(other)}")),
                };
            case var other:
                return (null, BadBody($"'user' must be an object such as {{\"id\": \"...\"}}, not {Describe(other)}"));
        }

        static IResult BadBody(string reason) => Error(StatusCodes.Status400BadRequest, "the body is not valid: " + reason);
    }

    private static string Describe(JToken token) => token.Type switch
    {
        JTokenType.Object => "an object",
        JTokenType.Array => "an array",
        JTokenType.Integer or JTokenType.Float => "a number",
        JTokenType.Boolean => "a boolean",
        JTokenType.Null => "null",
        _ => "a string",
    };

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";

    /// <summary>
    /// A refusal that also ends the connection: otherwise the server would go on reading (and
    /// discarding) the rest of a body it has refused, to keep the connection for the next request.
    /// </summary>
    private sealed class ClosingResult(IResult inner) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.Connection = "close";
            return inner.ExecuteAsync(httpContext);
        }
    }

    private static string NewUserId() => "web_" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(8));

    private static IResult Json(JObject body, int status = StatusCodes.Status200OK) =>
        Results.Content(body.ToString(Formatting.None), "application/json", Encoding.UTF8, status);

    /// <summary>
    /// An RFC 9457 problem (<c>application/problem+json</c>) whose <c>detail</c> is the reason; it also
    /// carries Direct Line's own <c>{"error": {code, message}}</c>, which Direct Line clients read.
    /// </summary>
    private static IResult Error(int status, string message) => TypedResults.Problem(detail: message, statusCode: status, extensions: new Dictionary<string, object?>
    {
        ["error"] = new Dictionary<string, string>
        {
            ["code"] = status switch
            {
                403 => "TokenExpired",
                404 => "NotFound",
                413 => "MessageSizeTooBig",
                _ => "BadArgument",
            },
            ["message"] = message,
        },
    });
}
