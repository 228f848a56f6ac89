using Assistant.Dialogue;
using System.Text.RegularExpressions;
using Assistant.Text;

namespace Assistant.Handoff.Slots;

/// <summary>
/// The product name's grammar: a noun phrase of at most six words and 40 characters. After a label
/// ("상품명은", "제품:", "product") the words up to the first word that is not part of a name (a
/// predicate, a request, an adverb, a process noun like 배송/주문/등록, another detail, punctuation);
/// the particle, copula or connective on its last word is dropped ("무선 청소기고" → "무선 청소기").
/// Unlabelled, a phrase right before 상품/주문/배송… or an item of a detail list, which is a guess.
/// </summary>
internal static partial class ProductNames
{
    public const int MaxWords = 6, MaxLength = 40;

    [GeneratedRegex(@"(?<![A-Za-z가-힣])(?:(?:상품\s*명|상품\s*이름|제품\s*명|제품\s*이름|상품|제품|품목|product(?:\s*name)?)(?:\s*(?:은요|는요|은|는|이|가|을|를|is|should\s+be|must\s+be|was)(?=[\s'""“‘]|$)|\s*[:：=]|(?=[\s'""“‘]|$))|item(?:\s*name)?\s*[:：=]|(?:정확한|정식)\s*(?:이름|명칭)\s*(?:은|는|:))\s*", RegexOptions.IgnoreCase)]
    internal static partial Regex Label();

    /// <summary>
    /// Words that point at the product before an answer names it: "it's the", "this is a", "my", "그건", "이거는". An article
    /// on its own is taken only in lower case: "The Body Shop 바디로션" is a brand.
    /// </summary>
    [GeneratedRegex(@"\G(?:(?:(?:it|this|that)(?:'s|’s|\s+is|\s+was)|its)\s+(?:(?:the|a|an|my|our)\s+)?|(?-i:the|a|an|my|our)\s+|(?:그건|이건|저건|그거는|이거는|저거는|그게|이게)\s+)", RegexOptions.IgnoreCase)]
    private static partial Regex LeadIn();

    // A word: whitespace and punctuation end it, a colon too ("상품:키즈 장화"); '.' stays inside ("5.5kg") and is trimmed at its end.
    [GeneratedRegex(@"[^\s,!?/;:：|…~()\[\]<>'""“”‘’「」『』]+")]
    private static partial Regex WordPattern();

    [GeneratedRegex(@"(?:[어아여해돼되와워봐줘꿔라러게께구]요|세요|네요|군요|죠|지요|까요|나요|래요|대요|데요|(?<!입)니다|는데|은데|던데|는지|[어아해돼와워여져봐줘꿔]서|니까|려고|지만|[하되한된있없같싶]다|[있없같싶알]어|같아|몰라|알아|하고|되고|하는|되는|하면|되면|[해돼줘꿔봐]|(?:깨|터|어|아|서|가|겨)져|하려|되려|주세|됨)$")]
    private static partial Regex PredicateEnding();

    // Past and future tense syllables occur in verbs, not in product names: 했, 됐, 왔, 겠…
    [GeneratedRegex(@"[았었였했됐왔갔봤줬났웠켰꿨렸졌쳤겠]")]
    private static partial Regex TenseSyllable();

    [GeneratedRegex(@"^(?:[월화수목금토일]요일|주말|평일|연휴|작년|올해|내년|지난달|이번\s*달|다음\s*달|저번\s*주|이번\s*주|다음\s*주|오전|오후|아침|점심|저녁|새벽|밤|\d+\s*(?:년|월|일|시|분|주|개월|주일|일째)|(?:시간|분|일|주|달|개월|년|주일|주째|달째|년째|시간째|분째|일째|개월째)째?)$")]
    private static partial Regex TimeWord();

    /// <summary>
    /// A quoted name followed by the word for a product: "'캔버스 스니커즈 화이트' 상품이", "“수면 양말” 제품"; or for an order,
    /// when the name has a space or a digit, as a product's name does and a quoted status ("'배송중' 주문") does not:
    /// "'라벤더 디퓨저 200ml' 주문이 있었는데요".
    /// </summary>
    [GeneratedRegex(@"['""“‘「『](?<name>[^'""“”‘’「」『』\n]{2,60}?)['""”’」』]\s*(?:이라는|라는|이란|란)?\s*(?:상품|제품)(?![가-힣]{2})"
        + @"|['""“‘「『](?<name>(?=[^'""“”‘’「」『』\n]*[\s0-9])[^'""“”‘’「」『』\n]{2,60}?)['""”’」』]\s*(?:이라는|라는|이란|란)?\s*주문(?:이|을|은|건|\s|$)")]
    private static partial Regex QuotedBeforeProduct();

