using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Assistant.Server.Tests.TalkTalk;

/// <summary>The server on a loopback port with the TalkTalk channel on, talking to the local TalkTalk double.</summary>
public class TalkTalkFixture : IAsyncLifetime
{
    public const string WebhookSecret = "tt-webhook-secret-0123456789";

    public AssistantFactory Factory { get; private set; } = null!;
    public FakeTalkTalk TalkTalk { get; private set; } = null!;
    public HttpClient Http { get; private set; } = null!;

    protected virtual string HandoverMode => "assistant";

    public async Task InitializeAsync()
    {
        TalkTalk = await FakeTalkTalk.StartAsync();
        Factory = new AssistantFactory()
            .With("TalkTalk:Enabled", "true")
            .With("TalkTalk:WebhookSecret", WebhookSecret)
            .With("TalkTalk:PartnerKey", FakeTalkTalk.PartnerKey)
            .With("TalkTalk:SendApiUrl", TalkTalk.SendApiUrl)
            .With("TalkTalk:HandoverMode", HandoverMode)
            .With("TalkTalk:FirstRetrySeconds", "0.05")
            .With("TalkTalk:MaxRetrySeconds", "0.2")
            .With("Outbox:PollSeconds", "0.05");
        Factory.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        Factory.StartServer();
        Http = Factory.CreateClient();
    }

    public TalkTalkUser NewUser() => new(Http);

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        await TalkTalk.DisposeAsync();
    }
}

public sealed class PartnerHandoverFixture : TalkTalkFixture
{
    protected override string HandoverMode => "partner";
}

/// <summary>A TalkTalk user: posts webhook events as TalkTalk does and reads the synchronous reply.</summary>
public sealed class TalkTalkUser(HttpClient http)
{
    public string Id { get; } = "tt-" + Guid.NewGuid().ToString("N")[..16];

    public async Task<JsonObject?> EventAsync(JsonObject payload, string secret = TalkTalkFixture.WebhookSecret)
    {
        var response = await http.PostAsJsonAsync($"/talktalk/{secret}", payload);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {body}");
        if (string.IsNullOrWhiteSpace(body)) return null;
        var reply = JsonNode.Parse(body)!.AsObject();
        Assert.Null(FakeTalkTalk.Validate(reply)); // the synchronous reply meets the same contract
        return reply;
    }

    public Task<JsonObject?> OpenAsync() =>
        EventAsync(new JsonObject { ["event"] = "open", ["user"] = Id, ["options"] = new JsonObject { ["inflow"] = "list", ["friend"] = false } });

    public Task<JsonObject?> SayAsync(string text, bool standby = false)
    {
        var e = new JsonObject { ["event"] = "send", ["user"] = Id, ["textContent"] = new JsonObject { ["text"] = text, ["inputType"] = "typing" } };
        if (standby) e["standby"] = true;
        return EventAsync(e);
    }

    /// <summary>Presses a button: TalkTalk sends its title as text and its code.</summary>
    public Task<JsonObject?> PressAsync(JsonNode button) =>
        EventAsync(new JsonObject
        {
            ["event"] = "send", ["user"] = Id,
            ["textContent"] = new JsonObject { ["text"] = (string?)button["data"]!["title"], ["code"] = (string?)button["data"]!["code"], ["inputType"] = "button" },
        });

    public static string Said(JsonObject e) =>
        (string?)e["textContent"]?["text"] ?? (string?)e["compositeContent"]?["compositeList"]?[0]?["description"] ?? "";

    public static JsonArray QuickReplies(JsonObject e) =>
        (e["textContent"]?["quickReply"] ?? e["compositeContent"]?["quickReply"])?["buttonList"]?.AsArray() ?? [];
}
