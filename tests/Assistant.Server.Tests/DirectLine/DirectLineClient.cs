using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Assistant.Server.Tests.DirectLine;

/// <summary>Talks to the Direct Line endpoint the way Web Chat's DirectLineJS does.</summary>
public sealed class DirectLineClient(HttpClient http)
{
    public string Token { get; private set; } = "";
    public string ConversationId { get; private set; } = "";
    public string StreamUrl { get; private set; } = "";
    public string? Watermark { get; private set; }

    /// <summary>A new conversation for <paramref name="userId"/>, with a token minted from the secret (as a seller center's back end would).</summary>
    public static async Task<DirectLineClient> StartAsync(HttpClient http, string userId = "seller-web-1")
    {
        var client = new DirectLineClient(http);
        var minted = await client.SendAsync(HttpMethod.Post, "/v3/directline/tokens/generate", AssistantFactory.DirectLineSecret, new { user = new { id = userId } });
        client.Token = (string)minted["token"]!;
        var started = await client.SendAsync(HttpMethod.Post, "/v3/directline/conversations", client.Token, new { });
        (client.Token, client.ConversationId, client.StreamUrl) = ((string)started["token"]!, (string)started["conversationId"]!, (string)started["streamUrl"]!);
        return client;
    }

    /// <summary>The user of a page conversation, and the key that continues as them (<see cref="FromPageAsync"/>).</summary>
    public string? UserId { get; private set; }
    public string? UserKey { get; private set; }

    /// <summary>A conversation as the web chat widget starts one: a page token (with the user key it kept, if any), then connect.</summary>
    public static async Task<DirectLineClient> FromPageAsync(HttpClient http, string? userKey = null)
    {
        var client = new DirectLineClient(http);
        var response = await http.PostAsJsonAsync("/api/webchat/token", userKey is null ? new { } : (object)new { userKey });
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"/api/webchat/token: {(int)response.StatusCode} {text}");
        var page = JsonNode.Parse(text)!;
        (client.Token, client.ConversationId, client.UserId, client.UserKey) = ((string)page["token"]!, (string)page["conversationId"]!, (string?)page["userId"], (string?)page["userKey"]);
        var connected = await client.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{client.ConversationId}", client.Token);
        (client.Token, client.StreamUrl) = ((string)connected["token"]!, (string)connected["streamUrl"]!);
        return client;
    }

    public async Task<string> PostAsync(string text, string clientActivityId)
    {
        var response = await SendAsync(HttpMethod.Post, $"/v3/directline/conversations/{ConversationId}/activities", Token, new
        {
            type = "message",
            text,
            locale = "ko-KR",
            from = new { id = "seller-web-1", name = "판매자" },
            channelData = new { clientActivityID = clientActivityId },
        });
        return (string)response["id"]!;
    }

    /// <summary>Polls from the last watermark, as Web Chat does in polling mode.</summary>
    public async Task<JsonArray> PollAsync()
    {
        var set = await SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{ConversationId}/activities?watermark={Watermark}", Token);
        Watermark = (string?)set["watermark"];
        return set["activities"]!.AsArray();
    }

    public async Task<HttpResponseMessage> RawAsync(HttpMethod method, string path, string? bearer, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (bearer is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        if (body is not null) request.Content = JsonContent.Create(body);
        return await http.SendAsync(request);
    }

    private async Task<JsonNode> SendAsync(HttpMethod method, string path, string bearer, object? body = null)
    {
        var response = await RawAsync(method, path, bearer, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{method} {path}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!;
    }
}
