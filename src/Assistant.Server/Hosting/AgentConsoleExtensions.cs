using System.Threading.RateLimiting;
using Assistant.Server.Agents;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Assistant.Server.Hosting;

public static class AgentConsoleExtensions
{
    /// <summary>Agent accounts, cookie sign-in, anti-forgery, login rate limiting and the OpenAPI document of the agent API.</summary>
    public static WebApplicationBuilder AddAgentConsole(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<AgentOptions>().BindConfiguration(AgentOptions.Section).ValidateDataAnnotations().ValidateOnStart();
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
        });
        builder.Services.AddAuthorization();
        builder.Services.AddAntiforgery(o =>
        {
            o.HeaderName = "X-CSRF-TOKEN";
            o.Cookie.Name = "assistant.csrf";
            o.Cookie.SameSite = SameSiteMode.Strict;
        });
        builder.Services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(AgentEndpoints.LoginRateLimit, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = 10, Window = TimeSpan.FromMinutes(1) }));
        });
        builder.Services.AddOpenApi();
        return builder;
    }

    /// <summary>The console's static page at <c>/agent/</c>, the agent API and its OpenAPI document.</summary>
    public static WebApplication MapAgentConsole(this WebApplication app)
    {
        app.MapAgentApi();
        app.MapOpenApi();
        return app;
    }
}
