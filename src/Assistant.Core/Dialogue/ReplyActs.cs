using System.Text;
using System.Text.RegularExpressions;
using Assistant.Text;
using static Assistant.Dialogue.ReplyActVocabulary;

namespace Assistant.Dialogue;

/// <summary>
/// Reads the seller's conversational act (<see cref="ReplyAct"/>) from the opening of a message, with
/// the words of <see cref="ReplyActVocabulary"/>. The message is folded to its compact form (spacing,
/// punctuation, emoticons and case ignored) and read from the start as a chain of known word units;
/// each unit must end at a word boundary or run straight into the next unit, so "네접수해주세요" is read
/// but "네이버" and "노트북" are not. The chain stops at the first unknown word: what follows is the
/// remainder ("네 근데 정산은 언제 돼요?" is an affirm opening a new question).
/// <para>
/// When several acts are chained, the last one wins ("네 접수 안 할래요" is a cancel, "아니 그냥 빨리
/// 상담원 연결해 주세" a request for a person), except that thanks and goodbye yield to any other act
/// ("네 감사합니다" affirms). A field named before a skip or a denial ("주문번호는 몰라요") is reported.
/// </para>
/// </summary>
public static partial class ReplyActs
{
    /// <summary>Every row's pattern in one automaton: a turn reads its opening words, and up to six tails of each clause for a request for a person, position by position.</summary>
    private static readonly UnitAutomaton Units = UnitAutomaton.Build(Rows.Select(r => r.Pattern).ToArray());

    /// <summary>Reads the act of one seller message.</summary>
    public static ReplyActReading Read(string? text) => Read(new Folded(WithoutHesitation((text ?? "").Normalize(NormalizationForm.FormC))), 0);

    /// <summary>
    /// A hesitation said inside a message ("아까 접수한 거 음 어떻게 됐어요", "주문번호가 그 뭐지 …"), as dictation types it: no
    /// word of the act. At the start it is a filler the rows read anyway ("음 네"), and "어" (also a casual yes) is kept.
    /// </summary>
    private static string WithoutHesitation(string text) => Hesitation().Replace(text, " ");

    [GeneratedRegex(@"(?<=\S\s+)(?:음+|으음|흠+|그\s+뭐지|뭐더라)(?=\s)")]
    private static partial Regex Hesitation();

    /// <summary>Reads the act of the text from compact position <paramref name="from"/> on (a word's start, or 0).</summary>
    private static ReplyActReading Read(Folded text, int from)
    {
        var units = Chain(text, from);

        // A unit that counts only as the whole message ("취소", "노") ends the chain when more follows.
        var limit = units.Count;
        while (true)
        {
            var reading = Resolve(text, from, units, limit, out var consumed);
            if (reading.IsWhole || reading.Act == ReplyAct.None) return reading;
            var whole = units.FindIndex(0, consumed, u => u.Row.Flags.HasFlag(Flags.Whole));
            if (whole < 0) return reading;
            limit = whole;
        }
    }

    /// <summary>
    /// A text folded once (<see cref="Fold"/>), with the longest unit at each compact position remembered: reading
    /// a clause from each of its last words visits the same positions again.
    /// </summary>
    private sealed class Folded
    {
        private readonly Dictionary<int, List<(Row Row, int Length)>> _units = [];

        public Folded(string original)
        {
            Original = original;
            (Compact, Map) = Fold(original);
        }

        public string Original { get; }
        public string Compact { get; }
        public int[] Map { get; }

        /// <summary>The units starting at compact position <paramref name="pos"/>, longest first.</summary>
        public List<(Row Row, int Length)> UnitsAt(int pos)
        {
            if (!_units.TryGetValue(pos, out var units)) _units[pos] = units = ReplyActs.UnitsAt(Compact, pos);
            return units;
        }

