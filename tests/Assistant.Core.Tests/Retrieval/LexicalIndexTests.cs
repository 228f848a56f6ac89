using Assistant.Evaluation;
using Assistant.Knowledge;
using Assistant.Retrieval;
using Assistant.Text;

namespace Assistant.Tests.Retrieval;

/// <summary>BM25 by postings gives exactly what scoring every entry gives, on the shipped knowledge and a grown copy of it.</summary>
public sealed class LexicalIndexTests
{
    /// <summary>The definition: every entry scored, its terms summed in query order, ties in entry order.</summary>
    private static (string Id, float Score)[] ScanEveryEntry(IReadOnlyList<(string Id, string Text)> docs, string query, int top)
    {
        const float k1 = 1.2f, b = 0.75f;
        var tfs = docs.Select(d => LexicalIndex.Terms(d.Text).GroupBy(t => t, StringComparer.Ordinal).ToDictionary(g => g.Key, g => (float)g.Count(), StringComparer.Ordinal)).ToArray();
        var lengths = docs.Select(d => (float)LexicalIndex.Terms(d.Text).Count()).ToArray();
        var average = docs.Count == 0 ? 1 : Math.Max(1, lengths.Average());
        float Idf(string t) { var df = tfs.Count(tf => tf.ContainsKey(t)); return (float)Math.Log(1 + (docs.Count - df + 0.5) / (df + 0.5)); }
        var terms = LexicalIndex.Terms(query).Distinct(StringComparer.Ordinal).Where(t => tfs.Any(tf => tf.ContainsKey(t))).ToArray();
        if (terms.Length == 0) return [];
        var best = terms.Sum(t => Idf(t) * (k1 + 1));
        var results = new List<(string, float)>();
        for (var i = 0; i < docs.Count; i++)
        {
            float score = 0;
            var norm = k1 * (1 - b + b * lengths[i] / average);
            foreach (var t in terms)
                if (tfs[i].TryGetValue(t, out var tf)) score += Idf(t) * tf * (k1 + 1) / (tf + norm);
            if (score > 0) results.Add((docs[i].Id, score / best));
        }
        return results.OrderByDescending(r => r.Item2).Take(top).ToArray();
    }

    [Fact]
    public void PostingsRankExactlyAsScanningEveryEntry()
    {
        var knowledge = KnowledgeLoader.Load(Paths.Knowledge);
        var docs = knowledge.Faqs
            .Select(f => (f.Id, Text: string.Join('\n', f.Questions.Prepend(f.Title).Select(t => FeatureText.ForRetrieval(t, knowledge.Lexicon)))))
            .ToList();
        // A grown copy: more entries sharing most terms, so ties and long postings occur.
        docs.AddRange(docs.ToArray().Select((d, i) => ($"{d.Id}-copy{i}", d.Text + (i % 2 == 0 ? "\n추가 문장" : string.Empty))));
        var index = new LexicalIndex(docs);
        var messages = EvalCase.Load(Paths.DevEval).Select(c => FeatureText.ForRetrieval(c.Text, knowledge.Lexicon)).Append("zzz 없는말").Append(string.Empty).ToArray();
        foreach (var message in messages)
        {
            var all = ScanEveryEntry(docs, message, docs.Count);
            foreach (var top in new[] { 1, 24, docs.Count })
                Assert.Equal(all.Take(top), index.Search(message, top));
        }
    }
}
