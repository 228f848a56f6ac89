using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace Assistant.Server.Tests.Llm;

/// <summary>The double enforces the chat-completions contract it stands for, so the client tests mean something.</summary>
public sealed class ChatCompletionsDoubleTests : IAsyncLifetime
{
    private ChatCompletionsDouble _llm = null!;
    private readonly HttpClient _http = new();

    public async Task InitializeAsync() => _llm = await ChatCompletionsDouble.StartAsync("k1");

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _llm.DisposeAsync();
    }

    private async Task<(HttpStatusCode Status, JsonNode? Body)> PostAsync(string json, string? key = "k1", string contentType = "application/json")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _llm.BaseUrl + "/chat/completions") { Content = new StringContent(json, Encoding.UTF8, contentType) };
        if (key is not null) request.Headers.Authorization = new("Bearer", key);
        var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    private const string Valid = """{"model":"double-chat-v1","messages":[{"role":"system","content":"s"},{"role":"user","content":"안녕"}],"max_tokens":50}""";

    [Fact]
    public async Task AValidRequestGetsTheDocumentedResponseShape()
    {
        _llm.Reply = call => $"echo:{call.User}";
        var (status, body) = await PostAsync(Valid);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.StartsWith("chatcmpl-", (string?)body!["id"]);
        Assert.Equal("chat.completion", (string?)body["object"]);
        var choice = body["choices"]![0]!;
        Assert.Equal("assistant", (string?)choice["message"]!["role"]);
        Assert.Equal("echo:안녕", (string?)choice["message"]!["content"]);
        Assert.Equal("stop", (string?)choice["finish_reason"]);
        Assert.True((int)body["usage"]!["total_tokens"]! > 0);
        Assert.Equal(50, _llm.Calls.Single().MaxTokens);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong")]
    public async Task AMissingOrWrongKeyIs401WithAnErrorBody(string? key)
    {
        var (status, body) = await PostAsync(Valid, key);
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("invalid_api_key", (string?)body!["error"]!["code"]);
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("""{"messages":[{"role":"user","content":"a"}]}""")]
    [InlineData("""{"model":"double-chat-v1","messages":[]}""")]
    [InlineData("""{"model":"double-chat-v1"}""")]
    [InlineData("""{"model":"double-chat-v1","messages":[{"role":"bot","content":"a"}]}""")]
    [InlineData("""{"model":"double-chat-v1","messages":[{"role":"user"}]}""")]
    [InlineData("""{"model":"double-chat-v1","messages":[{"role":"user","content":42}]}""")]
    [InlineData("""{"model":"double-chat-v1","messages":[{"role":"user","content":"a"}],"max_tokens":"many"}""")]
    [InlineData("""{"model":"double-chat-v1","messages":[{"role":"user","content":"a"}],"prompt":"a"}""")]
    public async Task AMalformedRequestIs400WithAnErrorBody(string json)
    {
        var (status, body) = await PostAsync(json);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.False(string.IsNullOrEmpty((string?)body!["error"]!["message"]));
        Assert.Empty(_llm.Calls);
    }

    [Fact]
    public async Task ItCanBeScriptedToFailOrAnswerGarbage()
    {
        _llm.Script = ChatScript.Fail;
        _llm.FailWith = 429;
        Assert.Equal(HttpStatusCode.TooManyRequests, (await PostAsync(Valid)).Status);
        _llm.FailWith = 500;
        Assert.Equal(HttpStatusCode.InternalServerError, (await PostAsync(Valid)).Status);
        _llm.Script = ChatScript.Malformed;
        using var request = new HttpRequestMessage(HttpMethod.Post, _llm.BaseUrl + "/chat/completions") { Content = new StringContent(Valid, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new("Bearer", "k1");
        var garbage = await _http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, garbage.StatusCode);
        var text = await garbage.Content.ReadAsStringAsync();
        Assert.ThrowsAny<System.Text.Json.JsonException>(() => JsonNode.Parse(text));
    }
}
