using System.Text.RegularExpressions;
using Assistant.Dialogue;
using Assistant.Handoff.Slots;
using Assistant.Knowledge;
using Assistant.Text;
using Assistant.Understanding;

namespace Assistant.Handoff;

/// <summary>
/// The handoff form's operations: open it pre-filled from everything the seller already wrote, say
/// what it asks next (a problem description, then each missing slot of <see cref="SlotTable"/>, then
/// the summary), and file the ticket once, through the ticket ledger, before the seller is told its
/// number. What a seller's message does to an open form is decided by <see cref="FormPatterns"/>.
/// </summary>
public sealed partial class HandoffFlow(DialogueKit kit)
{
    /// <summary>The category of a problem whose area nothing says.</summary>
    public const string GeneralCategory = "general";

    public ReplyTexts Replies => kit.Replies;
    private HandoffScript Script => kit.Knowledge.Handoff;

    /// <summary>Opens the form: the problem is <paramref name="description"/> or the seller's last question, the slots come from every seller message so far.</summary>
    public async Task<TurnResult> StartAsync(Turn turn, string? description, CancellationToken cancellationToken)
    {
        var state = turn.State;
        var problem = description ?? state.LastQuestion;
        var form = new HandoffForm { Description = problem is null ? null : SlotExtraction.WithoutRetracted(problem) };
        form.Category = await OpenProblemAsync(form.Description, state, cancellationToken);
        var sellerTexts = SellerTexts(state).ToArray();
        // A detail this message says there is none of ("상품명은 따로 없어요") is not filled with a guess from its wording.
        var skipped = SkippedIn(turn.Text).ToList();
        var values = SlotExtraction.FromMessages(sellerTexts).Values.Where(v => !IsNotAValue(v.Value) && (v.IsCertain || !skipped.Contains(v.Kind))).ToArray();
        foreach (var value in values) form.Set(value.Kind, value.Value);
        foreach (var kind in skipped) if (!form.Has(kind)) form.Skip(kind);
        state.Form = form;
        state.HandoffOffered = false;
        state.Misses = 0;
        state.PendingChoices.Clear();

        var start = Replies["handoffStart"];
        if (Noted(values.Where(v => v.IsCertain)) is { } noted) start += "\n" + noted;
        return new TurnResult([Say(start, "start"), Prompt(form)]);
    }

    /// <summary>
    /// The details the form took for certain from what the seller already wrote, named back when it opens ("이미 알려
    /// 주신 내용은 받아 두었어요: 주문번호 …, 판매자 ID …"), so the seller sees they need not say them again; null when
    /// there are none. A guess (a phrase before "주문했는데") is not named: the summary shows it, to be confirmed.
    /// </summary>
    public string? Noted(IEnumerable<SlotValue> certain, string key = "handoffNoted")
    {
        // One value a slot, in the slot table's order (SlotExtraction.Values).
        var items = certain.Select(v =>
        {
            var slot = SlotTable.For(v.Kind);
            return Replies.Format(slot.NotedKey, ("value", slot.Format(v.Value)));
        }).ToArray();
        return items.Length == 0 ? null : Replies.Format(key, ("details", string.Join(", ", items)));
    }

    /// <summary>The problem is asked for at most this often; a seller who goes on without it is not held up.</summary>
    public const int MaxDescriptionAsks = 2;

    /// <summary>What the form asks now: the problem, the next missing slot, or the summary to confirm.</summary>
    public AssistantReply Prompt(HandoffForm form, bool retry = false)
    {
        if (form.Description is null && form.DescriptionAsks < MaxDescriptionAsks)
        {
            form.DescriptionAsks++;
            form.Asking = HandoffForm.AskDescription;
            return Say(Replies["askDescription"], "ask-description");
        }
        foreach (var slot in SlotTable.All)
        {
            if (form.Has(slot.Kind)) continue;
            return Ask(form, slot, retry && form.Asking == HandoffForm.AskFor(slot.Kind));
        }
        return Summary(form);
    }

    /// <summary>Whether <see cref="Prompt"/> would show the summary: the problem told (or asked for enough) and every slot filled or skipped.</summary>
    public static bool IsComplete(HandoffForm form) =>
        (form.Description is not null || form.DescriptionAsks >= MaxDescriptionAsks) && SlotTable.All.All(slot => form.Has(slot.Kind));

    /// <summary>Asks for one slot (after a correction request, also one already filled).</summary>
    public AssistantReply Ask(HandoffForm form, Slot slot, bool retry = false)
    {
        if (form.Asking != HandoffForm.AskFor(slot.Kind)) form.Retries = 0;
        form.Asking = HandoffForm.AskFor(slot.Kind);
        var key = retry && slot.RetryPromptKey is { } again ? again : slot.PromptKey;
        IReadOnlyList<string> actions = slot.Kind switch
        {
            SlotKind.Order => [Replies["unknownValue"]],
            SlotKind.Product => [Replies["noneValue"]],
            _ => [],
        };
        return Say(Replies[key], retry ? $"ask-{form.Asking}-retry" : $"ask-{form.Asking}", actions);
    }

