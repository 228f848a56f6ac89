using System.Security.Cryptography;
using System.Text;
using Microsoft.Bot.Builder;
using Microsoft.Extensions.Options;

namespace Assistant.Server.TalkTalk;

public static class TalkTalkEndpoints
{
    /// <summary>
    /// <c>POST /talktalk/{secret}</c>: TalkTalk's webhook. TalkTalk signs nothing, so the path carries a
    /// secret (a wrong one is 404, as if nothing were there), callers must come from the configured
    /// source ranges (403), and bodies are capped (413).
    /// </summary>
    public static void MapTalkTalk(this IEndpointRouteBuilder app) =>
        app.MapPost("/talktalk/{secret}", async (string secret, HttpContext context, IOptions<TalkTalkOptions> options, TalkTalkAdapter adapter, IBot bot, ILogger<TalkTalkAdapter> logger) =>
        {
            var settings = options.Value;
            if (!settings.Enabled || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(settings.WebhookSecret)))
                return Results.NotFound();
            var source = context.Connection.RemoteIpAddress;
            if (source is null || !settings.Networks.Any(n => n.Contains(source.IsIPv4MappedToIPv6 ? source.MapToIPv4() : source)))
            {
                logger.LogWarning("TalkTalk webhook call from {Source} refused: not in TalkTalk:AllowedSources", source);
                return Results.Problem(detail: "this address may not call the TalkTalk webhook", statusCode: StatusCodes.Status403Forbidden);
            }
            await adapter.ProcessAsync(context.Request, context.Response, bot, context.RequestAborted);
            return Results.Empty;
        }).ExcludeFromDescription();
}
