using System.Text.RegularExpressions;
using Assistant.Dialogue;
using Assistant.Handoff.Slots;
using Assistant.Knowledge;
using Assistant.Text;
using Assistant.Understanding;

namespace Assistant.Handoff;

/// <summary>
/// What a seller's message does to an open handoff form, one small pattern each, tried in this order:
/// cancel, repeat, values (a new value is also a correction), skip, the reply to the summary, a request
/// for a person, a digression (an FAQ question in the middle), the problem description, and a re-ask.
/// The last one always takes the turn, so no state is a dead end.
/// </summary>
public static partial class FormPatterns
{
    public static IReadOnlyList<IDialoguePattern> All(DialogueKit kit, HandoffFlow flow) =>
    [
        new FormCancel(flow, kit),
        new FormRepeat(flow),
        new FormValues(flow),
        new FormSkip(flow),
        new FormSummaryReply(flow),
        new FormHumanRequest(flow, kit.Replies),
        new FormWhy(flow),
        new FormDigression(flow, kit),
        new FormDescription(flow),
        new FormSituation(flow, kit),
        new FormReask(flow),
    ];

    internal static TurnResult Result(params AssistantReply[] replies) => new(replies);

    /// <summary>The names of the form's details in Korean, as a seller writes them ("주문 번호", "아이디", "상품명").</summary>
    internal const string DetailWords = @"주문\s*번호|아이디|ID|상품\s*명";

    /// <summary>A detail named at the start of a correction, captured by kind: <c>order</c>, <c>seller</c> or <c>product</c>.</summary>
    internal const string NamedDetail = @"(?:(?<order>주문\s*번호)|(?<seller>판매자\s*(?:ID|아이디)|아이디|ID)|(?<product>상품\s*명?|제품\s*명?))";

    /// <summary>The kinds of detail a text names (in Korean or English), each once, in the order named.</summary>
    internal static IReadOnlyList<SlotKind> NamedDetails(string text) =>
        NamedDetailIn().Matches(text).Select(KindNamed).Distinct().ToArray();

    [GeneratedRegex(NamedDetail + @"|\b(?:(?<order>order\s*(?:number|no\b|#))|(?<seller>(?:seller\s*)?id\b|login)|(?<product>product(?:\s*name)?))", RegexOptions.IgnoreCase)]
    private static partial Regex NamedDetailIn();

    /// <summary>The kind of detail a match of <see cref="NamedDetail"/> names.</summary>
    internal static SlotKind KindNamed(Match match) =>
        match.Groups["order"].Success ? SlotKind.Order : match.Groups["seller"].Success ? SlotKind.Seller : SlotKind.Product;

    /// <summary>
    /// "주문이나 특정 상품 건은 아니에요. 빨리 접수해 주세요": the answer that completes the form also asks to file it, so it is
    /// filed without showing the summary first; the details are the seller's own words of this conversation. A message that
    /// only completes the form gets the summary to confirm.
    /// </summary>
    internal static bool FilesNow(Turn turn, HandoffForm form) => HandoffFlow.IsComplete(form) && ReplyActs.EndsInGoAhead(turn.Text);

    /// <summary>Files the ticket, as a pattern's result.</summary>
    internal static async Task<TurnResult?> FileAsync(HandoffFlow flow, Turn turn, CancellationToken cancellationToken) =>
        await flow.CreateTicketAsync(turn, cancellationToken);
}

/// <summary>
/// "취소", "그만", "아 됐어요", "나중에 할게요", "상담은 안 할게요" anywhere in the form, or ending a message that says
/// nothing about selling ("아 생각해보니 제가 해볼게요 취소할게요"), or a last clause that calls off the request itself
/// ("제가 먼저 구매자랑 얘기해 볼게요. 접수하지 마세요"): stop, file nothing.
/// </summary>
public sealed partial class FormCancel(HandoffFlow flow, DialogueKit kit) : IDialoguePattern
{
    public Task<TurnResult?> TryAsync(Turn turn, CancellationToken cancellationToken)
    {
        if (turn.State.Form is null) return Task.FromResult<TurnResult?>(null);
        // A plain "no" to a question for a detail ("아 지금은 괜찮아요") is a "never mind" too; at the summary it means "that is wrong".
        // A "no" that names a detail ("특정 상품 아니에요") says that detail does not apply (FormSkip).
        var declinesAPerson = ReplyActs.DeclinesAPerson(turn.Text);
        var cancel = turn.Act.Act == ReplyAct.Cancel || turn.Text.Trim() == kit.Replies["summaryCancel"]
            || turn.Act.IsOnly(ReplyAct.Deny) && turn.Act.Field == ReplyField.None && !turn.State.Form.AtSummary
            || EndsInCancel(turn.Text) || ReplyActs.EndsInCallingOff(turn.Text)
            // "상담원 말고요, 그냥 규정만 알려 주세요. …?", "상담은 안 할게요, 취소해 주세요": no person wanted after all.
            || declinesAPerson
            // "아 ㄴㄴ 취소 지금 바빠서": a no, then the cancel itself (with its reason after it).
            || turn.Act.Act == ReplyAct.Deny && CancelFirst().IsMatch(turn.Act.Remainder)
            // "아 아니다, 그냥 하나만 물어볼게요. …?" asked for the problem: a no, then a question of its own instead of one.
            // "아니 정산이 왜 안 돼요?" ("아니" as a sigh) is the problem told, not a no.
            || turn.Act.Act == ReplyAct.Deny && turn.Act.Field == ReplyField.None && turn.State.Form.Asking == HandoffForm.AskDescription
               && NeverMind().IsMatch(turn.Text) && ConversationPatterns.QuestionAfter(turn.Act) is not null;
        if (!cancel) return Task.FromResult<TurnResult?>(null);
        // "아 됐고 그냥 정산 며칠 걸리는지만 알려줘요": the question after the cancel is answered after it.
        // Declining the person, the message's own question ("…규정만 알려 주세요. 며칠 뒤예요?") is what is answered.
        var question = ConversationPatterns.QuestionAfter(turn.Act)
            ?? (declinesAPerson && QuestionReader.IsQuestion(turn.Text) ? turn.Text : null);
        return Task.FromResult<TurnResult?>(flow.Cancel(turn.State) with { ContinueWith = question });
    }