    public AssistantReply Summary(HandoffForm form)
    {
        form.Asking = HandoffForm.AskConfirm;
        var summary = Replies.Format("summary",
            ("orderNumber", form.OrderNumberUnknown || form.OrderNumber is null ? Replies["unknownValue"] : SlotTable.Order.Format(form.OrderNumber)),
            ("sellerId", form.SellerId is null ? Replies["unknownValue"] : SlotTable.Seller.Format(form.SellerId)),
            ("product", form.ProductUnknown || form.ProductName is null ? Replies["noneValue"] : SlotTable.Product.Format(form.ProductName)),
            ("description", form.Problem is { } d ? Truncate(d, 200) : Replies["noneValue"]),
            ("confirm", Replies["summaryConfirm"]));
        return Say(summary, "confirm",
            [Replies["summaryConfirm"], Replies["summaryEditOrder"], Replies["summaryEditSeller"], Replies["summaryEditProduct"], Replies["summaryCancel"]]);
    }

    /// <summary>Which field to correct: the three edit buttons and a cancel.</summary>
    public AssistantReply AskCorrection(HandoffForm form)
    {
        form.Asking = HandoffForm.AskCorrection;
        return Say(Replies["askCorrection"], "ask-correction",
            [Replies["summaryEditOrder"], Replies["summaryEditSeller"], Replies["summaryEditProduct"], Replies["summaryConfirm"]]);
    }

    public TurnResult Cancel(DialogueState state)
    {
        state.Form = null;
        return new TurnResult([Say(Replies["handoffCancelled"], "cancelled")]);
    }

    /// <summary>
    /// Files the ticket: category and urgency from the problem and the whole conversation, the request
    /// key from the form, so a confirmation sent twice finds the ticket it made and shows the same number.
    /// </summary>
    public async Task<TurnResult> CreateTicketAsync(Turn turn, CancellationToken cancellationToken)
    {
        var state = turn.State;
        var form = state.Form!;
        var sellerTexts = SellerTexts(state).ToArray();
        // Read again at filing: an area the conversation reached since the form opened (a question answered in between)
        // outweighs weak evidence in the first message.
        var category = await FiledAreaAsync(form, state, cancellationToken);
        if (category == GeneralCategory) category = await CategoryAsync(sellerTexts, cancellationToken);
        var rule = Script.Urgency(string.Join('\n', sellerTexts.Append(form.Problem ?? "")));
        // An urgent kind of case names its area: an account taken over is an account case, whatever else it mentions.
        if (rule?.Category is { } area) category = area;
        var urgency = rule?.Reason;
        var details = new TicketDetails(
            form.SellerId, form.SellerIdUnverified, form.OrderNumber, form.OrderNumberUnknown,
            form.ProductUnknown ? null : form.ProductName, category, form.Problem ?? "",
            urgency is null ? "normal" : "urgent", urgency);
        var draft = new TicketDraft(turn.Conversation, details, state.Transcript.ToArray(), state.FaqShown.ToArray(),
            RequestKey: $"{turn.Conversation.Channel}:{turn.Conversation.ConversationId}:{form.Id}");

        TicketCreation creation;
        try
        {
            creation = await kit.Tickets.CreateAsync(draft, cancellationToken);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            // Not stored means not promised: the seller keeps the form and can try again.
            return new TurnResult([Say(Replies.Format("handoffFailed", ("phone", kit.Contact.Phone)), "handoff-failed", [Replies["summaryConfirm"]])]);
        }
        var ticket = creation.Ticket;
        state.Form = null;
        state.Misses = 0;
        // The ticket's creation time, so the agent console recomputes the very same promise.
        var wait = ResponsePromise.For(Replies, kit.Calendar, ticket.CreatedAt).Text;
        var text = Replies.Format("ticketCreated", ("number", ticket.Number), ("wait", wait));
        if (urgency is not null) text += "\n" + Replies["urgentNote"];
        var reply = DialogueKit.Say(text, DecisionKind.Handoff, "ticket-created", ticket: ticket.Number);
        return new TurnResult([reply], creation.IsNew ? ticket : null);
    }

    /// <summary>
    /// The problem's area at filing: what its description says clearly; when it says none ("사람 상담 원해요. 저 한국말 조금
    /// 해요"), the description read with what the seller told after it (<see cref="HandoffForm.Told"/>).
    /// </summary>
    private async Task<string> FiledAreaAsync(HandoffForm form, DialogueState state, CancellationToken cancellationToken)
    {
        var read = form.Description is null ? default : await ReadCategoryAsync(form.Description, cancellationToken);
        if (read.Clear is null && form.Problem is { } problem && form.Told is not null) read = await ReadCategoryAsync(problem, cancellationToken);
        return Area(read, state, form.Problem, kit.Knowledge.Scope);
    }

