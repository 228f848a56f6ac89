using System.Numerics.Tensors;
using Assistant.Embeddings;
using Assistant.Knowledge;
using Assistant.Retrieval;
using Assistant.Understanding;

namespace Assistant.Tests.Retrieval;

/// <summary>The embedded index's exact scan: the same hits, order and scores as a brute-force cosine ranking.</summary>
public sealed class InMemoryVectorIndexTests
{
    private static float[] RandomVector(Random random, int dimensions, float scale = 1)
    {
        var v = new float[dimensions];
        for (var i = 0; i < v.Length; i++) v[i] = (float)(random.NextDouble() * 2 - 1);
        TensorPrimitives.Multiply(v, scale / TensorPrimitives.Norm(v), v);
        return v;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(24)]
    [InlineData(700)]
    public async Task TopKEqualsABruteForceRankingWithAndWithoutACategory(int top)
    {
        var random = new Random(3);
        var records = Enumerable.Range(0, 600)
            .Select(i => new VectorRecord($"k{i}", $"e{i / 6}", $"c{i % 5}", string.Empty, RandomVector(random, 96)))
            .ToArray();
        // Exact ties: a few records share a vector; the earlier record ranks first.
        for (var i = 100; i < 110; i++) records[i] = records[i] with { Vector = records[50].Vector };
        var index = new InMemoryVectorIndex();
        await index.EnsureCollectionAsync(96);
        await index.ReplaceAllAsync(records);

        foreach (var category in new string?[] { null, "c2", "missing" })
            for (var q = 0; q < 5; q++)
            {
                var query = q == 0 ? records[50].Vector.ToArray() : RandomVector(random, 96);
                var expected = records.Select((r, i) => (r, i, Score: TensorPrimitives.Dot(query, r.Vector.Span)))
                    .Where(x => category is null || x.r.Category == category)
                    .OrderByDescending(x => x.Score).ThenBy(x => x.i)
                    .Take(top)
                    .ToArray();
                var hits = await index.SearchAsync(query, top, category);
                Assert.Equal(expected.Select(x => x.r.Key), hits.Select(h => h.Key));
                Assert.Equal(expected.Select(x => x.r.EntryId), hits.Select(h => h.EntryId));
                Assert.All(hits.Zip(expected), p => Assert.Equal(p.Second.Score, p.First.Score, 5));
            }
    }

