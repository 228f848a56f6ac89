using Assistant.Knowledge;
using Assistant.Text;
using Microsoft.Extensions.AI;

namespace Assistant.Retrieval;

/// <summary>
/// Ingestion, kept apart from search: turns FAQ entries into vector records (the title, each question
/// variant, each fact and each answer sentence) and makes the index mirror the knowledge base. Every field is
/// evidence, so an entry with few or no phrasings (an imported help center) is still found by what it says.
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
            for (var i = 0; i < faq.Facts.Count; i++)
                yield return ($"{faq.Id}#f{i}", faq, faq.Facts[i]);
            var sentences = knowledge.AnswerSentences(faq);
            for (var i = 0; i < sentences.Count; i++)
                yield return ($"{faq.Id}#a{i}", faq, sentences[i]);
        }
    }

    /// <summary>True for a record key of a fact or an answer sentence: what the entry says, not how sellers ask.</summary>
    public static bool IsStatement(string key) => key.Contains("#f", StringComparison.Ordinal) || key.Contains("#a", StringComparison.Ordinal);

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

    /// <summary>The lexical document of an entry: title, questions, facts and answer sentences.</summary>
    public static LexicalIndex BuildLexical(KnowledgeBase knowledge) =>
        new(knowledge.Faqs.Select(f => (f.Id, string.Join('\n', f.Questions.Prepend(f.Title).Concat(f.Facts).Concat(knowledge.AnswerSentences(f)).Select(t => FeatureText.ForRetrieval(t, knowledge.Lexicon))))));
}
