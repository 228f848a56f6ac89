using System.Text.Json;
using System.Security.Claims;
using Assistant.Handoff;
using Assistant.Security;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Assistant.Server.Agents;

public sealed record LoginRequest(string Username, string Password);
public sealed record SessionAgent(string Id, string Name, string Role);
public sealed record SessionView(SessionAgent Agent, string CsrfToken);
public sealed record ReplyRequest(string Text);
public sealed record ErrorView(string Error);

/// <summary>The agent API (<c>/api/agent</c>): sign-in, queue, ticket, claim, reply, hand back, resolve, and a live event stream.</summary>
public static class AgentEndpoints
{
    public const string Scheme = CookieAuthenticationDefaults.AuthenticationScheme;
    public const string LoginRateLimit = "agent-login";

    public static RouteGroupBuilder MapAgentApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/agent").WithTags("Agent API");
        api.MapPost("/login", LoginAsync).AllowAnonymous().RequireRateLimiting(LoginRateLimit)
            .WithSummary("Sign in; sets the session cookie and returns the anti-forgery token for later POSTs.");

        var secured = api.MapGroup("").RequireAuthorization().AddEndpointFilter(ValidateAntiforgery);
        secured.MapPost("/logout", (Func<HttpContext, Task<IResult>>)LogoutAsync).WithSummary("Sign out.");
        secured.MapGet("/me", Me).WithSummary("The signed-in agent and a fresh anti-forgery token.");
        secured.MapGet("/tickets", QueueAsync).WithSummary("Open tickets this agent may see, newest first.");
        secured.MapGet("/tickets/{number}", GetAsync).WithSummary("One ticket with its pre-filled fields and transcript.");
        secured.MapPost("/tickets/{number}/claim", ClaimAsync).WithSummary("Take a queued ticket; the seller is told an agent joined.");
        secured.MapPost("/tickets/{number}/reply", ReplyAsync).WithSummary("Send a message to the seller in their channel.");
        secured.MapPost("/tickets/{number}/handback", HandBackAsync).WithSummary("Give the conversation back to the bot; the seller is asked if it is solved.");
        secured.MapPost("/tickets/{number}/resolve", ResolveAsync).WithSummary("Close the ticket as resolved.");
        secured.MapGet("/events", Events).WithSummary("Server-sent events: every ticket change this agent may see.");
        return api;
    }

    private static async Task<Results<Ok<SessionView>, UnauthorizedHttpResult, BadRequest<ErrorView>>> LoginAsync(
        LoginRequest request, HttpContext context, IOptionsMonitor<AgentOptions> agents, IAntiforgery antiforgery)
    {
        if (string.IsNullOrWhiteSpace(request.Username) || string.IsNullOrEmpty(request.Password))
            return TypedResults.BadRequest(new ErrorView("username and password are required"));
        var account = agents.CurrentValue.Accounts.FirstOrDefault(a => a.Id == request.Username);
        if (account is null || !PasswordHasher.Verify(request.Password, account.PasswordHash)) return TypedResults.Unauthorized();

        var principal = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, account.Id), new Claim(ClaimTypes.Name, account.Name), new Claim(ClaimTypes.Role, account.Role.ToString())],
            Scheme));
        await context.SignInAsync(Scheme, principal);
        context.User = principal; // the anti-forgery token is bound to the signed-in user
        return TypedResults.Ok(Session(context, agents.CurrentValue.Find(account.Id)!, antiforgery));
    }

    private static async Task<IResult> LogoutAsync(HttpContext context)
    {
        await context.SignOutAsync(Scheme);
        return TypedResults.NoContent();
    }

    private static Results<Ok<SessionView>, UnauthorizedHttpResult> Me(HttpContext context, IOptionsMonitor<AgentOptions> agents, IAntiforgery antiforgery) =>
        Account(context, agents) is { } agent ? TypedResults.Ok(Session(context, agent, antiforgery)) : TypedResults.Unauthorized();

    private static async Task<Results<Ok<TicketSummaryView[]>, UnauthorizedHttpResult>> QueueAsync(
        HttpContext context, IOptionsMonitor<AgentOptions> agents, AgentDesk desk, TicketViews views)
    {
        if (Account(context, agents) is not { } agent) return TypedResults.Unauthorized();
        var tickets = await desk.QueueAsync(agent, context.RequestAborted);
        return TypedResults.Ok(tickets.Select(views.Summary).ToArray());
    }

    private static async Task<Results<Ok<TicketDetailView>, NotFound<ErrorView>, UnauthorizedHttpResult>> GetAsync(
        string number, HttpContext context, IOptionsMonitor<AgentOptions> agents, AgentDesk desk, TicketViews views)
    {
        if (Account(context, agents) is not { } agent) return TypedResults.Unauthorized();
        return await desk.GetAsync(agent, number, context.RequestAborted) is { } ticket
            ? TypedResults.Ok(views.Detail(ticket))
            : TypedResults.NotFound(new ErrorView($"티켓 {number}을(를) 찾을 수 없어요."));
    }

    private static Task<IResult> ClaimAsync(string number, HttpContext context, IOptionsMonitor<AgentOptions> agents, AgentDesk desk, TicketViews views) =>
        ActAsync(context, agents, views, agent => desk.ClaimAsync(agent, number, context.RequestAborted));

    private static Task<IResult> HandBackAsync(string number, HttpContext context, IOptionsMonitor<AgentOptions> agents, AgentDesk desk, TicketViews views) =>
        ActAsync(context, agents, views, agent => desk.HandBackAsync(agent, number, context.RequestAborted));

    private static Task<IResult> ResolveAsync(string number, HttpContext context, IOptionsMonitor<AgentOptions> agents, AgentDesk desk, TicketViews views) =>
        ActAsync(context, agents, views, agent => desk.ResolveAsync(agent, number, context.RequestAborted));

    private static async Task<IResult> ReplyAsync(string number, ReplyRequest request, HttpContext context, IOptionsMonitor<AgentOptions> agents, AgentDesk desk)
    {
        if (Account(context, agents) is not { } agent) return TypedResults.Unauthorized();
        if (string.IsNullOrWhiteSpace(request.Text) || request.Text.Length > 5000)
            return TypedResults.BadRequest(new ErrorView("메시지는 1~5,000자로 입력해 주세요."));
        var (outcome, message) = await desk.ReplyAsync(agent, number, request.Text, context.RequestAborted);
        return outcome switch
        {
            DeskOutcome.Done => TypedResults.Ok(TicketViews.Message(message!)),
            DeskOutcome.DeliveryFailed => TypedResults.Json(new ErrorView("메시지는 기록됐지만 판매자에게 전달하지 못했어요."), statusCode: StatusCodes.Status502BadGateway),
            _ => Problem(outcome),
        };
    }

    private static async Task<IResult> ActAsync(HttpContext context, IOptionsMonitor<AgentOptions> agents, TicketViews views, Func<AgentAccount, Task<(DeskOutcome, Ticket?)>> act)
    {
        if (Account(context, agents) is not { } agent) return TypedResults.Unauthorized();
        var (outcome, ticket) = await act(agent);
        return outcome switch
        {
            DeskOutcome.Done => TypedResults.Ok(views.Detail(ticket!)),
            DeskOutcome.DeliveryFailed => TypedResults.Json(new ErrorView("처리됐지만 판매자에게 알리지 못했어요."), statusCode: StatusCodes.Status502BadGateway),
            _ => Problem(outcome),
        };
    }

    private static IResult Problem(DeskOutcome outcome) => outcome switch
    {
        DeskOutcome.NotFound => TypedResults.NotFound(new ErrorView("티켓을 찾을 수 없어요.")),
        DeskOutcome.NotYours => TypedResults.Json(new ErrorView("다른 상담원이 응대 중인 티켓이에요."), statusCode: StatusCodes.Status409Conflict),
        _ => TypedResults.Json(new ErrorView("이미 종료된 티켓이에요."), statusCode: StatusCodes.Status409Conflict),
    };

    /// <summary>
    /// Server-sent events, written by hand so the headers go out at once (the console shows it is
    /// connected) and a comment line every 15 s keeps idle proxies from closing the stream.
    /// </summary>
    private static async Task Events(HttpContext context, IOptionsMonitor<AgentOptions> agents, ITicketEvents events, TicketViews views)
    {
        if (Account(context, agents) is not { } agent)
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }
        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
        context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpResponseBodyFeature>()?.DisableBuffering();
        await context.Response.WriteAsync(": connected\n\n", context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);

        var stream = events.SubscribeAsync(context.RequestAborted).GetAsyncEnumerator(context.RequestAborted);
        var next = stream.MoveNextAsync().AsTask();
        try
        {
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
        catch (OperationCanceledException)
        {
            // The agent closed the console.
        }
        finally
        {
            await stream.DisposeAsync();
        }
    }

    /// <summary>Cookie-authenticated POSTs must carry the anti-forgery token in <c>X-CSRF-TOKEN</c>.</summary>
    private static async ValueTask<object?> ValidateAntiforgery(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var context = invocation.HttpContext;
        if (HttpMethods.IsPost(context.Request.Method))
        {
            var antiforgery = context.RequestServices.GetRequiredService<IAntiforgery>();
            if (!await antiforgery.IsRequestValidAsync(context))
                return TypedResults.Json(new ErrorView("보안 토큰이 없거나 만료됐어요. 페이지를 새로 고쳐 주세요."), statusCode: StatusCodes.Status400BadRequest);
        }
        return await next(invocation);
    }

    private static AgentAccount? Account(HttpContext context, IOptionsMonitor<AgentOptions> agents) =>
        context.User.FindFirstValue(ClaimTypes.NameIdentifier) is { } id ? agents.CurrentValue.Find(id) : null;

    private static SessionView Session(HttpContext context, AgentAccount agent, IAntiforgery antiforgery) =>
        new(new SessionAgent(agent.Id, agent.Name, agent.Role.ToString().ToLowerInvariant()), antiforgery.GetAndStoreTokens(context).RequestToken!);
}
