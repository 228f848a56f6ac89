using System.Runtime.CompilerServices;
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

    /// <summary>One indexed text with its retrieval features (the text and the lexicon terms it names).</summary>
    public sealed record IndexedText(string Key, FaqEntry Entry, string Text, string Features)
    {
        /// <summary>The text's record in a vector index, with its vector.</summary>
        public VectorRecord ToRecord(ReadOnlyMemory<float> vector) => new(Key, Entry.Id, Entry.Category, Text, vector);
    }

    private static readonly ConditionalWeakTable<KnowledgeBase, IndexedText[]> Features = new();

    /// <summary>
    /// <see cref="IndexedTexts"/> with their retrieval features, computed once per knowledge base: fitting the
    /// embeddings, the vector index and the lexical index all read them (a 10,000-entry base has 200,000 texts, and
    /// the lexicon is matched against each).
    /// </summary>
    public static IReadOnlyList<IndexedText> WithFeatures(KnowledgeBase knowledge) =>
        Features.GetValue(knowledge, k => IndexedTexts(k).Select(t => new IndexedText(t.Key, t.Entry, t.Text, FeatureText.ForRetrieval(t.Text, k.Lexicon))).ToArray());

    /// <summary>True for a record key of a fact or an answer sentence: what the entry says, not how sellers ask.</summary>
    public static bool IsStatement(string key) => key.Contains("#f", StringComparison.Ordinal) || key.Contains("#a", StringComparison.Ordinal);

    /// <summary>Texts embedded at a time for the embedded index.</summary>
    private const int EmbeddedBatch = 1024;

    public static async Task<int> IndexAsync(
        KnowledgeBase knowledge,
        IEmbeddingGenerator<string, Embedding<float>> embeddings,
        IVectorIndex index,
        CancellationToken cancellationToken = default)
    {
        var texts = WithFeatures(knowledge);
        if (index is InMemoryVectorIndex memory)
        {
            // One batch of vectors at a time: the embedded index keeps a sparse vector's non-zero cells only.
            var builder = memory.Rebuild();
            var first = true;
            foreach (var batch in texts.Chunk(EmbeddedBatch))
            {
                var batchVectors = await embeddings.GenerateAsync(batch.Select(t => t.Features), cancellationToken: cancellationToken).ConfigureAwait(false);
                if (first) await memory.EnsureCollectionAsync(batchVectors[0].Vector.Length, cancellationToken).ConfigureAwait(false);
                first = false;
                for (var i = 0; i < batch.Length; i++)
                    builder.Add(batch[i].ToRecord(batchVectors[i].Vector));
            }
            builder.Commit();
            return texts.Count;
        }
        var vectors = await embeddings.GenerateAsync(texts.Select(t => t.Features), cancellationToken: cancellationToken).ConfigureAwait(false);
        var records = texts.Select((t, i) => t.ToRecord(vectors[i].Vector)).ToArray();
        await index.EnsureCollectionAsync(vectors[0].Vector.Length, cancellationToken).ConfigureAwait(false);
        await index.ReplaceAllAsync(records, cancellationToken).ConfigureAwait(false);
        return records.Length;
    }

    /// <summary>The lexical document of an entry: title, questions, facts and answer sentences.</summary>
    public static LexicalIndex BuildLexical(KnowledgeBase knowledge)
    {
        var byEntry = WithFeatures(knowledge).ToLookup(t => t.Entry.Id, StringComparer.Ordinal);
        return new(knowledge.Faqs.Select(f => (f.Id, string.Join('\n', byEntry[f.Id].Select(t => t.Features)))));
    }
}
