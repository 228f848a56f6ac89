using Assistant.Embeddings;
using Assistant.Retrieval;
using Microsoft.Extensions.AI;
using System.Numerics.Tensors;

namespace Assistant.Tests.Retrieval;

public sealed class RetrievalTests
{
    private static float Cosine(float[] a, float[] b) => TensorPrimitives.CosineSimilarity(a, b);

    [Fact]
    public void EmbeddingsAreDeterministicAcrossInstances()
    {
        var a = new HashedNgramEmbeddingGenerator().Embed("정산은 언제 들어와요?");
        var b = new HashedNgramEmbeddingGenerator().Embed("정산은 언제 들어와요?");
        Assert.Equal(a, b);
        Assert.Equal(1f, TensorPrimitives.Norm(a), 3);
    }

    [Fact]
    public void EmbeddingsTolerateMissingSpacesAndTypos()
    {
        var g = new HashedNgramEmbeddingGenerator();
        Assert.Equal(1f, Cosine(g.Embed("정산 계좌 변경"), g.Embed("정산계좌변경")), 3);
        var typo = Cosine(g.Embed("정산 계좌 변경"), g.Embed("정산 게좌 변경"));
        var unrelated = Cosine(g.Embed("정산 계좌 변경"), g.Embed("반품 배송비 누가 내요"));
        Assert.True(typo > 0.6f && typo > unrelated + 0.4f, $"typo {typo}, unrelated {unrelated}");
    }

    [Fact]
    public async Task GeneratorWorksThroughTheAbstraction()
    {
        IEmbeddingGenerator<string, Embedding<float>> g = HashedNgramEmbeddingGenerator.Fit(["배송 지연", "정산 일정", "수수료 안내"], 256);
        var embeddings = await g.GenerateAsync(["배송", "정산"]);
        Assert.Equal(2, embeddings.Count);
        Assert.Equal(256, embeddings[0].Vector.Length);
        Assert.Equal(256, g.GetService<EmbeddingGeneratorMetadata>()!.DefaultModelDimensions);
    }

    [Fact]
    public async Task InMemoryIndexRanksFiltersAndMirrorsTheLastReplace()
    {
        var g = new HashedNgramEmbeddingGenerator(256);
        var index = new InMemoryVectorIndex();
        await index.EnsureCollectionAsync(256);
        VectorRecord R(string key, string entry, string category, string text) => new(key, entry, category, text, g.Embed(text));
        await index.ReplaceAllAsync([R("a", "fees", "fees-tax", "수수료 얼마예요"), R("b", "refund", "orders", "환불 언제 돼요"), R("c", "fees", "fees-tax", "결제 수수료율")]);

        var hits = await index.SearchAsync(g.Embed("수수료율 알려주세요"), 2);
        Assert.Equal(["fees", "fees"], hits.Select(h => h.EntryId));
        Assert.True(hits[0].Score >= hits[1].Score);
        Assert.All(await index.SearchAsync(g.Embed("수수료"), 5, category: "orders"), h => Assert.Equal("refund", h.EntryId));

        await index.ReplaceAllAsync([R("b", "refund", "orders", "환불 언제 돼요")]);
        Assert.Equal(1, index.Count);
        await Assert.ThrowsAsync<InvalidOperationException>(() => index.EnsureCollectionAsync(512));
    }

    [Fact]
    public void LexicalScoresAreNormalizedAndRankTheSharedTerms()
    {
        var lexical = new LexicalIndex([("fees", "판매 수수료 결제 수수료율"), ("refund", "환불 기간 카드 환불"), ("tax", "세금계산서 조회")]);
        var results = lexical.Search("수수료가 얼마인가요", 3);
        Assert.Equal("fees", results[0].Id);
        Assert.InRange(results[0].Score, 0.01f, 1f);
        Assert.Empty(lexical.Search("날씨", 3));
    }
}