    /// <summary>Adverbs of naming before a quoted name: "정확하게", "정확히는", "정확히 하면", "정식 명칭은", "full name is".</summary>
    [GeneratedRegex(@"\G(?:(?:정확하게|정확히|정확한|정식|정식으로|원래|공식|전체|풀네임|풀\s*네임|명칭|이름)(?:은|는|이|으로|로)?\s*(?:(?:하면|말하면|말씀드리면|쓰면|적으면)\s*)?)+")]
    private static partial Regex HowNamed();

    /// <summary>
    /// The same words before a name without quotes, when they plainly only say how it is named: an adverb ("정확히는",
    /// "actually") or a noun with its particle ("정식 명칭은"), or that it is given first ("상품명 먼저 말할게요 캐시미어 머플러");
    /// a bare "공식" or "전체" may begin the name itself ("공식 굿즈 키링").
    /// </summary>
    [GeneratedRegex(@"\G(?:(?:정확하게|정확히)(?:은|는)?|(?:(?:정확한|정식)\s*)?(?:명칭|이름|풀\s*네임)(?:은|는|이|으로|로)|(?:정식|원래|공식|전체)(?:은|는|으로|로)|(?i:actually|really|in\s+fact|correctly)|잘못\s*(?:씀|썼어요|썼네요|썼음|적었어요|적음|들어갔어요|됐어요|됨)[.,!]?|틀렸어요[.,!]?|틀렸네요[.,!]?|틀림[.,!]?|오타(?:났어요|남|네요)?[.,!]?|(?:먼저|일단)\s*(?:말할게요|말씀드릴게요|말씀드리면|알려\s*드릴게요|드릴게요|적을게요)[.,!:]?)(?:\s+(?:(?:정확한|정식)\s*)?(?:명칭|이름)(?:은|는|이|으로|로))?\s+")]
    private static partial Regex HowNamedBare();

    // A verb's helper after it: "바꿔 주세요", "확인해 줘", "봐 주실래요".
    [GeneratedRegex(@"^(?:주세|주시|주십|줘|줄래|주실|드려|드릴|보세요|봐요)")]
    private static partial Regex Auxiliary();

    private const string OpenQuotes = "'\"“‘「『", CloseQuotes = "'\"”’」』";

    private static readonly HashSet<string> FunctionWords = new(StringComparer.Ordinal)
    {
        "안", "못", "아직", "계속", "왜", "좀", "빨리", "그냥", "지금", "벌써", "전혀", "너무", "언제", "어제", "오늘", "내일", "방금", "아까",
        "딱히", "특별히", "별로", "다시", "막", "혹시", "잠깐", "잠깐만", "잠깐만요", "잠시", "잠시만", "잠시만요", "아", "앗", "어", "제발", "아니", "아니요", "아뇨", "네", "예", "저", "제", "저희", "제가", "저는", "내가", "나",
        "그리고", "근데", "그런데", "그래서", "또", "이", "그", "해당", "모든", "전부", "다", "꼭", "정말", "진짜", "아무", "아무것도", "무슨",
        "어떤", "뭐", "뭔가", "이거", "그거", "저거", "이것", "그것", "그런거", "그런건", "그런것", "그런게", "여기", "거기", "지난번", "지난주", "며칠", "한참", "자꾸", "이미", "이제", "요즘", "먼저", "혹은",
        "이렇게", "그렇게", "저렇게", "어떻게", "때", "경우", "동안", "이런", "그런", "저런", "잘못", "오타", "제대로", "똑바로", "그대로", "이대로", "그건", "이건", "저건", "그게", "이게", "말고", "아니고", "대신", "따로", "별도로",
        // Determiners: "특정 주문이나 상품 건은 아니에요", "다른 상품 건도 아니고" name no product.
        "특정", "다른", "각", "같은", "전체", "기타",
        "없음", "모름", "없어요", "몰라요", "패스", "none", "unknown", "idk",
        // Quantities: "상품 하나가 …" names no product.
        "하나", "한", "두", "몇", "여러", "일부", "개", "한개", "두개", "여러개",
        "is", "are", "was", "not", "please", "the", "my", "to", "for", "has", "have", "can", "can't", "didn't", "doesn't", "isn't", "still", "why",
        "either", "neither", "too", "also", "actually", "really", "just", "it", "it's", "its", "this", "that", "and", "or", "but", "about", "any", "none", "one",
        "involved", "related", "affected", "concerned", "specific", "particular", "here", "there",
    };

