using System.Threading.RateLimiting;
using Assistant.Server.Bot;
using Assistant.Server.DirectLine;
using Microsoft.Extensions.Options;

namespace Assistant.Server.Hosting;

public static class WebChatExtensions
{
    /// <summary>The self-hosted Direct Line endpoint for Web Chat: tokens, store, bridge to the bot, CORS and rate limits.</summary>
    public static WebApplicationBuilder AddWebChat(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<DirectLineOptions>().BindConfiguration(DirectLineOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<DirectLineTokens>();
        builder.Services.AddSingleton<IDirectLineStore, SqlDirectLineStore>();
        builder.Services.AddSingleton<DirectLineHub>();
        builder.Services.AddSingleton<DirectLineBridge>();
        builder.Services.AddSingleton<IChannelSender, DirectLineSender>();
        builder.Services.AddSingleton<Storage.FeedbackStore>();

        builder.Services.AddCors();
        builder.Services.AddOptions<Microsoft.AspNetCore.Cors.Infrastructure.CorsOptions>()
            .Configure<IOptions<DirectLineOptions>>((cors, directLine) => cors.AddPolicy(DirectLineEndpoints.CorsPolicy, policy => policy
                .WithOrigins(directLine.Value.AllowedOrigins)
                .WithHeaders("Authorization", "Content-Type", "x-ms-bot-agent")
                .WithMethods("GET", "POST")));
        builder.Services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = (context, _) =>
            {
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retry))
                    context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retry.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                return ValueTask.CompletedTask;
            };
            o.AddPolicy(DirectLineEndpoints.MessageRateLimit, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Request.RouteValues["conversationId"]?.ToString() ?? "none",
                _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = context.RequestServices.GetRequiredService<IOptions<DirectLineOptions>>().Value.MessagesPerMinute,
                    Window = TimeSpan.FromMinutes(1),
                }));
            o.AddPolicy(DirectLineEndpoints.TokenRateLimit, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = 30, Window = TimeSpan.FromMinutes(1) }));
        });
        return builder;
    }
}
