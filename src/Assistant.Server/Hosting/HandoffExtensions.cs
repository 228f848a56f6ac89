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

        // The one switch between the embedded default and scale-out: configuration, not code.
        var storage = builder.Configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions();
        if (storage.Provider == "postgres")
        {
            builder.Services.AddSingleton(sp => new PostgresDatabase(sp.GetRequiredService<IOptions<StorageOptions>>().Value.PostgresConnectionString!));
            builder.Services.AddSingleton<Database>(sp => sp.GetRequiredService<PostgresDatabase>());
            builder.Services.AddSingleton<InProcessTicketEvents>();
            builder.Services.AddSingleton<PostgresEventBus>();
            builder.Services.AddSingleton<ITicketEvents>(sp => sp.GetRequiredService<PostgresEventBus>());
            builder.Services.AddHostedService(sp => sp.GetRequiredService<PostgresEventBus>());
            builder.Services.AddHostedService<ClusterStartup>();
        }
        else
        {
            builder.Services.AddSingleton<Database>(sp =>
            {
                var options = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
                var root = sp.GetRequiredService<IWebHostEnvironment>().ContentRootPath;
                return new SqliteDatabase(Path.IsPathRooted(options.SqlitePath) ? options.SqlitePath : Path.Combine(root, options.SqlitePath));
            });
            builder.Services.AddSingleton<ITicketEvents, InProcessTicketEvents>();
        }
        builder.Services.AddSingleton<ITicketStore, SqlTicketStore>();
        builder.Services.AddSingleton<IOutbox, SqlOutbox>();
        builder.Services.AddSingleton<IDialogueStateStore, SqlDialogueStateStore>();

        builder.Services.AddSingleton<TicketViews>();
        builder.Services.AddSingleton<WebhookEvents>();
        builder.Services.AddSingleton<AgentDesk>();
        builder.Services.AddHttpClient(WebhookDelivery.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(10));
        builder.Services.AddSingleton<IOutboxDelivery, WebhookDelivery>();
        builder.Services.AddHostedService<OutboxWorker>();
        builder.Services.AddSingleton<TurnLog>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<TurnLog>());
        return builder;
    }

    /// <summary>With PostgreSQL: Direct Line wake-ups go through the bus, and start-up waits until this instance listens.</summary>
    private sealed class ClusterStartup(PostgresEventBus bus, DirectLine.DirectLineHub hub) : IHostedService
    {
        public async Task StartAsync(CancellationToken cancellationToken)
        {
            hub.Broadcast = bus.NotifyDirectLineAsync;
            await bus.Listening.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