    /// <summary>
    /// The category of a problem being opened; an entry that answers it with confidence becomes the conversation's topic,
    /// so a question after the ticket ("재심사는 제가 직접 할 수 있어요?") is read on it.
    /// </summary>
    public async Task<string> OpenProblemAsync(string? description, DialogueState state, CancellationToken cancellationToken)
    {
        var read = description is null ? default : await ReadCategoryAsync(description, cancellationToken);
        if ((read.Entry ?? (read.Best.Score >= TopicEvidence ? read.Best.Entry : null)) is { } entry) state.Topic = entry;
        return Area(read, state, description, kit.Knowledge.Scope);
    }

    /// <summary>
    /// The problem's area: what its description says clearly, else the area of a selling feature it names that no entry
    /// covers ("검색광고 하루 예산 …" is marketing; <c>sellingAreas</c> in scope.yaml), else the area the conversation was in,
    /// else weak evidence. A description that points back ("들어가 봤는데 사유가 '기타'라고만 돼 있어요. 이건 뭔가요?")
    /// is about the conversation's area whatever its own words suggest.
    /// </summary>
    private static string Area(CategoryReading read, DialogueState state, string? description, ScopeRules scope)
    {
        var conversation = state.LastCategory is { } area && area != "support" ? area : null;
        if (conversation is not null && description is not null && QuestionReader.PointsBack(description)) return conversation;
        // "배송완료 뜬 지 2주가 넘었는데 아직도 확정이 안 됐어요" after a question about purchase confirmation: the background
        // (a delivery) is not the problem, and the point names no area of its own; the conversation's area is the better guess.
        if (conversation is not null && read.BackgroundOnly) return conversation;
        return read.Clear ?? (description is null ? null : scope.AreaIn(description)) ?? conversation ?? read.Weak;
    }

    /// <summary>
    /// What one text says about the problem's area, each of its parts decided once: <see cref="CategoryReading.Clear"/>
    /// when a part is answered with confidence or all of its choices are in one area ("정산을 왜 안 해 줘요?":
    /// hold or schedule), and the strongest weaker evidence over the whole text and its parts.
    /// </summary>
    private async Task<CategoryReading> ReadCategoryAsync(string text, CancellationToken cancellationToken)
    {
        (string? Category, float Score, string? Entry) best = (null, 0, null);
        // "반품 건으로 상담 받고 싶어요, 사람으로요": the wish for a consultation says nothing of its area; what it is about does.
        var plain = AboutItself(text);
        var parts = Parts(plain).ToList();
        // Every part that reads clearly votes for its area; a main clause outweighs the background before "…는데"
        // ("구매확정까지 났는데 정산관리에 보류로 떠 있어요" is about settlement), and of equal votes the longer part's wins.
        var votes = new Dictionary<string, (float Votes, int Order, string? Entry)>(StringComparer.Ordinal);
        var pointVoted = false;
        for (var i = 0; i < parts.Count; i++)
        {
            if (parts[i].Weight == 0) continue;
            var decision = await kit.Decider.DecideTopicAsync(parts[i].Text, cancellationToken);
            if (ClearCategory(decision) is { } clear && !OnlyRetrievalChose(decision))
            {
                pointVoted |= !parts[i].Background;
                // A clause alone says which area, not which entry: the topic comes from a whole sentence.
                var entry = parts[i].Clause ? null : EntryOf(decision);
                var seen = votes.TryGetValue(clear, out var earlier) ? earlier : (Votes: 0, Order: i, Entry: entry);
                // A weak choice ("빨리 막아 주세요" offered the contact entry at 0.09) votes in proportion to its confidence.
                var strength = decision.Kind == DecisionKind.Clarify ? Math.Min(1f, decision.Confidence / FullChoice) : 1f;
                votes[clear] = (seen.Votes + parts[i].Weight * strength, seen.Order, seen.Entry ?? entry);
            }
            else if (CaseArea(decision) is { } leaning)
            {
                // "유독 한 건만 2주째 정산 예정으로만 떠 있습니다": a case, or no answer here, whose evidence is all in one area
                // votes for it in proportion to that evidence.
                pointVoted |= !parts[i].Background;
                var seen = votes.TryGetValue(leaning.Area, out var earlier) ? earlier : (Votes: 0, Order: i, Entry: null);
                votes[leaning.Area] = (seen.Votes + parts[i].Weight * leaning.Strength, seen.Order, seen.Entry);
            }
            else if (Evidence(decision) is var evidence && evidence.Score > best.Score) best = evidence;
        }
        if (votes.Count > 0)
        {
            var (area, won) = votes.OrderByDescending(v => v.Value.Votes).ThenBy(v => v.Value.Order).First();
            // The entry of a sentence split into clauses, read whole, when it is in the area the clauses chose.
            foreach (var sentence in SplitSentences(plain))
            {
                if (won.Entry is not null) break;
                var read = await kit.Decider.DecideTopicAsync(sentence, cancellationToken);
                if (ClearCategory(read) == area) won.Entry = EntryOf(read);
                else if (Evidence(read) is var evidence && evidence.Score > best.Score) best = evidence;
            }
            return new CategoryReading(area, best, won.Entry) { BackgroundOnly = !pointVoted };
        }
        if (parts.All(p => p.Text != plain) && Evidence(await kit.Decider.DecideTopicAsync(plain, cancellationToken)) is var all && all.Score > best.Score) best = all;
        return new CategoryReading(null, best);
    }