    /// <summary>The cancel itself opening what follows a no, a reason possibly after it: "취소 지금 바빠서", "그만할게요 나중에".</summary>
    [GeneratedRegex(@"^\s*(?:취소|그만)(?:할게요|할께요|해\s*주세요|해주세요|요|함|해)?(?:\s|[.,!~]|$)")]
    private static partial Regex CancelFirst();

    /// <summary>"아 아니다", "아니다 아니다": taking back what was just said.</summary>
    [GeneratedRegex(@"^\s*(?:아|앗|음|아참)?\s*아니다(?![가-힣])")]
    private static partial Regex NeverMind();

    /// <summary>
    /// A cancel that ends the message after words about no selling matter: "주문 취소할게요" or "반품은 취소해 주세요"
    /// speak of an order or a return (a problem to describe), "제가 해볼게요 취소할게요" of the request itself.
    /// </summary>
    private bool EndsInCancel(string text) =>
        ReplyActs.BeforeCancelAtEnd(text) is { } before && !kit.Knowledge.Scope.IsAboutSelling(before, kit.Knowledge.Lexicon);
}

/// <summary>"다시 말해 주세요", "다시 한번 보여 주세요": the current question or summary again, nothing changed.</summary>
public sealed class FormRepeat(HandoffFlow flow) : IDialoguePattern
{
    public Task<TurnResult?> TryAsync(Turn turn, CancellationToken cancellationToken) =>
        Task.FromResult(turn.State.Form is { } form && turn.Act.IsOnly(ReplyAct.Repeat) ? FormPatterns.Result(flow.Prompt(form)) : null);
}

/// <summary>
/// Slot values in the message, in any order and with or without labels, fill their slots; at the
/// summary a new value is a correction ("아니요 주문번호가 틀렸어요 2025…", "bluesky_store 가 맞아요"), and
/// the summary is shown again. An order number typed when the problem was asked for is kept, and the
/// problem asked again.
/// </summary>
public sealed partial class FormValues(HandoffFlow flow) : IDialoguePattern
{
    public Task<TurnResult?> TryAsync(Turn turn, CancellationToken cancellationToken)
    {
        // A message that is only an act ("Yes, submit", "네 접수요") carries no value, however it is punctuated.
        if (turn.State.Form is not { } form || turn.Act.IsWhole && turn.Act.Act != ReplyAct.None) return Task.FromResult<TurnResult?>(null);
        // Only values the finders are sure of; a guess in a free sentence ("구매자 변심으로…") is no product name.
        var values = SlotExtraction.FromMessages([turn.Text]).Values.Where(v => v.IsCertain && !HandoffFlow.IsNotAValue(v.Value)).ToList();
        var asked = HandoffForm.SlotOf(form.Asking);
        var skipped = HandoffFlow.SkippedIn(turn.Text).ToList();
        // "상품명은 목록에서 지워져서 몰라요": what follows a detail's name is the reason it is not known, not its value.
        values.RemoveAll(v => skipped.Contains(v.Kind));
        // "무선 청소기 말고 무선 물걸레 청소기요", also after "아 상품명이 틀렸어요"; "아이디 X 아니고 Y 이에요" names the old
        // value with its label, which is what is replaced, not a value given again.
        if (form.AtSummary && values.All(v => v.Value == form.ValueOf(v.Kind))
            && (Instead(form, turn.Text) ?? Instead(form, turn.Act.Remainder)) is { } replaced)
        {
            values.RemoveAll(v => v.Kind == replaced.Kind);
            values.Add(replaced);
        }
        // "아 아이디 오타났어요 glasswave 예요 언더바 없이요": one detail named, and a value in that detail's own form beside it.
        // While another detail is asked for, only when the detail is said to be wrong ("wait, wrong ID, it's peach_tree02"),
        // and only a value shaped like a handle (not "wait" or "sorry").
        var wrong = SaysWrong(turn);
        // "상품명 수정할게요: 유기농 현미 10kg" at the summary: the detail named, the word for changing it, and its new value.
        if (form.AtSummary && EditedTo(turn.Text) is { } edited)
        {
            values.RemoveAll(v => v.Kind == edited.Kind);
            values.Add(edited);
        }
        if (values.Count == 0 && (form.AtSummary || wrong) && NamedCorrection(turn.Text, handlesOnly: !form.AtSummary) is { } corrected) values.Add(corrected);
        // "아 상품명 틀렸네요. 블루투스 스피커 미니가 맞아요": a no that names one detail, then its right value.
        if (values.Count == 0 && (form.AtSummary || wrong) && StatedAfterANo(turn.Act) is { } stated) values.Add(stated);
        // "상품은 여러 개 섞인 주문이라 특정 못 해요" answers the question by saying there is no such detail (FormSkip).
        if (asked is { } kind && values.All(v => v.Kind != kind) && turn.Act.Act is ReplyAct.None && !skipped.Contains(kind)
            && SlotTable.For(kind).Parse(turn.Text) is { } answer && values.All(v => !v.Overlaps(answer)))
            values.Add(answer);
        // "주문번호는 잘 모르겠는데 결제금액 38,900원짜리 주문이에요": the detail asked for is said not to be known in passing,
        // with something else beside it (no value of its own), and the form goes on to the next question.
        if (values.Count == 0 && !(asked is { } unknown && skipped.Contains(unknown))) return Task.FromResult<TurnResult?>(null);

        var atSummary = form.AtSummary;
        foreach (var value in values) form.Set(value.Kind, value.Value);
        form.Retries = 0;
        if (form.Asking == HandoffForm.AskDescription && Rest(turn.Text, values) is { Length: >= 8 } rest && !QuestionReader.IsQuestion(rest))
            form.Description = SlotExtraction.WithoutRetracted(turn.Text.Trim());
        // "아이디 shop_01, 상품 러그, 주문번호는 모르겠어요": a detail said not to be known, beside the others; it replaces a
        // value taken from an earlier message ("해외 구매자" guessed a product, then "특정 주문이나 상품 건은 아니에요").
        foreach (var none in skipped) if (values.All(v => v.Kind != none)) form.Skip(none);
        if (atSummary) return Task.FromResult<TurnResult?>(FormPatterns.Result(flow.Summary(form)));
        if (form.Asking != HandoffForm.AskDescription && FormPatterns.FilesNow(turn, form)) return FormPatterns.FileAsync(flow, turn, cancellationToken);
        var prompt = flow.Prompt(form);
        // "아이디 forest_cup, 상품은 유리 머그컵" when the order number was asked for: the seller sees they were taken, then the same question.
        if (asked is { } still && form.Asking == HandoffForm.AskFor(still) && values.All(v => v.Kind != still) && flow.Noted(values, "formNoted") is { } noted)
            prompt = prompt with { Text = noted + "\n" + prompt.Text };
        return Task.FromResult<TurnResult?>(FormPatterns.Result(prompt));
    }

