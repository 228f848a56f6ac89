using System.Threading.RateLimiting;
using Assistant.Server.Agents;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;

namespace Assistant.Server.Hosting;

public static class AgentConsoleExtensions
{
    /// <summary>
    /// Agent accounts, cookie sign-in backed by server-side sessions, anti-forgery, sign-in throttling,
    /// security headers and problem bodies (<see cref="AgentHttpGuard"/>) and the OpenAPI document of the agent API.
    /// </summary>
    public static WebApplicationBuilder AddAgentConsole(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<AgentOptions>().BindConfiguration(AgentOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<AgentSessions>();
        builder.Services.AddSingleton<LoginThrottle>();
        builder.Services.AddSingleton<IPasswordVerifier, Pbkdf2PasswordVerifier>();
        builder.Services.AddSingleton<LoginVerifier>();
        builder.Services.AddSingleton<Storage.ReviewStore>();
        builder.Services.AddSingleton<ReviewQueue>();
        builder.Services.AddTransient<IStartupFilter, AgentHttpGuard>();
        builder.Services.AddAuthentication(AgentEndpoints.Scheme).AddCookie(AgentEndpoints.Scheme, o =>
        {
            o.Cookie.Name = "assistant.agent";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
            // An API answers 401/403, it does not redirect to a login page.
            o.Events.OnRedirectToLogin = c => { c.Response.StatusCode = StatusCodes.Status401Unauthorized; return Task.CompletedTask; };
            o.Events.OnRedirectToAccessDenied = c => { c.Response.StatusCode = StatusCodes.Status403Forbidden; return Task.CompletedTask; };
            // Every request checks the session server-side: a signed-out (revoked), expired or unknown
            // session, or an account no longer configured, is refused even with a valid cookie.
            o.Events.OnValidatePrincipal = async c =>
            {
                var agentId = c.Principal?.FindFirstValue(ClaimTypes.NameIdentifier);
                var session = c.Principal?.FindFirstValue(AgentSessions.ClaimType);
                var services = c.HttpContext.RequestServices;
                if (agentId is not null && session is not null
                    && services.GetRequiredService<IOptionsMonitor<AgentOptions>>().CurrentValue.Find(agentId) is not null
                    && services.GetRequiredService<AgentSessions>().IsActive(session, agentId))
                    return;
                c.RejectPrincipal();
                await c.HttpContext.SignOutAsync(AgentEndpoints.Scheme);
            };
        });
        builder.Services.AddAuthorization();
        builder.Services.AddAntiforgery(o =>
        {
            o.HeaderName = "X-CSRF-TOKEN";
            o.Cookie.Name = "assistant.csrf";
            o.Cookie.SameSite = SameSiteMode.Strict;
        });
        // Failed sign-ins are limited per (account, address) and per account by LoginThrottle. This
        // limiter only guards the slow password check against floods from one address, at a bound far
        // above what agents signing in behind one office address need.
        builder.Services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // The app's OnRejected sets Retry-After; AgentHttpGuard gives the empty 429 its problem body.
            o.AddPolicy(AgentEndpoints.LoginRateLimit, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = context.RequestServices.GetRequiredService<IOptionsMonitor<AgentOptions>>().CurrentValue.LoginRequestsPerMinutePerAddress,
                    Window = TimeSpan.FromMinutes(1),
                }));
        });
        builder.Services.AddDashboard();
        builder.Services.AddOpenApi();
        builder.AddAgentAssist();
        return builder;
    }

    /// <summary>The console's static page at <c>/agent/</c>, the agent API and its OpenAPI document.</summary>
    public static WebApplication MapAgentConsole(this WebApplication app)
    {
        app.MapAgentApi();
        app.MapDashboardApi();
        app.MapAssistApi();
        app.MapReviewApi();
        app.MapKnowledgeApi();
        app.MapOpenApi("/openapi/v1.json"); // one document: any other name is an ordinary 404
        return app;
    }
}