    // Nouns that name a process, a problem or another detail, never a product.
    private static readonly HashSet<string> StopNouns = new(StringComparer.OrdinalIgnoreCase)
    {
        "해외", "국내", "배송", "주문", "건", "관련", "문의", "결제", "환불", "반품", "교환", "정산", "등록", "상담", "상담원", "상담사", "때문", "택배", "송장",
        "재고", "품절", "판매", "노출", "리뷰", "취소", "문제", "오류", "에러", "수정", "상세", "페이지", "상세페이지", "이미지", "가격", "정보",
        "중지", "쿠폰", "포인트", "계좌", "세금계산서", "수수료", "광고", "계정", "비밀번호", "아이디", "판매자", "셀러", "고객", "구매자", "구매",
        "확인", "처리", "요청", "접수", "연결", "번호", "발송", "출고", "입고", "도착", "누락", "파손", "불량", "내역", "금액", "입금", "출금",
        "승인", "심사", "검수", "상품", "제품", "상품명", "제품명", "품목", "것", "거", "부분", "사람", "담당자", "전화", "통화", "답변", "진행",
        "안내", "연락", "할인", "회수", "검색", "ID", "order", "seller", "product",
        // The shop itself is no product: "우리 스토어에서 결제가 안 돼요".
        "스토어", "가게", "매장", "쇼핑몰",
    };

    private static readonly string[] StopPrefixes =
        ["상품", "제품", "배송", "주문", "결제", "정산", "환불", "반품", "교환", "취소", "등록", "판매", "상세", "문의", "상담", "품절", "노출", "송장", "택배"];

    // A copula or polite ending written as its own word: "텀블러 입니다"; in Gyeongsang speech "활전복 1kg 입니더".
    private static readonly HashSet<string> Copulas = new(StringComparer.Ordinal) { "입니다", "입니더", "입니데이", "이에요", "이예요", "예요", "에요", "이요", "요", "임", "이고", "이고요", "이구요", "고요", "구요", "인데", "인데요", "입니당" };

    private static readonly string[] Cues = ["주문", "구매", "배송", "반품", "교환", "환불"];

    private enum Sound { Any, Consonant, Vowel, VowelOrRieul }

    // Endings dropped from a name's last word, longest first, with the sound of the word they follow.
    private static readonly (string Ending, Sound After, int MinStem)[] Endings =
    [
        ("이었어요", Sound.Consonant, 1), ("이었습니다", Sound.Consonant, 1), ("이었는데", Sound.Consonant, 1),
        ("였어요", Sound.Vowel, 1), ("였습니다", Sound.Vowel, 1), ("였는데", Sound.Vowel, 1),
        ("입니데이", Sound.Any, 1), ("입니다", Sound.Any, 1), ("입니더", Sound.Any, 1), ("인데요", Sound.Any, 1), ("이고요", Sound.Consonant, 1), ("이구요", Sound.Consonant, 1), ("이에요", Sound.Consonant, 1), ("이예요", Sound.Consonant, 1), ("이라서", Sound.Consonant, 1),
        ("예요", Sound.Vowel, 1), ("에요", Sound.Any, 1), ("이요", Sound.Consonant, 1), ("이고", Sound.Consonant, 1), ("인데", Sound.Any, 1),
        ("라서", Sound.Vowel, 1), ("고요", Sound.Vowel, 2), ("구요", Sound.Vowel, 2), ("이라", Sound.Consonant, 1), ("이랑", Sound.Consonant, 1), ("으로", Sound.Consonant, 1), ("에서", Sound.Any, 1),
        ("에게", Sound.Any, 1), ("한테", Sound.Any, 1), ("랑", Sound.Vowel, 2),
        ("요", Sound.Any, 1), ("고", Sound.Vowel, 2), ("이", Sound.Consonant, 2), ("가", Sound.Vowel, 2), ("은", Sound.Consonant, 1),
        ("는", Sound.Vowel, 1), ("을", Sound.Consonant, 1), ("를", Sound.Vowel, 1), ("로", Sound.VowelOrRieul, 2), ("의", Sound.Any, 2),
        ("에", Sound.Any, 2), ("도", Sound.Any, 2), ("과", Sound.Consonant, 2), ("와", Sound.Vowel, 2),
    ];

