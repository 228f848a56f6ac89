using System.Diagnostics.Metrics;
using System.Text.Json.Nodes;
using Assistant.Embeddings;
using Assistant.Server.Hosting;
using Microsoft.Extensions.DependencyInjection;
using static Assistant.Server.Tests.Activities;

namespace Assistant.Server.Tests.Embeddings;

/// <summary>The server with <c>Embeddings:Provider=openai</c> against the double: configuration, start-up, turns.</summary>
public sealed class NeuralServerTests : IAsyncLifetime
{
    private const string Question = "정산 계좌를 다른 통장으로 바꾸려면 어떻게 하나요?";
    private OpenAIEmbeddingsDouble _server = null!;

    public async Task InitializeAsync() => _server = await OpenAIEmbeddingsDouble.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private AssistantFactory Neural() => new AssistantFactory()
        .With("Embeddings:Provider", "openai")
        .With("Embeddings:Endpoint", _server.BaseUrl)
        .With("Embeddings:Model", OpenAIEmbeddingsDouble.ModelName)
        .With("Embeddings:ApiKey", "sk-server-key")
        .With("Embeddings:Dimensions", "128")
        .With("Embeddings:TimeoutSeconds", "2");

    [Fact]
    public void TheNeuralPathIsOffByDefault()
    {
        using var factory = new AssistantFactory();
        factory.CreateClient();
        Assert.Null(factory.Services.GetRequiredService<NeuralEmbeddings>().Evidence);
        Assert.Equal("local", new EmbeddingsOptions().Provider);
    }

    [Fact]
    public async Task TheServerIndexesThroughTheEndpointAndFusesItIntoTurns()
    {
        _server.ApiKey = "sk-server-key";
        using var factory = Neural();
        var client = factory.CreateClient();
        var evidence = factory.Services.GetRequiredService<NeuralEmbeddings>().Evidence!;
        Assert.True(evidence.Ready, evidence.LastError);
        Assert.All(_server.Requests, r => Assert.Equal(("Bearer sk-server-key", 200), (r.Authorization, r.Status)));
        Assert.All(_server.Requests, r => Assert.Equal(128, (int)JsonNode.Parse(r.Body)!["dimensions"]!));

        var reply = Assert.Single(await SendAsync(client, Message(Question, "conv-" + Guid.NewGuid().ToString("N"))));

        Assert.Equal(("answer", "settlement-account"), ((string?)Decision(reply)["action"], (string?)Decision(reply)["faqId"]));
        Assert.Contains(_server.Requests, r => JsonNode.Parse(r.Body)!["input"]!.AsArray().Select(i => (string?)i).SequenceEqual([Question]));
        Assert.Equal(0, evidence.Fallbacks);
    }

    [Fact]
    public async Task AnEndpointThatFailsFromTheStartStillLeavesEveryTurnAnswered()
    {
        var fallbacks = new List<string>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Name == "assistant.embeddings.neural.fallbacks") l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            foreach (var tag in tags) if (tag.Key == "reason") lock (fallbacks) fallbacks.Add((string)tag.Value!);
        });
        listener.Start();

        _server.FailWith = 500;
        using var factory = Neural();
        var client = factory.CreateClient();
        var reply = Assert.Single(await SendAsync(client, Message(Question, "conv-" + Guid.NewGuid().ToString("N"))));

        Assert.Equal(("answer", "settlement-account"), ((string?)Decision(reply)["action"], (string?)Decision(reply)["faqId"]));
        var evidence = factory.Services.GetRequiredService<NeuralEmbeddings>().Evidence!;
        Assert.False(evidence.Ready);
        Assert.True(evidence.Fallbacks >= 2, $"fallbacks {evidence.Fallbacks}");
        Assert.Contains(factory.Log, line => line.StartsWith("Warning") && line.Contains("Neural embeddings index failed") && line.Contains("http_500"));
        lock (fallbacks) Assert.Contains("http_500", fallbacks);
    }

    [Theory]
    [InlineData("Embeddings:Provider", "bert", "Embeddings:Provider")]
    [InlineData("Embeddings:Endpoint", "", "Embeddings:Endpoint")]
    [InlineData("Embeddings:Endpoint", "ftp://models.example/v1", "Embeddings:Endpoint")]
    [InlineData("Embeddings:Model", "", "Embeddings:Model")]
    [InlineData("Embeddings:Weight", "1.5", "Embeddings:Weight")]
    [InlineData("Embeddings:Dimensions", "0", "Embeddings:Dimensions")]
    [InlineData("Embeddings:TimeoutSeconds", "0", "Embeddings:TimeoutSeconds")]
    [InlineData("Embeddings:BatchSize", "0", "Embeddings:BatchSize")]
    public void AWrongSettingStopsStartUpNamingIt(string key, string value, string named)
    {
        using var factory = Neural().With(key, value);
        var ex = Assert.ThrowsAny<Exception>(() => factory.CreateClient());
        Assert.Contains(named, ex.ToString());
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public void TheNeuralCollectionIsNamedAfterTheModelSoAnotherModelIsIndexedAfresh()
    {
        EmbeddingsOptions Options(string endpoint, string model, int? dimensions) => new() { Provider = "openai", Endpoint = endpoint, Model = model, Dimensions = dimensions };
        var name = Options("http://gpu:11434/v1", "nomic-embed-text", null).NeuralCollection("assistant-faq");

        Assert.Matches("^assistant-faq-neural-nomic-embed-text-[0-9a-f]{8}$", name);
        Assert.Equal(name, Options("http://gpu:11434/v1/", "nomic-embed-text", null).NeuralCollection("assistant-faq"));
        Assert.NotEqual(name, Options("http://gpu:11434/v1", "bge-m3", null).NeuralCollection("assistant-faq"));
        Assert.NotEqual(name, Options("http://other:8000/v1", "nomic-embed-text", null).NeuralCollection("assistant-faq"));
        Assert.NotEqual(name, Options("http://gpu:11434/v1", "nomic-embed-text", 256).NeuralCollection("assistant-faq"));
    }
}
