using Assistant.Text;

namespace Assistant.Retrieval;

/// <summary>
/// BM25 over character bigrams of spacing-free text (and whole Latin words), one document per FAQ
/// entry. Scores are divided by the query's best attainable score, so they fall in [0, 1] and can be
/// fused with cosine similarity. Terms are kept in postings (the entries holding each term), so a search
/// touches only the entries that share a term with the query, not every entry.
/// </summary>
public sealed class LexicalIndex
{
    private const float K1 = 1.2f, B = 0.75f;
    private readonly string[] _ids;
    private readonly float[] _lengths;
    private readonly float[] _norms;
    private readonly float _averageLength;
    private readonly Dictionary<string, float> _idf = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (int Document, float Frequency)[]> _postings = new(StringComparer.Ordinal);

    public LexicalIndex(IEnumerable<(string Id, string Text)> documents)
    {
        var docs = documents.ToArray();
        _ids = docs.Select(d => d.Id).ToArray();
        _lengths = new float[docs.Length];
        var postings = new Dictionary<string, List<(int, float)>>(StringComparer.Ordinal);
        for (var i = 0; i < docs.Length; i++)
        {
            var tf = new Dictionary<string, float>(StringComparer.Ordinal);
            foreach (var term in Terms(docs[i].Text))
            {
                tf[term] = tf.GetValueOrDefault(term) + 1;
                _lengths[i]++;
            }
            foreach (var (term, frequency) in tf)
            {
                if (!postings.TryGetValue(term, out var list)) postings[term] = list = [];
                list.Add((i, frequency));
            }
        }
        _averageLength = docs.Length == 0 ? 1 : Math.Max(1, _lengths.Average());
        _norms = new float[docs.Length];
        for (var i = 0; i < docs.Length; i++) _norms[i] = K1 * (1 - B + B * _lengths[i] / _averageLength);
        foreach (var (term, list) in postings)
        {
            var df = list.Count;
            _idf[term] = (float)Math.Log(1 + (docs.Length - df + 0.5) / (df + 0.5));
            _postings[term] = list.ToArray();
        }
    }

    /// <summary>Entries by normalized BM25 score, best first; entries sharing no term are left out.</summary>
    public IReadOnlyList<(string Id, float Score)> Search(string query, int top)
    {
        var queryTerms = Terms(query).Distinct(StringComparer.Ordinal).Where(_idf.ContainsKey).ToArray();
        if (queryTerms.Length == 0) return [];
        var best = queryTerms.Sum(t => _idf[t] * (K1 + 1));
        // Each entry's score adds its terms in query order, as a scan of every entry would.
        var scores = new float[_ids.Length];
        var touched = new List<int>();
        foreach (var term in queryTerms)
        {
            var idf = _idf[term];
            foreach (var (document, tf) in _postings[term])
            {
                if (scores[document] == 0) touched.Add(document);
                scores[document] += idf * tf * (K1 + 1) / (tf + _norms[document]);
            }
        }
        if (top <= 0) return [];
        // The best few of the entries touched (thousands in a large help center), kept in a small heap, not a sort of all.
        var heap = new PriorityQueue<int, (float Score, int Document)>(top + 1, WorstFirst.Instance);
        foreach (var i in touched)
        {
            if (scores[i] <= 0) continue;
            if (heap.Count < top) heap.Enqueue(i, (scores[i], i));
            else if (heap.TryPeek(out _, out var worst) && WorstFirst.Instance.Compare((scores[i], i), worst) > 0) heap.EnqueueDequeue(i, (scores[i], i));
        }
        var ranked = new (string Id, float Score)[heap.Count];
        for (var n = ranked.Length - 1; n >= 0; n--)
        {
            var i = heap.Dequeue();
            ranked[n] = (_ids[i], scores[i] / best);
        }
        return ranked;
    }

    /// <summary>Lower score first; of equal scores the later entry first, so the heap's root is the one to drop.</summary>
    private sealed class WorstFirst : IComparer<(float Score, int Document)>
    {
        public static readonly WorstFirst Instance = new();

        public int Compare((float Score, int Document) a, (float Score, int Document) b) =>
            a.Score != b.Score ? a.Score.CompareTo(b.Score) : b.Document.CompareTo(a.Document);
    }

    internal static IEnumerable<string> Terms(string text)
    {
        var normalized = TextNormalizer.Normalize(text);
        foreach (var word in normalized.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (word.Any(c => c is >= 'a' and <= 'z')) yield return "w:" + word;
        }
        var compact = normalized.Replace(" ", string.Empty, StringComparison.Ordinal);
        for (var i = 0; i + 2 <= compact.Length; i++)
            if (Hangul.IsSyllable(compact[i]) || Hangul.IsSyllable(compact[i + 1]))
                yield return compact.Substring(i, 2);
    }
}