    /// <summary>
    /// A choice that retrieval alone brought up, on a common word, while the classifier reads no entry's topic in the part
    /// at all ("이유를 모르겠어요": out of scope first, the suspension entry for "사유"; "또 반려됐어요": vague first, the
    /// sign-up entry for "반려"): no vote for an area.
    /// </summary>
    private bool OnlyRetrievalChose(Decision decision) =>
        decision.Kind == DecisionKind.Clarify && decision.Intents.FirstOrDefault() is { } top
        && (kit.Knowledge.DecisionFor(top.Label) is not (DecisionKind.Answer or DecisionKind.Clarify) || top.Label == DecisionPolicy.VagueIntent);

    private string? ClearCategory(Decision decision)
    {
        if (decision.Kind == DecisionKind.Answer && kit.Knowledge.FindFaq(decision.FaqId!) is { Category: not "support" } faq) return faq.Category;
        if (decision.Kind == DecisionKind.Clarify
            && decision.Suggestions.Select(id => kit.Knowledge.FindFaq(id)?.Category).Distinct().ToArray() is [{ } only] && only != "support")
            return only;
        // "정산 목록에서 이 주문만 빠져 있어요": no one entry, but most of what the classifier gives the entries is in one area.
        return decision.Kind == DecisionKind.Clarify ? HeaviestArea(decision)?.Area : null;
    }

    /// <summary>
    /// The area a case or a "no answer here" leans to, and how strongly: the choices offered with no answer, all in one area,
    /// by their confidence; or most of what the classifier gives the entries under a case, in one area, by that weight.
    /// </summary>
    private (string Area, float Strength)? CaseArea(Decision decision)
    {
        if (decision.Kind != DecisionKind.Handoff) return null;
        if (decision.Intent == Decider.NoAnswer)
            return decision.Suggestions.Select(id => kit.Knowledge.FindFaq(id)?.Category).Distinct().ToArray() is [{ } only] && only != "support"
                ? (only, Math.Min(1f, decision.Confidence / FullChoice)) : null;
        return decision.Intent == Decider.HandoffCase && HeaviestArea(decision) is { } heaviest
            ? (heaviest.Area, Math.Min(1f, heaviest.Mass / FullChoice)) : null;
    }

    /// <summary>
    /// The area (not "support") that holds most of what the classifier gives the entries, at least <see cref="AreaSupport"/>
    /// of it and <see cref="AreaShare"/> of all the entries' weight, with that weight; null when no area does.
    /// </summary>
    private (string Area, float Mass)? HeaviestArea(Decision decision)
    {
        var byArea = decision.Intents.Select(i => (Entry: kit.Knowledge.FindFaq(i.Label), i.Probability)).Where(i => i.Entry is not null)
            .GroupBy(i => i.Entry!.Category).Select(g => (Area: g.Key, Mass: g.Sum(i => i.Probability))).ToArray();
        var entries = byArea.Sum(g => g.Mass);
        return byArea.Length > 0 && byArea.MaxBy(g => g.Mass) is { Area: not "support" } heaviest
               && heaviest.Mass >= AreaSupport && heaviest.Mass >= AreaShare * entries
            ? heaviest : null;
    }

    /// <summary>The confidence at which a choice among entries votes for its area as fully as an answer does; under it, in proportion.</summary>
    private const float FullChoice = 0.5f;

    /// <summary>The classifier's weight in one area, at least, and its share of the weight on all entries, that make the area clear without a clear entry.</summary>
    private const float AreaSupport = 0.3f, AreaShare = 0.7f;

    /// <summary>A text's reading for the category: a clear area, or the best weak evidence.</summary>
    private readonly record struct CategoryReading(string? Clear, (string? Category, float Score, string? Entry) Best, string? Entry = null)
    {
        /// <summary>Only the background before "…는데" read clearly; the point after it named no area.</summary>
        public bool BackgroundOnly { get; init; }

        public string Weak => Best.Category is { } found && Best.Score >= MinCategoryEvidence ? found : GeneralCategory;
    }

