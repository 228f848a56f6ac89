using System.Numerics.Tensors;
using Assistant.Embeddings;
using Assistant.Text;

namespace Assistant.Review;

/// <summary>A group of messages that say the same thing, biggest first: its members (most frequent first) and how many messages they stand for.</summary>
public sealed record MessageGroup<T>(IReadOnlyList<T> Members, int Count);

/// <summary>
/// Groups sellers' messages that mean the same thing written differently: spacing ("정산언제돼요" / "정산 언제 돼요"),
/// typos ("정산 언제되여") and endings or particles ("정산이 언제 되나요" / "정산은 언제돼요?"). Each message becomes an
/// n-gram vector of the local embedding generator (syllable n-grams of the spacing-free text, jamo trigrams, IDF weights
/// fitted on the knowledge base, so endings every question shares weigh little) over its lexicon-expanded text with its
/// sentence ending and particles folded away; then a bounded greedy clustering: messages, most frequent first, join the
/// group whose centroid is nearest when the cosine reaches <see cref="Threshold"/>, or start a group.
/// </summary>
public sealed class MessageGrouping(HashedNgramEmbeddingGenerator embeddings, Lexicon? lexicon = null, float threshold = MessageGrouping.DefaultThreshold, int maxMessages = MessageGrouping.DefaultMaxMessages)
{
    public const float DefaultThreshold = 0.5f;
    public const int DefaultMaxMessages = 2000;

    public float Threshold => threshold;

    /// <summary>
    /// Groups <paramref name="items"/> (each standing for <paramref name="weight"/> messages), biggest group first. At most
    /// <see cref="DefaultMaxMessages"/> items are considered, the most frequent; the rest are left out, not grouped alone.
    /// </summary>
    public IReadOnlyList<MessageGroup<T>> Group<T>(IEnumerable<T> items, Func<T, string> text, Func<T, int> weight)
    {
        var ordered = items.Select((item, index) => (Item: item, Index: index, Weight: Math.Max(1, weight(item))))
            .OrderByDescending(x => x.Weight).ThenBy(x => x.Index).Take(maxMessages).ToArray();
        var groups = new List<(float[] Sum, float[] Centroid, List<(T Item, int Weight)> Members)>();
        foreach (var (item, _, w) in ordered)
        {
            var vector = Vector(text(item));
            var best = -1;
            var bestScore = threshold;
            for (var g = 0; g < groups.Count; g++)
            {
                var score = TensorPrimitives.Dot(vector, groups[g].Centroid);
                if (score >= bestScore)
                {
                    best = g;
                    bestScore = score;
                }
            }
            if (best < 0)
            {
                groups.Add(((float[])vector.Clone(), vector, [(item, w)]));
                continue;
            }
            var (sum, centroid, members) = groups[best];
            members.Add((item, w));
            TensorPrimitives.Add(sum, vector, sum);
            var norm = TensorPrimitives.Norm(sum);
            if (norm > 0) TensorPrimitives.Divide(sum, norm, centroid);
        }
        return groups
            .Select((g, index) => (Group: new MessageGroup<T>(g.Members.Select(m => m.Item).ToArray(), g.Members.Sum(m => m.Weight)), Index: index))
            .OrderByDescending(x => x.Group.Count).ThenBy(x => x.Index)
            .Select(x => x.Group).ToArray();
    }

    /// <summary>The cosine similarity of two messages as the grouping sees them.</summary>
    public float Similarity(string a, string b) => TensorPrimitives.Dot(Vector(a), Vector(b));

    private float[] Vector(string message)
    {
        var folded = KoreanEndings.Fold(message);
        return embeddings.Embed(lexicon is null ? folded : FeatureText.ForRetrieval(folded, lexicon.Expand(message)));
    }
}
