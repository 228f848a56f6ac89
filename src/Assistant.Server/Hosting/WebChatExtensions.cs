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
            o.OnRejected = async (context, _) =>
            {
                var seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retry) ? (int)Math.Ceiling(retry.TotalSeconds) : 60;
                context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                await TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests,
                    detail: $"too many requests; try again in {seconds} seconds").ExecuteAsync(context.HttpContext);
            };
            // Counted after authentication: requests whose token is not valid for the conversation are
            // not limited here (they get 403 at once) and so cannot spend the conversation's budget.
            o.AddPolicy(DirectLineEndpoints.MessageRateLimit, context => DirectLineEndpoints.AuthorizedConversation(context) is { } conversationId
                ? RateLimitPartition.GetFixedWindowLimiter(conversationId, _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = context.RequestServices.GetRequiredService<IOptions<DirectLineOptions>>().Value.MessagesPerMinute,
                    Window = TimeSpan.FromMinutes(1),
                })
                : RateLimitPartition.GetNoLimiter(""));
            // Tokens and new conversations cost nothing to ask for: each client address gets a budget.
            o.AddPolicy(DirectLineEndpoints.TokenRateLimit, context => RateLimitPartition.GetFixedWindowLimiter(
                ClientKey(context.Connection.RemoteIpAddress),
                _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = context.RequestServices.GetRequiredService<IOptions<DirectLineOptions>>().Value.ConversationsPerMinutePerClient,
                    Window = TimeSpan.FromMinutes(1),
                }));
        });
        return builder;
    }

    /// <summary>The client a per-client limit counts: its IPv4 address, or its IPv6 /64 (one subscriber's usual allocation).</summary>
    internal static string ClientKey(System.Net.IPAddress? address)
    {
        if (address is null) return "unknown";
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6) return address.ToString();
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new System.Net.IPAddress(bytes) + "/64";
    }
}