        /// <summary>The compact position of the first letter or digit at or after <paramref name="index"/> of the original.</summary>
        public int CompactAt(int index)
        {
            // The first of equal entries: one original character can fold to several ("ﬁ" to "fi").
            int low = 0, high = Map.Length;
            while (low < high)
            {
                var mid = (low + high) >>> 1;
                if (Map[mid] < index) low = mid + 1;
                else high = mid;
            }
            return low;
        }
    }

    /// <summary>
    /// Reads each clause of a longer message on its own (split at sentence marks and commas), so an act
    /// said after the situation ("반품 건으로 상담 받고 싶어요, 사람으로요") is found too.
    /// </summary>
    public static IEnumerable<ReplyActReading> ReadClauses(string? text)
    {
        foreach (var clause in Clauses(text ?? ""))
            if (clause.Trim().Length > 0) yield return Read(clause);
    }

    private const int MaxRequestWords = 6;

    /// <summary>
    /// Whether any clause ends in a request for a person, also after other words ("똑같은 답변 말고 담당자
    ///붙여 주세요", "책임자 연결하세요"): each clause's tail is read from every word on.
    /// </summary>
    public static bool AsksForAPerson(string? text) => AClauseEndsIn(text, ReplyAct.HumanRequest);

    /// <summary>"상담원 연결 말고요", "담당자는 필요 없고", "상담은 안 할게요", "no agent needed": a person named to say no to one.</summary>
    public static bool DeclinesAPerson(string? text) => !string.IsNullOrEmpty(text) && NoPerson().IsMatch(text);

