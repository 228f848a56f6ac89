using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Assistant.Server.Tests.Llm;

/// <summary>One chat-completions request the double accepted: the model, its messages (role, text) and the output limit asked for.</summary>
public sealed record ChatCall(string Model, IReadOnlyList<(string Role, string Content)> Messages, int? MaxTokens, double? Temperature)
{
    public string System => string.Join("\n", Messages.Where(m => m.Role == "system").Select(m => m.Content));
    public string User => string.Join("\n", Messages.Where(m => m.Role == "user").Select(m => m.Content));
}

/// <summary>How the double answers a valid request.</summary>
public enum ChatScript { Answer, Fail, Hang, Malformed, Drop }

/// <summary>
/// A contract double of an OpenAI-compatible chat-completions server (OpenAI, Ollama, vLLM) on loopback, since no model
/// can be downloaded here. <c>POST /v1/chat/completions</c> enforces the documented request: JSON with <c>model</c> (a
/// string; 404 <c>model_not_found</c> for another model) and a non-empty <c>messages</c> array of
/// <c>{"role": "system" | "user" | "assistant", "content": string | [{"type":"text","text":string}]}</c>, optional
/// sampling fields of the right types and nothing unknown (400 with an OpenAI error body otherwise), and
/// <c>Authorization: Bearer KEY</c> when a key is set (401 <c>invalid_api_key</c>). It answers
/// <c>{"id","object":"chat.completion","created","model","choices":[{"index":0,"message":{"role":"assistant","content"},"finish_reason":"stop"}],"usage":{...}}</c>
/// with the text <see cref="Reply"/> gives, or, as <see cref="Script"/> says, fails with <see cref="FailWith"/>, hangs,
/// returns malformed JSON or drops the connection.
/// </summary>
public sealed class ChatCompletionsDouble : IAsyncDisposable
{
    public const string ModelName = "double-chat-v1";

    private static readonly HashSet<string> KnownFields =
    [
        "model", "messages", "temperature", "top_p", "n", "stream", "stream_options", "stop", "max_tokens", "max_completion_tokens",
        "presence_penalty", "frequency_penalty", "logit_bias", "logprobs", "top_logprobs", "user", "seed", "response_format",
        "tools", "tool_choice", "parallel_tool_calls", "store", "metadata", "reasoning_effort", "service_tier", "modalities",
    ];

    private static readonly HashSet<string> Roles = ["system", "user", "assistant"];

    private readonly WebApplication _app;

    private ChatCompletionsDouble(WebApplication app, string baseUrl) => (_app, BaseUrl) = (app, baseUrl);

    /// <summary>The OpenAI-compatible base URL, ending in /v1.</summary>
    public string BaseUrl { get; }

    /// <summary>When set, every request needs <c>Authorization: Bearer</c> this key.</summary>
    public string? ApiKey { get; set; }

    public ChatScript Script { get; set; } = ChatScript.Answer;

    /// <summary>The status of <see cref="ChatScript.Fail"/> (500, 429, 503…), with an OpenAI error body.</summary>
    public int FailWith { get; set; } = 500;

