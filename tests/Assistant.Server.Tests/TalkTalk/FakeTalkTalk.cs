using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Assistant.Server.Tests.TalkTalk;

/// <summary>
/// A local stand-in for Naver TalkTalk's send API (its servers cannot run here) that enforces the
/// documented contract: the partner key in <c>Authorization</c> (else resultCode 01), well-formed
/// JSON (02), the event shapes and limits (text ≤ 10,000; ≤ 10 quick replies titled ≤ 10; composites
/// ≤ 10 items, title ≤ 200, description ≤ 1,000, ≤ 10 buttons titled ≤ 18; else 99), and that while
/// the partner owns a thread (after passThread) the bot may not send to that user.
/// </summary>
public sealed class FakeTalkTalk : IAsyncDisposable
{
    public const string PartnerKey = "test-partner-key";
    private WebApplication _app = null!;
    private readonly ConcurrentQueue<JsonObject> _accepted = new();
    private readonly ConcurrentDictionary<string, bool> _partnerOwns = new();

    private FakeTalkTalk() { }

    public string SendApiUrl { get; private set; } = "";

    /// <summary>While true the API answers 503, as during an outage.</summary>
    public volatile bool Down;

    public int Rejected;

    public static async Task<FakeTalkTalk> StartAsync()
    {
        var fake = new FakeTalkTalk();
        (fake._app, var baseUrl) = await LoopbackServer.StartAsync(app => app.MapPost("/chatbot/v1/event", async (HttpContext context) =>
        {
            if (fake.Down) return Results.StatusCode(503);
            if (context.Request.Headers.Authorization.ToString() != PartnerKey) return fake.Result("01", "invalid partner key");
            JsonObject? e;
            try { e = (await JsonNode.ParseAsync(context.Request.Body))?.AsObject(); }
            catch (System.Text.Json.JsonException) { return fake.Result("02", "invalid JSON"); }
            if (e is null) return fake.Result("02", "invalid JSON");
            if (Validate(e) is { } problem) return fake.Result("99", problem);
            var user = (string)e["user"]!;
            if ((string?)e["event"] == "handover" && (string?)e["options"]?["control"] == "passThread") fake._partnerOwns[user] = true;
            if ((string?)e["event"] == "send" && fake._partnerOwns.GetValueOrDefault(user)) return fake.Result("99", "the partner owns this thread");
            fake._accepted.Enqueue(e);
            return Results.Json(new { success = true, resultCode = "00" });
        }));
        fake.SendApiUrl = baseUrl + "/chatbot/v1/event";
        return fake;
    }

    public bool PartnerOwns(string user) => _partnerOwns.GetValueOrDefault(user);

    public void PartnerFinished(string user) => _partnerOwns[user] = false;

    public IReadOnlyList<JsonObject> Received(string user) => _accepted.Where(e => (string?)e["user"] == user).ToArray();

    public async Task<JsonObject> WaitForAsync(string user, Func<JsonObject, bool> match, int timeoutMs = 8000)
    {
        var until = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        while (DateTime.UtcNow < until)
        {
            if (Received(user).FirstOrDefault(match) is { } found) return found;
            await Task.Delay(25);
        }
        throw new TimeoutException($"TalkTalk received nothing matching for {user}: {string.Join(" | ", Received(user).Select(e => e.ToJsonString()))}");
    }

    /// <summary>The contract every event the bot sends must meet, synchronous replies included; null when it does.</summary>
    public static string? Validate(JsonObject e)
    {
        var type = (string?)e["event"];
        if (type is not ("send" or "handover" or "action")) return $"unknown event '{type}'";
        if (string.IsNullOrEmpty((string?)e["user"])) return "user is required";
        if (type != "send") return null;
        var contents = new[] { "textContent", "imageContent", "compositeContent" }.Count(k => e[k] is not null);
        if (contents != 1) return "a send event carries exactly one content";
        if (e["textContent"] is JsonObject text)
        {
            if (((string?)text["text"] ?? "").Length is 0 or > 10_000) return "text must have 1-10,000 characters";
            if (QuickReplyProblem(text["quickReply"]) is { } q) return q;
        }
        if (e["compositeContent"] is JsonObject composite)
        {
            var list = composite["compositeList"]?.AsArray();
            if (list is null || list.Count is 0 or > 10) return "compositeList must have 1-10 items";
            foreach (var item in list)
            {
                if (((string?)item!["title"] ?? "").Length > 200) return "composite title over 200";
                if (((string?)item["description"] ?? "").Length > 1000) return "composite description over 1,000";
                var buttons = item["buttonList"]?.AsArray() ?? [];
                if (buttons.Count > 10) return "more than 10 composite buttons";
                if (buttons.Any(b => ((string?)b!["data"]?["title"] ?? "").Length is 0 or > 18)) return "composite TEXT button title must have 1-18 characters";
            }
            if (QuickReplyProblem(composite["quickReply"]) is { } q) return q;
        }
        return null;
    }

    private static string? QuickReplyProblem(JsonNode? quickReply)
    {
        if (quickReply is null) return null;
        var buttons = quickReply["buttonList"]?.AsArray();
        if (buttons is null || buttons.Count is 0 or > 10) return "quickReply must have 1-10 buttons";
        return buttons.Any(b => ((string?)b!["data"]?["title"] ?? "").Length is 0 or > 10) ? "quick reply title must have 1-10 characters" : null;
    }

    private IResult Result(string code, string message)
    {
        Interlocked.Increment(ref Rejected);
        return Results.Json(new { success = false, resultCode = code, resultMessage = message });
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