    [GeneratedRegex(@"(?:상담원|상담사|담당자|직원|사람)\S{0,2}\s*(?:연결\S{0,2}\s*)?(?:말고|필요\s*없|안\s*해도|안\s*불러도|됐고|괜찮고)|(?<![가-힣])상담(?:은|는)?\s*안\s*(?:할|받)|\bno\s+(?:agent|person|human)\s+(?:is\s+)?needed\b|\b(?:don'?t|do\s+not)\s+(?:need|want)\s+(?:an?\s+|to\s+talk\s+to\s+an?\s+)?(?:agent|person|human)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NoPerson();

    /// <summary>Whether any clause ends in asking whether the assistant is a person or a bot ("혹시 지금 대화하는 분 사람이세요, 기계세요?").</summary>
    public static bool AsksIfABot(string? text) => AClauseEndsIn(text, ReplyAct.AreYouBot, except: TellsWhoTheWriterIs);

    /// <summary>
    /// "저는 중국 사람이에요", "전 외국 사람이라": a clause whose topic is the writer, not a question, says who they are; its
    /// "사람이에요" asks nothing about the assistant.
    /// </summary>
    private static bool TellsWhoTheWriterIs(string clause) => WriterAsTopic().IsMatch(clause) && !clause.TrimEnd().EndsWith('?');

    [GeneratedRegex(@"^\s*(?:저는|전|나는|난|저도|나도)\s")]
    private static partial Regex WriterAsTopic();

    /// <summary>
    /// Whether the message's last clause ends, after other words, in asking to go ahead with filing ("그건 무시하시고 원래
    /// 내용 그대로 접수해 주세요", "특정 상품 건은 아니에요. 빨리 접수해 주세요"): a yes that names the filing, not a bare "네"
    /// after a sentence.
    /// </summary>
    public static bool EndsInGoAhead(string? text)
    {
        if (string.IsNullOrEmpty(text) || text.Length > 400) return false;
        var clause = Clauses(text).LastOrDefault(c => c.Trim().Length > 0);
        return clause is not null && WholeTailAt(clause, ReplyAct.Affirm, firstWord: 1) is { } at && GoAhead().IsMatch(clause[at..]);
    }

    [GeneratedRegex(@"접수|진행|신청|넣어|전달|보내|넘겨|submit|go\s*ahead|proceed|file\s+it|send\s+it", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex GoAhead();

    /// <summary>
    /// Whether the message ends in a clause of its own that wholly calls off the request ("… 얘기해 볼게요. 접수하지 마세요",
    /// "…, 상담 신청은 취소할게요"): the clause names the filing, so it is no order or return being cancelled.
    /// </summary>
    public static bool EndsInCallingOff(string? text)
    {
        if (string.IsNullOrEmpty(text) || text.Length > 400) return false;
        var clauses = Clauses(text).Where(c => c.Trim().Length > 0).ToList();
        return clauses.Count > 1 && Read(clauses[^1]) is { IsWhole: true, Act: ReplyAct.Cancel } && TheRequest().IsMatch(clauses[^1]);
    }

    [GeneratedRegex(@"접수|연결|상담|신청|요청|ticket|request", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TheRequest();

    /// <summary>
    /// Whether a clause ends wholly in a cancel and names the request filed with support, not an order, a return or a
    /// payment ("아까 접수한 문의는 취소해 주세요", "상담 요청 철회할게요", "please cancel my ticket"; not "반품 신청 취소해 주세요").
    /// </summary>
    public static bool WithdrawsTheRequest(string? text) =>
        !string.IsNullOrEmpty(text) && text.Length <= 400
        && Clauses(text).Any(clause => (WholeTailAt(clause, ReplyAct.Cancel, firstWord: 1) is not null && WithdrawWord().IsMatch(clause) || WithdrawInEnglish().IsMatch(clause))
            && OurRequest().IsMatch(clause) && !SomethingElseCancelled().IsMatch(clause));

    /// <summary>The words of calling a thing off ("어떻게 됐어요" ends like "아 됐어요" but asks where it stands).</summary>
    [GeneratedRegex(@"취소|철회|없던\s*(?:걸로|일로)|필요\s*없")]
    private static partial Regex WithdrawWord();

    [GeneratedRegex(@"\b(?:cancel|withdraw|close|drop)\s+(?:my|the|that|this|our)\s+(?:support\s+)?(?:ticket|request|inquiry)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex WithdrawInEnglish();

    [GeneratedRegex(@"접수|상담|문의|연결|티켓|ticket|request|inquiry", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex OurRequest();

    [GeneratedRegex(@"주문|반품|교환|환불|결제|구매|정산|order|return|refund|payment|purchase", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SomethingElseCancelled();

    /// <summary>Whether any clause of a message of at most 400 characters ends in words that are wholly the act.</summary>
    private static bool AClauseEndsIn(string? text, ReplyAct act, Func<string, bool>? except = null) =>
        !string.IsNullOrEmpty(text) && text.Length <= 400
        && Clauses(text).Any(clause => except?.Invoke(clause) != true && WholeTailAt(clause, act, firstWord: 0) is not null);

    /// <summary>
    /// What comes before a cancel that ends the message ("아 생각해보니 제가 해볼게요 취소할게요" → "아 생각해보니 제가
    /// 해볼게요"), or null when its last clause does not end in one after other words.
    /// </summary>
    public static string? BeforeCancelAtEnd(string? text)
    {
        if (string.IsNullOrEmpty(text) || text.Length > 400) return null;
        var clause = Clauses(text).LastOrDefault(c => c.Trim().Length > 0);
        return clause is not null && WholeTailAt(clause, ReplyAct.Cancel, firstWord: 1) is { } at ? text[..(text.Length - clause.Length + at)].Trim() : null;
    }

    /// <summary>
    /// Where the first of the clause's tails that is wholly the act starts, reading from each of its last few words on
    /// (from word <paramref name="firstWord"/> at the earliest); null when none is. The clause is folded once.
    /// </summary>
    private static int? WholeTailAt(string clause, ReplyAct act, int firstWord)
    {
        var folded = new Folded(WithoutHesitation(clause.Normalize(NormalizationForm.FormC)));
        var starts = WordStarts(folded.Original);
        // An act that ends its clause: its last few words are enough to read.
        for (var i = Math.Max(firstWord, starts.Count - MaxRequestWords); i < starts.Count; i++)
            if (Read(folded, folded.CompactAt(starts[i])) is { IsWhole: true } tail && tail.Act == act) return starts[i];
        return null;
    }

    /// <summary>Where each space-separated word of the text starts.</summary>
    private static List<int> WordStarts(string text)
    {
        var starts = new List<int>();
        for (var i = 0; i < text.Length; i++)
            if (text[i] != ' ' && (i == 0 || text[i - 1] == ' ')) starts.Add(i);
        return starts;
    }

    /// <summary>
    /// The clauses of a text: split at each run of '.', ',', '!' and line breaks (left out) and after each question mark
    /// (kept). Some may be empty.
    /// </summary>
    internal static List<string> Clauses(string text)
    {
        var clauses = new List<string>();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] is '.' or ',' or '!' or '\n')
            {
                clauses.Add(text[start..i]);
                while (i + 1 < text.Length && text[i + 1] is '.' or ',' or '!' or '\n') i++;
                start = i + 1;
            }
            else if (text[i] is '?' or '？')
            {
                clauses.Add(text[start..(i + 1)]);
                start = i + 1;
            }
        }
        clauses.Add(text[start..]);
        return clauses;
    }

    private readonly record struct Unit(Row Row, int Start, int End, ReplyAct Act);

    /// <summary>The longest chain of known units from the start of the compact text.</summary>
    private static List<Unit> Chain(Folded text, int from)
    {
        var (original, compact, map) = (text.Original, text.Compact, text.Map);
        var units = new List<Unit>();
        var pos = from;
        while (pos < compact.Length)
        {
            // The longest unit that ends at a word boundary, at the end, or right where the next unit begins: "no order"
            // is "no" and "order", though "noo" (a long no) is longer.
            (Row Row, int Length)? fits = null;
            foreach (var unit in text.UnitsAt(pos))
            {
                var stop = pos + unit.Length;
                if (stop < compact.Length && !Gap(original, map, stop) && text.UnitsAt(stop).Count == 0) continue;
                fits = unit;
                break;
            }
            if (fits is not { } best) break;
            var end = pos + best.Length;

            var act = best.Row.Act;
            if (best.Row.Kind == Kind.Act && AskedAsQuestion(original, compact, map, end))
                act = best.Row.Act switch
                {
                    ReplyAct.Repeat or ReplyAct.Capabilities or ReplyAct.TicketStatus or ReplyAct.HumanRequest or ReplyAct.AreYouBot => best.Row.Act,
                    _ when best.Row.Flags.HasFlag(Flags.Echo) => ReplyAct.Repeat, // "네?" = pardon?
                    _ => ReplyAct.None,                                            // "맞아요?", "괜찮아요?" ask
                };
            units.Add(new Unit(best.Row, pos, end, act));
            pos = end;
        }
        return units;
    }

    private static ReplyActReading Resolve(Folded text, int from, List<Unit> units, int limit, out int consumed)
    {
        var (original, compact, map) = (text.Original, text.Compact, text.Map);
        // The act words end with the last act, and any laughter or connective right after it.
        var last = limit == 0 ? -1 : units.FindLastIndex(limit - 1, limit, u => u.Row.Kind == Kind.Act && u.Act != ReplyAct.None);
        consumed = 0;
        if (last < 0)
            return new ReplyActReading(ReplyAct.None, from == 0 ? original.Trim() : from < compact.Length ? original[map[from]..].Trim() : "", ReplyField.None, false);
        consumed = last + 1;
        while (consumed < limit && units[consumed].Row.Kind is Kind.Tail or Kind.Connective) consumed++;

        // English names the detail after the "no": "no order number", "I don't have a specific product", and may name
        // more than one ("there's no order number or product").
        var named = new HashSet<int>();
        if (units[last].Act is ReplyAct.Skip or ReplyAct.Deny)
        {
            var next = consumed;
            while (next < limit && units[next].Row.Kind == Kind.Filler) next++;
            // "no, the order number is …" answers no and then corrects: a mark after the "no" ends it.
            if (next < limit && IsEnglishField(units[next])
                && original.AsSpan(map[units[last].End - 1] + 1, map[units[next].Start] - map[units[last].End - 1] - 1).IndexOfAny(",.;:!?") < 0)
            {
                named.Add(next);
                consumed = next + 1;
                // "… or product", "… or a product": a detail joined by "or"/"and" is named too.
                for (var more = consumed; more < limit && units[more].Row.Kind == Kind.Connective; )
                {
                    var at = more + 1;
                    while (at < limit && units[at].Row.Kind == Kind.Filler) at++;
                    if (at >= limit || !IsEnglishField(units[at])) break;
                    named.Add(at);
                    consumed = at + 1;
                    more = consumed;
                }
            }
        }
        var acts = units.Take(consumed).Where(u => u.Row.Kind == Kind.Act && u.Act != ReplyAct.None).ToList();
        var strong = acts.LastOrDefault(u => u.Act is not (ReplyAct.Thanks or ReplyAct.Goodbye));
        var act = (strong.Row is null ? acts[^1] : strong).Act;

        var field = ReplyField.None;
        if (act is ReplyAct.Skip or ReplyAct.Deny)
            for (var i = 0; i < consumed; i++)
                if (units[i].Row.Kind == Kind.Field && (named.Contains(i) || units.Skip(i + 1).Take(consumed - i - 1).Any(u => u.Act is ReplyAct.Skip or ReplyAct.Deny)))
                    field |= units[i].Row.Field;

        var end = units[consumed - 1].End;
        var remainder = end >= compact.Length ? "" : Remainder(original, map[end]);
        return new ReplyActReading(act, remainder, field, remainder.Length == 0);

        // A detail named in English ("order number", "product"): English names it after the "no".
        bool IsEnglishField(Unit unit) => unit.Row.Kind == Kind.Field && compact.AsSpan(unit.Start, unit.End - unit.Start).ContainsAnyInRange('a', 'z');
    }

    /// <summary>The units starting at <paramref name="pos"/>, longest first (of equally long ones, the earliest row's).</summary>
    private static List<(Row Row, int Length)> UnitsAt(string compact, int pos) =>
        Units.Prefixes(compact.AsSpan(pos)).ConvertAll(u => (Rows[u.Pattern], u.Length));

    /// <summary>True when the original text has a space or punctuation between compact positions end-1 and end.</summary>
    private static bool Gap(string original, int[] map, int end)
    {
        for (var i = map[end - 1] + 1; i < map[end]; i++)
            if (original[i] is not ('_' or '-' or '.' or '@' or '\'' or '’')) return true;
        return false;
    }

    /// <summary>True when a question mark follows the unit ending at <paramref name="end"/> before the next word.</summary>
    private static bool AskedAsQuestion(string original, string compact, int[] map, int end)
    {
        var next = end < compact.Length ? map[end] : original.Length;
        for (var i = map[end - 1] + 1; i < next; i++)
            if (original[i] is '?' or '？') return true;
        return false;
    }

    private static string Remainder(string original, int from) =>
        original[from..].Trim().TrimStart(',', '.', '!', '?', '~', '…', ';', ':', '-', '，', '。', '！', '？');

    /// <summary>
    /// The compact form (letters and digits only, lower case, full-width folded) and, for each of its
    /// characters, its index in the original. Hangul is kept as written: NFKC would turn the chat
    /// shorthand "ㅇㅇ" into conjoining jamo.
    /// </summary>
    private static (string Compact, int[] Map) Fold(string text)
    {
        var sb = new StringBuilder(text.Length);
        var map = new List<int>(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var ch = text[i];
            if (char.IsSurrogate(ch)) continue;
            if (Hangul.IsHangul(ch) || char.IsAscii(ch))
            {
                Keep(ch, i);
                continue;
            }
            foreach (var f in ch.ToString().Normalize(NormalizationForm.FormKC)) Keep(f, i);
        }
        return (sb.ToString(), map.ToArray());

        void Keep(char f, int at)
        {
            if (!char.IsLetterOrDigit(f)) return;
            sb.Append(char.ToLowerInvariant(f));
            map.Add(at);
        }
    }
}