    /// <summary>How long <see cref="ChatScript.Hang"/> holds the answer (until the client gives up).</summary>
    public TimeSpan HangFor { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The assistant's text for a valid request.</summary>
    public Func<ChatCall, string> Reply { get; set; } = _ => "네, 확인했어요.";

    /// <summary>Every request as received: its Authorization header, JSON body and the status answered.</summary>
    public ConcurrentQueue<(string? Authorization, string Body, int Status)> Requests { get; } = new();

    /// <summary>The valid requests, parsed.</summary>
    public ConcurrentQueue<ChatCall> Calls { get; } = new();

    /// <summary>Back to answering every valid request with the default text; the record of requests is kept.</summary>
    public void Reset()
    {
        Script = ChatScript.Answer;
        FailWith = 500;
        Reply = _ => "네, 확인했어요.";
    }

    public static async Task<ChatCompletionsDouble> StartAsync(string? apiKey = null)
    {
        ChatCompletionsDouble? self = null;
        var (app, url) = await LoopbackServer.StartAsync(app => app.MapPost("/v1/chat/completions", (Delegate)((HttpContext context) => self!.HandleAsync(context))));
        self = new ChatCompletionsDouble(app, url + "/v1") { ApiKey = apiKey };
        return self;
    }

    private async Task HandleAsync(HttpContext context)
    {
        var authorization = context.Request.Headers.Authorization.ToString();
        string body;
        using (var reader = new StreamReader(context.Request.Body, Encoding.UTF8)) body = await reader.ReadToEndAsync();
        var (status, answer, call) = Answer(context, authorization, body);
        Requests.Enqueue((authorization.Length == 0 ? null : authorization, body, status));
        if (call is not null) Calls.Enqueue(call);

        if (status == 200 && Script == ChatScript.Hang)
        {
            try
            {
                await Task.Delay(HangFor, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
        if (status == 200 && Script == ChatScript.Drop)
        {
            context.Abort();
            return;
        }
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        if (status == 200 && Script == ChatScript.Malformed)
        {
            await context.Response.WriteAsync("{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assis");
            return;
        }
        await context.Response.WriteAsync(answer.ToJsonString());
    }

    private (int Status, JsonObject Answer, ChatCall? Call) Answer(HttpContext context, string authorization, string body)
    {
        if (ApiKey is not null && authorization != "Bearer " + ApiKey)
            return Error(401, "Incorrect API key provided.", "invalid_request_error", null, "invalid_api_key");
        if (!(context.Request.ContentType ?? "").StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
            return Error(400, "Content-Type must be application/json.", "invalid_request_error", null, null);

        JsonObject request;
        try { request = JsonNode.Parse(body) as JsonObject ?? throw new JsonException(); }
        catch (JsonException) { return Error(400, "We could not parse the JSON body of your request.", "invalid_request_error", null, null); }

        if (request.Select(p => p.Key).FirstOrDefault(k => !KnownFields.Contains(k)) is { } unknown)
            return Error(400, $"Unrecognized request argument supplied: {unknown}", "invalid_request_error", unknown, null);
        if (request["model"] is not JsonValue modelValue || !modelValue.TryGetValue<string>(out var model) || model.Length == 0)
            return Error(400, "you must provide a model parameter", "invalid_request_error", "model", null);

        if (request["messages"] is not JsonArray array || array.Count == 0)
            return Error(400, "'messages' must be a non-empty array.", "invalid_request_error", "messages", null);
        var messages = new List<(string, string)>();
        for (var i = 0; i < array.Count; i++)
        {
            if (array[i] is not JsonObject message
                || message["role"] is not JsonValue roleValue || !roleValue.TryGetValue<string>(out var role) || !Roles.Contains(role))
                return Error(400, $"messages[{i}].role must be one of 'system', 'user', 'assistant'.", "invalid_request_error", $"messages[{i}].role", null);
            if (Content(message["content"]) is not { } content || content.Length == 0 && role != "assistant")
                return Error(400, $"messages[{i}].content must be a non-empty string or an array of text parts.", "invalid_request_error", $"messages[{i}].content", null);
            messages.Add((role, content));
        }

        int? maxTokens = null;
        foreach (var field in new[] { "max_tokens", "max_completion_tokens" })
            if (request[field] is { } node)
            {
                if (node is not JsonValue v || v.GetValueKind() != JsonValueKind.Number || !v.TryGetValue<int>(out var n) || n < 1)
                    return Error(400, $"'{field}' must be a positive integer.", "invalid_request_error", field, null);
                maxTokens = n;
            }
        double? temperature = null;
        if (request["temperature"] is { } t)
        {
            if (t is not JsonValue tv || tv.GetValueKind() != JsonValueKind.Number || tv.GetValue<double>() is < 0 or > 2)
                return Error(400, "'temperature' must be a number from 0 to 2.", "invalid_request_error", "temperature", null);
            temperature = tv.GetValue<double>();
        }
        if (request["stream"] is { } stream && (stream is not JsonValue sv || sv.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False)))
            return Error(400, "'stream' must be a boolean.", "invalid_request_error", "stream", null);
        if (request["stream"] is JsonValue streaming && streaming.GetValueKind() == JsonValueKind.True)
            return Error(400, "This double does not stream.", "invalid_request_error", "stream", null);
        if (request["n"] is { } choices && (choices is not JsonValue nv || nv.GetValueKind() != JsonValueKind.Number || nv.GetValue<double>() != 1))
            return Error(400, "'n' must be 1 here.", "invalid_request_error", "n", null);

        if (model != ModelName)
            return Error(404, $"The model `{model}` does not exist or you do not have access to it.", "invalid_request_error", null, "model_not_found");

        var call = new ChatCall(model, messages, maxTokens, temperature);
        if (Script == ChatScript.Fail)
        {
            var (status, error, _) = FailWith == 429
                ? Error(429, "Rate limit reached for requests.", "requests", null, "rate_limit_exceeded")
                : Error(FailWith, "The server had an error while processing your request.", "server_error", null, null);
            return (status, error, call);
        }

        var text = Reply(call);
        var promptTokens = messages.Sum(m => Math.Max(1, m.Item2.Length / 2));
        var completionTokens = Math.Max(1, text.Length / 2);
        return (200, new JsonObject
        {
            ["id"] = "chatcmpl-" + Guid.NewGuid().ToString("N"),
            ["object"] = "chat.completion",
            ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            ["model"] = model,
            ["choices"] = new JsonArray(new JsonObject
            {
                ["index"] = 0,
                ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = text, ["refusal"] = null },
                ["logprobs"] = null,
                ["finish_reason"] = "stop",
            }),
            ["usage"] = new JsonObject { ["prompt_tokens"] = promptTokens, ["completion_tokens"] = completionTokens, ["total_tokens"] = promptTokens + completionTokens },
            ["system_fingerprint"] = "fp_double",
        }, call);
    }

    /// <summary>A message's text: a string, or an array of <c>{"type":"text","text":...}</c> parts; null for anything else.</summary>
    private static string? Content(JsonNode? node)
    {
        if (node is JsonValue v && v.TryGetValue<string>(out var s)) return s;
        if (node is not JsonArray parts) return null;
        var text = new StringBuilder();
        foreach (var part in parts)
        {
            if (part is not JsonObject p || (string?)p["type"] != "text" || p["text"] is not JsonValue tv || !tv.TryGetValue<string>(out var t)) return null;
            text.Append(t);
        }
        return text.ToString();
    }

    private static (int, JsonObject, ChatCall?) Error(int status, string message, string type, string? param, string? code) =>
        (status, new JsonObject
        {
            ["error"] = new JsonObject { ["message"] = message, ["type"] = type, ["param"] = param, ["code"] = code },
        }, null);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
