using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace Assistant.Knowledge;

/// <summary>
/// A question that asks for a number ("정산 보류 걸리면 보통 며칠이면 풀려요?", "새 발송 예정일은 최대 며칠 뒤까지 잡을 수
/// 있어요?") is not answered by an entry that states no such number. The hold entry says why a hold happens and where its
/// reason shows, not how long it lasts; the delay entry says to register a new expected date, not how far off it may be.
/// </summary>
/// <remarks>
/// A time of day ("몇 시쯤", "시간대") is covered only by a clock time or opening hours. A duration or count ("며칠", "몇 시간", "how long") is covered by an entry with any sentence that states one (a number,
/// "다음 영업일", "바로"). A limit ("최대", "얼마 이상", "몇 자까지") is covered only by a sentence that states a limit (a
/// number with "이내", "이상", "까지" …) about what is asked: one that names the question's own terms beyond the entry's
/// title, or any limit when the question names nothing beyond the title ("발송기한 최대 며칠이에요?").
/// </remarks>
public sealed partial class QuantityQuestions(KnowledgeBase knowledge)
{
    private readonly ConcurrentDictionary<string, Statement[]> _statements = new(StringComparer.Ordinal);

    /// <summary>Whether the message asks how long, how many or how much at most or least.</summary>
    public static bool Asks(string message) => AsksNumber().IsMatch(message) || AsksLimit().IsMatch(message) || AsksClock().IsMatch(message);

    /// <summary>Whether the entry states the number the message asks for (see the remarks).</summary>
    public bool Covers(FaqEntry entry, string message)
    {
        var statements = _statements.GetOrAdd(entry.Id, _ => Read(entry));
        if (statements.Length == 0) return false;
        // "정산금 입금되는 시간대는 보통 몇 시쯤이에요?": a time of day is stated only by a clock time or opening hours.
        if (AsksClock().IsMatch(message) && !statements.Any(s => s.IsClock)) return false;
        if (!AsksLimit().IsMatch(message)) return true;
        var limits = statements.Where(s => s.IsLimit).ToArray();
        if (limits.Length == 0) return false;
        var title = knowledge.TitleTerms(entry);
        var own = knowledge.Lexicon.Expand(BoundAsked(message)).Where(t => !title.Contains(t)).ToArray();
        return own.Length == 0 || limits.Any(s => own.Any(s.Terms.Contains));
    }

    /// <summary>
    /// The words a bound is asked of: the few before "최대 …", "몇 자까지" in its sentence ("상품명은 몇자까지 되는지 …
    /// 그리고 유아용품이면 KC도 필요함?" asks the bound of the product name, not of the certificate asked after it).
    /// </summary>
    private static string BoundAsked(string message)
    {
        var bound = AsksLimit().Match(message);
        var start = Math.Max(message.LastIndexOfAny(SentenceEnds, Math.Max(0, bound.Index - 1)) + 1, 0);
        var before = message[start..bound.Index].Split(' ', StringSplitOptions.RemoveEmptyEntries).TakeLast(WordsBefore);
        return string.Join(' ', before.Append(bound.Value));
    }

    /// <summary>Words before a bound asked for that say what it is asked of, at most.</summary>
    private const int WordsBefore = 5;

    private static readonly char[] SentenceEnds = ['.', '?', '!', '？', '\n'];

    private Statement[] Read(FaqEntry entry) =>
        knowledge.AnswerSentences(entry).Concat(entry.Facts)
            .Where(s => Quantity().IsMatch(s) || Clock().IsMatch(s))
            .Select(s => new Statement(knowledge.Lexicon.Expand(s).ToHashSet(StringComparer.Ordinal), Limit().IsMatch(s), Clock().IsMatch(s)))
            .ToArray();

    private sealed record Statement(HashSet<string> Terms, bool IsLimit, bool IsClock);

    // A time of day asked for ("몇 시쯤", "몇시에", "입금되는 시간대", "what time"), not how many hours ("몇 시간").
    [GeneratedRegex(@"몇\s*시(?!간)|시간대|\b(?:what|which)\s+time\b|\bwhat\s+hour\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AsksClock();

    // A sentence that states a time of day: a clock time, morning or afternoon, or opening hours.
    [GeneratedRegex(@"\d{1,2}\s*시(?!간)|\d{1,2}:\d{2}|오전|오후|자정|정오|(?:운영|영업|상담)\s*시간")]
    private static partial Regex Clock();

    // How long, how many ("며칠", "몇 시간", "몇 번"; not "몇 건이 보류로 떠 있어요", which tells, "구매자 몇 분이", people, nor
    // "몇 시까지 해요", a time of day).
    [GeneratedRegex(@"며칠|몇\s*일(?!\s*에)|몇일|몇\s*(?:시간|번|개월|달|주|영업일|자|글자|장|개|명|회|퍼센트|%|픽셀)|얼마나\s*(?:걸|오래|기다|있어야|지나)|how\s+(?:many|long)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AsksNumber();

    // A bound asked for: "최대", "최소", "얼마 이상", "몇 … 까지", "maximum" (not "몇 시까지", a time of day, nor "최대한", as
    // much as one can).
    [GeneratedRegex(@"최대(?!한)|최소(?!한)|얼마\s*(?:이상|이하|까지)|몇\s*(?!시(?!간))\S{0,6}\s*(?:까지|이상|이하|넘)|\b(?:maximum|minimum|at\s+most|at\s+least|up\s+to\s+how)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AsksLimit();

    // A sentence that states a number or a duration.
    [GeneratedRegex(@"\d|하루|이틀|사흘|일주일|다음\s*날|다음\s*영업일|익일|당일|즉시|바로|한\s*달|몇\s*시간")]
    private static partial Regex Quantity();

    // A sentence that states a bound.
    [GeneratedRegex(@"이내|이상|이하|최대|최소|까지|안에|넘으면|넘기면|초과|미만")]
    private static partial Regex Limit();
}
