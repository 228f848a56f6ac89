using Assistant.Dialogue;
using Assistant.Handoff;
using Microsoft.Bot.Schema;
using Newtonsoft.Json;

namespace Assistant.Server.Bot;

/// <summary>A way to reach sellers of some channels proactively.</summary>
public interface IChannelSender
{
    bool Handles(string channel);

    Task SendAsync(ConversationAddress conversation, AssistantReply reply, CancellationToken cancellationToken);
}

/// <summary>Sends an agent's message to the seller through the channel the seller used.</summary>
public sealed class SellerMessenger(IEnumerable<IChannelSender> senders) : ISellerMessenger
{
    public Task SendAsync(ConversationAddress conversation, AssistantReply reply, CancellationToken cancellationToken = default)
    {
        // Channel-specific senders first; the Bot Framework connector is the fallback for every other channel.
        var sender = senders.OrderBy(s => s is BotFrameworkSender ? 1 : 0).FirstOrDefault(s => s.Handles(conversation.Channel))
            ?? throw new InvalidOperationException($"no sender for channel '{conversation.Channel}'");
        return sender.SendAsync(conversation, reply, cancellationToken);
    }
}

/// <summary>
/// Bot Framework channels (Azure Bot Service, Emulator, our own Direct Line): continue the stored
/// conversation through the adapter, which posts to the channel's service URL.
/// </summary>
public sealed class BotFrameworkSender(AssistantCloudAdapter adapter, IConfiguration configuration, Microsoft.Extensions.Options.IOptions<BotOptions> options) : IChannelSender
{
    private readonly IReadOnlyList<string> _serviceHosts = options.Value.ServiceHosts(configuration);

    public bool Handles(string channel) => true;

    public Task SendAsync(ConversationAddress conversation, AssistantReply reply, CancellationToken cancellationToken)
    {
        var reference = JsonConvert.DeserializeObject<ConversationReference>(conversation.Reference)
            ?? throw new InvalidOperationException("the ticket holds no conversation reference");
        // Checked again on the way out: a stored reference never makes the server post somewhere it may not.
        if (!BotOptions.IsAllowed(reference.ServiceUrl, _serviceHosts))
            throw new InvalidOperationException($"the conversation's service URL is not allowed (see {BotOptions.Section}:AllowedServiceHosts)");
        return adapter.ContinueConversationAsync(
            configuration["MicrosoftAppId"] ?? string.Empty,
            reference,
            (turnContext, ct) => turnContext.SendActivityAsync(ReplyActivities.ToActivity(reply), ct),
            cancellationToken);
    }
}