    /// <summary>Verb roots that make a noun with 이 after them (받이, 걸이, 잡이, 볶이, 깎이, 꽂이, 닦이, 막이, 놀이, 떨이, 붙이, 먹이).</summary>
    private static readonly HashSet<char> NounFromVerbRoot = ['받', '걸', '잡', '볶', '깎', '꽂', '닦', '막', '놀', '떨', '붙', '먹', '묶', '밀', '뚫', '덮'];

    /// <summary>One-syllable endings that mark a noun's role in a sentence, so only come before more of it.</summary>
    private static readonly HashSet<string> CaseParticles = new(StringComparer.Ordinal) { "이", "가", "은", "는", "을", "를", "로", "의", "에", "도", "과", "와", "랑" };

    private readonly record struct Word(int Start, string Text, bool StopsAfter)
    {
        public int End => Start + Text.Length;
    }

    public static SlotMatch? ReadAt(string text, int at)
    {
        // "상품명은 정확하게 '한라봉 선물세트 3kg'이에요": words that only say how it is named stand before the quoted name.
        if (HowNamed().Match(text, at) is { Success: true } how && how.Index == at && at + how.Length < text.Length && OpenQuotes.Contains(text[at + how.Length]))
            at += how.Length;
        else if (HowNamedBare().Match(text, at) is { Success: true } bare && bare.Index == at && at + bare.Length < text.Length)
            at += bare.Length;
        if (at < text.Length && OpenQuotes.Contains(text[at]))
        {
            var close = text.IndexOfAny(CloseQuotes.ToCharArray(), at + 1);
            return close > at + 1 ? new SlotMatch(at + 1, close - at - 1) : null;
        }
        var words = Words(text).Where(w => w.Start >= at).ToList();
        if (words.Count == 0 || HasBreak(text, at, words[0].Start)) return null;
        var taken = Phrase(words);
        if (taken == 0) return null;
        // "전혀 다른 제품이 들어 있었어요", "상품명을 대충 말했네요": after a subject or object particle the words are the
        // sentence's predicate, not a name, unless they end the clause or carry the copula ("상품이 무선 청소기예요").
        if (SubjectLabel().IsMatch(text.AsSpan(0, at)) && !EndsTheClause(text, words[taken - 1].End) && !CopulaEnding().IsMatch(words[taken - 1].Text))
            return null;
        return new SlotMatch(words[0].Start, words[taken - 1].End - words[0].Start);
    }

    /// <summary>A label with the subject or object particle just before the reading starts: "상품이 ", "상품명을 ".</summary>
    [GeneratedRegex(@"(?:상품|제품|품목|상품\s*명|제품\s*명)\s*(?:이|가|을|를)\s*$")]
    private static partial Regex SubjectLabel();

    [GeneratedRegex(@"(?:이에요|이예요|예요|에요|입니다|입니더|입니데이|이요|이고요?|이구요|인데요?|였어요|이었어요|이라서|라서)$")]
    private static partial Regex CopulaEnding();

    /// <summary>Whether nothing but spaces and punctuation follow <paramref name="end"/> up to the clause's end.</summary>
    private static bool EndsTheClause(string text, int end)
    {
        for (var i = end; i < text.Length; i++)
        {
            var c = text[i];
            if (c is '.' or ',' or '!' or '?' or '？' or '\n' or '~' or '。') return true;
            if (!char.IsWhiteSpace(c)) return false;
        }
        return true;
    }

