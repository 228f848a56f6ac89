using Assistant.Evaluation;
using Assistant.Retrieval;
using Assistant.Understanding;

namespace Assistant.Tests.Understanding;

/// <summary>
/// What one decision costs in searches, through the real pipeline over the real index: a message's rules may read the
/// same text more than once (a one-sentence question is both the message and its own question sentence), and each text
/// is searched once.
/// </summary>
[Collection(RepoCollection.Name)]
public sealed class DeciderSearchTests(RepoFixture repo)
{
    [Fact]
    public async Task ADecisionSearchesEachTextOnce()
    {
        var index = new RecordingIndex(new InMemoryVectorIndex());
        var decider = await UnderstandingFactory.CreateDeciderAsync(repo.Knowledge, repo.Model, new PolicyOptions(), index);
        var messages = EvalCase.Load(Paths.SharedEval("realistic.jsonl")).Select(c => c.Text)
            // Single-sentence requests to be told, read whole as a case and then again as their own question sentence.
            .Append("판매자가 재고 부족으로 주문을 직접 취소하는 경우에 불이익이 있는지 알려주세요.")
            .Append("결제 수단별 주문관리 수수료 요율을 안내해 주시기 바랍니다.");
        var repeated = new List<string>();
        var readMoreThanOnce = 0;
        foreach (var message in messages)
        {
            index.Queries.Clear();
            await decider.DecideAsync(message);
            if (index.Queries.Count > 1) readMoreThanOnce++;
            var distinct = index.Queries.Select(q => string.Join(',', q)).Distinct().Count();
            if (distinct < index.Queries.Count) repeated.Add($"{message} ({index.Queries.Count} searches, {distinct} distinct)");
        }
        Assert.True(readMoreThanOnce > 0, "no message was read in parts: the test would prove nothing");
        Assert.Empty(repeated);
    }

    /// <summary>
    /// Retrieving a message with its sentences, the rules' other readings of a sentence (without its opening "그리고" or its
    /// final mark, which retrieve alike) reuse that retrieval, and a message that differs from its one sentence only in marks
    /// ("… 감사합니다!! 👍") is searched once: no query is searched twice for one decision.
    /// </summary>
    [Fact]
    public async Task WithTheSentencesRetrievedTogetherEachTextIsStillSearchedOnce()
    {
        var queries = new List<float[]>();
        var together = new InMemoryVectorIndex { PartsTogetherCells = 0, RecordedQueries = queries };
        var decider = await UnderstandingFactory.CreateDeciderAsync(repo.Knowledge, repo.Model, new PolicyOptions(), together);
        var repeated = new List<string>();
        var together2 = 0;
        var files = new[] { Paths.SharedEval("realistic.jsonl"), Paths.SharedEval("uncovered.jsonl") }
            .Concat(Directory.GetFiles(Path.Combine(Paths.Root, "eval", "messages"), "independent-*.jsonl").Order());
        foreach (var message in files.SelectMany(EvalCase.Load).Select(c => c.Text))
        {
            queries.Clear();
            await decider.DecideAsync(message);
            if (queries.Count > 2) together2++;
            var distinct = queries.Select(q => string.Join(',', q)).Distinct().Count();
            if (distinct < queries.Count) repeated.Add($"{message} ({queries.Count} searches, {distinct} distinct)");
        }
        Assert.True(together2 > 20, "few messages were read with their sentences: the test would prove nothing");
        Assert.Empty(repeated);
    }

    /// <summary>
    /// A large index retrieves a message and its sentences together (<see cref="InMemoryVectorIndex.SearchWithParts"/>):
    /// every decision, with its readings and their candidates and scores, is the one of retrieving each text alone.
    /// </summary>
    [Fact]
    public async Task RetrievingAMessageWithItsSentencesDecidesAsRetrievingEachAlone()
    {
        var together = new InMemoryVectorIndex { PartsTogetherCells = 0 };
        var alone = await UnderstandingFactory.CreateDeciderAsync(repo.Knowledge, repo.Model, new PolicyOptions());
        var joint = await UnderstandingFactory.CreateDeciderAsync(repo.Knowledge, repo.Model, new PolicyOptions(), together);
        Assert.True(together.SearchesPartsTogether);
        var messages = EvalCase.Load(Paths.SharedEval("realistic.jsonl")).Concat(EvalCase.Load(Paths.SharedEval("uncovered.jsonl"))).Select(c => c.Text).ToArray();
        Assert.True(messages.Count(m => m.Count(c => c is '.' or '?') >= 2) > 50, "too few messages of several sentences: the test would prove nothing");
        foreach (var message in messages)
        {
            var expected = await alone.DecideAsync(message);
            var actual = await joint.DecideAsync(message);
            Assert.Equal((expected.Kind, expected.Intent, expected.FaqId, expected.Confidence, expected.Reason), (actual.Kind, actual.Intent, actual.FaqId, actual.Confidence, actual.Reason));
            Assert.Equal(expected.Candidates, actual.Candidates);
            Assert.Equal(expected.Suggestions, actual.Suggestions);
        }
    }

    /// <summary>The real index, with every query it is asked remembered.</summary>
    private sealed class RecordingIndex(IVectorIndex inner) : IVectorIndex
    {
        public List<float[]> Queries { get; } = [];

        public string Name => inner.Name;

        public Task EnsureCollectionAsync(int dimensions, CancellationToken cancellationToken = default) => inner.EnsureCollectionAsync(dimensions, cancellationToken);

        public Task ReplaceAllAsync(IReadOnlyList<VectorRecord> records, CancellationToken cancellationToken = default) => inner.ReplaceAllAsync(records, cancellationToken);

        public Task<IReadOnlyList<VectorHit>> SearchAsync(ReadOnlyMemory<float> query, int top, string? category = null, CancellationToken cancellationToken = default)
        {
            Queries.Add(query.ToArray());
            return inner.SearchAsync(query, top, category, cancellationToken);
        }
    }
}