    /// <summary>
    /// "무선 청소기 말고 무선 물걸레 청소기요": the value after "말고" replaces the slot whose value came before it; "상품 말고 린넨
    /// 바지였어요" names that slot itself.
    /// </summary>
    private static SlotValue? Instead(HandoffForm form, string text)
    {
        var m = InsteadOf().Match(text);
        if (!m.Success) m = NotInstead().Match(text);
        if (!m.Success) return null;
        if (PartReplaced(form, m.Groups["old"].Value, m.Groups["new"].Value) is { } mended) return mended;
        if (FormSummaryReply.NamedField(Interjection().Replace(m.Groups["old"].Value, "")) is { } named)
            return SlotTable.For(named).Parse(FirstClause(m.Groups["new"].Value));
        // The value replaced ends what comes before "말고": "아이디는 맞는데 상품명이 틀렸어요, 무선 마우스 말고 …".
        var old = TextNormalizer.Compact(m.Groups["old"].Value);
        foreach (var slot in SlotTable.All)
            if (form.ValueOf(slot.Kind) is { } current && TextNormalizer.Compact(current) is { Length: > 0 } value
                && old.EndsWith(value, StringComparison.Ordinal))
                return slot.Parse(FirstClause(m.Groups["new"].Value));
        // "버터쿠키 아니고 초코칩쿠키 12입이에요" when the product is "버터쿠키 12입": the word said wrong is the head of one value.
        var wrongWord = OldWord().Match(m.Groups["old"].Value).Groups["word"].Value;
        if (wrongWord.Length < 2) return null;
        var replaced = SlotTable.All.Where(slot => form.ValueOf(slot.Kind) is { } current
            && current.Split(' ', StringSplitOptions.RemoveEmptyEntries).Any(w => string.Equals(w, wrongWord, StringComparison.OrdinalIgnoreCase))).ToList();
        return replaced is [var only] ? only.Parse(FirstClause(m.Groups["new"].Value)) : null;
    }

    /// <summary>
    /// "주문번호 끝 네자리 3321 아니고 3312예요": digits said wrong, found once in a detail's value, and as many digits said
    /// instead; the value with them replaced, when its own parser takes it.
    /// </summary>
    private static SlotValue? PartReplaced(HandoffForm form, string old, string @new)
    {
        var wrong = TrailingDigits().Match(old);
        var right = LeadingDigits().Match(@new);
        if (!wrong.Success || !right.Success || wrong.Value.Length != right.Value.Length) return null;
        var mended = SlotTable.All.Select(slot => (slot, current: form.ValueOf(slot.Kind)))
            .Where(x => x.current is { } c && c.IndexOf(wrong.Value, StringComparison.Ordinal) is >= 0 and var at && c.IndexOf(wrong.Value, at + 1, StringComparison.Ordinal) < 0)
            .Select(x => x.slot.Parse(x.current!.Replace(wrong.Value, right.Value, StringComparison.Ordinal)))
            .Where(v => v is not null).ToList();
        return mended is [var only] ? only : null;
    }

