using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Assistant.Text;

namespace Assistant.Knowledge;

/// <summary>
/// A question about what something costs ("정산계좌 바꾸는 것도 돈 들어요?", "빠른정산 쓰면 수수료 더 떼가요?") is not
/// answered by an entry that states no such cost. The account entry says how to change the account and nothing of a
/// charge; the fees entry states the payment and search fees and that listing is free, not a fee for fast settlement.
/// Answering with either would answer a question that was not asked.
/// </summary>
/// <remarks>
/// A sentence states a charge when it names a price word and says something of it (a rate, an amount, who bears it, that
/// there is none). English asks in so many words ("is there a fee", "how much … commission", "who pays"); a fee only
/// mentioned ("the tax invoices for the fees you charge me") asks nothing of what it costs.
/// </remarks>
public sealed partial class CostQuestions(KnowledgeBase knowledge)
{
    /// <summary>Lexicon terms that name a price, not the thing priced.</summary>
    private static readonly HashSet<string> PriceTerms = new(StringComparer.Ordinal) { "수수료", "배송비", "할인" };

    private readonly ConcurrentDictionary<string, CostSentence[]> _sentences = new(StringComparer.Ordinal);

    /// <summary>Whether the message asks what something costs or who pays for it.</summary>
    public static bool Asks(string message) => AsksCost().IsMatch(message);

    /// <summary>Whether the entry states a charge at all: an entry that states none does not answer what something costs.</summary>
    public bool Covers(FaqEntry entry) => SentencesOf(entry).Length > 0;

    /// <summary>
    /// Whether the entry's sentences stating a charge name everything the message asks the cost of (its lexicon terms other
    /// than price words and the entry's own title): "상품 올리는 데도 돈 들어요?" and the fees entry's "상품 등록 수수료는
    /// 없습니다", not "빠른정산 쓰면 수수료 더 떼가요?", which the fees entry never prices. A message that names nothing to
    /// price ("배송비 조건부 무료 설정은 어떻게 하나요?") is priced by no entry in particular.
    /// </summary>
    public bool NamesWhatIsPriced(FaqEntry entry, string message)
    {
        var sentences = SentencesOf(entry);
        var title = knowledge.TitleTerms(entry);
        var terms = knowledge.Lexicon.Expand(message);
        // "배송비" is a price, and the 배송 inside it names nothing priced.
        var priced = terms.Where(t => !PriceTerms.Contains(t) && !title.Contains(t) && !terms.Any(p => PriceTerms.Contains(p) && p.Contains(t, StringComparison.Ordinal))).ToArray();
        return sentences.Length > 0 && priced.Length > 0 && priced.All(t => sentences.Any(s => s.Terms.Contains(t)));
    }

    private CostSentence[] SentencesOf(FaqEntry entry) => _sentences.GetOrAdd(entry.Id, _ => Read(entry));

    private CostSentence[] Read(FaqEntry entry) =>
        knowledge.AnswerSentences(entry).Concat(entry.Facts)
            .Where(s => PriceWord().IsMatch(s) && Charge().IsMatch(s))
            .Select(s => new CostSentence(knowledge.Lexicon.Expand(s).ToHashSet(StringComparer.Ordinal)))
            .ToArray();

    private sealed record CostSentence(HashSet<string> Terms);

    // A price word with what is asked of it ("수수료 더 붙어요?", "수수료 몇 퍼"), a cost by its own name ("비용", "요금",
    // "참가비"), money that it takes ("돈 들어요?", "돈 나가요?", not "돈이 들어와요", "오늘 안에 돈 들어가냐고" nor "다음 날 돈 받는 건가요", nor "환불하면 언제쯤 돈이 들어가요", money arriving), who pays ("누가 내요", "제가 내요"),
    // what is taken ("떼 가요"), money it takes said the other way round ("자체에 드는 돈은 없고요?"), and the same in English ("is there a fee", "does it cost", not "fee invoice" or "charged twice").
    [GeneratedRegex(@"수수료\s*(?:가|는|도|를|만|이)?\s*(?:얼마|몇|있|없|붙|나가|나와|들|떼|더|따로|또|추가|비싸|싸|내)"
        + @"|(?:비용|요금|참가비|가입비|이용료|사용료|반품비)\s*(?:이|은|는|도|을|만)?\s*(?:\S+\s+)?(?:얼마|몇|있|없|붙|들|드|나가|나와|따로|추가|누가|내|부담|발생)|유료|무료|공짜"
        + @"|(?<!언제\S{0,3}\s+(?:\S+\s+){0,2})돈\s*(?:이|도|은|을)?\s*(?:들(?!어\s*[오온와왔올옴옵]|[와왔온올]|어\s*(?:가냐|갔|간다|갈까|가는지))|나가|내야|드나|드는)"
        + @"|(?:누가|제가|저희가|판매자가|플랫폼이|플랫폼에서|구매자가)\s*(?:다\s*)?(?:내|부담|냄|낸다|내줘|내주)"
        + @"|떼\s*(?:가|어\s*가|감|간)|(?:드는|나가는|내는)\s*(?:돈|비용)"
        + @"|\b(?:is|are)\s+there\s+(?:a|an|any)\s+(?:\w+\s+){0,2}?(?:fee|fees|charge|cost)\b|\bhow\s+much\s+(?:\w+\s+){0,4}?(?:fee|fees|commission|cost|costs|charge|charges)\b"
        + @"|\b(?:does|do|will|would)\s+(?:it|that|this|they|you)\s+(?:cost|charge)\b|\bcosts?\s+(?:anything|money|extra)\b|\bfor\s+free\b|\bwho\s+(?:pays|covers)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AsksCost();

    [GeneratedRegex(@"수수료|비용|요금|배송비|반품비|요율|이용료")]
    private static partial Regex PriceWord();

    [GeneratedRegex(@"들(?:지|어|고|며|까)|없|붙|부담|부과|차감|무료|유료|인하|\d+(?:\.\d+)?\s*(?:%|원|퍼센트|프로)")]
    private static partial Regex Charge();
}