    public static IEnumerable<SlotMatch> Scan(string text)
    {
        var list = DetailList.Of(text);
        var names = list.Items.Where(i => i.Text.Any(IsHangulSyllable) || !SellerIds.IsIdShaped(i.Text))
            .Where(i => IsNounPhrase(i.Text) && Label().Match(i.Text) is not { Success: true, Index: 0 }).ToArray();
        foreach (var item in names)
            yield return new SlotMatch(item.Start, item.Text.Length, list.IsDetailsOnly && names.Length == 1 ? Certainty.Certain : Certainty.Uncertain);

        // "제 '캔버스 스니커즈 화이트' 상품이 판매중지됐어요": a quoted name right before the word for a product is that
        // product's name, as sure as after a label.
        foreach (Match quoted in QuotedBeforeProduct().Matches(text))
            yield return new SlotMatch(quoted.Groups["name"].Index, quoted.Groups["name"].Length, Certainty.Certain);

        // "무선 이어폰 주문했는데", "무선 이어폰이 배송이 안 와요", "무선 이어폰 상품이…": the words right before the cue.
        var words = Words(text).ToList();
        for (var i = 1; i < words.Count; i++)
        {
            if (!IsCue(words[i].Text) || words[i - 1].StopsAfter) continue;
            var first = i;
            for (var j = i - 1; j >= 0 && first - j <= MaxWords; j--)
            {
                if (j < i - 1 && (words[j].StopsAfter || Strip(words[j].Text) != words[j].Text)) break;
                if (IsBoundary(words[j].Text, words[j + 1].Text)) break;
                first = j;
            }
            // "유통기한 지난 제품", "배송 온 상품", "받은 제품": a clause describing the product, not its name.
            if (first < i && IsAdnominal(words[i - 1].Text)) continue;
            if (first < i && i - first <= 4) yield return new SlotMatch(words[first].Start, words[i - 1].End - words[first].Start, Certainty.Uncertain);
        }
    }

    public static SlotMatch? ReadAnswer(string answer)
    {
        var start = answer.Length - answer.TrimStart().Length;
        if (start == answer.Length) return null;
        // "it's the ceramic mug set", "그건 수제 딸기잼이에요": what points at the product is not its name.
        if (LeadIn().Match(answer, start) is { Success: true, Length: > 0 } lead && lead.Index == start && answer[(start + lead.Length)..].Any(char.IsLetterOrDigit))
            start += lead.Length;
        if (Label().Match(answer, start) is { Success: true } label && label.Index == start) return ReadAt(answer, label.Index + label.Length);
        return new SlotMatch(start, answer.TrimEnd().Length - start);
    }

    /// <summary>The name an answer starts with when it says more: "무선 청소기 배송이 안 와요" → "무선 청소기" (a guess).</summary>
    public static SlotMatch? ReadAnswerLoosely(string answer)
    {
        var start = answer.Length - answer.TrimStart().Length;
        var words = Words(answer).Where(w => w.Start >= start).ToList();
        var taken = Phrase(words);
        if (taken == 0 || taken == words.Count) return null;
        // Only a phrase that a particle or a process noun marks as the subject: "무선 청소기가 고장…", "무선 청소기 배송이…", not "이제 됐어요".
        var last = words[taken - 1].Text;
        if (Strip(last) == last && !IsStopNoun(Strip(words[taken].Text))) return null;
        return new SlotMatch(words[0].Start, words[taken - 1].End - words[0].Start, Certainty.Uncertain);
    }

    /// <summary>
    /// <see cref="Normalize"/> for a name that ends the message: a one-syllable case particle (이, 가, 을, 도…) needs a
    /// predicate after it, so at the end it is part of the noun ("진주 귀걸이", "고양이"); copulas and 요 still go.
    /// </summary>
    public static string NormalizeFinal(string value) => Normalize(value, caseParticles: false);

    public static string Normalize(string value) => Normalize(value, caseParticles: true);

