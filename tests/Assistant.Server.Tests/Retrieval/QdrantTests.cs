using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Assistant.Embeddings;
using Assistant.Qdrant;
using Assistant.Retrieval;
using static Assistant.Server.Tests.Activities;

namespace Assistant.Server.Tests.Retrieval;

/// <summary>Runs only against a real Qdrant: set QDRANT_ENDPOINT (gRPC, e.g. http://localhost:6334). Otherwise reported as skipped, with this reason.</summary>
public sealed class QdrantFactAttribute : FactAttribute
{
    private static readonly string? Reason = string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("QDRANT_ENDPOINT"))
        ? "QDRANT_ENDPOINT is not set: no Qdrant server can run on this machine (see README, Scale-out)"
        : null;

    public QdrantFactAttribute()
    {
        if (Reason is not null) Skip = Reason;
    }
}

public sealed class QdrantTests
{
    private static readonly HashedNgramEmbeddingGenerator Embeddings = new(256);

    private static VectorRecord Record(string key, string entry, string category, string text) => new(key, entry, category, text, Embeddings.Embed(text));

    [QdrantFact]
    public async Task ReingestingUpdatesWithoutDuplicatesAndSearchesFilterByCategory()
    {
        var index = QdrantVectorIndex.Create(Environment.GetEnvironmentVariable("QDRANT_ENDPOINT")!, "assistant-test-" + Guid.NewGuid().ToString("N")[..8]);
        await index.EnsureCollectionAsync(256);
        await index.EnsureCollectionAsync(256); // idempotent
        VectorRecord[] records = [Record("fees#q0", "fees", "fees-tax", "판매 수수료가 얼마예요"), Record("refund#q0", "refund-process", "orders", "환불은 며칠 걸려요"), Record("old#q0", "old", "orders", "없어질 항목")];
        await index.ReplaceAllAsync(records);
        await index.ReplaceAllAsync(records.Take(2).ToArray());

        var hits = await index.SearchAsync(Embeddings.Embed("수수료 얼마인가요"), 10);
        Assert.Equal("fees", hits[0].EntryId);
        Assert.Equal(2, hits.Count); // re-ingested twice, stale entry removed: no duplicates
        Assert.All(await index.SearchAsync(Embeddings.Embed("수수료"), 10, category: "orders"), h => Assert.Equal("orders", h.Category));
    }

    [Fact]
    public async Task WhenQdrantIsUnreachableTheEmbeddedIndexAnswersAndTheIndexSaysDegraded()
    {
        var unreachable = QdrantVectorIndex.Create($"http://127.0.0.1:{ClosedPort()}", "assistant-faq", timeoutSeconds: 2);
        var index = new FallbackVectorIndex(unreachable, new InMemoryVectorIndex(), TimeProvider.System);
        await index.EnsureCollectionAsync(256);
        await index.ReplaceAllAsync([Record("fees#q0", "fees", "fees-tax", "판매 수수료가 얼마예요"), Record("refund#q0", "refund-process", "orders", "환불은 며칠 걸려요")]);

        var hits = await index.SearchAsync(Embeddings.Embed("수수료 얼마인가요"), 5);
        Assert.Equal("fees", hits[0].EntryId);
        Assert.True(index.Degraded);
        Assert.NotNull(index.LastError);
    }

    [Fact]
    public async Task TheServerKeepsAnsweringAndReportsDegradedWhenQdrantIsDown()
    {
        using var factory = new AssistantFactory()
            .With("VectorIndex:Provider", "qdrant")
            .With("VectorIndex:QdrantEndpoint", $"http://127.0.0.1:{ClosedPort()}")
            .With("VectorIndex:TimeoutSeconds", "1");
        var client = factory.CreateClient();
        var reply = await SendAsync(client, Message("정산 계좌를 바꾸려면 어떻게 하나요?", "conv-" + Guid.NewGuid().ToString("N")));
        Assert.Equal("settlement-account", (string?)Decision(reply[^1])["faqId"]);

        var ready = JsonNode.Parse(await client.GetStringAsync("/readyz"))!;
        Assert.Equal("degraded", (string?)ready["status"]);
        Assert.Equal("degraded", (string?)ready["checks"]!["vector-index"]!["status"]);
        Assert.Equal("healthy", (string?)ready["checks"]!["database"]!["status"]);
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
