using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Assistant.Text;

namespace Assistant.Knowledge;

/// <summary>
/// What is ours and what is not, from <c>knowledge/scope.yaml</c>: other marketplaces and services
/// sellers name ("쿠팡", "11번가") and topics plainly not about selling ("환율") are declined, never
/// answered with this marketplace's policy; selling words ("라이브 방송", "광고") mark a question about
/// running a store here, which deserves a person when no entry answers it. Korean forms match with
/// spacing and case ignored; Latin forms match whole words only ("API" not inside "rapid").
/// </summary>
/// <remarks>
/// Some words are about selling only when the message is about a store at all ("sellingWithStore": "보험", "환전"):
/// "반품 배송비 보험은 어떻게 가입해요?" asks about selling, "자동차 보험은 언제 갱신해요?" does not.
/// </remarks>
public sealed partial class ScopeRules(IReadOnlyList<string> otherServices, IReadOnlyList<string>? notOurs = null, IReadOnlyList<string>? sellingWords = null,
    IReadOnlyList<string>? sellingWithStore = null, IReadOnlyDictionary<string, IReadOnlyList<string>>? sellingAreas = null)
{
    /// <summary>Each area's words as forms, longest first over all areas, so the most specific word names the area.</summary>
    private readonly (Form Form, string Area)[] _areas = (sellingAreas ?? new Dictionary<string, IReadOnlyList<string>>())
        .SelectMany(a => Forms(a.Value).Select(f => (Form: f, Area: a.Key))).OrderByDescending(f => f.Form.Compact.Length).ToArray();

    /// <summary>The ticket area of the first (longest) selling-area word in the message ("검색광고" → marketing), or null.</summary>
    public string? AreaIn(string message)
    {
        if (_areas.Length == 0) return null;
        var text = new Text(message);
        foreach (var (form, area) in _areas)
            if (form.IsIn(text)) return area;
        return null;
    }

    private readonly Form[] _others = Forms(otherServices);
    private readonly Form[] _notOurs = Forms(notOurs ?? []);
    private readonly Form[] _selling = Forms(sellingWords ?? []);
    private readonly Form[] _withStore = Forms(sellingWithStore ?? []);

    /// <summary>Every selling word, with or without a store named beside it.</summary>
    private readonly Form[] _sellingTerms = [.. Forms(sellingWords ?? []), .. Forms(sellingWithStore ?? [])];
    private readonly ConditionalWeakTable<FaqEntry, Text> _entryText = new();

    /// <summary>Selling words any entry could be about: they say nothing about whether an entry covers a question.</summary>
    private static readonly HashSet<string> Generic = new(StringComparer.Ordinal) { "스토어", "판매자", "셀러", "구매자", "my store", "seller center", "customers" };

    public static ScopeRules Empty { get; } = new([]);

    public IReadOnlyList<string> OtherServices { get; } = otherServices;

    /// <summary>The other service the message names (as listed), or null; not one named only as where the seller might go.</summary>
    public string? OtherServiceIn(string message) =>
        FirstIn(_others, new Text(message))?.Name is { } name && !NamedOnlyAsWhereToGo(message, name) ? name : null;

    /// <summary>
    /// "이 플랫폼 접고 쿠팡 갈까봐요", "쿠팡으로 옮길까 고민 중이에요": the other service is only where the seller thinks of
    /// going; the message is about this marketplace (a complaint, a case), not a question about that service's rules.
    /// </summary>
    internal static bool NamedOnlyAsWhereToGo(string message, string name)
    {
        var found = false;
        for (var at = message.IndexOf(name, StringComparison.OrdinalIgnoreCase); at >= 0; at = message.IndexOf(name, at + name.Length, StringComparison.OrdinalIgnoreCase))
        {
            if (!WhereToGo().IsMatch(message[(at + name.Length)..])) return false;
            found = true;
        }
        return found;
    }

    [GeneratedRegex(@"^\s*(?:으로|로|에|쪽으로)?\s*(?:갈까|가야|가려|가버|가볼|갈래|갈\s*거|갑니다|가요|옮기|옮길|옮겨|넘어가|넘어갈|갈아타|갈아탈|이사)")]
    private static partial Regex WhereToGo();

    /// <summary>
    /// The message without the service's name and the particle after it ("쿠팡 윙에서는 … 누가 내요?" → "윙 … 누가 내요?"
    /// keeps what was asked): the same question, asked of this marketplace.
    /// </summary>
    public static string WithoutName(string message, string name)
    {
        var at = message.IndexOf(name, StringComparison.OrdinalIgnoreCase);
        if (at < 0) return message;
        var rest = Particle().Replace(message[(at + name.Length)..], "", 1);
        return RunOfSpaces().Replace((message[..at] + " " + rest).Trim(), " ");
    }

    [GeneratedRegex(@"^(?:에서는|에서도|에서|은|는|이|가|의|도|에선|에)?")]
    private static partial Regex Particle();

    [GeneratedRegex(@"\s{2,}")]
    private static partial Regex RunOfSpaces();

    /// <summary>A topic that is plainly not about selling here ("환율", "연말정산", a buyer's own purchase elsewhere), or null.</summary>
    public string? NotOursIn(string message) =>
        FirstNotOursIn(new Text(message))?.Name ?? (BuyersOwnPurchase(message) ? BuyersPurchase : null) ?? (OthersData().IsMatch(message) ? OtherSellersData : null)
        ?? (WritingForMe().IsMatch(message) ? ContentWriting : null) ?? (CourierLine().IsMatch(message) ? CourierSupport : null)
        ?? (PrivateParcel().IsMatch(message) && !SellerSide().IsMatch(message) ? PrivateParcelName : null);

    /// <summary>The topic of private life the scope lists (<c>notOurs</c>) that the message names, if any; the rules' findings aside.</summary>
    public string? ListedNotOursIn(string message) => FirstNotOursIn(new Text(message))?.Name;

    /// <summary>
    /// The first listed not-ours phrase the text names outside a longer selling term: "구매전환율" is a store's conversion
    /// rate, which holds "환율" (an exchange rate) without being one.
    /// </summary>
    private Form? FirstNotOursIn(Text text) => _notOurs.FirstOrDefault(f => f.IsIn(text) && !InsideSellingTerms(f, text));

    /// <summary>Whether every place <paramref name="form"/> occurs in <paramref name="text"/> lies inside a longer selling term there.</summary>
    private bool InsideSellingTerms(Form form, Text text)
    {
        if (form.IsLatin) return false;
        var compact = text.Compact;
        for (var at = compact.IndexOf(form.Compact, StringComparison.Ordinal); at >= 0; at = compact.IndexOf(form.Compact, at + 1, StringComparison.Ordinal))
            if (!_sellingTerms.Any(term => term.Compact.Length > form.Compact.Length && term.Holds(compact, at, form.Compact.Length)))
                return false;
        return true;
    }

    /// <summary>What <see cref="NotOursIn"/> names a parcel of one's own private life.</summary>
    public const string PrivateParcelName = "a private parcel";

    /// <summary>
    /// "편의점 반값택배로 친구한테 옷 보내려면 어떻게 해요?", "본가에 보낸 제 개인 택배가 멈춰 있어요": a parcel to friends or
    /// family, or one's own, is no order shipped here, unless a buyer or a customer is in the message.
    /// </summary>
    [GeneratedRegex(@"(?:친구|가족|부모님|엄마|아빠|동생|언니|오빠|누나|지인|본가|친정|시댁|할머니|할아버지)(?:한테|에게|께|네|집|에)?\s*(?:\S+\s*){0,3}?(?:보내|부치|보낸|부친)"
        + @"|개인\s*(?:택배|소포)|\b(?:send|ship|mail)\s+(?:a\s+)?(?:parcel|package|gift)\s+to\s+(?:my\s+)?(?:friend|mom|dad|mother|father|family|sister|brother)", RegexOptions.IgnoreCase)]
    private static partial Regex PrivateParcel();

    /// <summary>What <see cref="NotOursIn"/> names a request for a courier's own phone number or support line.</summary>
    public const string CourierSupport = "a courier's own support line";

    /// <summary>
    /// "CJ대한통운 고객센터 전화번호 좀 알려주세요": the courier's own number is theirs to give. A courier named in a question
    /// about shipping here ("대한통운으로 보냈는데 조회가 안 돼요", "택배사에 연락해 봤는데도 …") is no such request.
    /// </summary>
    [GeneratedRegex(@"(?:대한통운|한진|롯데\s*택배|우체국\s*택배|로젠|경동\s*택배|일양\s*로지스|택배사|택배\s*회사)\S*\s*(?:\S+\s*){0,2}?(?:전화\s*번호|연락처|번호)\s*(?:좀|를|을|가|이|는|은)?\s*(?:\S+\s*)?(?:알려|가르쳐|뭐|몇\s*번|어떻게\s*되)"
        + @"|\b(?:phone|contact)\s+number\b.{0,40}\b(?:courier|hanjin|cj\s+logistics|lotte|korea\s+post|logen)\b|\b(?:courier|hanjin|cj\s+logistics|lotte\s+global|korea\s+post|logen)\b.{0,40}\b(?:phone|contact)\s+number\b", RegexOptions.IgnoreCase)]
    private static partial Regex CourierLine();

    /// <summary>What <see cref="NotOursIn"/> names a request to write something for the seller (code, a report, copy).</summary>
    public const string ContentWriting = "writing for the seller";

    /// <summary>
    /// "주문 엑셀에서 주소만 뽑는 파이썬 코드 좀 짜 주세요", "과제로 보고서를 써 주실 수 있어요?": a request to write code or a text,
    /// not a question about selling here, whatever selling words it holds. A coupon code is made, not written ("쿠폰 코드
    /// 만들어 주세요" is not this).
    /// </summary>
    [GeneratedRegex(@"(?:코드|스크립트|프로그램|매크로|함수|쿼리)(?:를|을|좀|도|하나)?\s*(?:\S+\s*){0,2}?(?:짜|작성해|코딩해)\s*(?:주|줘|줄)"
        + @"|(?:보고서|레포트|리포트|과제|숙제|자기소개서|자소서|논문|에세이|기획서|문구|카피|블로그\s*글|홍보\s*글|광고\s*글|가사|소설|글|(?<![가-힣])시)(?:를|을|좀|도|로|하나)?\s*(?:\S+\s*){0,8}?(?:써|작성해|대신\s*써)\s*(?:주|줘|줄)"
        + @"|\b(?:write|code|draft)\s+(?:me\s+)?(?:a|an|the|some)?\s*(?:short\s+|little\s+|python\s+|sql\s+|excel\s+|vba\s+)?(?:code|script|program|macro|function|query|essay|report|blog\s+post|article|ad\s+copy|copy|poem|song|lyrics|story|joke)\b", RegexOptions.IgnoreCase)]
    private static partial Regex WritingForMe();

    /// <summary>What <see cref="NotOursIn"/> names a request to be shown other sellers' sales, payouts or personal data.</summary>
    public const string OtherSellersData = "other sellers' data";

    /// <summary>
    /// "다른 판매자들 이번 달 정산 금액 순위 좀 보여줘", "show me other sellers' payout accounts": another seller's figures and
    /// details are theirs, never shown here. A question about how something works for sellers in general asks to be shown
    /// nothing ("다른 판매자들은 정산을 언제 받나요?").
    /// </summary>
    [GeneratedRegex(@"(?:다른|경쟁)\s*(?:판매자|셀러|스토어|업체|가게)(?:들|분들)?(?:의|이|은|는)?\s*(?:\S+\s*){0,4}?(?:매출|정산|계좌|순위|연락처|개인\s*정보|주문\s*내역|판매\s*내역)\S*\s*(?:\S+\s*){0,3}?(?:보여|알려|공개|목록|리스트|뽑아|조회해|순위)"
        + @"|\b(?:show|list|give|tell)\b.{0,30}\b(?:other|another|competing)\s+(?:sellers?|stores?|shops?)['’]?s?\b.{0,30}\b(?:sales|revenue|payouts?|settlements?|accounts?|data|details|rankings?)", RegexOptions.IgnoreCase)]
    private static partial Regex OthersData();

    /// <summary>What <see cref="NotOursIn"/> names a message written by a buyer about their own purchase.</summary>
    public const string BuyersPurchase = "a buyer's own purchase";

    /// <summary>
    /// "인터넷 쇼핑몰에서 운동화를 샀는데 … 판매자는 연락도 안 받아요": the writer bought something online and asks as the
    /// buyer (their delivery, their refund, a seller who does not answer them); a seller's questions about their buyers
    /// say 구매자 and never "I bought it online". A message that speaks of the buyer as someone else ("구매자가 앱에서 주문했는데"), of
    /// buying stock ("도매", "재고", "사입") or of selling is not this.
    /// </summary>
    private static bool BuyersOwnPurchase(string message) =>
        (BoughtOnline().IsMatch(message) || SellerWontAnswerMe().IsMatch(message) || SpeaksAsABuyer().IsMatch(message)) && !SellerSide().IsMatch(message);

    /// <summary>
    /// The writer says they are not a seller but a shopper ("저 판매자 아니고 그냥 쇼핑하는 사람인데요", "I'm not a seller, just a
    /// customer"): what follows is about their own purchase.
    /// </summary>
    [GeneratedRegex(@"판매자\s*(?:가|는)?\s*아니(?:고|라|에요|예요|구요|고요|거든요|라서)|(?:그냥|일반)\s*(?:쇼핑하는|구매하는|물건\s*사는|사는)\s*사람"
        + @"|\bi\s*(?:'m|’m|am)\s+(?:not\s+a\s+seller|(?:just\s+)?an?\s+(?:buyer|customer|shopper))\b", RegexOptions.IgnoreCase)]
    private static partial Regex SpeaksAsABuyer();

    [GeneratedRegex(@"(?:온라인|인터넷|쇼핑몰|온라인몰|직구|사이트|앱|홈쇼핑|저\s*여기|제가\s*여기)(?:에서|서|으로|로)?\s*(?:\S+\s*){0,3}?(?:샀|산\s|구매했|구입했|주문했)|제가\s*(?:산|샀|구매한|주문한)\s"
        // "제가 개인적으로 해외직구한 운동화가 …", "카페에서 제 카드로 결제가 두 번 …": the writer's own purchase, as a shopper.
        + @"|직구(?:한|했|해서)\s|(?<![가-힣])제\s*(?:개인\s*)?카드로\s*(?:결제|산\s|샀|긁)"
        + @"|\bi\s+(?:bought|ordered|purchased)\b.{0,40}?\b(?:from|on|at)\s+(?:a|an|this|the|your|one)\s+(?:shop|store|site|seller|website)\b", RegexOptions.IgnoreCase)]
    private static partial Regex BoughtOnline();

    [GeneratedRegex(@"판매자(?:가|는|랑|와|한테|분이|분은)\s*(?:\S+\s*){0,2}?(?:연락|답|응답|환불)\S*\s*(?:을|를|이|도)?\s*안\s*(?:받|해|줘|주|돼|와)"
        + @"|판매자(?:가|는|분이|분은)\s*(?:연락|답|답장|응답)(?:이|도)?\s*(?:전혀\s*|아예\s*|계속\s*)?없(?:어요|어|네요|습니다|어서|고|음|다)|(?:구매자|소비자|산\s*사람)(?:로서|으로서|인데)")]
    private static partial Regex SellerWontAnswerMe();

    [GeneratedRegex(@"구매자(?:가|분|께서|님|한테|에게)|고객(?:이|님|분)|손님|도매|재고|사입|제\s*상품|저희\s*상품|제\s*스토어|저희\s*스토어|팔려고|판매하려|판매\s*중|팔고\s*있")]
    private static partial Regex SellerSide();

    /// <summary>
    /// Whether a message is about running a store here (a selling word or a lexicon term): a question about
    /// selling that no entry answers deserves a person, not "out of scope".
    /// </summary>
    public bool IsAboutSelling(string message, Lexicon lexicon) => HasSellingWord(message) || lexicon.Expand(message).Count > 0;

    /// <summary>Whether the message has one of the listed selling words (lexicon terms not counted).</summary>
    public bool HasSellingWord(string message)
    {
        var text = new Text(message);
        return FirstIn(_selling, text) is not null || FirstIn(_withStore, text) is not null && AboutAStore().IsMatch(message);
    }

    /// <summary>Words that put a message in a store's business, for the words that are about selling only there.</summary>
    [GeneratedRegex(@"스토어|판매|상품|주문|구매자|고객|손님|셀러|매출|정산|배송|택배|발송|반품|사업자|쇼핑몰|\b(?:stores?|shops?|sell(?:ers?|ing)?|orders?|customers?|buyers?|products?|listings?)\b", RegexOptions.IgnoreCase)]
    private static partial Regex AboutAStore();

    /// <summary>
    /// Whether each of the entries leaves a specific selling word of the message unmentioned (in its title, questions,
    /// answer and facts): "스토어 URL 변경" answered with the business-information entry names "URL", which that entry
    /// never does, so the entry does not cover it. False for no entries. The message is read once for all of them.
    /// The answer is read as <paramref name="answerEvidence"/> gives it, when given: a sentence that points to another
    /// entry ("수수료 세금계산서는 '세금계산서·부가세 자료' 안내를 참고해 주세요") speaks of that entry's topic, not this one's.
    /// </summary>
    public bool NoneCovers(IReadOnlyList<FaqEntry> entries, string message, Func<FaqEntry, IReadOnlyList<string>>? answerEvidence = null)
    {
        if (entries.Count == 0) return false;
        var text = new Text(message);
        var specific = _sellingTerms.Where(w => !Generic.Contains(w.Name.ToLowerInvariant()) && w.IsIn(text)).ToArray();
        return specific.Length > 0 && entries.All(faq =>
        {
            var entry = _entryText.GetValue(faq, f => new Text(string.Join(' ', [f.Title, .. answerEvidence?.Invoke(f) ?? [f.Answer], .. f.Facts, .. f.Questions])));
            return specific.Any(w => !w.IsIn(entry));
        });
    }

    private static Form? FirstIn(Form[] forms, Text text) => forms.FirstOrDefault(f => f.IsIn(text));

    private static Form[] Forms(IEnumerable<string> names) => names
        .Select(n => new Form(n))
        .Where(f => f.Compact.Length >= 2)
        .OrderByDescending(f => f.Compact.Length)
        .ToArray();

    /// <summary>A message or entry as matched: its spacing-free lower-case form and its lower-case words.</summary>
    private sealed class Text(string value)
    {
        public string Compact { get; } = TextNormalizer.Compact(value).ToLowerInvariant();
        public string Lower { get; } = " " + string.Join(' ', LatinWords().Matches(value.ToLowerInvariant()).Select(m => m.Value)) + " ";
    }

    private sealed class Form(string name)
    {
        public string Name { get; } = name;
        public string Compact { get; } = TextNormalizer.Compact(name).ToLowerInvariant();
        private readonly bool _latin = name.All(c => c < 128);
        private readonly string _words = " " + string.Join(' ', LatinWords().Matches(name.ToLowerInvariant()).Select(m => m.Value)) + " ";

        public bool IsIn(Text text) => _latin ? text.Lower.Contains(_words, StringComparison.Ordinal) : text.Compact.Contains(Compact, StringComparison.Ordinal);

        public bool IsLatin => _latin;

        /// <summary>Whether this (Korean) form occurs in <paramref name="compact"/> around the span [<paramref name="at"/>, +<paramref name="length"/>).</summary>
        public bool Holds(string compact, int at, int length)
        {
            if (_latin) return false;
            for (var start = Math.Max(0, at + length - Compact.Length); start <= at; start++)
                if (start + Compact.Length <= compact.Length && string.CompareOrdinal(compact, start, Compact, 0, Compact.Length) == 0) return true;
            return false;
        }
    }

    private static Regex LatinWords() => LatinWordPattern;

    private static readonly Regex LatinWordPattern = new("[a-z0-9]+", RegexOptions.Compiled | RegexOptions.CultureInvariant);
}