    private static float[] SparseVector(Random random, int dimensions, int nonZero)
    {
        var v = new float[dimensions];
        for (var n = 0; n < nonZero; n++) v[random.Next(dimensions)] = (float)(random.NextDouble() * 2 - 1);
        TensorPrimitives.Divide(v, TensorPrimitives.Norm(v), v);
        return v;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(24)]
    [InlineData(700)]
    public async Task SparseVectorsGiveExactlyTheDenseRanking(int top)
    {
        // Sparse rows and queries take the postings; hits and scores must be bit for bit the dense pass's,
        // also for exact ties and for rows a rounding error apart.
        var random = new Random(7);
        var records = Enumerable.Range(0, 600)
            .Select(i => new VectorRecord($"k{i}", $"e{i / 6}", $"c{i % 5}", string.Empty, SparseVector(random, 1024, 40)))
            .ToArray();
        for (var i = 100; i < 110; i++) records[i] = records[i] with { Vector = records[50].Vector };
        var nearTwin = records[60].Vector.ToArray();
        nearTwin[Array.FindIndex(nearTwin, x => x != 0)] *= 1.000001f;
        records[61] = records[61] with { Vector = nearTwin };
        var index = new InMemoryVectorIndex();
        await index.EnsureCollectionAsync(1024);
        await index.ReplaceAllAsync(records);
        Assert.True(index.HasPostings);

        foreach (var category in new string?[] { null, "c0", "c2", "missing" })
            for (var q = 0; q < 20; q++)
            {
                var query = q switch { 0 => records[50].Vector.ToArray(), 1 => records[60].Vector.ToArray(), _ => SparseVector(random, 1024, 5 + q * 3) };
                await AssertRanksAsTheDensePass(index, records, query, top, category);
            }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(15)]
    [InlineData(16)]
    [InlineData(17)]
    [InlineData(40)]
    [InlineData(1001)]
    public async Task SparseSearchesOfAnyNumberOfRowsRankAsTheDensePass(int count)
    {
        // The postings score a query's dimensions in pairs (queries of one, two, three and more dimensions) and collect
        // their candidates a vector of scores at a time: rows before, at and after a vector's end, a category with fewer
        // rows than asked for (only the last row and one other), and exact ties cut by the k-th place all give the dense
        // pass's hits and scores.
        var random = new Random(count);
        var records = Enumerable.Range(0, count)
            .Select(i => new VectorRecord($"k{i}", $"e{i}", i == count - 1 || i == count / 3 ? "rare" : $"c{i % 2}", string.Empty, SparseVector(random, 1024, 30)))
            .ToArray();
        var width = System.Numerics.Vector<float>.Count;
        foreach (var twin in new[] { width - 1, width, width + 1, 2 * width, count - 2 }.Where(i => i > 0 && i < count))
            records[twin] = records[twin] with { Vector = records[0].Vector };
        for (var i = count / 2; i < Math.Min(count, count / 2 + 40); i++)
            records[i] = records[i] with { Vector = records[count / 2].Vector };
        var index = new InMemoryVectorIndex();
        await index.EnsureCollectionAsync(1024);
        await index.ReplaceAllAsync(records);
        Assert.True(index.HasPostings);

        foreach (var category in new string?[] { null, "rare", "c1" })
            foreach (var top in new[] { 1, 5, 24 })
                for (var q = 0; q < 8; q++)
                {
                    var query = q switch
                    {
                        0 => records[0].Vector.ToArray(),
                        1 => records[count / 2].Vector.ToArray(),
                        2 => records[^1].Vector.ToArray(),
                        3 or 4 or 5 => SparseVector(random, 1024, q - 2),
                        _ => SparseVector(random, 1024, 25 * q),
                    };
                    await AssertRanksAsTheDensePass(index, records, query, top, category);
                }
    }

    [Fact]
    public async Task HashedNgramEmbeddingsOfSellerQuestionsRankAsTheDensePass()
    {
        var (generator, records, index) = await IndexOfAsync(SellerQuestions, i => $"e{i / 2}", i => $"c{i % 3}");

        foreach (var message in new[] { "정산 언제 돼요", "배송이 늦어요 송장", "반품 교환", "로그인이 안돼요", "ㅋㅋ", "세금계산서 발행은 어디서" })
            await AssertRanksAsTheDensePass(index, records, generator.Embed(message), 5);
    }

    /// <summary>
    /// A message searched together with its sentences gets, for each, the hits and scores a search of its own gives:
    /// whether the sentences make up the message (the usual case, scored from the sentences' scores), only part of it,
    /// or have nothing to do with it; among many near-twin rows, where the k-th place is a tie.
    /// </summary>
    [Fact]
    public async Task AWholeSearchedWithItsPartsRanksAsEachSearchedAlone()
    {
        var seeds = SellerQuestions;
        // Near twins, as a knowledge base of copied entries has: the same text after a different made-up word, and exact copies.
        var random = new Random(11);
        var texts = seeds.Concat(Enumerable.Range(0, 400).Select(i => $"{(char)('가' + random.Next(11000))}{(char)('가' + random.Next(11000))} {seeds[i % seeds.Length]}"))
            .Concat(Enumerable.Repeat(seeds[0], 30)).ToArray();
        var (generator, _, index) = await IndexOfAsync(texts, i => $"e{i / 3}", _ => "c");

        var cases = new (string Whole, string[] Parts)[]
        {
            ("반품 물건이 어제 도착했어요. 반품 승인은 어디서 하나요?", ["반품 물건이 어제 도착했어요.", "반품 승인은 어디서 하나요?"]),
            ("배송이 늦어질 것 같아요. 송장 번호도 틀렸어요. 정산은 언제 들어와요?", ["배송이 늦어질 것 같아요.", "송장 번호도 틀렸어요.", "정산은 언제 들어와요?"]),
            ("정산 보류가 걸렸어요. 해제는 어떻게 하나요?", ["해제는 어떻게 하나요?"]),
            ("세금계산서 발행", ["로그인이 안 돼요", "수수료"]),
            ("정산은 언제 들어와요?", ["정산은 언제 들어와요?", "정산은"]),
        };
        foreach (var (whole, parts) in cases)
            foreach (var top in new[] { 1, 5, 24 })
            {
                var results = index.SearchWithParts(generator.Embed(whole), parts.Select(p => (ReadOnlyMemory<float>)generator.Embed(p)).ToArray(), top);
                Assert.Equal(parts.Length + 1, results.Length);
                foreach (var (text, hits) in parts.Prepend(whole).Zip(results))
                {
                    var alone = await index.SearchAsync(generator.Embed(text), top);
                    Assert.Equal(alone.Select(h => h.Key), hits.Select(h => h.Key));
                    Assert.Equal(alone.Select(h => h.Score), hits.Select(h => h.Score));
                }
            }
    }

