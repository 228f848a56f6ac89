using Assistant.Retrieval;

namespace Assistant.Server.Tests.Embeddings;

/// <summary>A failing neural endpoint never costs the turn: retrieval falls back to the local evidence, and it is counted.</summary>
public sealed class NeuralFallbackTests : IAsyncLifetime
{
    private const string Message = "정산은 언제 되나요?";
    private OpenAIEmbeddingsDouble _server = null!;

    public async Task InitializeAsync() => _server = await OpenAIEmbeddingsDouble.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Theory]
    [InlineData(400, "http_400")]
    [InlineData(401, "http_401")]
    [InlineData(500, "http_500")]
    [InlineData(503, "http_503")]
    [InlineData(0, "timeout")]
    public async Task AFailingEndpointLeavesExactlyTheLocalEvidenceAndIsCounted(int status, string reason)
    {
        var options = NeuralTestKit.Options(_server);
        using var client = NeuralTestKit.Client(options);
        // The time-out case needs a short one; the others a long one, so a loaded machine's slow first call is no failure.
        var neural = NeuralTestKit.Evidence(client, options, timeout: status == 0 ? TimeSpan.FromSeconds(2) : TimeSpan.FromSeconds(30));
        var withNeural = await NeuralTestKit.RetrieverAsync(neural);
        var localOnly = await NeuralTestKit.RetrieverAsync();
        Assert.Contains(await NeuralTestKit.RetrieveAsync(withNeural, Message), c => c.Neural > 0);

        if (status == 401) _server.ApiKey = "rotated-key";
        else if (status == 0) _server.Delay = TimeSpan.FromSeconds(20);
        else _server.FailWith = status;

        var candidates = await NeuralTestKit.RetrieveAsync(withNeural, Message);

        Assert.Equal(await NeuralTestKit.RetrieveAsync(localOnly, Message), candidates);
        Assert.Equal("settlement-schedule", candidates[0].FaqId);
        Assert.Equal(1, neural.Fallbacks);
        Assert.StartsWith(reason, neural.LastError);
    }

    [Fact]
    public async Task AfterAFailureTheEndpointIsLeftAloneForAWhileThenUsedAgain()
    {
        var time = new NeuralTestKit.ManualTime();
        var options = NeuralTestKit.Options(_server);
        using var client = NeuralTestKit.Client(options);
        var neural = NeuralTestKit.Evidence(client, options, time: time);
        var retriever = await NeuralTestKit.RetrieverAsync(neural);
        _server.FailWith = 500;
        await NeuralTestKit.RetrieveAsync(retriever, Message);
        var calls = _server.Requests.Count;

        _server.FailWith = null;
        var backingOff = await NeuralTestKit.RetrieveAsync(retriever, Message);
        Assert.Equal(calls, _server.Requests.Count);
        Assert.All(backingOff, c => Assert.Equal(0, c.Neural));
        Assert.Equal(2, neural.Fallbacks);

        time.Advance(NeuralEvidence.RetryAfter + TimeSpan.FromSeconds(1));
        var again = await NeuralTestKit.RetrieveAsync(retriever, Message);
        Assert.Equal(calls + 1, _server.Requests.Count);
        Assert.Contains(again, c => c.Neural > 0);
        Assert.Equal(2, neural.Fallbacks);
    }

    [Fact]
    public async Task AnIndexThatCouldNotBeBuiltAtStartIsBuiltLaterAndUntilThenLocalEvidenceAnswers()
    {
        var time = new NeuralTestKit.ManualTime();
        var options = NeuralTestKit.Options(_server);
        using var client = NeuralTestKit.Client(options);
        var neural = NeuralTestKit.Evidence(client, options, time: time);
        _server.FailWith = 503;
        Assert.False(await neural.IndexAsync(NeuralTestKit.Knowledge));
        Assert.False(neural.Ready);
        var localOnly = await NeuralTestKit.RetrieverAsync();
        var retriever = new HybridRetriever(
            Understanding.UnderstandingFactory.CreateEmbeddings(NeuralTestKit.Knowledge), await IndexedLocal(), KnowledgeIndexer.BuildLexical(NeuralTestKit.Knowledge), neural: neural);

        Assert.Equal(await NeuralTestKit.RetrieveAsync(localOnly, Message), await NeuralTestKit.RetrieveAsync(retriever, Message));

        _server.FailWith = null;
        time.Advance(NeuralEvidence.RetryAfter + TimeSpan.FromSeconds(1));
        await NeuralTestKit.RetrieveAsync(retriever, Message); // starts the rebuild in the background
        for (var i = 0; i < 200 && !neural.Ready; i++) await Task.Delay(50);
        Assert.True(neural.Ready, neural.LastError);
        Assert.Contains(await NeuralTestKit.RetrieveAsync(retriever, Message), c => c.Neural > 0);
    }

    private static async Task<IVectorIndex> IndexedLocal()
    {
        var index = new InMemoryVectorIndex();
        await KnowledgeIndexer.IndexAsync(NeuralTestKit.Knowledge, Understanding.UnderstandingFactory.CreateEmbeddings(NeuralTestKit.Knowledge), index);
        return index;
    }
}
