using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using System.Text.RegularExpressions;
using Assistant.Handoff;
using Assistant.Security;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Assistant.Server.Agents;

public sealed record LoginRequest(string? Username, string? Password);
public sealed record SessionAgent(string Id, string Name, string Role);
public sealed record SessionView(SessionAgent Agent, string CsrfToken);
public sealed record ReplyRequest(string? Text);

/// <summary>The agent API (<c>/api/agent</c>): sign-in, queue, ticket, claim, reply, hand back, resolve, and a live event stream.</summary>
public static partial class AgentEndpoints
{
    public const string Scheme = CookieAuthenticationDefaults.AuthenticationScheme;
    public const string LoginRateLimit = "agent-login";
    public const string CsrfHeader = "X-CSRF-TOKEN";
    public const int MaxUsername = 100, MaxPassword = 1024, MaxReply = 5000;

    private static readonly JsonSerializerOptions RequestJson = new(JsonSerializerDefaults.Web);

    public static RouteGroupBuilder MapAgentApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/agent").WithTags("Agent API");
        api.MapPost("/login", LoginAsync).AllowAnonymous().RequireRateLimiting(LoginRateLimit).Accepts<LoginRequest>("application/json")
            .WithSummary("Sign in; sets the session cookie and returns the anti-forgery token for later POSTs.");