    /// <summary>
    /// The sentences and slash-separated items of a message (without its details, <see cref="WithoutDetails"/>), longest first (at most six, and the first three of a longer story, which weigh one more), with their weight as evidence of
    /// the area. A sentence that opens with a background ("…구매확정까지 났는데 | 정산관리에 보류로 떠 있어요") votes by its
    /// clauses, the clause after "…는데" (the point) weighing most; it is read whole only for the entry it is about
    /// (<see cref="SplitSentences"/>).
    /// </summary>
    private static IEnumerable<(string Text, int Weight, bool Clause, bool Background)> Parts(string plain)
    {
        var parts = PartBreak().Split(plain)
            .SelectMany(sentence => BackgroundBreak().Split(sentence) is { Length: > 1 } clauses
                ? clauses.Select((c, i) => (Text: c.Trim(), Weight: i < clauses.Length - 1 ? 1 : 2, Clause: true, Background: i < clauses.Length - 1))
                // "구매확정도 된 주문이고요": a step told as done too is what went right, not the problem; it names no area.
                : DoneToo().IsMatch(sentence) ? [(Text: sentence.Trim(), Weight: 0, Clause: false, Background: true)]
                : [(Text: sentence.Trim(), Weight: 2, Clause: false, Background: false)])
            .Where(p => TextNormalizer.CountLetters(p.Text) >= 4)
            .ToList();
        if (parts.Count <= MaxParts) return parts.OrderByDescending(p => p.Text.Length);
        // A long story usually says what is wrong at its start ("이번 달 들어서 정산이 하나도 안 들어오고 있어요") and then
        // tells everything around it at length (what was tried, what is fine): its opening parts are read too, not only
        // the longest, and weigh one more as the statement of the problem.
        var opening = parts.Take(OpeningParts).Select(p => p with { Weight = p.Weight + 1 }).ToList();
        var rest = parts.Skip(OpeningParts).OrderByDescending(p => p.Text.Length).Take(MaxParts - 1);
        return opening.Concat(rest).OrderByDescending(p => p.Text.Length);
    }

    /// <summary>The parts of a problem read for its area, at most (each is one decision); a longer story adds its opening.</summary>
    private const int MaxParts = 6;

    /// <summary>The first parts of a long story, read for its area whatever their length.</summary>
    private const int OpeningParts = 3;

    /// <summary>The sentences of a message that <see cref="Parts"/> splits into clauses, longest first (at most two).</summary>
    private static IEnumerable<string> SplitSentences(string plain) =>
        PartBreak().Split(plain).Select(p => p.Trim()).Where(p => BackgroundBreak().IsMatch(p)).OrderByDescending(p => p.Length).Take(2);

    private static string? EntryOf(Decision decision) =>
        decision.Kind == DecisionKind.Answer ? decision.FaqId : decision.Suggestions is [var only] ? only : null;

    /// <summary>A sentence telling that a step is done too: "구매확정도 된 주문이고요", "발송도 했고요", "검수까지 끝난 건이에요".</summary>
    [GeneratedRegex(@"[가-힣](?:도|까지)\s*(?:다\s*)?(?:된|됐|되었|했|한|끝난|끝났|마친|마쳤|완료된|완료했)[가-힣]*(?:\s+[가-힣]+)?\s*(?:고요|구요|고|어요|에요|이에요|예요|습니다|니다)?\s*[.!~]*\s*$")]
    private static partial Regex DoneToo();

    /// <summary>The end of a background clause: "…했는데", "…났는데요,", "…인데".</summary>
    [GeneratedRegex(@"(?<=[가-힣](?:는데|은데|인데|ㄴ데))(?:요)?[,\s]+")]
    private static partial Regex BackgroundBreak();

    /// <summary>
    /// The message when it says what the problem is besides asking for a person and giving details
    /// ("사람 불러 주세요 정산 건이에요"), else null ("상담원 연결해 주세요", "상담원 연결. 아이디 shop_01").
    /// </summary>
    public static string? DescribedProblem(string text)
    {
        var rest = WithoutDetails(text);
        foreach (var clause in ReplyActs.ReadClauses(rest))
            // "사람 연결 ㄱㄱ 정산금이 절반만 들어옴": a "go ahead" before the problem says nothing of it, and the problem follows.
            if (clause.Act is ReplyAct.None or ReplyAct.HumanRequest or ReplyAct.Affirm && TextNormalizer.CountLetters(clause.Remainder) >= 6
                && !(clause.Act == ReplyAct.None && ReplyActs.AsksForAPerson(clause.Remainder) && TextNormalizer.CountLetters(clause.Remainder) < 12))
                return text.Trim();
        return null;
    }

    /// <summary>The text with its order number, seller ID and product name taken out: they say nothing about the kind of problem.</summary>
    private static string WithoutDetails(string text)
    {
        // Each value goes with the label written right before it ("상품 무선이어폰", "아이디는 shop_01"); a word like 상품
        // elsewhere is what the problem is about ("상품 등록이 안 돼요") and stays.
        foreach (var value in SlotExtraction.FromMessages([text]).Values.Where(v => v.Source.Length > 0).OrderByDescending(v => v.Start))
        {
            if (value.Start + value.Length > text.Length || string.CompareOrdinal(text, value.Start, value.Source, 0, value.Length) != 0) continue;
            var label = LabelBefore().Match(text[..value.Start]);
            var start = label.Success ? label.Index : value.Start;
            text = text[..start] + " " + text[(value.Start + value.Length)..];
        }
        // The labels left behind and the request for a person say nothing about the problem either.
        return PersonRequest().Replace(DetailLabel().Replace(NotApplicable().Replace(text, " "), " "), " ");
    }

