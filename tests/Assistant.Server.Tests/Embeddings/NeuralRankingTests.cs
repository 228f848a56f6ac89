namespace Assistant.Server.Tests.Embeddings;

/// <summary>
/// End to end over the real knowledge base: a paraphrase that shares no words or characters with its FAQ entry is
/// missed by the local evidence, and the neural path (the double's vectors put "remittance" and 정산, "when" and 언제, on one concept each)
/// brings the entry to the top.
/// </summary>
public sealed class NeuralRankingTests : IAsyncLifetime
{
    private const string Paraphrase = "When will the remittance land?";
    private OpenAIEmbeddingsDouble _server = null!;

    public async Task InitializeAsync()
    {
        _server = await OpenAIEmbeddingsDouble.StartAsync();
        foreach (var (word, concept) in new[] { ("remit", "정산"), ("정산", "정산"), ("when", "언제"), ("언제", "언제") })
            _server.Concepts[word] = concept;
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task TheNeuralPathRanksAParaphraseTheLocalEvidenceMisses()
    {
        var local = await NeuralTestKit.RetrieveAsync(await NeuralTestKit.RetrieverAsync(), Paraphrase);
        Assert.NotEqual("settlement-schedule", local.FirstOrDefault()?.FaqId);
        Assert.True(local.All(c => c.Neural == 0));

        var options = NeuralTestKit.Options(_server);
        using var client = NeuralTestKit.Client(options);
        var fused = await NeuralTestKit.RetrieveAsync(await NeuralTestKit.RetrieverAsync(NeuralTestKit.Evidence(client, options, weight: 0.5f)), Paraphrase);

        Assert.True("settlement-schedule" == fused[0].FaqId, string.Join(", ", fused.Select(c => $"{c.FaqId} {c.Score:0.00} (n {c.Neural:0.00})")));
        Assert.True(fused[0].Neural > 0.5f, $"neural similarity {fused[0].Neural}");
        var query = System.Text.Json.Nodes.JsonNode.Parse(_server.Requests.Last().Body)!;
        Assert.Equal(Paraphrase, (string?)query["input"]![0]);
    }

    [Fact]
    public async Task WithWeightZeroTheNeuralPathChangesNothing()
    {
        var options = NeuralTestKit.Options(_server);
        using var client = NeuralTestKit.Client(options);
        var local = await NeuralTestKit.RetrieveAsync(await NeuralTestKit.RetrieverAsync(), Paraphrase);
        var fused = await NeuralTestKit.RetrieveAsync(await NeuralTestKit.RetrieverAsync(NeuralTestKit.Evidence(client, options, weight: 0f)), Paraphrase);
        Assert.Equal(local.Select(c => (c.FaqId, c.Score)), fused.Take(local.Count).Select(c => (c.FaqId, c.Score)));
    }
}