    [GeneratedRegex(@"(?<![0-9])[0-9]{2,}(?=\s*(?:이|가)?\s*$)")]
    private static partial Regex TrailingDigits();

    [GeneratedRegex(@"(?<=^\s*)[0-9]{2,}(?![0-9])")]
    private static partial Regex LeadingDigits();

    /// <summary>The last word before "말고"/"아니고", without the subject particle "이"/"가" some put on it.</summary>
    [GeneratedRegex(@"(?<word>[^\s,.!?]+?)(?:이|가)?\s*$")]
    private static partial Regex OldWord();

    [GeneratedRegex(@"^\s*(?<old>.+?)\s*(?:이|가)?\s*(?:말고|아니고|아니라|대신)\s*,?\s*(?<new>.+?)\s*$")]
    private static partial Regex InsteadOf();

    /// <summary>"It's kite_studio2, not kite_studio": the value before "not" replaces the one after it.</summary>
    [GeneratedRegex(@"(?:^|[.!?]\s*|\b(?:it'?s|it\s+is|should\s+be|is)\s+)(?<new>[^\s,.!?]+)\s*,?\s+not\s+(?<old>[^\s,!?]+?)[.!?]*\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex NotInstead();

    [GeneratedRegex(@"^\s*(?:(?:아|어|앗|음|아니|아니요|아뇨|죄송한데|죄송해요)\s*[,.]?\s+)+")]
    private static partial Regex Interjection();

    /// <summary>The text up to its first comma or sentence mark: "린넨 바지였어요, 셔츠는 다른 주문이에요" gives the value's clause.</summary>
    private static string FirstClause(string text) => text.Split([',', '.', '!', '?', '\n'], 2)[0];

    /// <summary>
    /// A correction at the summary that names one detail (the seller ID or the order number) and gives, among its words, a
    /// value that detail's answer parser takes ("아이디 오타났어요 glasswave 예요"); the last such value, or null.
    /// </summary>
    private static SlotValue? NamedCorrection(string text, bool handlesOnly = false)
    {
        var named = Named().Matches(text).Select(m => m.Groups["order"].Success ? SlotKind.Order : SlotKind.Seller).Distinct().ToArray();
        if (named is not [var kind]) return null;
        return Token().Matches(text).Select(m => m.Value).Where(t => !Named().IsMatch(t) && (!handlesOnly || kind != SlotKind.Seller || SellerIds.LooksLikeHandle(t)))
            .Select(t => SlotTable.For(kind).Parse(t)).LastOrDefault(v => v is not null);
    }

    /// <summary>The new value of "상품명 수정할게요: 유기농 현미 10kg", "주문번호 변경 2025…", read by the named detail's parser.</summary>
    private static SlotValue? EditedTo(string text)
    {
        var m = EditWithValue().Match(text);
        return m.Success ? SlotTable.For(FormPatterns.KindNamed(m)).Parse(m.Groups["value"].Value) : null;
    }

    [GeneratedRegex(@"^\s*" + FormPatterns.NamedDetail + @"\s*(?:은|는|을|를)?\s*(?:수정|변경|정정|고칠|바꿀|바꿔)\S*\s*(?:해\s*)?(?:주세요|할게요|합니다|요)?\s*[:：,]\s*(?<value>\S.*)$", RegexOptions.IgnoreCase)]
    private static partial Regex EditWithValue();

    /// <summary>A no that says one named detail is wrong ("wrong ID", "아이디 잘못 적었어요", "상품명 오타"), not that it does not apply.</summary>
    internal static bool SaysWrong(Turn turn) =>
        turn.Act.Act == ReplyAct.Deny && FormSummaryReply.Single(turn.Act.Field) is not null && Wrong().IsMatch(turn.Text);

    [GeneratedRegex(@"\b(?:wrong|typo|mistake|incorrect)\b|틀렸|틀린|틀려|잘못\s*(?:됐|됬|되었|썼|씀|적었|적음|적어|입력|들어|넣었|넣음|넣어|말했|말씀)|오타", RegexOptions.IgnoreCase)]
    private static partial Regex Wrong();

    [GeneratedRegex(@"(?<order>주문\s*번호)|(?<seller>판매자\s*(?:ID|아이디)|아이디|\bID\b)", RegexOptions.IgnoreCase)]
    private static partial Regex Named();

    /// <summary>The value said after a no that names one detail ("상품명 틀렸네요. 블루투스 스피커 미니가 맞아요"), read by that detail's parser.</summary>
    private static SlotValue? StatedAfterANo(ReplyActReading act)
    {
        if (act.Act != ReplyAct.Deny || act.Remainder.Length == 0 || FormSummaryReply.Single(act.Field) is not { } kind) return null;
        var said = TheRightOne().Match(act.Remainder);
        return SlotTable.For(kind).Parse(said.Success ? said.Groups["value"].Value : act.Remainder);
    }

    /// <summary>"X가 맞아요", "X입니다", "X예요": the value and the words that say it is the right one.</summary>
    [GeneratedRegex(@"^\s*(?<value>.+?)\s*(?:(?:이|가)\s*)?(?:맞아요|맞습니다|맞아|맞음|맞고요|맞는\s*거예요|정확해요|예요|이에요|입니다|에요|이요)\s*[.!~]*\s*$")]
    private static partial Regex TheRightOne();

    /// <summary>A word a seller ID or an order number can be: letters of the alphabet, digits, and . _ -.</summary>
    [GeneratedRegex(@"[A-Za-z0-9][A-Za-z0-9._-]{2,}")]
    private static partial Regex Token();

    /// <summary>The message without the values' text: what else the seller said.</summary>
    private static string Rest(string text, IReadOnlyList<SlotValue> values)
    {
        var rest = text;
        foreach (var value in values.Where(v => v.Source.Length > 0)) rest = rest.Replace(value.Source, " ", StringComparison.Ordinal);
        return TextNormalizer.Compact(rest);
    }
}

/// <summary>"몰라요", "주문번호는 몰라요", "상품은 딱히 없어요", "주문이나 상품이랑은 상관없어요": the named details (or the one asked) stay empty.</summary>
public sealed class FormSkip(HandoffFlow flow) : IDialoguePattern
{
    public Task<TurnResult?> TryAsync(Turn turn, CancellationToken cancellationToken)
    {
        if (turn.State.Form is not { } form) return Task.FromResult<TurnResult?>(null);
        var unknownButton = turn.Text.Trim() is var t && (t == flow.Replies["unknownValue"] || t == flow.Replies["noneValue"]);
        // Asked for a detail, "특정 상품 아니에요" (a no that names the detail) means it does not apply.
        var notThis = turn.Act.Act == ReplyAct.Deny && turn.Act.Field != ReplyField.None && !form.AtSummary;
        // "wrong ID" with no value beside it says the detail given is wrong, not that it does not apply: it is asked for again.
        if (notThis && FormValues.SaysWrong(turn) && FormSummaryReply.Single(turn.Act.Field) is { } wrong)
            return Task.FromResult<TurnResult?>(FormPatterns.Result(flow.Ask(form, SlotTable.For(wrong))));
        var named = HandoffFlow.SkippedIn(turn.Text).ToList();
        // Said in passing ("주문이나 상품 하나 문제가 아니라 스토어 전체가 …") while a detail is asked for, not while the problem
        // is; at the summary it corrects a detail taken from the story ("상품은 여러 개 섞인 주문이라 특정 못 해요").
        var inPassing = named.Count > 0 && (HandoffForm.SlotOf(form.Asking) is not null || form.AtSummary);
        // "ㅇㅋ 접수해주세요" answering a detail's question: there is nothing more to give for it, go on (and file when complete).
        var goAhead = !form.AtSummary && HandoffForm.SlotOf(form.Asking) is not null && turn.Act.IsWhole && turn.Act.Act == ReplyAct.Affirm
            && ReplyActs.EndsInGoAhead(turn.Text);
        if (turn.Act.Act != ReplyAct.Skip && !unknownButton && !notThis && !inPassing && !goAhead) return Task.FromResult<TurnResult?>(null);

        if (notThis) named.AddRange(Kinds(turn.Act.Field).Except(named));
        if (named.Count == 0 && HandoffForm.SlotOf(form.Asking) is { } asked) named.Add(asked);
        if (named.Count == 0) return Task.FromResult<TurnResult?>(null);
        var atSummary = form.AtSummary;
        foreach (var kind in named) form.Skip(kind);
        form.Retries = 0;
        if (!atSummary && FormPatterns.FilesNow(turn, form)) return FormPatterns.FileAsync(flow, turn, cancellationToken);
        return Task.FromResult<TurnResult?>(FormPatterns.Result(atSummary ? flow.Summary(form) : flow.Prompt(form)));
    }

    private static IEnumerable<SlotKind> Kinds(ReplyField field)
    {
        if (field.HasFlag(ReplyField.OrderNumber)) yield return SlotKind.Order;
        if (field.HasFlag(ReplyField.SellerId)) yield return SlotKind.Seller;
        if (field.HasFlag(ReplyField.Product)) yield return SlotKind.Product;
    }
}

/// <summary>
/// The reply to the summary: yes in any wording ("ㅇㅇ", "네 접수해 주세요", "맞아요 진행해주세요") or the
/// confirm button files the ticket; "아니요" asks what to fix; a field named alone ("상품명이요", "주문번호
/// 수정") asks for that field.
/// </summary>
public sealed partial class FormSummaryReply(HandoffFlow flow) : IDialoguePattern
{
    public async Task<TurnResult?> TryAsync(Turn turn, CancellationToken cancellationToken)
    {
        if (turn.State.Form is not { AtSummary: true } form) return null;
        var text = turn.Text.Trim();
        // "그건 무시하시고 원래 내용 그대로 접수해 주세요": a go-ahead after other words, with no value in them (FormValues
        // took any) and no no before it.
        // "알겠어요. 아까 요약 다시 보여 주세요", "네 근데 상품명 바꿔 주세요": a yes that goes on to ask for something else
        // acknowledges, it does not file; asked to see the summary again, the seller gets it.
        if (turn.Act.Act == ReplyAct.Affirm && !turn.Act.IsWhole && ReplyActs.Read(turn.Act.Remainder).Act is var then
            && AsksSomethingElse(turn.Act.Remainder, then))
            return then == ReplyAct.Repeat ? FormPatterns.Result(flow.Summary(form)) : null;
        if (text == flow.Replies["summaryConfirm"] || turn.Act.Act == ReplyAct.Affirm
            || turn.Act.Act == ReplyAct.None && ReplyActs.EndsInGoAhead(text))
            return await flow.CreateTicketAsync(turn, cancellationToken);

        if (NamedField(text) is { } field) return FormPatterns.Result(flow.Ask(form, SlotTable.For(field)));
        if (turn.Act.Act == ReplyAct.Deny)
            return FormPatterns.Result(Single(turn.Act.Field) is { } named ? flow.Ask(form, SlotTable.For(named)) : flow.AskCorrection(form));
        return null;
    }

    /// <summary>
    /// What follows a yes asks for more than filing: a question, another act (to repeat, to deny, to cancel), or something
    /// done to the summary or one of its details ("요약 다시 보여 주세요", "상품명 바꿔 주세요"); "빨리 처리해 주세요" goes ahead.
    /// </summary>
    private static bool AsksSomethingElse(string rest, ReplyAct restAct) =>
        rest.Trim().Length > 0 && !ReplyActs.EndsInGoAhead(rest)
        && (QuestionReader.IsQuestion(rest) || restAct is ReplyAct.Repeat or ReplyAct.Deny or ReplyAct.Cancel || AboutTheSummary().IsMatch(rest));

    [GeneratedRegex(FormPatterns.NamedDetail + @"|요약|다시\s*(?:보여|알려|말해)|보여\s*주", RegexOptions.IgnoreCase)]
    private static partial Regex AboutTheSummary();

    /// <summary>A short message that only names a field: "상품명이요", "판매자 ID 수정", "주문번호 바꿀게요".</summary>
    public static SlotKind? NamedField(string text)
    {
        if (text.Length > 20) return null;
        var m = FieldName().Match(text);
        return m.Success ? FormPatterns.KindNamed(m) : null;
    }

    internal static SlotKind? Single(ReplyField field) => field switch
    {
        ReplyField.OrderNumber => SlotKind.Order,
        ReplyField.SellerId => SlotKind.Seller,
        ReplyField.Product => SlotKind.Product,
        _ => null,
    };

    [GeneratedRegex(@"^\s*" + FormPatterns.NamedDetail + @"\s*(?:이요|요|을|를|이|가|은|는)?\s*(?:수정|변경|고칠게요|고쳐\s*주세요|바꿀게요|바꿔\s*주세요|틀렸어요|잘못됐어요|요)?\s*[.!?]*\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex FieldName();
}

/// <summary>"아니 그냥 빨리 상담원 연결해 주세요" in the middle of the form: it is being done; the question again, never stored as a value.</summary>
public sealed class FormHumanRequest(HandoffFlow flow, ReplyTexts replies) : IDialoguePattern
{
    public Task<TurnResult?> TryAsync(Turn turn, CancellationToken cancellationToken)
    {
        if (turn.State.Form is not { } form || turn.Act.Act != ReplyAct.HumanRequest) return Task.FromResult<TurnResult?>(null);
        return Task.FromResult<TurnResult?>(FormPatterns.Result(flow.Say(replies["formHurry"], "hurry"), flow.Prompt(form)));
    }
}

/// <summary>
/// "근데 판매자 아이디는 그걸 왜 알려줘야 돼요?", "why do you need my order number?": why a detail is asked for, the one
/// named or else the one being asked, is said, and the form goes on where it was.
/// </summary>
public sealed partial class FormWhy(HandoffFlow flow) : IDialoguePattern
{
    public Task<TurnResult?> TryAsync(Turn turn, CancellationToken cancellationToken)
    {
        if (turn.State.Form is not { } form || !AsksWhy().IsMatch(turn.Text)) return Task.FromResult<TurnResult?>(null);
        var kinds = FormPatterns.NamedDetails(turn.Text);
        if (kinds.Count != 1 && HandoffForm.SlotOf(form.Asking) is { } asked) kinds = [asked];
        if (kinds is not [var kind]) return Task.FromResult<TurnResult?>(null);
        var why = flow.Say(flow.Replies[SlotTable.For(kind).WhyKey], "why");
        return Task.FromResult<TurnResult?>(FormPatterns.Result(why, form.AtSummary ? flow.Summary(form) : flow.Prompt(form)));
    }

    /// <summary>
    /// Why something must be given: "왜 알려줘야", "왜 필요해요", "why do you need"; not a request to be told why ("왜 안 되는지
    /// 알려주세요" asks about the seller's problem).
    /// </summary>
    [GeneratedRegex(@"(?:왜|무슨\s*이유로)\S*\s*(?:\S+\s*){0,2}?(?:필요|알려\s*(?:줘|드려)\s*야|말해\s*야|적어\s*야|입력해\s*야|드려야|줘야)"
        + @"|\bwhy\s+(?:do|would|does|should)\s+(?:you|i|it)\s+(?:need|want|have\s+to\s+(?:give|share|tell))", RegexOptions.IgnoreCase)]
    private static partial Regex AsksWhy();
}

/// <summary>
/// A question in the middle of the form is an aside: an FAQ question is answered, one the entries might answer gets
/// them as buttons (a press is answered the same way), and any other is noted for the agent, who sees the
/// conversation; then the form goes on where it was. None of them counts as a wrong answer to the question asked.
/// </summary>
public sealed partial class FormDigression(HandoffFlow flow, DialogueKit kit) : IDialoguePattern
{
    public async Task<TurnResult?> TryAsync(Turn turn, CancellationToken cancellationToken)
    {
        if (turn.State.Form is not { } form) return null;
        // "너 AI야?", read as an act from its first word: what the assistant is, then the form goes on.
        if (turn.Act.IsOnly(ReplyAct.AreYouBot) && kit.Knowledge.FindIntent(AreYouABot.IdentityIntent)?.Reply is { } identity)
            return Aside(form, DialogueKit.Say(identity, DecisionKind.Smalltalk, AreYouABot.IdentityIntent));
        if (turn.Act.Act != ReplyAct.None) return null;
        var pressed = kit.Knowledge.FindByTitle(turn.Text) is not null;
        if (!pressed && !QuestionReader.IsQuestion(turn.Text)) return null;
        // "제 아이디요?" asks back about the question itself; and while the problem is asked for, a question is
        // the problem ("정산이 왜 안 들어왔나요?") unless the seller marks it as an aside ("근데 그 전에, …").
        if (!pressed && (Words().Matches(turn.Text).Count < 3 || SlotNamed().IsMatch(turn.Text) && turn.Text.Length < 20)) return null;
        if (form.Asking == HandoffForm.AskDescription && !pressed && !Aside().IsMatch(turn.Text)) return null;
        var decision = await kit.Decider.DecideAsync(turn.Text, cancellationToken);
        // "근데 지금 대답하는 건 봇이에요?": a question about the assistant is answered as anywhere else, then the form goes on.
        if (decision.Kind == DecisionKind.Smalltalk && PlainQuestion().IsMatch(turn.Text) && kit.Knowledge.FindIntent(decision.Intent)?.Reply is { } reply)
            return Aside(form, DialogueKit.Say(reply, DecisionKind.Smalltalk, decision.Intent));
        // "그 전에 하나만요, 보류 사유는 원래 어디서 볼 수 있어요?" in a form about a settlement hold: unsure alone, but its one
        // choice is in the area the form is about (or is the conversation's topic), so the conversation settles the doubt.
        if (decision.Kind == DecisionKind.Clarify && SettledByTheForm(decision, form, turn.State) is { } settled)
            decision = decision with { Kind = DecisionKind.Answer, FaqId = settled, Intent = settled, Suggestions = [], Reason = "an aside settled by what the form is about" };
        // "아 잠깐만요, 보류 사유는 원래 어디서 볼 수 있는 거예요?": no reading of its own ("보류" alone), but retrieval leads
        // clearly with an entry of the area the form is about.
        else if (decision is { Kind: DecisionKind.Decline, Reason: DecisionPolicy.NoConfidentReading } && RetrievedInTheFormsArea(decision, form) is { } retrieved)
            decision = decision with { Kind = DecisionKind.Answer, FaqId = retrieved, Intent = retrieved, Suggestions = [], Reason = "an aside retrieval places in the area of the form" };
        if (decision.Kind != DecisionKind.Answer || kit.Knowledge.FindFaq(decision.FaqId!) is not { } faq)
            return Unanswered(turn, form, decision);
        turn.State.Topic = faq.Id;
        // What the seller asked about in between is the area of the conversation when the problem itself says little.
        if (faq.Category != "support") turn.State.LastCategory = faq.Category;
        return Aside(form, kit.Answer(faq, turn.Text, decision.Confidence, offerPerson: false));
    }

    /// <summary>
    /// The entry an unsure aside is about when the form decides it: its first choice is the conversation's topic, or its only
    /// choice is in the area of the problem the form is filed under.
    /// </summary>
    private string? SettledByTheForm(Decision decision, HandoffForm form, DialogueState state) =>
        decision.Suggestions switch
        {
            [var first, ..] when first == state.Topic => first,
            [var only] when form.Category != HandoffFlow.GeneralCategory && kit.Knowledge.FindFaq(only)?.Category == form.Category => only,
            _ => null,
        };

    /// <summary>The entry retrieval ranks first, when it is in the form's area and scores at least <see cref="ClearLead"/> times the next.</summary>
    private string? RetrievedInTheFormsArea(Decision decision, HandoffForm form) =>
        form.Category != HandoffFlow.GeneralCategory && decision.Candidates is [var first, var second, ..] && first.Score >= ClearLead * second.Score
        && kit.Knowledge.FindFaq(first.FaqId)?.Category == form.Category ? first.FaqId : null;

    /// <summary>How far the first retrieved entry must lead the second to be taken for an aside with no reading of its own.</summary>
    private const float ClearLead = 1.5f;

    /// <summary>The reply to an aside, then "이어서 …" and the form's current question again.</summary>
    private TurnResult Aside(HandoffForm form, AssistantReply reply) =>
        FormPatterns.Result(reply, flow.Say(kit.Replies["formResume"], "resume"), flow.Prompt(form));

    /// <summary>
    /// An aside no entry answers with confidence. Only a plain question (a question mark, or a question word with a
    /// question ending) is taken for one: anything less may still be a try at the detail asked, which the re-ask handles.
    /// </summary>
    private TurnResult? Unanswered(Turn turn, HandoffForm form, Decision decision)
    {
        if (!PlainQuestion().IsMatch(turn.Text)) return null;
        var aside = decision.Kind == DecisionKind.Clarify && decision.Suggestions.Count > 0
            ? kit.Choice(kit.Replies["formAsideChoice"], decision.Suggestions, decision.Intent, decision.Confidence)
            : flow.Say(kit.Replies["formAsideNoted"], "aside-noted");
        return FormPatterns.Result(aside, flow.Prompt(form));
    }

    [GeneratedRegex(@"[?？]|(?:나요|까요|가요|는지요|던가요)\s*[.~!]*\s*$")]
    private static partial Regex PlainQuestion();

    [GeneratedRegex(@"\S+")]
    private static partial Regex Words();

    [GeneratedRegex(FormPatterns.DetailWords, RegexOptions.IgnoreCase)]
    private static partial Regex SlotNamed();

    [GeneratedRegex(@"^\s*(?:아+\s*)?(?:근데|그런데|참|잠깐|잠시만|그\s*전에|그나저나|아\s*맞다|그리고\s*혹시|혹시|btw|by\s+the\s+way|quick\s+question|before\s+that|also)", RegexOptions.IgnoreCase)]
    private static partial Regex Aside();
}

/// <summary>The answer to "어떤 문제인지 알려 주세요" is the problem description.</summary>
public sealed class FormDescription(HandoffFlow flow) : IDialoguePattern
{
    public async Task<TurnResult?> TryAsync(Turn turn, CancellationToken cancellationToken)
    {
        if (turn.State.Form is not { Asking: HandoffForm.AskDescription } form || turn.Act.Act != ReplyAct.None) return null;
        if (TextNormalizer.CountLetters(turn.Text) < 2) return null;
        form.Description = SlotExtraction.WithoutRetracted(turn.Text.Trim());
        form.Category = await flow.OpenProblemAsync(form.Description, turn.State, cancellationToken);
        return FormPatterns.Result(flow.Prompt(form));
    }
}

/// <summary>
/// "손님이 물건 안 왔어요 말해요. 근데 배송 완료 나와요" when the form asks for the order number: the seller tells what
/// happened, not the detail. It is added to the problem the agent reads (nothing the seller says is lost), the area is
/// read again with it, and the same detail is asked again, not as a wrong answer.
/// </summary>
public sealed partial class FormSituation(HandoffFlow flow, DialogueKit kit) : IDialoguePattern
{
    /// <summary>Letters a message needs, at least, to tell a situation rather than to try the detail asked.</summary>
    private const int MinLetters = 10;

    public async Task<TurnResult?> TryAsync(Turn turn, CancellationToken cancellationToken)
    {
        if (turn.State.Form is not { AtSummary: false } form || HandoffForm.SlotOf(form.Asking) is null || turn.Act.Act != ReplyAct.None) return null;
        var text = turn.Text.Trim();
        if (TextNormalizer.CountLetters(text) < MinLetters || QuestionReader.IsQuestion(text) || !kit.Knowledge.Scope.IsAboutSelling(text, kit.Knowledge.Lexicon)) return null;
        // "아이디 찾는 중이에요", "hold on, let me look up the order number": about the details themselves, not the problem;
        // "… 배송비 빠진 거였네요. 취소할게요": a clause that acts on the form is for the patterns of acts.
        if (DetailNamed().IsMatch(text) || ReplyActs.ReadClauses(text).Any(r => r.Act != ReplyAct.None)) return null;
        if (form.Problem?.Contains(text, StringComparison.Ordinal) == true) return FormPatterns.Result(flow.Prompt(form));
        form.Told = form.Told is { } told ? told + "\n" + text : text;
        // The area the opening message named stays ("… about a settlement problem", then "the payout for that order …");
        // a problem the opening left unnamed is read with what the seller has now told.
        if (form.Category == HandoffFlow.GeneralCategory) form.Category = await flow.OpenProblemAsync(form.Problem, turn.State, cancellationToken);
        return FormPatterns.Result(flow.Say(kit.Replies["formSituationNoted"], "situation-noted"), flow.Prompt(form));
    }

    [GeneratedRegex(FormPatterns.DetailWords + @"|\b(?:order\s+(?:number|no|id)|seller\s+id|user\s*name|product\s+name)\b", RegexOptions.IgnoreCase)]
    private static partial Regex DetailNamed();
}

/// <summary>
/// Nothing usable for the question asked: ask once more with an example; after that an order number or
/// product is recorded as unknown, so the seller is never stuck.
/// </summary>
public sealed class FormReask(HandoffFlow flow) : IDialoguePattern
{
    public Task<TurnResult?> TryAsync(Turn turn, CancellationToken cancellationToken)
    {
        if (turn.State.Form is not { } form) return Task.FromResult<TurnResult?>(null);
        if (form.AtSummary) return Task.FromResult<TurnResult?>(FormPatterns.Result(flow.Say(flow.Replies["confirmHint"], "confirm-hint"), flow.Summary(form)));
        if (HandoffForm.SlotOf(form.Asking) is not { } kind) return Task.FromResult<TurnResult?>(FormPatterns.Result(flow.Prompt(form)));

        if (form.Retries++ == 0) return Task.FromResult<TurnResult?>(FormPatterns.Result(flow.Ask(form, SlotTable.For(kind), retry: true)));
        form.Skip(kind);
        form.Retries = 0;
        return Task.FromResult<TurnResult?>(FormPatterns.Result(flow.Prompt(form)));
    }
}
