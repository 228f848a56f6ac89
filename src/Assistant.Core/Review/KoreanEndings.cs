using System.Text;
using Assistant.Text;

namespace Assistant.Review;

/// <summary>
/// Folds what Korean adds around the words that carry a message's meaning: the particle after a noun ("정산이", "정산은"
/// → "정산") and the polite or questioning sentence ending ("되나요", "돼요", "인가요", "할까요" → the stem "되", "이", "하"),
/// so two messages that differ only there read alike. Only a whole-word ending is folded and a word is never emptied;
/// typos the lists miss are left to the n-gram similarity.
/// </summary>
public static class KoreanEndings
{
    // Longest first within each list; each ending folds to the stem syllable it leaves (often none).
    private static readonly (string Ending, string Stem)[] SentenceEndings =
    [
        ("되나요", "되"), ("되나여", "되"), ("되는지", "되"), ("되는데", "되"), ("됐나요", "되"), ("됬나요", "되"), ("되었나요", "되"),
        ("될까요", "되"), ("되요", "되"), ("돼요", "되"), ("되여", "되"), ("돼여", "되"), ("됨", "되"), ("됌", "되"), ("되죠", "되"), ("돼", "되"),
        ("하나요", "하"), ("하는지", "하"), ("할까요", "하"), ("하죠", "하"), ("해요", "하"), ("해여", "하"), ("함", "하"), ("해야", "하"), ("하면", "하"),
        ("인가요", ""), ("인지", ""), ("이에요", ""), ("예요", ""), ("이죠", ""), ("이요", ""), ("인데요", ""), ("인데", ""), ("입니까", ""), ("입니다", ""),
        ("있나요", "있"), ("있어요", "있"), ("있죠", "있"), ("없나요", "없"), ("없어요", "없"),
        ("습니까", ""), ("습니다", ""), ("나요", ""), ("까요", ""), ("가요", ""), ("세요", ""), ("어요", ""), ("아요", ""), ("나여", ""), ("에요", ""),
        ("요", ""), ("여", ""), ("죠", ""),
    ];

    private static readonly string[] Particles =
    [
        "에서는", "으로는", "에서", "으로", "에는", "까지", "부터", "이랑", "이나", "은요", "는요",
        "은", "는", "이", "가", "을", "를", "에", "로", "도", "만", "랑", "의",
    ];

    /// <summary>The message, normalized (<see cref="TextNormalizer.Normalize"/>), with particles and the sentence ending folded.</summary>
    public static string Fold(string message)
    {
        var words = TextNormalizer.Normalize(message).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var sb = new StringBuilder(message.Length);
        for (var i = 0; i < words.Length; i++)
        {
            var word = words[i];
            if (word.All(Hangul.IsSyllable))
            {
                // A particle comes before the ending: "정산은요" loses both; "몇프로에요" keeps its "로".
                var folded = FoldEnding(word);
                word = folded == word || folded.Length == word.Length - 1 && word[^1] is '요' or '여' ? StripParticle(folded) : folded;
            }
            if (word.Length == 0) continue;
            if (sb.Length > 0) sb.Append(' ');
            sb.Append(word);
        }
        return sb.ToString();
    }

    private static string FoldEnding(string word)
    {
        foreach (var (ending, stem) in SentenceEndings)
            if (word.Length > ending.Length && word.EndsWith(ending, StringComparison.Ordinal))
                return word[..^ending.Length] + stem;
            else if (word.Length == ending.Length && word == ending && stem.Length > 0)
                return stem;
        return word;
    }

    private static string StripParticle(string word)
    {
        foreach (var particle in Particles)
            if (word.Length >= particle.Length + 2 && word.EndsWith(particle, StringComparison.Ordinal))
                return word[..^particle.Length];
        return word;
    }
}