    private static readonly string[] SellerQuestions =
    [
        "정산은 언제 들어와요?", "정산 예정일 확인", "정산 보류 해제 방법", "수수료는 얼마인가요", "배송 지연 안내 방법", "송장 번호 수정",
        "반품 승인은 어디서 하나요", "교환 배송비 청구", "상품 등록이 안 돼요", "옵션 재고 수정", "사업자 정보 변경", "계정 로그인 오류",
        "주문 취소 요청 처리", "발송 기한이 지났어요", "고객 문의 답변 기한", "결제 오류가 나요", "세금계산서 발행", "판매 정지 해제",
    ];

    /// <summary>The texts embedded with hashed n-grams fitted on them and indexed (with postings), one record each.</summary>
    private static async Task<(HashedNgramEmbeddingGenerator Generator, VectorRecord[] Records, InMemoryVectorIndex Index)> IndexOfAsync(
        string[] texts, Func<int, string> entry, Func<int, string> category)
    {
        var generator = HashedNgramEmbeddingGenerator.Fit(texts);
        var records = texts.Select((t, i) => new VectorRecord($"k{i}", entry(i), category(i), t, generator.Embed(t))).ToArray();
        var index = new InMemoryVectorIndex();
        await index.EnsureCollectionAsync(generator.Dimensions);
        await index.ReplaceAllAsync(records);
        Assert.True(index.HasPostings);
        return (generator, records, index);
    }

    /// <summary>The index's hits for the query are, bit for bit, a brute-force ranking of the records' full vectors (earlier record first on ties).</summary>
    private static async Task AssertRanksAsTheDensePass(InMemoryVectorIndex index, IReadOnlyList<VectorRecord> records, float[] query, int top, string? category = null)
    {
        var expected = records.Select((r, i) => (r, i, Score: TensorPrimitives.Dot(query, r.Vector.Span)))
            .Where(x => category is null || x.r.Category == category)
            .OrderByDescending(x => x.Score).ThenBy(x => x.i).Take(top).ToArray();
        var hits = await index.SearchAsync(query, top, category);
        Assert.Equal(expected.Select(x => x.r.Key), hits.Select(h => h.Key));
        Assert.Equal(expected.Select(x => x.Score), hits.Select(h => h.Score));
    }

