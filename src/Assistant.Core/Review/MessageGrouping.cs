using System.Numerics.Tensors;
using Assistant.Embeddings;
using Assistant.Knowledge;
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
/// group whose centroid is nearest when the cosine reaches <see cref="Threshold"/>, or start a group. A message naming
/// another service or a topic that is not ours (<see cref="ScopeRules"/>) groups only with messages naming the same one:
/// "쿠팡 정산 언제 돼요" shares most of its letters with "정산 언제 돼요" but is another question.
/// </summary>
public sealed class MessageGrouping(
    HashedNgramEmbeddingGenerator embeddings, Lexicon? lexicon = null, ScopeRules? scope = null,
    float threshold = MessageGrouping.DefaultThreshold, int maxMessages = MessageGrouping.DefaultMaxMessages)
{
    public const float DefaultThreshold = 0.5f;
    public const int DefaultMaxMessages = 2000;

    public float Threshold => threshold;

    /// <summary>
    /// Groups <paramref name="items"/> (each standing for <paramref name="weight"/> messages), biggest group first. At most
    /// the <c>maxMessages</c> most frequent items are considered; the rest are left out, not grouped alone. An item that reads
    /// like one of the <paramref name="settled"/> messages (a group of them is within the threshold) is left out too:
    /// what a reviewer settled is not asked again in other words.
    /// </summary>
    public IReadOnlyList<MessageGroup<T>> Group<T>(IEnumerable<T> items, Func<T, string> text, Func<T, int> weight, IEnumerable<string>? settled = null)
    {
        var settledGroups = settled is null ? [] : Cluster(settled.Take(maxMessages).Select(s => (s, 1, Read(s))));
        var ordered = items.Select((item, index) => (Item: item, Index: index, Weight: Math.Max(1, weight(item))))
            .OrderByDescending(x => x.Weight).ThenBy(x => x.Index).Take(maxMessages)
            .Select(x => (x.Item, x.Weight, Reading: Read(text(x.Item))))
            .Where(x => Nearest(settledGroups, x.Reading) < 0);
        return Cluster(ordered)
            .Select((g, index) => (Group: new MessageGroup<T>(g.Members.Select(m => m.Item).ToArray(), g.Members.Sum(m => m.Weight)), Index: index))
            .OrderByDescending(x => x.Group.Count).ThenBy(x => x.Index)
            .Select(x => x.Group).ToArray();
    }

    /// <summary>Greedy leader clustering in the given order: each vector joins the nearest centroid within the threshold, or leads a new group.</summary>
    private List<Bunch<T>> Cluster<T>(IEnumerable<(T Item, int Weight, Reading Reading)> items)
    {
        var groups = new List<Bunch<T>>();
        foreach (var (item, weight, reading) in items)
        {
            var best = Nearest(groups, reading);
            if (best < 0)
            {
                groups.Add(new Bunch<T>(reading.Scope, (float[])reading.Vector.Clone(), reading.Vector, [(item, weight)]));
                continue;
            }
            var group = groups[best];
            group.Members.Add((item, weight));
            TensorPrimitives.Add(group.Sum, reading.Vector, group.Sum);
            var norm = TensorPrimitives.Norm(group.Sum);
            if (norm > 0) TensorPrimitives.Divide(group.Sum, norm, group.Centroid);
        }
        return groups;
    }

    private int Nearest<T>(List<Bunch<T>> groups, Reading reading)
    {
        var best = -1;
        var bestScore = threshold;
        for (var g = 0; g < groups.Count; g++)
        {
            if (!string.Equals(groups[g].Scope, reading.Scope, StringComparison.OrdinalIgnoreCase)) continue;
            var score = TensorPrimitives.Dot(reading.Vector, groups[g].Centroid);
            if (score >= bestScore)
            {
                best = g;
                bestScore = score;
            }
        }
        return best;
    }

    private sealed record Bunch<T>(string? Scope, float[] Sum, float[] Centroid, List<(T Item, int Weight)> Members);

    /// <summary>A message as the grouping reads it: its vector and the other service or outside topic it names, if any.</summary>
    private sealed record Reading(float[] Vector, string? Scope);

    private Reading Read(string message) => new(Vector(message), scope is null ? null : scope.OtherServiceIn(message) ?? scope.NotOursIn(message));

    /// <summary>The cosine similarity of two messages as the grouping sees them.</summary>
    public float Similarity(string a, string b) => TensorPrimitives.Dot(Vector(a), Vector(b));

    private float[] Vector(string message)
    {
        var folded = KoreanEndings.Fold(message);
        return embeddings.Embed(lexicon is null ? folded : FeatureText.ForRetrieval(folded, lexicon.Expand(message)));
    }
}
