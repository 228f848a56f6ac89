using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Assistant.Retrieval;

namespace Assistant.Server.Tests.Embeddings;

/// <summary>Semantic Kernel's OpenAI connector (the <c>openai</c> provider) against the contract double.</summary>
public sealed class OpenAIEmbeddingsClientTests : IAsyncLifetime
{
    private OpenAIEmbeddingsDouble _server = null!;

    public async Task InitializeAsync() => _server = await OpenAIEmbeddingsDouble.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Theory]
    [InlineData("")]
    [InlineData("/")]
    public async Task TheClientPostsModelInputsAndDimensionsWithTheKeyAndReadsTheVectors(string trailing)
    {
        _server.ApiKey = "sk-test-key";
        var options = NeuralTestKit.Options(_server, dimensions: 64, apiKey: "sk-test-key");
        options.Endpoint += trailing;
        using var client = NeuralTestKit.Client(options);

        var generated = await client.GenerateAsync(["정산은 언제 되나요?", "payout schedule"]);

        var (authorization, body, status) = Assert.Single(_server.Requests);
        Assert.Equal(200, status);
        Assert.Equal("Bearer sk-test-key", authorization);
        var request = JsonNode.Parse(body)!.AsObject();
        Assert.Equal(OpenAIEmbeddingsDouble.ModelName, (string?)request["model"]);
        Assert.Equal(["정산은 언제 되나요?", "payout schedule"], request["input"]!.AsArray().Select(i => (string)i!).ToArray());
        Assert.Equal(64, (int)request["dimensions"]!);
        Assert.Equal(2, generated.Count);
        Assert.Equal(_server.Embed("정산은 언제 되나요?", 64), generated[0].Vector.ToArray());
        Assert.Equal(_server.Embed("payout schedule", 64), generated[1].Vector.ToArray());
    }

    [Fact]
    public async Task WithoutDimensionsTheModelsOwnSizeComesBack()
    {
        using var client = NeuralTestKit.Client(NeuralTestKit.Options(_server));
        var generated = await client.GenerateAsync(["상품 등록"]);
        Assert.Null(JsonNode.Parse(Assert.Single(_server.Requests).Body)!["dimensions"]);
        Assert.Equal(OpenAIEmbeddingsDouble.NativeDimensions, generated[0].Vector.Length);
    }

    [Fact]
    public async Task IndexingTheKnowledgeIsBatchedWithTheModelInEveryRequest()
    {
        var options = NeuralTestKit.Options(_server);
        using var client = NeuralTestKit.Client(options);
        var neural = NeuralTestKit.Evidence(client, options, batchSize: 10);
        var texts = KnowledgeIndexer.IndexedTexts(NeuralTestKit.Knowledge).Select(t => t.Text).ToArray();

        Assert.True(await neural.IndexAsync(NeuralTestKit.Knowledge), neural.LastError);

        var requests = _server.Requests.Select(r => JsonNode.Parse(r.Body)!.AsObject()).ToArray();
        Assert.Equal((texts.Length + 9) / 10, requests.Length);
        Assert.All(requests, r => Assert.Equal(OpenAIEmbeddingsDouble.ModelName, (string?)r["model"]));
        Assert.All(requests, r => Assert.InRange(r["input"]!.AsArray().Count, 1, 10));
        Assert.Equal(texts, requests.SelectMany(r => r["input"]!.AsArray().Select(i => (string)i!)).ToArray());
        Assert.True(neural.Ready);
    }

    /// <summary>The double refuses what the OpenAI API refuses, so a client that drifts from the contract fails here.</summary>
    [Theory]
    [InlineData(null, """{"model":"double-embed-v1","input":"hi"}""", 401, "invalid_api_key")]
    [InlineData("Bearer wrong", """{"model":"double-embed-v1","input":"hi"}""", 401, "invalid_api_key")]
    [InlineData("Bearer k", """{"input":"hi"}""", 400, null)]
    [InlineData("Bearer k", """{"model":"","input":"hi"}""", 400, null)]
    [InlineData("Bearer k", """{"model":"double-embed-v1","input":""}""", 400, null)]
    [InlineData("Bearer k", """{"model":"double-embed-v1","input":[]}""", 400, null)]
    [InlineData("Bearer k", """{"model":"double-embed-v1","input":[1,2,3]}""", 400, null)]
    [InlineData("Bearer k", """{"model":"double-embed-v1"}""", 400, null)]
    [InlineData("Bearer k", """{"model":42,"input":"hi"}""", 400, null)]
    [InlineData("Bearer k", """{"model":"double-embed-v1","input":"hi","encoding_format":"int8"}""", 400, null)]
    [InlineData("Bearer k", """{"model":"double-embed-v1","input":"hi","dimensions":"64"}""", 400, null)]
    [InlineData("Bearer k", """{"model":"double-embed-v1","input":"hi","dimensions":0}""", 400, null)]
    [InlineData("Bearer k", """{"model":"double-embed-v1","input":"hi","temperature":1}""", 400, null)]
    [InlineData("Bearer k", """not json""", 400, null)]
    [InlineData("Bearer k", """{"model":"other-model","input":"hi"}""", 404, "model_not_found")]
    public async Task TheDoubleEnforcesTheEmbeddingsContract(string? authorization, string body, int status, string? code)
    {
        _server.ApiKey = "k";
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, _server.BaseUrl + "/embeddings") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (authorization is not null) request.Headers.TryAddWithoutValidation("Authorization", authorization);
        using var response = await http.SendAsync(request);
        Assert.Equal(status, (int)response.StatusCode);
        var error = (await response.Content.ReadFromJsonAsync<JsonObject>())!["error"]!.AsObject();
        Assert.False(string.IsNullOrEmpty((string?)error["message"]));
        Assert.Equal("invalid_request_error", (string?)error["type"]);
        Assert.Equal(code, (string?)error["code"]);
    }

    [Fact]
    public async Task TheDoubleAnswersTheDocumentedShapeInFloatAndBase64()
    {
        using var http = new HttpClient();
        var asFloats = await (await http.PostAsJsonAsync(_server.BaseUrl + "/embeddings", new { model = OpenAIEmbeddingsDouble.ModelName, input = new[] { "x y", "z" }, dimensions = 8 }))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal("list", (string?)asFloats!["object"]);
        Assert.Equal(OpenAIEmbeddingsDouble.ModelName, (string?)asFloats["model"]);
        Assert.Equal(3, (int)asFloats["usage"]!["prompt_tokens"]!);
        var data = asFloats["data"]!.AsArray();
        Assert.Equal([0, 1], data.Select(d => (int)d!["index"]!).ToArray());
        Assert.All(data, d => Assert.Equal("embedding", (string?)d!["object"]));
        var floats = data[0]!["embedding"]!.AsArray().Select(v => (float)v!).ToArray();
        Assert.Equal(_server.Embed("x y", 8), floats);

        var asBase64 = await (await http.PostAsJsonAsync(_server.BaseUrl + "/embeddings", new { model = OpenAIEmbeddingsDouble.ModelName, input = "x y", dimensions = 8, encoding_format = "base64" }))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonObject>();
        var bytes = Convert.FromBase64String((string)asBase64!["data"]![0]!["embedding"]!);
        Assert.Equal(floats, Enumerable.Range(0, 8).Select(i => BitConverter.ToSingle(bytes, i * 4)).ToArray());
    }
}