    [Fact]
    public async Task VectorsAndQueriesOfAnyLengthAreScoredByCosine()
    {
        var random = new Random(5);
        var unit = RandomVector(random, 64);
        var other = RandomVector(random, 64);
        var index = new InMemoryVectorIndex();
        await index.EnsureCollectionAsync(64);
        // A generator whose vectors are not unit length (a remote model, a scaled copy) still gets cosine scores.
        await index.ReplaceAllAsync([
            new VectorRecord("long", "a", "x", string.Empty, unit.Select(v => v * 3).ToArray()),
            new VectorRecord("other", "b", "x", string.Empty, other),
            new VectorRecord("zero", "c", "x", string.Empty, new float[64]),
        ]);

        var hits = await index.SearchAsync(unit.Select(v => v * 0.25f).ToArray(), 3);
        Assert.Equal(["long", "other", "zero"], hits.Select(h => h.Key));
        Assert.Equal(1f, hits[0].Score, 4);
        Assert.Equal(TensorPrimitives.CosineSimilarity(unit, other), hits[1].Score, 4);
        Assert.Equal(0f, hits[2].Score);
    }

    [Fact]
    public async Task ReplacingUpsertsByKeyAndDropsKeysNotGiven()
    {
        var random = new Random(7);
        var index = new InMemoryVectorIndex();
        await index.EnsureCollectionAsync(32);
        var a = RandomVector(random, 32);
        var b = RandomVector(random, 32);
        await index.ReplaceAllAsync([new("k1", "e1", "x", string.Empty, a), new("k2", "e2", "y", string.Empty, b), new("k1", "e1-new", "y", string.Empty, b)]);
        Assert.Equal(2, index.Count);
        var hits = await index.SearchAsync(b, 5, "y");
        Assert.Equal(["k1", "k2"], hits.Select(h => h.Key).Order());
        Assert.Contains(hits, h => h.Key == "k1" && h.EntryId == "e1-new");

        await index.ReplaceAllAsync([new("k3", "e3", "x", string.Empty, a)]);
        Assert.Equal(["k3"], (await index.SearchAsync(a, 5)).Select(h => h.Key));
        Assert.Empty(await index.SearchAsync(a, 5, "y"));
        Assert.Empty(await index.SearchAsync(a, 0));
        await Assert.ThrowsAsync<ArgumentException>(() => index.SearchAsync(new float[16], 5));
    }

    [Fact]
    public async Task DenseAndSparseRowsTogetherRankAsTheDensePass()
    {
        // Sparse rows keep only their non-zero cells; dense ones (a neural model's, or a long text's) stay whole.
        var random = new Random(5);
        var records = Enumerable.Range(0, 300)
            .Select(i => new VectorRecord($"k{i}", $"e{i / 3}", "c", string.Empty, i % 10 == 0 ? RandomVector(random, 1024) : SparseVector(random, 1024, 30)))
            .ToArray();
        var index = new InMemoryVectorIndex();
        await index.EnsureCollectionAsync(1024);
        await index.ReplaceAllAsync(records);
        Assert.True(index.StoredCells < 300L * 1024 / 4, $"{index.StoredCells} cells stored");
        for (var q = 0; q < 10; q++)
            await AssertRanksAsTheDensePass(index, records, q % 2 == 0 ? SparseVector(random, 1024, 20) : RandomVector(random, 1024), 24);
    }

    [Fact]
    public async Task TheKnowledgeIndexKeepsOnlyTheNonZeroCellsOfItsVectors()
    {
        var knowledge = KnowledgeLoader.Load(Paths.Knowledge);
        var generator = UnderstandingFactory.CreateEmbeddings(knowledge);
        var index = new InMemoryVectorIndex();
        var count = await KnowledgeIndexer.IndexAsync(knowledge, generator, index);
        Assert.Equal(count, index.Count);
        Assert.True(index.StoredCells * 4 < (long)count * generator.Dimensions, $"{index.StoredCells} cells for {count} rows of {generator.Dimensions}");
        // The same hits as a brute-force pass over the generator's full vectors.
        var records = KnowledgeIndexer.WithFeatures(knowledge)
            .Select(t => t.ToRecord(generator.Embed(t.Features))).ToArray();
        foreach (var message in new[] { "정산 언제 들어와요?", "송장번호를 잘못 넣었어요", "반품 배송비는 누가 내요" })
            await AssertRanksAsTheDensePass(index, records, generator.Embed(message), 10);
    }
}