        var secured = api.MapGroup("").RequireAuthorization().AddEndpointFilter(ValidateAntiforgery);
        secured.MapPost("/logout", (Func<HttpContext, Task<IResult>>)LogoutAsync).WithSummary("Sign out.");
        secured.MapGet("/me", Me).WithSummary("The signed-in agent and a fresh anti-forgery token.");
        secured.MapGet("/tickets", QueueAsync).WithSummary("Open tickets this agent may see, newest first.");
        secured.MapGet("/tickets/{number}", GetAsync).WithSummary("One ticket with its pre-filled fields and transcript.");
        secured.MapPost("/tickets/{number}/claim", ClaimAsync).WithSummary("Take a queued ticket; the seller is told an agent joined.");
        secured.MapPost("/tickets/{number}/reply", ReplyAsync).Accepts<ReplyRequest>("application/json").WithSummary("Send a message to the seller in their channel.");
        secured.MapPost("/tickets/{number}/handback", HandBackAsync).WithSummary("Give the conversation back to the bot; the seller is asked if it is solved.");
        secured.MapPost("/tickets/{number}/resolve", ResolveAsync).WithSummary("Close the ticket as resolved.");
        secured.MapGet("/events", Events).WithSummary("Server-sent events: every ticket change this agent may see.");
        return api;
    }

    private static async Task<Results<Ok<SessionView>, ProblemHttpResult>> LoginAsync(
        HttpContext context, IOptionsMonitor<AgentOptions> agents, IAntiforgery antiforgery, LoginVerifier verifier, LoginThrottle throttle, AgentSessions sessions)
    {
        var (request, invalid) = await ReadJsonAsync<LoginRequest>(context);
        if (invalid is not null) return invalid;
        if (string.IsNullOrWhiteSpace(request!.Username) || string.IsNullOrEmpty(request.Password))
            return Problem(StatusCodes.Status400BadRequest, "아이디(username)와 비밀번호(password)를 입력해 주세요.");
        if (request.Username.Length > MaxUsername || request.Password.Length > MaxPassword)
            return Problem(StatusCodes.Status400BadRequest, $"아이디는 {MaxUsername}자, 비밀번호는 {MaxPassword}자를 넘을 수 없어요.");

        var options = agents.CurrentValue;
        var address = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        if (throttle.RetryAfter(request.Username, address, options) is { } wait)
        {
            context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            return Problem(StatusCodes.Status429TooManyRequests, "로그인 시도가 너무 많아요. 잠시 후 다시 시도해 주세요.");
        }
        // One hash check whether or not the account exists: the answer takes as long either way.
        if (verifier.Verify(options.Accounts, request.Username, request.Password) is not { } account)
        {
            throttle.Failed(request.Username, address, options);
            return Problem(StatusCodes.Status401Unauthorized, "아이디 또는 비밀번호가 올바르지 않아요.");
        }
        throttle.Succeeded(request.Username, address);

        var session = sessions.Start(account.Id, TimeSpan.FromHours(options.SessionHours));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, account.Id), new Claim(ClaimTypes.Name, account.Name), new Claim(ClaimTypes.Role, account.Role.ToString()),
             new Claim(AgentSessions.ClaimType, session)],
            Scheme));
        await context.SignInAsync(Scheme, principal);
        context.User = principal; // the anti-forgery token is bound to the signed-in user
        return TypedResults.Ok(Session(context, options.Find(account.Id)!, antiforgery));
    }

    /// <summary>Revokes the session server-side (the old cookie is refused from now on, on every instance), then clears the cookie.</summary>
    private static async Task<IResult> LogoutAsync(HttpContext context)
    {
        if (context.User.FindFirstValue(AgentSessions.ClaimType) is { } session)
            context.RequestServices.GetRequiredService<AgentSessions>().Revoke(session);
        await context.SignOutAsync(Scheme);
        return TypedResults.NoContent();
    }

    private static Results<Ok<SessionView>, ProblemHttpResult> Me(HttpContext context, IOptionsMonitor<AgentOptions> agents, IAntiforgery antiforgery) =>
        Account(context, agents) is { } agent ? TypedResults.Ok(Session(context, agent, antiforgery)) : Unauthorized();

    private static async Task<Results<Ok<TicketSummaryView[]>, ProblemHttpResult>> QueueAsync(
        HttpContext context, IOptionsMonitor<AgentOptions> agents, AgentDesk desk, TicketViews views)
    {
        if (Account(context, agents) is not { } agent) return Unauthorized();
        var tickets = await desk.QueueAsync(agent, context.RequestAborted);
        return TypedResults.Ok(tickets.Select(views.Summary).ToArray());
    }

    private static async Task<Results<Ok<TicketDetailView>, ProblemHttpResult>> GetAsync(
        string number, HttpContext context, IOptionsMonitor<AgentOptions> agents, AgentDesk desk, TicketViews views)
    {
        if (Account(context, agents) is not { } agent) return Unauthorized();
        if (BadNumber(number) is { } bad) return bad;
        return await desk.GetAsync(agent, number, context.RequestAborted) is { } ticket
            ? TypedResults.Ok(await views.DetailAsync(ticket, context.RequestAborted))
            : Problem(StatusCodes.Status404NotFound, $"{number} 티켓을 찾을 수 없어요.");
    }

    private static Task<IResult> ClaimAsync(string number, HttpContext context, IOptionsMonitor<AgentOptions> agents, AgentDesk desk, TicketViews views) =>
        ActAsync(number, context, agents, views, agent => desk.ClaimAsync(agent, number, context.RequestAborted));

    private static Task<IResult> HandBackAsync(string number, HttpContext context, IOptionsMonitor<AgentOptions> agents, AgentDesk desk, TicketViews views) =>
        ActAsync(number, context, agents, views, agent => desk.HandBackAsync(agent, number, context.RequestAborted));

    private static Task<IResult> ResolveAsync(string number, HttpContext context, IOptionsMonitor<AgentOptions> agents, AgentDesk desk, TicketViews views) =>
        ActAsync(number, context, agents, views, agent => desk.ResolveAsync(agent, number, context.RequestAborted));

    private static async Task<IResult> ReplyAsync(string number, HttpContext context, IOptionsMonitor<AgentOptions> agents, AgentDesk desk)
    {
        if (Account(context, agents) is not { } agent) return Unauthorized();
        if (BadNumber(number) is { } bad) return bad;
        var (request, invalid) = await ReadJsonAsync<ReplyRequest>(context);
        if (invalid is not null) return invalid;
        if (string.IsNullOrWhiteSpace(request!.Text) || request.Text.Length > MaxReply)
            return Problem(StatusCodes.Status400BadRequest, "메시지(text)는 1~5,000자로 입력해 주세요.");
        var (outcome, message) = await desk.ReplyAsync(agent, number, request.Text, context.RequestAborted);
        return outcome switch
        {
            DeskOutcome.Done => TypedResults.Ok(TicketViews.Message(message!)),
            DeskOutcome.DeliveryFailed => Problem(StatusCodes.Status502BadGateway, "메시지는 기록됐지만 판매자에게 전달하지 못했어요."),
            _ => Problem(outcome),
        };
    }

    private static async Task<IResult> ActAsync(string number, HttpContext context, IOptionsMonitor<AgentOptions> agents, TicketViews views, Func<AgentAccount, Task<(DeskOutcome, Ticket?)>> act)
    {
        if (Account(context, agents) is not { } agent) return Unauthorized();
        if (BadNumber(number) is { } bad) return bad;
        var (outcome, ticket) = await act(agent);
        return outcome switch
        {
            DeskOutcome.Done => TypedResults.Ok(await views.DetailAsync(ticket!, context.RequestAborted)),
            DeskOutcome.DeliveryFailed => Problem(StatusCodes.Status502BadGateway, "처리됐지만 판매자에게 알리지 못했어요."),
            _ => Problem(outcome),
        };
    }

    private static ProblemHttpResult Problem(DeskOutcome outcome) => outcome switch
    {
        DeskOutcome.NotFound => Problem(StatusCodes.Status404NotFound, "티켓을 찾을 수 없어요."),
        DeskOutcome.NotYours => Problem(StatusCodes.Status409Conflict, "다른 상담원이 응대 중인 티켓이에요."),
        _ => Problem(StatusCodes.Status409Conflict, "이미 종료된 티켓이에요."),
    };

    /// <summary>An RFC 9457 problem; the reason is in <c>detail</c>.</summary>
    public static ProblemHttpResult Problem(int status, string detail) => TypedResults.Problem(detail: detail, statusCode: status);

    private static ProblemHttpResult Unauthorized() => Problem(StatusCodes.Status401Unauthorized, "로그인이 필요해요.");

    /// <summary>Ticket numbers are <c>T</c> and digits (<c>T000123</c>); anything else is refused before it reaches the store.</summary>
    internal static ProblemHttpResult? BadNumber(string number) =>
        TicketNumber().IsMatch(number) ? null : Problem(StatusCodes.Status400BadRequest, "티켓 번호 형식이 올바르지 않아요. (예: T000123)");

    [GeneratedRegex("^T[0-9]{6,18}$")]
    private static partial Regex TicketNumber();

    /// <summary>Reads a JSON body; a wrong content type, malformed JSON or a value of the wrong type is a problem naming the field.</summary>
    internal static async Task<(T? Value, ProblemHttpResult? Problem)> ReadJsonAsync<T>(HttpContext context) where T : class
    {
        if (!context.Request.HasJsonContentType())
            return (null, Problem(StatusCodes.Status415UnsupportedMediaType, "요청 본문은 JSON(application/json)으로 보내 주세요."));
        try
        {
            var value = await context.Request.ReadFromJsonAsync<T>(RequestJson, context.RequestAborted);
            return value is null ? (null, Problem(StatusCodes.Status400BadRequest, "요청 본문이 비어 있어요. JSON 객체를 보내 주세요.")) : (value, null);
        }
        catch (JsonException ex)
        {
            var field = ex.Path is { Length: > 2 } path && path.StartsWith("$.", StringComparison.Ordinal) ? $" ('{path[2..]}')" : "";
            return (null, Problem(StatusCodes.Status400BadRequest, $"요청 본문의 JSON이 올바르지 않아요{field}."));
        }
        catch (InvalidOperationException)
        {
            // An unknown charset in Content-Type.
            return (null, Problem(StatusCodes.Status415UnsupportedMediaType, "요청 본문은 UTF-8 JSON으로 보내 주세요."));
        }
        catch (BadHttpRequestException ex)
        {
            return (null, Problem(ex.StatusCode, ex.StatusCode == StatusCodes.Status413PayloadTooLarge ? "요청 본문이 너무 커요." : "요청 본문을 읽을 수 없어요."));
        }
    }

    /// <summary>
    /// Server-sent events, written by hand so the headers go out at once (the console shows it is
    /// connected) and a comment line every 15 s keeps idle proxies from closing the stream.
    /// </summary>
    private static async Task Events(HttpContext context, IOptionsMonitor<AgentOptions> agents, ITicketEvents events, TicketViews views)
    {
        if (Account(context, agents) is not { } agent)
        {
            await Unauthorized().ExecuteAsync(context);
            return;
        }
        // Subscribe before the client learns the stream is open (it then reloads the queue): a ticket
        // made in between is either in that reload or in this stream, never lost.
        var stream = events.SubscribeAsync(context.RequestAborted).GetAsyncEnumerator(context.RequestAborted);
        // At most one MoveNextAsync is in flight; it must have ended before the enumerator is disposed
        // (an async iterator refuses DisposeAsync during MoveNextAsync with NotSupportedException).
        var next = stream.MoveNextAsync().AsTask();

        try
        {
            context.Response.ContentType = "text/event-stream";
            context.Response.Headers.CacheControl = "no-cache";
            context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpResponseBodyFeature>()?.DisableBuffering();
            await context.Response.WriteAsync(": connected\n\n", context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            while (!context.RequestAborted.IsCancellationRequested)
            {
                var finished = await Task.WhenAny(next, Task.Delay(TimeSpan.FromSeconds(15), context.RequestAborted));
                if (finished != next)
                {
                    await context.Response.WriteAsync(": keep-alive\n\n", context.RequestAborted);
                }
                else
                {
                    if (!await next) break;
                    if (agent.CanSee(stream.Current.Ticket))
                        await context.Response.WriteAsync($"event: ticket\ndata: {JsonSerializer.Serialize(views.Event(stream.Current), TicketViews.Json)}\n\n", context.RequestAborted);
                    next = stream.MoveNextAsync().AsTask();
                }
                await context.Response.Body.FlushAsync(context.RequestAborted);
            }
        }
        catch (Exception ex) when (context.RequestAborted.IsCancellationRequested && ex is OperationCanceledException or IOException)
        {
            // The agent closed the console: a normal end of the stream.
        }
        finally
        {
            // The pending read ends on the same cancellation (or with the next event); wait for it, then dispose.
            try
            {
                await next;
            }
            catch (OperationCanceledException)
            {
            }
            await stream.DisposeAsync();
        }
    }

    /// <summary>
    /// Cookie-authenticated POSTs must carry the anti-forgery token in <c>X-CSRF-TOKEN</c>. The API
    /// takes the token from that header only; a missing or unreadable token (a form body the
    /// antiforgery check cannot parse included) is a 400 problem, never a server error.
    /// </summary>
    internal static async ValueTask<object?> ValidateAntiforgery(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var context = invocation.HttpContext;
        if (HttpMethods.IsPost(context.Request.Method))
        {
            var missing = Problem(StatusCodes.Status400BadRequest, "보안 토큰이 없거나 만료됐어요. 페이지를 새로 고쳐 주세요.");
            if (string.IsNullOrEmpty(context.Request.Headers[CsrfHeader])) return missing;
            var antiforgery = context.RequestServices.GetRequiredService<IAntiforgery>();
            try
            {
                if (!await antiforgery.IsRequestValidAsync(context)) return missing;
            }
            catch (Exception ex) when (ex is AntiforgeryValidationException or InvalidDataException or BadHttpRequestException)
            {
                return missing;
            }
        }
        return await next(invocation);
    }

    /// <summary>What anyone but a supervisor is told by a supervisor's page or API (one name for the role everywhere).</summary>
    public const string SupervisorsOnly = "관리자(슈퍼바이저)만 쓸 수 있는 기능이에요.";

    /// <summary>Only a signed-in supervisor (as configured now, not as when they signed in) passes; anyone else gets a 401 or 403 problem.</summary>
    internal static async ValueTask<object?> SupervisorOnly(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var context = invocation.HttpContext;
        if (Account(context, context.RequestServices.GetRequiredService<IOptionsMonitor<AgentOptions>>()) is not { } agent)
            return Problem(StatusCodes.Status401Unauthorized, "로그인이 필요해요.");
        if (agent.Role != AgentRole.Supervisor) return Problem(StatusCodes.Status403Forbidden, SupervisorsOnly);
        return await next(invocation);
    }

    internal static AgentAccount? Account(HttpContext context, IOptionsMonitor<AgentOptions> agents) =>
        context.User.FindFirstValue(ClaimTypes.NameIdentifier) is { } id ? agents.CurrentValue.Find(id) : null;

    private static SessionView Session(HttpContext context, AgentAccount agent, IAntiforgery antiforgery) =>
        new(new SessionAgent(agent.Id, agent.Name, agent.Role.ToString().ToLowerInvariant()), antiforgery.GetAndStoreTokens(context).RequestToken!);
}
