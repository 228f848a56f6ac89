using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Assistant.Server.Tests;

/// <summary>An agent using the agent REST API with a cookie session and the anti-forgery token, as the console does.</summary>
public sealed class AgentClient(HttpClient http, string? csrf = null)
{
    private string? _csrf = csrf;

    public HttpClient Http => http;

    public static async Task<AgentClient> SignInAsync(HttpClient http, string id)
    {
        var agent = new AgentClient(http);
        var password = AssistantFactory.Agents.Single(a => a.Id == id).Password;
        var response = await http.PostAsJsonAsync("/api/agent/login", new { username = id, password });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        agent._csrf = (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["csrfToken"];
        return agent;
    }

    public Task<HttpResponseMessage> GetAsync(string path) => http.GetAsync(path);

    public async Task<HttpResponseMessage> PostAsync(string path, object? body = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body ?? new { }) };
        if (_csrf is not null) request.Headers.Add("X-CSRF-TOKEN", _csrf);
        return await http.SendAsync(request);
    }

    public async Task<JsonNode> JsonAsync(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"expected {expected}, got {(int)response.StatusCode}: {body}");
        return JsonNode.Parse(body)!;
    }

    public async Task<JsonNode> TicketAsync(string number) => await JsonAsync(await GetAsync($"/api/agent/tickets/{number}"));
}