    /// <summary>
    /// The ticket category the problem is about: the first of <paramref name="texts"/> whose decision
    /// points at an FAQ area. A bare request for a person says nothing about the problem and is skipped,
    /// and "support" (how to reach a person) is never a problem's category.
    /// </summary>
    public async Task<string> CategoryAsync(IEnumerable<string> texts, CancellationToken cancellationToken)
    {
        (string? Category, float Score, string? Entry) best = (null, 0, null);
        foreach (var text in texts.Where(t => !string.IsNullOrWhiteSpace(t)).Distinct().Take(6))
        {
            var read = await ReadCategoryAsync(text, cancellationToken);
            if (read.Clear is { } clear) return clear;
            if (read.Best.Score > best.Score) best = read.Best;
        }
        return new CategoryReading(null, best).Weak;
    }

    /// <summary>Least combined evidence for an entry that no part answers to become the conversation's topic.</summary>
    private const float TopicEvidence = 0.5f;

    /// <summary>Least combined evidence (classifier probability plus retrieval score) for a category taken from weak signals.</summary>
    public const float MinCategoryEvidence = 0.3f;

    /// <summary>The area with the most combined evidence in a decision; a bare request for a person has none.</summary>
    private (string? Category, float Score, string? Entry) Evidence(Decision decision)
    {
        if (decision.Kind == DecisionKind.Handoff && decision.Intent == "handoff.request") return (null, 0, null);
        var retrieval = decision.Candidates.ToDictionary(c => c.FaqId, c => c.Score);
        var best = decision.Intents
            .Select(i => (Faq: kit.Knowledge.FindFaq(i.Label), Score: i.Probability + retrieval.GetValueOrDefault(i.Label), Retrieval: retrieval.GetValueOrDefault(i.Label)))
            .Where(x => x.Faq is { Category: not "support" } && x.Retrieval > 0)
            .OrderByDescending(x => x.Score)
            .FirstOrDefault();
        return best.Faq is null ? (null, 0, null) : (best.Faq.Category, best.Score, best.Faq.Id);
    }

    /// <summary>The details a message says the seller does not have ("주문번호랑 상품은 해당 없어요", "특정 상품 문제는 아니에요"), clause by clause.</summary>
    public static IEnumerable<SlotKind> SkippedIn(string text)
    {
        var fields = ReplyField.None;
        foreach (var clause in Clause().Split(text))
        {
            var reading = ReplyActs.Read(clause);
            // "no specific order or product": in English a no that names details says they do not apply, as a skip does
            // ("주문번호가 틀렸어요" says one is wrong, not that there is none).
            if (reading.Act == ReplyAct.Skip || reading.Act == ReplyAct.Deny && TextNormalizer.IsMostlyLatin(clause)) fields |= reading.Field;
        }
        // Said in passing inside a longer message ("주문번호는 해당없음 특정 상품도 아니고요", "주문이나 상품 문제가 아니라 …"),
        // or of every one of them, so no one to name ("전 상품이 다 그래요", "모든 주문이 결제가 안 돼요").
        foreach (Match m in NotApplicable().Matches(text).Concat(EveryOne().Matches(text)).Concat(CannotLookUp().Matches(text)))
        {
            // "상품명은 그게 아니고 '사계절 러그'예요": the value shown is not the right one, a correction, not "there is none".
            if (ThatIsNot().IsMatch(m.Value)) continue;
            if (m.Groups["order"].Success) fields |= ReplyField.OrderNumber;
            if (m.Groups["product"].Success) fields |= ReplyField.Product;
        }
        if (fields.HasFlag(ReplyField.OrderNumber)) yield return SlotKind.Order;
        if (fields.HasFlag(ReplyField.SellerId)) yield return SlotKind.Seller;
        if (fields.HasFlag(ReplyField.Product)) yield return SlotKind.Product;
    }

    /// <summary>A "value" that only says there is none ("해당없음", "모름"): never stored as a detail.</summary>
    public static bool IsNotAValue(string value)
    {
        var compact = TextNormalizer.Compact(value);
        return NoneWords.Any(w => compact.Contains(w, StringComparison.Ordinal));
    }

    private static readonly string[] NoneWords = ["해당없", "없음", "모름", "몰라", "상관없", "관계없"];

    public static IEnumerable<string> SellerTexts(DialogueState state) =>
        state.Transcript.Where(t => t.Role == MessageRole.Seller).Select(t => t.Text).Reverse();

