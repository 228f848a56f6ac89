using System.Collections.Concurrent;
using System.IO.Hashing;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Assistant.Server.Tests.Embeddings;

/// <summary>
/// A contract double of an OpenAI-compatible embeddings server (OpenAI, Ollama, vLLM) on loopback, since no
/// model can be downloaded here. <c>POST /v1/embeddings</c> enforces the documented request:
/// <c>{"model": string, "input": string | string[], "encoding_format"?: "float" | "base64", "dimensions"?: int, "user"?: string}</c>
/// and nothing else (400 with an OpenAI error body otherwise; 401 without <c>Authorization: Bearer KEY</c> when a key is
/// set; 404 for a model it does not serve), and answers
/// <c>{"object":"list","data":[{"object":"embedding","index":i,"embedding":[...]}],"model":...,"usage":{...}}</c>,
/// base64 of little-endian float32 when asked. Vectors are deterministic: a bag of words (English function words left out), each word first mapped
/// to its concept by <see cref="Concepts"/> (a word starting with a concept's key), hashed into the dimensions and
/// L2-normalized, so texts sharing concepts are similar even when they share no character.
/// </summary>
public sealed class OpenAIEmbeddingsDouble : IAsyncDisposable
{
    public const string ModelName = "double-embed-v1";
    public const int NativeDimensions = 256;
    private const int MaxInputs = 2048;

    private static readonly HashSet<string> KnownFields = ["model", "input", "encoding_format", "dimensions", "user"];

    private readonly WebApplication _app;

    private OpenAIEmbeddingsDouble(WebApplication app, string baseUrl) => (_app, BaseUrl) = (app, baseUrl);

    /// <summary>The OpenAI-compatible base URL, ending in /v1.</summary>
    public string BaseUrl { get; }

    /// <summary>When set, every request needs <c>Authorization: Bearer</c> this key.</summary>
    public string? ApiKey { get; set; }

    /// <summary>When set, every valid request is answered with this status (and an OpenAI error body).</summary>
    public int? FailWith { get; set; }

    /// <summary>When set, answers are held this long (a hung model server).</summary>
    public TimeSpan? Delay { get; set; }

    /// <summary>Word (prefix) → concept. Words without an entry are their own concept.</summary>
    public Dictionary<string, string> Concepts { get; } = new(StringComparer.Ordinal);

    /// <summary>Every request as received: its Authorization header and JSON body (valid or not).</summary>
    public ConcurrentQueue<(string? Authorization, string Body, int Status)> Requests { get; } = new();

    public static async Task<OpenAIEmbeddingsDouble> StartAsync()
    {
        OpenAIEmbeddingsDouble? self = null;
        var (app, url) = await LoopbackServer.StartAsync(app => app.MapPost("/v1/embeddings", (Delegate)((HttpContext context) => self!.HandleAsync(context))));
        self = new OpenAIEmbeddingsDouble(app, url + "/v1");
        return self;
    }

    /// <summary>The vector the double gives a text at a size (unit length).</summary>
    public float[] Embed(string text, int dimensions = NativeDimensions)
    {
        var vector = new float[dimensions];
        foreach (var word in Words(text))
        {
            var concept = Concepts.Where(c => word.StartsWith(c.Key, StringComparison.Ordinal)).OrderByDescending(c => c.Key.Length).Select(c => c.Value).FirstOrDefault() ?? word;
            var hash = XxHash64.HashToUInt64(Encoding.UTF8.GetBytes(concept));
            vector[(int)(hash % (ulong)dimensions)] += (hash >> 63) == 0 ? 1f : -1f;
        }
        var norm = MathF.Sqrt(vector.Sum(v => v * v));
        if (norm > 0) for (var i = 0; i < vector.Length; i++) vector[i] /= norm;
        return vector;
    }

    private static readonly HashSet<string> FunctionWords = ["a", "an", "the", "is", "are", "will", "do", "does", "i", "my", "to", "of"];

    /// <summary>Lower-cased words without English function words (a model gives them little weight).</summary>
    private static IEnumerable<string> Words(string text) =>
        new string(text.ToLowerInvariant().Select(c => char.IsLetterOrDigit(c) ? c : ' ').ToArray()).Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Where(w => !FunctionWords.Contains(w));

