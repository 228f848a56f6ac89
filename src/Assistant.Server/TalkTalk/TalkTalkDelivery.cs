using System.Text;
using Assistant.Dialogue;
using Assistant.Handoff;
using Assistant.Server.Bot;
using Assistant.Server.Storage;
using Microsoft.Extensions.Options;
using Newtonsoft.Json.Linq;

namespace Assistant.Server.TalkTalk;

/// <summary>
/// Sends queued TalkTalk events to the send API with the partner key. Only an HTTP 200 with
/// <c>resultCode "00"</c> counts as delivered; auth errors, bad requests, 5xx and time-outs are retried.
/// </summary>
public sealed class TalkTalkDelivery(IHttpClientFactory http, IOptions<TalkTalkOptions> options) : IOutboxDelivery
{
    public const string HttpClientName = "talktalk";

    public string Topic => TalkTalkAdapter.OutboxTopic;

    public bool Enabled => options.Value.Enabled;

    public RetryPolicy Retry => options.Value.Retry;

    public async Task<string?> DeliverAsync(OutboxItem item, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, options.Value.SendApiUrl)
        {
            Content = new StringContent(item.Payload, Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("Authorization", options.Value.PartnerKey);
        using var response = await http.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode) return $"HTTP {(int)response.StatusCode}";
        try
        {
            var result = JObject.Parse(body);
            return (bool?)result["success"] == true && (string?)result["resultCode"] == "00"
                ? null
                : $"resultCode {(string?)result["resultCode"] ?? "?"}: {(string?)result["resultMessage"]}";
        }
        catch (Newtonsoft.Json.JsonException)
        {
            return "the send API answered with something other than JSON";
        }
    }
}

/// <summary>Delivers agent replies to TalkTalk users through the send API (via the outbox).</summary>
public sealed class TalkTalkSender(TalkTalkAdapter adapter) : IChannelSender
{
    public bool Handles(string channel) => channel == TalkTalkAdapter.ChannelId;

    public Task SendAsync(ConversationAddress conversation, AssistantReply reply, CancellationToken cancellationToken) =>
        adapter.SendProactiveAsync(conversation.ConversationId, ReplyActivities.ToActivity(reply), cancellationToken);
}
