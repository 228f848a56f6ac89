using Assistant.Evaluation;
using Assistant.Knowledge;
using Assistant.Understanding;
using Lucene.Net.Analysis.Cjk;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Lucene.Net.Util;

namespace Assistant.Cli.Baseline;

/// <summary>
/// The comparison point: Lucene.Net BM25 with its CJK (bigram) analyzer over the same knowledge, one
/// document per label (each FAQ entry; each non-FAQ intent's examples). It answers the top FAQ when
/// the score reaches <see cref="Threshold"/>, follows the top intent's decision otherwise, and
/// declines below the threshold.
/// </summary>
internal sealed class Bm25Baseline : IMessageDecider, IDisposable
{
    private const LuceneVersion Version = LuceneVersion.LUCENE_48;
    private readonly KnowledgeBase _knowledge;
    private readonly CJKAnalyzer _analyzer = new(Version);
    private readonly RAMDirectory _directory = new();
    private readonly DirectoryReader _reader;
    private readonly IndexSearcher _searcher;

    public Bm25Baseline(KnowledgeBase knowledge)
    {
        _knowledge = knowledge;
        var config = new IndexWriterConfig(Version, _analyzer) { Similarity = new BM25Similarity() };
        using (var writer = new IndexWriter(_directory, config))
        {
            foreach (var faq in knowledge.Faqs)
                writer.AddDocument(Document(faq.Id, faq.Questions.Prepend(faq.Title).Concat(faq.Facts)));
            foreach (var intent in knowledge.Intents)
                writer.AddDocument(Document(intent.Intent, intent.Examples));
            writer.Commit();
        }
        _reader = DirectoryReader.Open(_directory);
        _searcher = new IndexSearcher(_reader) { Similarity = new BM25Similarity() };
    }

    public float Threshold { get; set; }

    /// <summary>The top label and its raw BM25 score, or null when no term matches.</summary>
    public (string Label, float Score)? Top(string message)
    {
        var query = new BooleanQuery();
        using (var stream = _analyzer.GetTokenStream("text", new StringReader(message)))
        {
            var term = stream.AddAttribute<ICharTermAttribute>();
            stream.Reset();
            while (stream.IncrementToken()) query.Add(new TermQuery(new Term("text", term.ToString())), Occur.SHOULD);
            stream.End();
        }
        if (query.Clauses.Count == 0) return null;
        var hits = _searcher.Search(query, 1).ScoreDocs;
        return hits.Length == 0 ? null : (_searcher.Doc(hits[0].Doc).Get("label"), hits[0].Score);
    }

    public Task<Decision> DecideAsync(string message, CancellationToken cancellationToken = default) =>
        Task.FromResult(Decide(Top(message), Threshold));

    public Decision Decide((string Label, float Score)? top, float threshold)
    {
        if (top is not { } t || t.Score < threshold)
            return new Decision(DecisionKind.Decline, "none", top?.Score ?? 0, null, [], "below threshold");
        var kind = _knowledge.DecisionFor(t.Label);
        return new Decision(kind, t.Label, t.Score, kind == DecisionKind.Answer ? t.Label : null, [], "bm25 top");
    }

    /// <summary>
    /// Tunes the threshold the same way as the assistant's thresholds: on out-of-fold knowledge
    /// (each fold's held-out examples searched in an index built without them), for the most
    /// coverage at <paramref name="targetPrecision"/>.
    /// </summary>
    public static float TuneOutOfFold(KnowledgeBase knowledge, int folds, double targetPrecision)
    {
        var tops = new List<(EvalCase Case, (string Label, float Score)? Top)>();
        foreach (var (training, heldOut) in KnowledgeFolds.Split(knowledge, folds))
        {
            using var baseline = new Bm25Baseline(training);
            tops.AddRange(heldOut.Select(h => (h.ToCase(knowledge), baseline.Top(h.Text))));
        }

        using var judge = new Bm25Baseline(knowledge);
        var best = (Threshold: 0f, Met: false, Precision: -1.0, Coverage: -1.0);
        foreach (var threshold in tops.Where(t => t.Top is not null).Select(t => t.Top!.Value.Score).Append(0f).Distinct().Order())
        {
            var m = EvalMetrics.From(tops.Select(t =>
            {
                var d = judge.Decide(t.Top, threshold);
                return new EvalResult(t.Case, d, EvalJudge.IsRight(t.Case, d), 0);
            }).ToArray());
            var met = m.AnswerPrecision >= targetPrecision;
            if (PolicyTuner.Better(met, m.AnswerPrecision, m.Coverage, best.Met, best.Precision, best.Coverage))
                best = (threshold, met, m.AnswerPrecision, m.Coverage);
        }
        return best.Threshold;
    }

    public void Dispose()
    {
        _reader.Dispose();
        _directory.Dispose();
        _analyzer.Dispose();
    }

    private static Document Document(string label, IEnumerable<string> texts) =>
    [
        new StringField("label", label, Field.Store.YES),
        new TextField("text", string.Join('\n', texts), Field.Store.NO),
    ];
}
