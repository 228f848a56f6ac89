using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Assistant.Server.Tests;

/// <summary>The real server (knowledge, model, Bot Framework adapter) in memory, with optional setting overrides.</summary>
public class AssistantFactory : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings = new();

    public AssistantFactory With(string key, string? value)
    {
        _settings[key] = value;
        return this;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
    }
}

/// <summary>Builds Bot Framework activities as a channel would send them and reads the replies.</summary>
public static class Activities
{
    public static JsonObject Message(string text, string conversationId) => new()
    {
        ["type"] = "message",
        ["id"] = Guid.NewGuid().ToString("N"),
        ["channelId"] = "emulator",
        ["serviceUrl"] = "http://localhost:1",
        ["deliveryMode"] = "expectReplies",
        ["from"] = new JsonObject { ["id"] = "seller-1", ["name"] = "판매자" },
        ["recipient"] = new JsonObject { ["id"] = "assistant-bot" },
        ["conversation"] = new JsonObject { ["id"] = conversationId },
        ["locale"] = "ko-KR",
        ["text"] = text,
    };

    public static JsonObject MembersAdded(string conversationId)
    {
        var activity = Message("", conversationId);
        activity["type"] = "conversationUpdate";
        activity.Remove("text");
        activity["membersAdded"] = new JsonArray(new JsonObject { ["id"] = "seller-1" }, new JsonObject { ["id"] = "assistant-bot" });
        return activity;
    }

    /// <summary>Posts one activity with deliveryMode expectReplies and returns the bot's message replies.</summary>
    public static async Task<IReadOnlyList<JsonObject>> SendAsync(HttpClient client, JsonObject activity)
    {
        var response = await client.PostAsJsonAsync("/api/messages", activity);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}");
        var replies = JsonNode.Parse(body)!["activities"]!.AsArray();
        return replies.Select(a => a!.AsObject()).Where(a => (string?)a["type"] == "message").ToArray();
    }

    public static JsonObject Decision(JsonObject reply) => reply["channelData"]!["assistant"]!.AsObject();

    public static string[] SuggestedTitles(JsonObject reply) =>
        reply["suggestedActions"]?["actions"]?.AsArray().Select(a => (string)a!["title"]!).ToArray() ?? [];
}
