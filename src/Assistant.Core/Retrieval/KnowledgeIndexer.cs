using Assistant.Knowledge;
using Assistant.Text;
using Microsoft.Extensions.AI;

namespace Assistant.Retrieval;

/// <summary>
/// Ingestion, kept apart from search: turns FAQ entries into vector records (each question variant
/// and the title) and makes the index mirror the knowledge base.
/// </summary>
public static class KnowledgeIndexer
{
    public static IEnumerable<(string Key, FaqEntry Entry, string Text)> IndexedTexts(KnowledgeBase knowledge)
    {
        foreach (var faq in knowledge.Faqs)
        {
            yield return ($"{faq.Id}#title", faq, faq.Title);
            for (var i = 0; i < faq.Questions.Count; i++)
                yield return ($"{faq.Id}#q{i}", faq, faq.Questions[i]);
        }
    }

    public static async Task<int> IndexAsync(
        KnowledgeBase knowledge,
        IEmbeddingGenerator<string, Embedding<float>> embeddings,
        IVectorIndex index,
        CancellationToken cancellationToken = default)
    {
        var texts = IndexedTexts(knowledge).ToArray();
        var vectors = await embeddings.GenerateAsync(texts.Select(t => FeatureText.ForRetrieval(t.Text, knowledge.Lexicon)), cancellationToken: cancellationToken).ConfigureAwait(false);
        var records = texts
            .Select((t, i) => new VectorRecord(t.Key, t.Entry.Id, t.Entry.Category, t.Text, vectors[i].Vector))
            .ToArray();
        await index.EnsureCollectionAsync(vectors[0].Vector.Length, cancellationToken).ConfigureAwait(false);
        await index.ReplaceAllAsync(records, cancellationToken).ConfigureAwait(false);
        return records.Length;
    }

    /// <summary>The lexical document of an entry: title, questions and facts.</summary>
    public static LexicalIndex BuildLexical(KnowledgeBase knowledge) =>
        new(knowledge.Faqs.Select(f => (f.Id, string.Join('\n', f.Questions.Prepend(f.Title).Concat(f.Facts).Select(t => FeatureText.ForRetrieval(t, knowledge.Lexicon))))));
}