    private static string Normalize(string value, bool caseParticles)
    {
        var s = value.Trim();
        // "'수제 쿠키 세트'요": the quoted name; what follows the closing quote is an ending.
        if (s.Length > 0 && OpenQuotes.Contains(s[0]) && s.IndexOfAny(CloseQuotes.ToCharArray(), 1) is var close and > 1) s = s[1..close];
        s = s.Trim().Trim(OpenQuotes.ToCharArray()).Trim(CloseQuotes.ToCharArray()).Trim().TrimEnd('.', '!', '~', ',', '。').Trim();
        var words = s.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).ToList();
        while (words.Count > 1 && Copulas.Contains(words[^1])) words.RemoveAt(words.Count - 1);
        if (words.Count > 0 && !IsPredicate(words[^1])) words[^1] = Strip(words[^1], caseParticles);
        // "마카롱 6구임": the informal copula after a quantity; no name ends in a quantity and 임 ("보드게임" is no quantity).
        if (words.Count > 0 && QuantityThenCopula().IsMatch(words[^1])) words[^1] = words[^1][..^1];
        return string.Join(' ', words);
    }

    [GeneratedRegex(@"\d\s*[가-힣A-Za-z]{0,2}임$")]
    private static partial Regex QuantityThenCopula();

    public static SlotValidation Validate(string value)
    {
        if (!value.Any(char.IsLetter)) return SlotValidation.Invalid("상품명을 알려 주세요.");
        if (value.Length > MaxLength) return SlotValidation.Invalid("상품명은 40자 안으로 짧게 알려 주세요.");
        var words = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length > MaxWords) return SlotValidation.Invalid("상품명만 짧게 알려 주세요.");
        if (value.Contains('?') || value.Contains('？')) return SlotValidation.Invalid("질문이 아니라 상품명을 알려 주세요.");
        // "지난주 금요일에 주문한 …": a day or a time alone names when, not what.
        if (words.Length == 1 && TimeWord().IsMatch(Strip(words[0]))) return SlotValidation.Invalid("날짜나 시간이 아니라 상품명을 알려 주세요.");
        // A reply that is only an act ("Yes", "submit", "넵") names no product, in any case.
        if (ReplyActs.Read(value) is { IsWhole: true, Act: not ReplyAct.None }) return SlotValidation.Invalid("문장이나 요청이 아니라 상품명만 알려 주세요.");
        if (words.Any(w => FunctionWords.Contains(w) || FunctionWords.Contains(Strip(w)) || Copulas.Contains(w) || IsNegativeCopula(w) || IsPredicate(w) || IsStopNoun(Strip(w)) || IsStopNoun(w)))
            return SlotValidation.Invalid("문장이나 요청이 아니라 상품명만 알려 주세요.");
        return SlotValidation.Valid;
    }

    /// <summary>True when <paramref name="text"/>, normalized, is a product name (a short noun phrase).</summary>
    public static bool IsNounPhrase(string text) => Validate(Normalize(text)).IsValid;

    // How many of the words (from the first) make the name: 0 when the first already is not part of one, or the phrase runs past six words.
    private static int Phrase(List<Word> words)
    {
        var taken = 0;
        for (var i = 0; i < words.Count; i++)
        {
            var word = words[i];
            var next = !word.StopsAfter && i + 1 < words.Count ? words[i + 1].Text : null;
            if (IsBoundary(word.Text, next)) break;
            if (++taken > MaxWords) return 0;
            if (word.StopsAfter || EndsWithCopula(word.Text)) break;
        }
        return taken;
    }

    private static bool IsBoundary(string word, string? next)
    {
        // A dash or slash written as its own word separates the name from what follows ("생활한복 원피스 - buyer claims …").
        if (!word.Any(char.IsLetterOrDigit)) return true;
        if (Copulas.Contains(word) || FunctionWords.Contains(word) || IsNegativeCopula(word)) return true;
        var stem = Strip(word);
        if (FunctionWords.Contains(stem) || IsStopNoun(word) || IsStopNoun(stem)) return true;
        if (IsPredicate(word)) return true;
        if (next is not null && Auxiliary().IsMatch(next)) return true;
        // Another detail: an order number, an e-mail, a handle like shop_kim.
        if (word.Count(char.IsAsciiDigit) >= 8 && word.All(c => char.IsAsciiDigit(c) || c is '-')) return true;
        return word.Contains('@') || word.Contains('_');
    }

    // A noun with a copula ending ("스크래쳐인데요", "텀블러예요") is the end of a name, not a verb.
    private static bool IsPredicate(string word) =>
        word.Any(IsHangulSyllable) && !EndsWithCopula(word) && (TenseSyllable().IsMatch(word) || PredicateEnding().IsMatch(word));

    /// <summary>
    /// A verb's form before a noun (지난, 온, 찢어진, 받은, 들어온): its last syllable is one such a form ends in. Nouns
    /// ending in these are rare among product names; 인 is left out (와인, 체인), and 한 only counts after two syllables
    /// or more (이상한, 수상한, 비슷한: a 하다 adjective), not alone or after one (한, 무한).
    /// </summary>
    private static bool IsAdnominal(string word) =>
        word.Length > 0 && ("은는던온진난된낸린른운친픈큰간".Contains(word[^1]) || word.Length >= 3 && word[^1] == '한' && word.All(IsHangulSyllable));

    /// <summary>The negative copula in any form ("아니라", "아닌데", "아니었어요"): it says what the product is not.</summary>
    private static bool IsNegativeCopula(string word) =>
        word.Length <= 6 && (word.StartsWith("아니", StringComparison.Ordinal) || word.StartsWith("아닌", StringComparison.Ordinal)
                             || word.StartsWith("아님", StringComparison.Ordinal) || word.StartsWith("아닙", StringComparison.Ordinal) || word.StartsWith("아냐", StringComparison.Ordinal));

    private static bool IsStopNoun(string word) =>
        StopNouns.Contains(word) || StopPrefixes.Any(p => word.StartsWith(p, StringComparison.Ordinal) && word.Length > p.Length)
        // "건도", "건은": a one-syllable stop noun with its particle, which Strip keeps whole (a stem there needs two letters).
        || word.Length == 2 && CaseParticles.Contains(word[1..]) && StopNouns.Contains(word[..1]);

    private static bool IsCue(string word)
    {
        var stem = Strip(word);
        if (stem is "상품" or "제품") return true;
        return !word.StartsWith("주문번호", StringComparison.Ordinal) && Cues.Any(c => word.StartsWith(c, StringComparison.Ordinal));
    }

    private static bool EndsWithCopula(string word) =>
        Strip(word) is var stem && stem != word && word[stem.Length..] is "입니다" or "입니더" or "입니데이" or "인데요" or "이에요" or "예요" or "에요" or "이요" or "이고" or "고" or "이고요" or "고요" or "이구요" or "구요" or "인데" or "이라서" or "라서" or "였어요" or "이었어요" or "였습니다" or "이었습니다" or "였는데" or "이었는데";

    /// <summary>The word without its particle, copula or connective, when the ending fits the sound before it.</summary>
    private static string Strip(string word) => Strip(word, caseParticles: true);

    private static string Strip(string word, bool caseParticles)
    {
        foreach (var (ending, after, minStem) in Endings)
        {
            if (!word.EndsWith(ending, StringComparison.Ordinal)) continue;
            if (!caseParticles && ending.Length == 1 && CaseParticles.Contains(ending)) continue;
            var stem = word[..^ending.Length];
            if (stem.Length < minStem || !char.IsLetterOrDigit(stem[^1])) continue;
            // "오가닉 턱받이예요": a noun made of a verb root and 이 (턱받이, 목걸이, 손잡이, 떡볶이) takes 예요, and its 이 stays;
            // after another consonant "이예요" is the copula misspelt ("마카롱이예요").
            if (ending == "이예요" && stem.Length >= 1 && NounFromVerbRoot.Contains(stem[^1])) continue;
            var sound = Josa.EndingOf(stem);
            // "귀리 그래놀라 500g이고요": after Latin letters or digits the sound depends on how they are read (그램, 지), so
            // any ending fits; the longest is tried first.
            var fits = !IsHangulSyllable(stem[^1]) || after switch
            {
                Sound.Consonant => sound != Josa.Ending.Vowel,
                Sound.Vowel => sound == Josa.Ending.Vowel,
                Sound.VowelOrRieul => sound != Josa.Ending.Consonant,
                _ => true,
            };
            if (fits) return stem;
        }
        return word;
    }

    private static IEnumerable<Word> Words(string text)
    {
        var matches = WordPattern().Matches(text);
        for (var i = 0; i < matches.Count; i++)
        {
            var m = matches[i];
            var value = m.Value.TrimEnd('.', '。');
            var gapEnd = i + 1 < matches.Count ? matches[i + 1].Index : text.Length;
            var stops = value.Length < m.Value.Length || HasBreak(text, m.Index + m.Length, gapEnd);
            if (value.Length > 0) yield return new Word(m.Index, value, stops);
        }
    }

    // Punctuation or a line break between two words ends a phrase.
    private static bool HasBreak(string text, int from, int to) =>
        text.AsSpan(from, to - from).ContainsAnyExcept(' ', '\t');

    private static bool IsHangulSyllable(char c) => c is >= '가' and <= '힣';
}
