using Assistant.Handoff;
using Assistant.Server.Agents;
using Assistant.Server.Storage;
using Assistant.Server.Webhooks;
using Microsoft.Bot.Builder;
using Microsoft.Extensions.Options;

namespace Assistant.Server.Hosting;

public static class HandoffExtensions
{
    /// <summary>Durable tickets, conversation state and the outbox (SQLite by default), ticket events and the outbound webhook.</summary>
    public static WebApplicationBuilder AddHandoff(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<WebhookOptions>().BindConfiguration(WebhookOptions.Section).ValidateDataAnnotations().ValidateOnStart();

        builder.Services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
            var root = sp.GetRequiredService<IWebHostEnvironment>().ContentRootPath;
            return new SqliteDatabase(Path.IsPathRooted(options.SqlitePath) ? options.SqlitePath : Path.Combine(root, options.SqlitePath));
        });
        builder.Services.AddSingleton<ITicketStore, SqliteTicketStore>();
        builder.Services.AddSingleton<IOutbox, SqliteOutbox>();
        builder.Services.AddSingleton<IStorage, SqliteBotStorage>();

        builder.Services.AddSingleton<ITicketEvents, InProcessTicketEvents>();
        builder.Services.AddSingleton<TicketViews>();
        builder.Services.AddSingleton<WebhookEvents>();
        builder.Services.AddSingleton<AgentDesk>();
        builder.Services.AddHttpClient(WebhookDelivery.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(10));
        builder.Services.AddSingleton<IOutboxDelivery, WebhookDelivery>();
        builder.Services.AddHostedService<OutboxWorker>();
        return builder;
    }
}