    /// <summary>A reply of the form: action <c>handoff</c>, intent <c>handoff.{step}</c>, and "취소" on every question.</summary>
    public AssistantReply Say(string text, string step, IReadOnlyList<string>? suggestions = null)
    {
        var actions = suggestions?.ToList() ?? [];
        // Every question offers "취소"; the opening line and the endings do not need it.
        if (step is not ("start" or "cancelled" or "ticket-created" or "handoff-failed") && !actions.Contains(Replies["summaryCancel"])) actions.Add(Replies["summaryCancel"]);
        return DialogueKit.Say(text, DecisionKind.Handoff, "handoff." + step, actions);
    }

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..max] + "…";

    [GeneratedRegex(@"[.!?/\n]+")]
    private static partial Regex PartBreak();

    /// <summary>
    /// A label left without its value, or the bare word 상품/제품 ("구매자가 상품 못 받았대요": every problem has a product),
    /// except as the head of what the problem is about ("상품 등록", "상품 노출", "상품 정보 수정").
    /// </summary>
    [GeneratedRegex(@"(?:" + Labels + @"|(?:상품|제품)(?!\s*(?:등록|수정|노출|정보|상세|이미지|사진|페이지|판매\s*중지|중지|심사|검수|관리|삭제|승인|옵션|카테고리)))" + LabelEnd + @"(?=\s|$|[/,.])", RegexOptions.IgnoreCase)]
    private static partial Regex DetailLabel();

    /// <summary>The label a value follows, at the end of the text before it.</summary>
    [GeneratedRegex(@"(?:" + Labels + @"|상품|제품)" + LabelEnd + @"\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex LabelBefore();

    /// <summary>The words that name a detail whatever follows them, and the particle or colon after a label.</summary>
    private const string Labels = @"주문\s*번호|판매자\s*(?:아이디|ID)|아이디|ID|상품\s*명|제품\s*명", LabelEnd = @"\s*(?:은|는|이|가|:|：)?";

    [GeneratedRegex(@"(?:상담원|상담사|담당자|직원|사람|매니저|책임자)\S*\s*(?:(?:좀|분)\s*)?(?:연결|불러|ㄱㄱ|바꿔|넘겨|이관|전달)\S*(?:\s*(?:부탁\S*|해\s*주\S*|주\S*|가능\S*|될\S*|되\S*|할\s*수\s*\S+))?"
        + @"|\b(?:i\s+)?(?:need|want|would\s+like|'d\s+like)\s+to\s+(?:talk|speak|chat)\s+(?:to|with)\s+(?:an?\s+|the\s+|some\s+)?(?:real\s+|live\s+)?(?:agent|human|person|someone|representative|staff)\b"
        + @"|\b(?:please\s+)?(?:connect|transfer|put)\s+me\s+(?:to|with|through\s+to)\s+(?:an?\s+|the\s+)?(?:real\s+|live\s+)?(?:agent|human|person|someone|representative)\b", RegexOptions.IgnoreCase)]
    private static partial Regex PersonRequest();

    /// <summary>
    /// What a problem says about itself, to read a later question with: its sentences without its details (order number,
    /// seller ID, product name), without a wish for a consultation, and without those that only ask for a person
    /// ("직원분이랑 얘기하고 싶어요"), unless nothing else is left.
    /// </summary>
    public static string ProblemWords(string problem)
    {
        var plain = AboutItself(problem);
        var sentences = PartBreak().Split(plain).Select(c => c.Trim())
            .Where(c => c.Any(char.IsLetter) && !(ReplyActs.AsksForAPerson(c) && TextNormalizer.CountLetters(c) < PersonClauseLetters)).ToArray();
        return sentences.Length > 0 ? string.Join(". ", sentences) + "." : plain;
    }

    /// <summary>The text without its details and without a wish for a consultation, unless that wish is all there is.</summary>
    private static string AboutItself(string text) =>
        WithoutDetails(text) is var details && AsksForConsultation().Replace(details, " ") is var rest && rest.Any(char.IsLetter) ? rest : details;

    /// <summary>Letters of a clause that asks for a person and says little else ("직원분이랑 얘기하고 싶어요").</summary>
    private const int PersonClauseLetters = 16;

    /// <summary>A wish for a consultation or a person, in words that name no area: "상담 받고 싶어요", "사람으로요", "I'd like to speak with a support agent".</summary>
    [GeneratedRegex(@"상담\s*(?:을|좀)?\s*받고\s*싶\S*|(?<![가-힣])사람으로\S*"
        + @"|\b(?:i'?d\s+like\s+to|i\s+want\s+to|i\s+need\s+to|can\s+i|could\s+i|let\s+me)?\s*(?:speak|talk|chat)\s+(?:with|to)\s+(?:a|an|the|your)?\s*(?:support\s+|real\s+|live\s+|human\s+)?(?:agent|person|human|representative|rep|someone|staff(?:\s+member)?)\b", RegexOptions.IgnoreCase)]
    private static partial Regex AsksForConsultation();

    [GeneratedRegex(@"(?:그게|그거|이게|이거)\s*아니")]
    private static partial Regex ThatIsNot();

    /// <summary>
    /// A detail named, then within a few words said not to apply: the named details are skipped ("주문은 수백 건이라 번호
    /// 하나로 못 집어요").
    /// </summary>
    [GeneratedRegex(@"(?:(?<order>주문\s*번호|주문)|(?<product>(?:상품|제품)(?:\s*명)?))(?:\s*(?:은|는|도|이|가|랑|이랑|이나|나|하고|과|와)?\s*(?:특정\s*)?(?:(?<order>주문\s*번호|주문)|(?<product>(?:상품|제품)(?:\s*명)?)))?\s*(?:이랑은|랑은|하고는|과는|와는|이랑|랑|하고|이나|은|는|도|이|가|과|와)?\s*(?:특정(?:된|한)?\s*(?:거|게|것|건)?\s*)?(?:하나\s*)?(?:(?:이|그)\s+)?(?:문제|건|쪽)?\s*(?:이랑은|랑은|하고는|과는|와는|이랑|랑|하고|과|와|가|는|은|이|도)?\s*(?:(?:그런|같은)\s*(?:거|건|것|게)\s*(?:는|은|도)?\s*)?(?:(?:그건|그거|그게|이건|따로|딱히|별도로|특별히|전혀)\s*)?(?:(?:[가-힣]{1,8}\s+){0,3}[가-힣]{0,8}(?:어서|아서|해서|돼서|되서|라서|이라|니까|[줘와봐워져꿔쳐겨려내러서]서|(?<=개|거|건)라)\s*)?(?:(?:아직|지금은?|원래|아예)\s*)?(?:해당\s*(?:없|사항\s*없|안)|상관\s*없|관계\s*없|없어|없음|없습니다|없고|없구|없는데|없으니|없다(?:고|구|니까)|몰라|모르|아니에요|아니고|(?<=(?:문제|건|쪽|특정|하나)\s*(?:가|이|은|는)?\s*)아니라|아님|아닙니다|(?:하나로\s*)?(?:딱\s*)?특정(?:할|하기|이)\s*(?:수가|수도|수|가|는)?\s*(?:없|안\s*돼|안\s*되)|(?:하나로\s*)?(?:딱\s*)?특정\s*(?:을\s*)?(?:못|불가)|(?:딱\s*)?(?:번호\s*)?하나(?:로|를|만)?\s*(?:못|안)\s*(?:집|짚|정하|정해|골라|고르))")]
    private static partial Regex NotApplicable();

    /// <summary>
    /// A number or name the seller cannot look up or recall now ("주문번호는 지금 밖이라 확인이 안 돼요", "상품명은 기억이 안
    /// 나요"): they do not have it, as with "모름". Only the labels of a value count: "주문 확인이 안 돼요" is the problem itself.
    /// </summary>
    [GeneratedRegex(@"(?:(?<order>주문\s*번호)|(?<product>상품\s*명|제품\s*명))\s*(?:은|는|도|이|가|을|를)?\s*(?:(?:[가-힣]{1,8}\s+){0,3}[가-힣]{0,8}(?:어서|아서|해서|돼서|되서|라서|이라|니까|[줘와봐워져꿔쳐겨려내러서]서)\s*)?(?:지금\s*|당장\s*|바로\s*)?(?:확인|조회|기억)\s*(?:이|을|도|가)?\s*(?:좀\s*)?(?:안\s*(?:돼|되|됨|나|남)|못|불가|어렵|어려|힘들|힘드)")]
    private static partial Regex CannotLookUp();

    /// <summary>
    /// A detail said of every one of its kind: "모든 주문", "전 상품이 다", "상품 전부", "all products" ("전 상품을 올렸는데"
    /// is "I", not "every").
    /// </summary>
    [GeneratedRegex(@"(?:모든|전체|온갖)\s*(?:(?<order>주문)|(?<product>상품|제품))|(?<![가-힣])전\s*(?:(?<order>주문)|(?<product>상품|제품))\s*(?:이|에서|에)?\s*(?:다|전부|모두)\s|(?:(?<order>주문)|(?<product>상품|제품))\s*(?:이|가|은|는)?\s*(?:전부|전체|모두|다\s*(?:그래|안|똑같))|\b(?:all|every)\s+(?:(?<order>orders?)|(?<product>products?|listings?|items?))\b", RegexOptions.IgnoreCase)]
    private static partial Regex EveryOne();

    /// <summary>Where a clause of a reply ends: a mark, "…이고", or "…는데" ("주문번호는 잘 모르겠는데 결제금액 …").</summary>
    [GeneratedRegex(@"[.,!?\n]+|\s+(?:이고|이구요|이며)\s+|(?<=[가-힣])(?:이고|이구요|고요|이며)\s+|(?<=[가-힣]는데)\s+")]
    private static partial Regex Clause();
}
