using Assistant.Text;

namespace Assistant.Retrieval;

/// <summary>
/// BM25 over character bigrams of spacing-free text (and whole Latin words), one document per FAQ
/// entry. Scores are divided by the query's best attainable score, so they fall in [0, 1] and can be
/// fused with cosine similarity.
/// </summary>
public sealed class LexicalIndex
{
    private const float K1 = 1.2f, B = 0.75f;
    private readonly string[] _ids;
    private readonly Dictionary<string, float>[] _termFrequencies;
    private readonly float[] _lengths;
    private readonly float _averageLength;
    private readonly Dictionary<string, float> _idf = new(StringComparer.Ordinal);

    public LexicalIndex(IEnumerable<(string Id, string Text)> documents)
    {
        var docs = documents.ToArray();
        _ids = docs.Select(d => d.Id).ToArray();
        _termFrequencies = new Dictionary<string, float>[docs.Length];
        _lengths = new float[docs.Length];
        var documentFrequency = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < docs.Length; i++)
        {
            var tf = new Dictionary<string, float>(StringComparer.Ordinal);
            foreach (var term in Terms(docs[i].Text))
            {
                tf[term] = tf.GetValueOrDefault(term) + 1;
                _lengths[i]++;
            }
            _termFrequencies[i] = tf;
            foreach (var term in tf.Keys) documentFrequency[term] = documentFrequency.GetValueOrDefault(term) + 1;
        }
        _averageLength = docs.Length == 0 ? 1 : Math.Max(1, _lengths.Average());
        foreach (var (term, df) in documentFrequency)
            _idf[term] = (float)Math.Log(1 + (docs.Length - df + 0.5) / (df + 0.5));
    }

    /// <summary>Entries by normalized BM25 score, best first; entries sharing no term are left out.</summary>
    public IReadOnlyList<(string Id, float Score)> Search(string query, int top)
    {
        var queryTerms = Terms(query).Distinct(StringComparer.Ordinal).Where(_idf.ContainsKey).ToArray();
        if (queryTerms.Length == 0) return [];
        var best = queryTerms.Sum(t => _idf[t] * (K1 + 1));
        var results = new List<(string, float)>();
        for (var i = 0; i < _ids.Length; i++)
        {
            float score = 0;
            var norm = K1 * (1 - B + B * _lengths[i] / _averageLength);
            foreach (var term in queryTerms)
                if (_termFrequencies[i].TryGetValue(term, out var tf))
                    score += _idf[term] * tf * (K1 + 1) / (tf + norm);
            if (score > 0) results.Add((_ids[i], score / best));
        }
        return results.OrderByDescending(r => r.Item2).Take(top).ToArray();
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