    private async Task<IResult> HandleAsync(HttpContext context)
    {
        var authorization = context.Request.Headers.Authorization.ToString();
        string body;
        using (var reader = new StreamReader(context.Request.Body, Encoding.UTF8)) body = await reader.ReadToEndAsync();
        var result = Answer(context, authorization, body, out var status);
        Requests.Enqueue((authorization.Length == 0 ? null : authorization, body, status));
        if (Delay is { } delay) await Task.Delay(delay, context.RequestAborted);
        return result;
    }

    private IResult Answer(HttpContext context, string authorization, string body, out int status)
    {
        if (ApiKey is not null && authorization != "Bearer " + ApiKey)
            return Error(status = 401, "Incorrect API key provided.", "invalid_request_error", null, "invalid_api_key");
        if (!(context.Request.ContentType ?? "").StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
            return Error(status = 400, "Content-Type must be application/json.", "invalid_request_error", null, null);

        JsonObject request;
        try { request = JsonNode.Parse(body) as JsonObject ?? throw new JsonException(); }
        catch (JsonException) { return Error(status = 400, "We could not parse the JSON body of your request.", "invalid_request_error", null, null); }

        if (request.Select(p => p.Key).FirstOrDefault(k => !KnownFields.Contains(k)) is { } unknown)
            return Error(status = 400, $"Unrecognized request argument supplied: {unknown}", "invalid_request_error", unknown, null);
        if (request["model"] is not JsonValue modelValue || !modelValue.TryGetValue<string>(out var model) || model.Length == 0)
            return Error(status = 400, "you must provide a model parameter", "invalid_request_error", "model", null);
        if (model != ModelName)
            return Error(status = 404, $"The model `{model}` does not exist.", "invalid_request_error", "model", "model_not_found");

        string[] inputs;
        switch (request["input"])
        {
            case JsonValue single when single.TryGetValue<string>(out var text):
                inputs = [text];
                break;
            case JsonArray array when array.All(e => e is JsonValue v && v.TryGetValue<string>(out _)):
                inputs = array.Select(e => e!.GetValue<string>()).ToArray();
                break;
            default:
                return Error(status = 400, "'input' must be a string or an array of strings.", "invalid_request_error", "input", null);
        }
        if (inputs.Length == 0 || inputs.Length > MaxInputs || inputs.Any(string.IsNullOrEmpty))
            return Error(status = 400, $"'input' must hold 1 to {MaxInputs} non-empty strings.", "invalid_request_error", "input", null);

        var format = "float";
        if (request["encoding_format"] is { } formatNode && (formatNode is not JsonValue fv || !fv.TryGetValue(out format!) || format is not ("float" or "base64")))
            return Error(status = 400, "'encoding_format' must be 'float' or 'base64'.", "invalid_request_error", "encoding_format", null);

        var dimensions = NativeDimensions;
        if (request["dimensions"] is { } dimensionsNode
            && (dimensionsNode is not JsonValue dv || dv.GetValueKind() != JsonValueKind.Number || !dv.TryGetValue(out dimensions) || dimensions < 1 || dimensions > NativeDimensions))
            return Error(status = 400, $"'dimensions' must be an integer from 1 to {NativeDimensions}.", "invalid_request_error", "dimensions", null);
        if (request["user"] is { } userNode && (userNode is not JsonValue uv || !uv.TryGetValue<string>(out _)))
            return Error(status = 400, "'user' must be a string.", "invalid_request_error", "user", null);

        if (FailWith is { } failure)
            return Error(status = failure, "The server had an error while processing your request.", "server_error", null, null);

        var tokens = inputs.Sum(i => Math.Max(1, Words(i).Count()));
        var data = new JsonArray();
        for (var i = 0; i < inputs.Length; i++)
        {
            var vector = Embed(inputs[i], dimensions);
            JsonNode embedding = format == "base64"
                ? JsonValue.Create(Convert.ToBase64String(vector.SelectMany(BitConverter.GetBytes).ToArray()))
                : new JsonArray(vector.Select(v => (JsonNode)JsonValue.Create(v)).ToArray());
            data.Add(new JsonObject { ["object"] = "embedding", ["index"] = i, ["embedding"] = embedding });
        }
        status = 200;
        return Results.Json(new JsonObject
        {
            ["object"] = "list",
            ["data"] = data,
            ["model"] = model,
            ["usage"] = new JsonObject { ["prompt_tokens"] = tokens, ["total_tokens"] = tokens },
        });
    }

    private static IResult Error(int status, string message, string type, string? param, string? code) =>
        Results.Json(new JsonObject
        {
            ["error"] = new JsonObject { ["message"] = message, ["type"] = type, ["param"] = param, ["code"] = code },
        }, statusCode: status);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
