using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector.Authentication;

namespace Assistant.Server.Bot;

public static class BotExtensions
{
    /// <summary>
    /// The Bot Framework layer: authentication from configuration (anonymous when no MicrosoftAppId is
    /// set, which only Development or an explicit <c>Bot:AllowAnonymous</c> accepts) with connector clients shared
    /// across turns (<see cref="ReusedClientsAuthentication"/>), request checks,
    /// serialised turns, adapter, state, bot.
    /// </summary>
    public static WebApplicationBuilder AddSellerBot(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<BotOptions>().BindConfiguration(BotOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<BotOptions>, BotOptionsValidator>();
        builder.Services.AddSingleton(sp => new ActivityRequestValidator(
            sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<BotOptions>>().Value, sp.GetRequiredService<IConfiguration>()));
        builder.Services.AddSingleton<BotFrameworkAuthentication>(sp => new ReusedClientsAuthentication(new ConfigurationBotFrameworkAuthentication(
            sp.GetRequiredService<IConfiguration>(), logger: sp.GetRequiredService<ILogger<AssistantCloudAdapter>>())));
        builder.Services.AddSingleton<ConversationGate>();
        builder.Services.AddSingleton<TurnMetrics>();
        builder.Services.AddSingleton<AssistantCloudAdapter>();
        builder.Services.AddSingleton<IBotFrameworkHttpAdapter>(sp => sp.GetRequiredService<AssistantCloudAdapter>());
        builder.Services.AddTransient<IBot, SellerBot>();
        // Proactive delivery (agent replies): channel-specific senders are registered before this fallback.
        builder.Services.AddSingleton<IChannelSender, BotFrameworkSender>();
        builder.Services.AddSingleton<Assistant.Handoff.ISellerMessenger, SellerMessenger>();
        return builder;
    }

    /// <summary><c>POST /api/messages</c>: the Bot Framework endpoint for Azure Bot Service channels and the Emulator.</summary>
    public static IEndpointConventionBuilder MapBotEndpoint(this IEndpointRouteBuilder app) =>
        app.MapPost("/api/messages", async (HttpContext context, ActivityRequestValidator validator, AssistantCloudAdapter adapter, IBot bot) =>
        {
            var (activity, problem) = await validator.ReadAsync(context.Request);
            if (activity is null)
            {
                await problem!.ToResult().ExecuteAsync(context);
                return;
            }
            try
            {
                // The activity the validator read and checked is the one the turn runs: the body is parsed once.
                await adapter.ProcessAsync(context.Request, context.Response, activity, bot, context.RequestAborted);
            }
            catch (Exception ex) when (!context.Response.HasStarted && IsBadCredential(ex))
            {
                // The SDK throws while reading a malformed or forged token: the caller's fault, not the server's.
                await Results.Problem(title: "Unauthorized", statusCode: StatusCodes.Status401Unauthorized,
                    detail: "the Authorization header does not carry a valid Bot Framework token").ExecuteAsync(context);
            }
        });

    private static bool IsBadCredential(Exception ex) =>
        ex is UnauthorizedAccessException or ArgumentException or FormatException or Newtonsoft.Json.JsonException
            or Microsoft.IdentityModel.Tokens.SecurityTokenException;
}
