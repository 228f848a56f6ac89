using System.Text.Json;
using System.Text.RegularExpressions;
using Assistant.Dialogue;
using static Assistant.Dialogue.UnitAutomaton;

namespace Assistant.Tests.Dialogue;

public sealed class UnitAutomatonTests
{
    /// <summary>The longest prefix a pattern matches whole, not the first alternative that fits; null when none does.</summary>
    [Theory]
    [InlineData("(?:네|네네)", "네네요", 2)]
    [InlineData("(?:a|ab)c?", "abcd", 3)]
    [InlineData("(?:좀)?부탁(?:드려요|해요)?", "좀부탁드려요ㅎㅎ", 6)]
    [InlineData("(?:좀)?부탁(?:드려요|해요)?", "부탁드려", 2)]
    [InlineData("[ㅎㅋ]+", "ㅎㅋㅎ요", 3)]
    [InlineData("음*흠{0,2}a", "음음흠흠a", 5)]
    [InlineData("음*흠{0,2}a", "흠흠흠a", null)]
    [InlineData("x{1,2}y", "xxy", 3)]
    [InlineData("x{1,2}y", "xxxy", null)]
    [InlineData("x{2,}", "xxxxy", 4)]
    [InlineData("x{2}", "xxx", 2)]
    [InlineData("(?:ab)+", "ababa", 4)]
    [InlineData("a?", "b", null)]
    public void FindsTheLongestWholeMatchAtTheStart(string pattern, string text, int? expected) =>
        Assert.Equal(expected, Build([pattern]).Longest(text)?.Length);

    /// <summary>Of patterns matching equally long, the earliest is reported; a longer match of a later one wins.</summary>
    [Fact]
    public void OfEquallyLongMatchesTheEarliestPatternWins()
    {
        Assert.Equal((0, 2), Build(["ab", "a(?:b)", "a"]).Longest("abz"));
        Assert.Equal((1, 2), Build(["a", "ab"]).Longest("abz"));
        Assert.Equal((2, 3), Build(["a", "ab", "abc|x"]).Longest("abc"));
    }

    /// <summary>Anything beyond letters, groups, alternation, listed classes and counted repeats is refused, naming the pattern.</summary>
    [Theory]
    [InlineData(@"\d+번")]
    [InlineData("a.b")]
    [InlineData("[가-힣]+")]
    [InlineData("[^a]b")]
    [InlineData("(?=a)a")]
    [InlineData("(?<n>a)")]
    [InlineData("a*?b")]
    [InlineData("a{2,1}")]
    [InlineData("(?:ab")]
    [InlineData("ab)")]
    [InlineData("a b")]
    public void RefusesPatternsBeyondPlainLetters(string pattern)
    {
        var error = Assert.Throws<NotSupportedException>(() => Build(["ok", pattern]));
        Assert.Contains($"\"{pattern}\"", error.Message);
    }

    /// <summary>
    /// Every row of the vocabulary, walked as one automaton, gives at each position of a text the unit its own
    /// expression gives: the longest prefix it matches whole, of equally long ones the earliest row's. The texts are
    /// samples of every row's own language run together, and every shared evaluation message in compact form.
    /// </summary>
    [Fact]
    public void ReadsEveryVocabularyRowAsTheRowsOwnExpressionWould()
    {
        var patterns = ReplyActVocabulary.Rows.Select(r => r.Pattern).ToArray();
        var automaton = Build(patterns);
        var starts = patterns.Select(p => new Regex(@"\G(?:" + p + ")", RegexOptions.CultureInvariant)).ToArray();
        var wholes = patterns.Select(p => new Regex("^(?:" + p + ")$", RegexOptions.CultureInvariant)).ToArray();

        (int, int)? Expected(string text, int pos)
        {
            (int, int)? best = null;
            for (var row = 0; row < patterns.Length; row++)
            {
                if (!starts[row].IsMatch(text, pos)) continue;
                for (var length = text.Length - pos; length > (best?.Item2 ?? 0); length--)
                    if (wholes[row].IsMatch(text.AsSpan(pos, length)))
                    {
                        best = (row, length);
                        break;
                    }
            }
            return best;
        }

        var random = new Random(7);
        var samples = patterns.SelectMany(p => Enumerable.Range(0, 12).Select(_ => Sample(Parse(p), random))).ToArray();
        var texts = samples.Select(s => s + samples[random.Next(samples.Length)] + (random.Next(3) == 0 ? "x" : ""))
            .Concat(EvaluationTexts().Select(Compact)).ToArray();
        Assert.True(texts.Length > 1_000);
        var compared = 0;
        foreach (var text in texts)
            for (var pos = 0; pos < text.Length; pos++, compared++)
                Assert.True(Expected(text, pos) == automaton.Longest(text.AsSpan(pos)), $"\"{text}\" at {pos}: expected {Expected(text, pos)}, got {automaton.Longest(text.AsSpan(pos))}");
        Assert.True(compared > 20_000, $"{compared} positions compared");
    }

    /// <summary>A random member of a pattern's language.</summary>
    private static string Sample(Node node, Random random) => node switch
    {
        Letters letters => letters.Set[random.Next(letters.Set.Length)].ToString(),
        Sequence sequence => string.Concat(sequence.Items.Select(i => Sample(i, random))),
        Choice choice => Sample(choice.Options[random.Next(choice.Options.Count)], random),
        Repeat repeat => string.Concat(Enumerable.Range(0, random.Next(repeat.Min, (repeat.Max ?? repeat.Min + 2) + 1)).Select(_ => Sample(repeat.Item, random))),
        _ => throw new ArgumentOutOfRangeException(nameof(node)),
    };

    private static string Compact(string text) => string.Concat(text.ToLowerInvariant().Where(char.IsLetterOrDigit));

    private static IEnumerable<string> EvaluationTexts() =>
        new[] { "dev.jsonl", "realistic.jsonl", "uncovered.jsonl" }
            .SelectMany(f => File.ReadLines(Paths.SharedEval(f)))
            .Where(l => l.Trim().Length > 0)
            .Select(l => JsonDocument.Parse(l).RootElement.GetProperty("text").GetString()!);

    /// <summary>The clause scan splits where the expression it replaced split, leaving out only empty pieces.</summary>
    [Fact]
    public void SplitsClausesWhereTheExpressionDid()
    {
        var texts = new[] { "a?b", "a?.b", "a.?b", "a??b", "?a", "a?", "네. 근데, 정산은요?? 언제!!\n돼요？ 응", "", "...", "a,,b..c!\n\nd" }
            .Concat(EvaluationTexts());
        foreach (var text in texts)
            Assert.Equal(Regex.Split(text, @"[.,!\n]+|(?<=[?？])").Where(c => c.Length > 0), ReplyActs.Clauses(text).Where(c => c.Length > 0));
    }
}
