using System.Text.RegularExpressions;
using Assistant.Handoff;
using Assistant.Handoff.Slots;
using Assistant.Knowledge;
using Assistant.Text;
using Assistant.Understanding;

namespace Assistant.Dialogue;

/// <summary>
/// The patterns of a conversation outside the handoff form, in the order they are tried. The first
/// that takes the turn answers it; the last (<see cref="AnswerQuestion"/>) always does.
/// </summary>
public static class ConversationPatterns
{
    public static IReadOnlyList<IDialoguePattern> All(DialogueKit kit, HandoffFlow flow, QuestionReader reader) =>
        All(kit, flow, new AnswerQuestion(kit, flow, reader));

    private static IReadOnlyList<IDialoguePattern> All(DialogueKit kit, HandoffFlow flow, AnswerQuestion answer) =>
    [
        new AskedHereInstead(answer),
        new HandbackFollowUp(kit, flow),
        new TicketWithdrawal(kit),
        new TicketAddition(kit),
        new TicketStatusQuery(kit),
        new OfferReply(kit, flow),
        new PersonRequest(kit, flow),
        new WhatICanDo(kit),
        new RepeatLastAnswer(kit),
        new AreYouABot(kit),
        new LanguageQuestion(kit),
        new Courtesy(kit),
        new OtherService(kit),
        new BareDetail(kit, flow),
        new ClarifyChoice(kit),
        answer,
    ];

    internal static TurnResult One(AssistantReply reply) => new([reply]);

    /// <summary>Counts an unhelpful reply; at the configured number in a row, offers a person with it.</summary>
    internal static AssistantReply Missed(DialogueKit kit, DialogueState state, AssistantReply reply)
    {
        state.Misses++;
        state.HandoffOffered = false;
        if (state.Misses < kit.Options.MissesBeforeOffer) return reply;
        state.HandoffOffered = true;
        var actions = reply.SuggestedActions.Contains(kit.Replies.HandoffAction) ? reply.SuggestedActions : [.. reply.SuggestedActions, kit.Replies.HandoffAction];
        return reply with { Text = reply.Text + "\n\n" + kit.Replies.OfferHandoff, SuggestedActions = actions };
    }

    /// <summary>The question a seller asked after an act ("네 근데 정산은 언제 돼요?"), or null when the act was all.</summary>
    internal static string? QuestionAfter(ReplyActReading act) =>
        !act.IsWhole && TextNormalizer.CountLetters(act.Remainder) >= MinQuestionLetters && QuestionReader.IsQuestion(act.Remainder) ? act.Remainder : null;

    /// <summary>Letters a remainder needs to be read as a question of its own ("뭐요?" is not one).</summary>
    private const int MinQuestionLetters = 5;

    /// <summary>A reply that helped: the count of misses starts again.</summary>
    internal static void Helped(DialogueState state)
    {
        state.Misses = 0;
        state.HandoffOffered = false;
    }

    /// <summary>Opens the handoff form, unless a ticket of this conversation already waits for an agent.</summary>
    internal static Task<TurnResult> OpenHandoffAsync(DialogueKit kit, HandoffFlow flow, Turn turn, string? description, CancellationToken cancellationToken)
    {
        Helped(turn.State);
        if (turn.Ticket is { Status: TicketStatus.Queued } queued)
            return Task.FromResult(One(DialogueKit.Say(kit.Replies.Format("alreadyQueued", ("number", queued.Number)), DecisionKind.Handoff, "handoff.already-queued", ticket: queued.Number)));
        return flow.StartAsync(turn, description, cancellationToken);
    }
}

/// <summary>After an agent handed the conversation back: "해결됐어요" closes kindly, "아직 안 됐어요" offers a person again.</summary>
public sealed class HandbackFollowUp(DialogueKit kit, HandoffFlow flow) : IDialoguePattern
{
    public async Task<TurnResult?> TryAsync(Turn turn, CancellationToken cancellationToken)
    {
        if (turn.Ticket is not { Status: TicketStatus.HandedBack or TicketStatus.Resolved } ticket || turn.State.FollowedUpTicket == ticket.Number) return null;
        var replies = kit.Replies;
        var script = kit.Knowledge.Handoff;
        var text = turn.Text.Trim();
        var notSolved = text == replies["notSolvedAction"] || script.IsNotSolved(text) || turn.Act.Act == ReplyAct.Deny || NotSolvedWords(text);
        // Asked "해결되셨나요?", a yes, a thanks or "(해결)됐어요" all mean solved.
        var solved = !notSolved && (text == replies["solvedAction"] || script.IsSolved(text) || turn.Act.Act is ReplyAct.Affirm or ReplyAct.Thanks or ReplyAct.Cancel);
        if (!solved && !notSolved) return null;

        turn.State.FollowedUpTicket = ticket.Number;
        if (solved)
        {
            ConversationPatterns.Helped(turn.State);
            var thanks = DialogueKit.Say(replies["solvedThanks"], DecisionKind.Smalltalk, "handoff.solved");
            var question = ConversationPatterns.QuestionAfter(turn.Act);
            // "다음번엔 제가 직접 고칠 수 있는 거죠? 어디서 해요?": a question that points back to the problem the agent just
            // solved, and names nothing of its own, is read with that problem.
            if (question is not null && await AboutTheProblemAsync(question, ticket, cancellationToken) is { } answered)
            {
                turn.State.Topic = answered.Id;
                return new TurnResult([thanks, kit.Answer(answered, question, 1, answered.Id)]);
            }
            // "ㅇㅋ 근데 반품 수거되고 나면 며칠 안에 완료해야 돼요?": solved, and a new question that is answered next.
            return ConversationPatterns.One(thanks) with { ContinueWith = question };
        }
        // Not solved, and the seller says what is still wrong: that is a new handoff, problem included.
        if (turn.Act.Act == ReplyAct.Deny && !turn.Act.IsWhole && TextNormalizer.CountLetters(turn.Act.Remainder) > 6)
            return await ConversationPatterns.OpenHandoffAsync(kit, flow, turn, turn.Text.Trim(), cancellationToken);
        turn.State.HandoffOffered = true;
        return ConversationPatterns.One(DialogueKit.Say(replies["notSolved"], DecisionKind.Handoff, "handoff.not-solved", [replies.HandoffAction]));
    }

    /// <summary>The entry that answers a question pointing back, read with the ticket's problem, when alone it is answered by none.</summary>
    private async Task<FaqEntry?> AboutTheProblemAsync(string question, Ticket ticket, CancellationToken cancellationToken)
    {
        if (!QuestionReader.PointsBack(question) || ticket.Details.Description is not { Length: > 0 } problem) return null;
        if (await kit.Decider.DecideAsync(question, cancellationToken) is { Kind: DecisionKind.Answer }) return null;
        return await kit.Decider.DecideAsync(HandoffFlow.ProblemWords(problem) + " " + question, cancellationToken) is { Kind: DecisionKind.Answer, FaqId: { } id }
            ? kit.Knowledge.FindFaq(id) : null;
    }

    private static bool NotSolvedWords(string text)
    {
        var compact = TextNormalizer.Compact(text);
        return compact.Contains("안됐", StringComparison.Ordinal) || compact.Contains("안되었", StringComparison.Ordinal) || compact.Contains("해결안", StringComparison.Ordinal);
    }
}

/// <summary>
/// "접수한 거 어떻게 됐어요?", "언제 연락 와요?": the ticket's number, where it stands and the wait; never a new ticket.
/// The ticket is this conversation's, or else the seller's from another of their conversations on the same channel.
/// </summary>
public sealed partial class TicketStatusQuery(DialogueKit kit) : IDialoguePattern
{
    public async Task<TurnResult?> TryAsync(Turn turn, CancellationToken cancellationToken)
    {
        // A plain "네" after the ticket was filed, with nothing else open, is about that ticket too.
        var aboutTicket = turn.Act.IsOnly(ReplyAct.Affirm) && turn.Ticket is { Status: TicketStatus.Queued } && !turn.State.HandoffOffered && turn.State.PendingChoices.Count == 0;
        // "아직이에요? 언제쯤 연락 와요": with a request open, a clause that asks where it stands asks that too.
        aboutTicket |= turn.Ticket is { IsOpen: true } && ReplyActs.ReadClauses(turn.Text).Any(r => r.IsWhole && r.Act == ReplyAct.TicketStatus);
        // "제 접수 건은 아직 대기 중이죠? 번호가 뭐였죠": the request named, and where it stands or its number asked.
        aboutTicket |= turn.Ticket is { IsOpen: true } && AsksAboutTheRequest().IsMatch(turn.Text);
        if (turn.Act.Act != ReplyAct.TicketStatus && !aboutTicket) return null;
        var replies = kit.Replies;
        ConversationPatterns.Helped(turn.State);
        if ((turn.Ticket ?? await SellersTicketAsync(turn, cancellationToken)) is not { } ticket)
        {
            // Nothing filed here; the conversation is now about reaching support, which a follow-up ("1:1 문의로 남겼어요") continues.
            var decision = await kit.Decider.DecideAsync(turn.Text, cancellationToken);
            if ((decision.FaqId ?? decision.Suggestions.FirstOrDefault()) is { } about) turn.State.Topic = about;
            turn.State.HandoffOffered = true;
            return ConversationPatterns.One(DialogueKit.Say(replies["ticketStatusNone"], DecisionKind.Handoff, "handoff.status-none", [replies.HandoffAction]));
        }
        var text = ticket.Status switch
        {
            TicketStatus.Queued => replies.Format("ticketStatusQueued", ("number", ticket.Number), ("wait", ResponsePromise.For(replies, kit.Calendar, ticket.CreatedAt).Text)),
            TicketStatus.Claimed => replies.Format("ticketStatusClaimed", ("number", ticket.Number)),
            _ => replies.Format("ticketStatusClosed", ("number", ticket.Number)),
        };
        IReadOnlyList<string> actions = ticket.IsOpen ? [] : [replies.HandoffAction];
        return ConversationPatterns.One(DialogueKit.Say(text, DecisionKind.Handoff, "handoff.status", actions, ticket.Number));
    }

    [GeneratedRegex(@"(?:접수|티켓|문의)\s*(?:한\s*)?(?:건|거|것)?\S{0,2}\s*(?:아직|지금)?\s*(?:대기|진행\s*중|처리\s*중|어떻게\s*(?:돼|되|됐))|(?:접수|티켓)\s*번호\S{0,2}\s*(?:가|이)?\s*뭐|번호가\s*뭐였")]
    private static partial Regex AsksAboutTheRequest();

    /// <summary>Nothing filed in this conversation: the seller's ticket from another of their conversations on the same channel, if the channel says who they are.</summary>
    private Task<Ticket?> SellersTicketAsync(Turn turn, CancellationToken cancellationToken) =>
        string.IsNullOrEmpty(turn.Conversation.SellerKey)
            ? Task.FromResult<Ticket?>(null)
            : kit.Tickets.Store.FindLatestBySellerAsync(turn.Conversation.Channel, turn.Conversation.SellerKey, cancellationToken);
}

/// <summary>
/// "아 방금 해결됐어요. 아까 접수한 문의는 취소해 주세요", "please cancel my ticket": a request still waiting for an agent is
/// withdrawn (resolved, with a note the agents see, and its event raised once the store has it) and the seller is told; a
/// request an agent has already taken goes on with that agent, who hears the seller directly.
/// </summary>
public sealed class TicketWithdrawal(DialogueKit kit) : IDialoguePattern
{
    public async Task<TurnResult?> TryAsync(Turn turn, CancellationToken cancellationToken)
    {
        if (turn.Ticket is not { Status: TicketStatus.Queued } ticket || turn.State.Form is not null || !ReplyActs.WithdrawsTheRequest(turn.Text)) return null;
        var note = new TranscriptEntry(MessageRole.System, kit.Replies["ticketWithdrawnNote"], kit.Time.GetUtcNow());
        if (await kit.Tickets.CloseAsync(ticket.Number, TicketStatus.Resolved, null, note, cancellationToken) is null) return null;
        ConversationPatterns.Helped(turn.State);
        return ConversationPatterns.One(DialogueKit.Say(kit.Replies.Format("ticketWithdrawn", ("number", ticket.Number)), DecisionKind.Handoff, "handoff.withdrawn", ticket: ticket.Number));
    }
}

/// <summary>
/// "아 그리고 사진도 있어요", "주문번호 하나 더 있어요. 2025… 도 같은 구매자 건이에요" while the request waits for an agent:
/// more for the request, not a question; what the seller says meanwhile joins the ticket (the engine appends it), and the
/// seller is told so instead of being answered from an entry.
/// </summary>
public sealed partial class TicketAddition(DialogueKit kit) : IDialoguePattern
{
    public Task<TurnResult?> TryAsync(Turn turn, CancellationToken cancellationToken)
    {
        if (turn.Ticket is not { Status: TicketStatus.Queued } ticket || turn.State.Form is not null || QuestionReader.IsQuestion(turn.Text)
            || !AddsToTheRequest().IsMatch(turn.Text))
            return Task.FromResult<TurnResult?>(null);
        ConversationPatterns.Helped(turn.State);
        return Task.FromResult<TurnResult?>(ConversationPatterns.One(
            DialogueKit.Say(kit.Replies.Format("ticketAdded", ("number", ticket.Number)), DecisionKind.Handoff, "handoff.added", ticket: ticket.Number)));
    }

    /// <summary>Something more the seller has for the request: a photo, a capture, a document, one more order.</summary>
    [GeneratedRegex(@"(?:사진|캡처|캡쳐|스크린샷|자료|서류|영상|파일|사본|주문\s*번호)\S{0,3}\s*(?:도|하나\s*더|더|까지)?\s*(?:있어요|있습니다|있는데|있으니|드릴게요|드릴\s*수|보낼게요|보내\s*드릴|첨부|올릴게요)|하나\s*더\s*있어요|추가로\s*(?:말씀|알려)\s*드리|\b(?:i\s+(?:also\s+)?have|here\s+(?:is|are))\s+(?:a\s+)?(?:photos?|screenshots?|pictures?|another\s+order)\b", RegexOptions.IgnoreCase)]
    private static partial Regex AddsToTheRequest();
}

/// <summary>
/// The reply to "상담원에게 연결해 드릴까요?": yes opens the form, no (or "괜찮아요") is accepted kindly, also with a few
/// words after it that ask nothing and raise no selling matter ("no thanks, I'll figure it out myself", "아뇨 제가 알아볼게요").
/// </summary>
public sealed class OfferReply(DialogueKit kit, HandoffFlow flow) : IDialoguePattern
{
    public async Task<TurnResult?> TryAsync(Turn turn, CancellationToken cancellationToken)
    {
        if (!turn.State.HandoffOffered) return null;
        if (turn.Act.IsOnly(ReplyAct.Affirm)) return await ConversationPatterns.OpenHandoffAsync(kit, flow, turn, null, cancellationToken);
        if (turn.Act.Act is ReplyAct.Deny or ReplyAct.Cancel && (turn.Act.IsWhole || SaysNothingMore(turn.Act.Remainder)))
        {
            ConversationPatterns.Helped(turn.State);
            return ConversationPatterns.One(DialogueKit.Say(kit.Replies["offerDeclined"], DecisionKind.Smalltalk, "handoff.offer-declined"));
        }
        return null;
    }

    private bool SaysNothingMore(string rest) =>
        !QuestionReader.IsQuestion(rest) && !kit.Knowledge.Scope.IsAboutSelling(rest, kit.Knowledge.Lexicon);
}

/// <summary>"상담원 연결해 주세요", "사람이랑 얘기할래요", "talk to a human", or the button: the handoff form opens.</summary>
public sealed class PersonRequest(DialogueKit kit, HandoffFlow flow) : IDialoguePattern
{
    public Task<TurnResult?> TryAsync(Turn turn, CancellationToken cancellationToken)
    {
        var button = TextNormalizer.Compact(turn.Text) == TextNormalizer.Compact(kit.Replies.HandoffAction);
        var asked = turn.Act.Act == ReplyAct.HumanRequest || ReplyActs.ReadClauses(turn.Text).Any(c => c.Act == ReplyAct.HumanRequest);
        if (!button && !asked) return Task.FromResult<TurnResult?>(null);
        // The rest of the message may already say what the problem is ("사람 불러 주세요 정산 건이에요",
        // "반품 건으로 상담 받고 싶어요, 사람으로요"): then the whole message is the problem description.
        var describes = button ? null : HandoffFlow.DescribedProblem(turn.Text);
        return ConversationPatterns.OpenHandoffAsync(kit, flow, turn, describes, cancellationToken)!;
    }
}

/// <summary>"여기서는 뭘 물어볼 수 있어요?": what the assistant can help with, and the way to a person.</summary>
public sealed class WhatICanDo(DialogueKit kit) : IDialoguePattern
{
    public Task<TurnResult?> TryAsync(Turn turn, CancellationToken cancellationToken)
    {
        if (turn.Act.Act != ReplyAct.Capabilities) return Task.FromResult<TurnResult?>(null);
        ConversationPatterns.Helped(turn.State);
        return Task.FromResult<TurnResult?>(ConversationPatterns.One(DialogueKit.Say(kit.Replies["capabilities"], DecisionKind.Smalltalk, "capabilities", kit.TitlesAndPerson(kit.Replies.WelcomeTopics))));
    }
}

/// <summary>
/// "네? 다시 한번 말해 주세요": the last answer again; "아까 말한 거요 정산 다시 보여주세요": the earlier answer it
/// names, among those this conversation has shown.
/// </summary>
public sealed partial class RepeatLastAnswer(DialogueKit kit) : IDialoguePattern
{
    public async Task<TurnResult?> TryAsync(Turn turn, CancellationToken cancellationToken)
    {
        // "아까 말한 거요 정산 다시 보여주세요": a short request to be shown again. In a long story "뭐라고 다시 말씀드려야
        // 할지" is the seller telling what they will say, not a request to the assistant.
        var shorter = Shorter().IsMatch(turn.Text);
        if (turn.Act.Act != ReplyAct.Repeat && !(TextNormalizer.CountLetters(turn.Text) <= MaxRepeatRequestLetters && (shorter || AskAgain().IsMatch(turn.Text))))
            return null;
        var state = turn.State;
        var chosen = state.Topic;
        if (!turn.Act.IsWhole && state.FaqShown.Count > 1)
        {
            // Which earlier answer: the shown entry the words point to most.
            var decision = await kit.Decider.DecideTopicAsync(turn.Text, cancellationToken);
            var best = DialogueKit.RankAmong(decision, state.FaqShown.Select(f => f.FaqId))[0];
            if (best.Score > 0) chosen = best.Id;
        }
        if (chosen is not null && kit.Knowledge.FindFaq(chosen) is { } faq)
        {
            state.Topic = faq.Id;
            ConversationPatterns.Helped(state);
            // "너무 길어요 ㅠ 짧게 요약해 주세요": the entry's facts, its policy in a few short lines.
            return ConversationPatterns.One(shorter && faq.Facts.Count > 0
                ? kit.ShortAnswer(faq, "shorter")
                : kit.Answer(faq, turn.Text, 1, "repeat"));
        }
        var last = state.Transcript.LastOrDefault(t => t.Role == MessageRole.Bot);
        if (last is null) return null;
        return ConversationPatterns.One(DialogueKit.Say(last.Text, DecisionKind.Smalltalk, "repeat"));
    }

    /// <summary>Letters a request to repeat has at most, with what it names ("아까 말한 거요 정산 다시 보여주세요").</summary>
    private const int MaxRepeatRequestLetters = 40;

    [GeneratedRegex(@"(?:다시|한\s*번\s*더)(?:\s*한\s*번)?\s*(?:만\s*)?(?:더\s*)?(?:보여|알려|말해|말씀해|설명해|안내해)\s*(?:주|줘|줄)")]
    private static partial Regex AskAgain();

    /// <summary>"짧게 요약해 주세요", "너무 길어요", "핵심만요", "shorter please": the last answer, shorter.</summary>
    [GeneratedRegex(@"(?:짧게|간단히|간단하게|요약|한\s*줄로|핵심만)\s*(?:좀\s*)?(?:해|말해|말씀해|설명해|정리해|알려|보여)?\s*(?:주|줘|줄|요|해)|너무\s*길어|\b(?:shorter|summari[sz]e|in\s+short|tl;?dr)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Shorter();
}

/// <summary>"너 사람이야?" is a question about the assistant (it says it is a bot), not a request for a person.</summary>
public sealed class AreYouABot(DialogueKit kit) : IDialoguePattern
{
    public const string IdentityIntent = "smalltalk.identity";

    public Task<TurnResult?> TryAsync(Turn turn, CancellationToken cancellationToken)
    {
        if (turn.Act.Act != ReplyAct.AreYouBot || kit.Knowledge.FindIntent(IdentityIntent)?.Reply is not { } reply) return Task.FromResult<TurnResult?>(null);
        ConversationPatterns.Helped(turn.State);
        return Task.FromResult<TurnResult?>(ConversationPatterns.One(DialogueKit.Say(reply, DecisionKind.Smalltalk, IdentityIntent)));
    }
}

/// <summary>
/// "영어로도 설명해 줄 수 있어요?", "Do you speak English?": a question about the language of the answers, not about selling.
/// The reply says, in both languages, that English questions are welcome, answers come in Korean, and a person can help in
/// English; the offer of a person stands for the next turn.
/// </summary>
public sealed partial class LanguageQuestion(DialogueKit kit) : IDialoguePattern
{
    public const string Intent = "smalltalk.language";

    public Task<TurnResult?> TryAsync(Turn turn, CancellationToken cancellationToken)
    {
        if (turn.Text.Length > 80 || !AboutLanguage().IsMatch(turn.Text) || !QuestionReader.IsQuestion(turn.Text) && !turn.Text.TrimEnd().EndsWith('?'))
            return Task.FromResult<TurnResult?>(null);
        ConversationPatterns.Helped(turn.State);
        turn.State.HandoffOffered = true;
        return Task.FromResult<TurnResult?>(ConversationPatterns.One(DialogueKit.Say(kit.Replies["languageHelp"], DecisionKind.Smalltalk, Intent, [kit.Replies["handoffAction"]])));
    }

    /// <summary>Explaining, answering or speaking in English (or another language than Korean).</summary>
    [GeneratedRegex(@"(?:영어|영문|english)\s*(?:로|로도|로는)?\s*(?:설명|답변|대답|답|말|상담|안내|대화|얘기|이야기|써|적어|해\s*줄|가능|돼|되나|되요|돼요)|\b(?:speak|reply|respond|answer|explain|write|talk|chat)\b[^?]{0,20}\b(?:in\s+)?english\b|\benglish\s+(?:please|support|ok|okay|possible)\b", RegexOptions.IgnoreCase)]
    private static partial Regex AboutLanguage();
}

/// <summary>
/// A message that is only an order number, a seller ID or a labelled product name ("2025-1103-4455-6677", "hanul_shop",
/// "아 제 아이디는 hanul_shop 이구요", "상품은 무쇠 주물팬 28cm 에요"), with no form open: not a question to answer or decline. It is named back as kept (a handoff opened later takes it from the
/// conversation), the seller is asked what it is about, and a person is offered. Said right after a person was offered for
/// a problem, it takes the offer: the form opens on that problem with the details filled.
/// </summary>
public sealed partial class BareDetail(DialogueKit kit, HandoffFlow flow) : IDialoguePattern
{
    public const string Intent = "detail.noted";

    public async Task<TurnResult?> TryAsync(Turn turn, CancellationToken cancellationToken)
    {
        if (turn.Text.Length > 80) return null;
        var values = SlotExtraction.FromMessages([turn.Text]).Values.Where(v => v.IsCertain).ToList();
        if (values.Count == 0) return null;
        var rest = values.Aggregate(turn.Text, (text, v) => v.Source.Length > 0 ? text.Replace(v.Source, " ", StringComparison.Ordinal) : text);
        // "아 제 판매자 아이디는 dasom_kitchen 이구요", "상품은 무쇠 주물팬 28cm 에요": nothing but details, their labels and
        // the small words around them. A product alone counts only under its label (a bare name may be a question's word).
        // "저 과일 파는 판매자인데요, 아이디는 … 이에요": who the seller is, said with the details, asks nothing either.
        var onlyDetails = TextNormalizer.Compact(Label().Replace(Filler().Replace(Introduction().Replace(rest, " "), " "), " ")).Length == 0;
        var productUnlabelled = values.Any(v => v.Kind == SlotKind.Product) && !ProductNames.Label().IsMatch(turn.Text);
        if (!onlyDetails || productUnlabelled || flow.Noted(values, "detailNoted") is not { } noted)
            return null;
        // A person was offered for a problem told before ("그 내용은 제 안내에는 없어요 … 연결해 드릴까요?") and the seller
        // answers with the details an agent needs: that takes the offer. The form opens on that problem, the details filled.
        if (OfferedForTheProblemJustTold(turn.State))
            return await ConversationPatterns.OpenHandoffAsync(kit, flow, turn, null, cancellationToken);
        ConversationPatterns.Helped(turn.State);
        turn.State.HandoffOffered = true;
        return ConversationPatterns.One(DialogueKit.Say(noted, DecisionKind.Smalltalk, Intent, [kit.Replies["handoffAction"]]));
    }

    /// <summary>
    /// Whether the last reply offered a person for the seller's message before this one (the problem it is for): not an
    /// offer this pattern made itself beside details noted, nor one after an answer given earlier.
    /// </summary>
    private static bool OfferedForTheProblemJustTold(DialogueState state)
    {
        if (!state.HandoffOffered || state.LastQuestion is not { } problem) return false;
        var told = state.Transcript.Where(e => e.Role == MessageRole.Seller).TakeLast(2).ToArray();
        return told.Length == 2 && Markup.Without(told[0].Text).Trim() == problem;
    }

    /// <summary>The words that label a detail, and the particles and endings around it.</summary>
    [GeneratedRegex(@"주문\s*번호|판매자\s*(?:아이디|ID)|아이디|셀러\s*ID|상품\s*명|상품\s*이름|제품\s*명|상품|제품|\b(?:seller\s*id|order\s*(?:number|no)|my\s+id|id|product(?:\s*name)?)\b|[은는이가요예에:：=]|입니다|이에요|예요|is", RegexOptions.IgnoreCase)]
    private static partial Regex Label();

    /// <summary>A greeting, or the seller saying who they are: "안녕하세요", "저 과일 파는 판매자인데요", "수제 비누 만드는 셀러예요".</summary>
    [GeneratedRegex(@"안녕하세요|안녕하십니까|(?<![^\s,.])(?:[^\s,.]+\s+){0,4}(?:파는|판매하는|운영하는|만드는|하는)\s+(?:판매자|셀러|사장|스토어)(?:인데요|인데|예요|이에요|입니다|이고요|이구요|고요)?")]
    private static partial Regex Introduction();

    /// <summary>Interjections and possessives before a detail, and the endings after it ("아 제 …", "… 이구요").</summary>
    [GeneratedRegex(@"(?:^|\s)(?:아|어|음|참|그리고|참고로|제|저희|저의|우리|the|my)(?=\s|$)|이구요|이고요|구요|고요|이에요|이예요|예요|에요|입니다|이요", RegexOptions.IgnoreCase)]
    private static partial Regex Filler();
}

/// <summary>
/// "고마워요!", "안녕히 계세요", or a thumbs-up alone ("👍", "🙏🙏"): a short kind reply, never read as a follow-up question on
/// the last topic nor declined as noise.
/// </summary>
public sealed partial class Courtesy(DialogueKit kit) : IDialoguePattern
{
    public const string ThanksIntent = "smalltalk.thanks", ByeIntent = "smalltalk.bye";

    public Task<TurnResult?> TryAsync(Turn turn, CancellationToken cancellationToken)
    {
        var approving = TextNormalizer.CountLetters(turn.Text) == 0 && ApprovingEmoji().IsMatch(turn.Text.Trim());
        if (!approving && (!turn.Act.IsWhole || turn.Act.Act is not (ReplyAct.Thanks or ReplyAct.Goodbye))) return Task.FromResult<TurnResult?>(null);
        var intent = approving || turn.Act.Act == ReplyAct.Thanks ? ThanksIntent : ByeIntent;
        if (kit.Knowledge.FindIntent(intent)?.Reply is not { } reply) return Task.FromResult<TurnResult?>(null);
        ConversationPatterns.Helped(turn.State);
        return Task.FromResult<TurnResult?>(ConversationPatterns.One(DialogueKit.Say(reply, DecisionKind.Smalltalk, intent)));
    }

    /// <summary>Nothing but approving emoji (thumbs up, OK hand, folded hands, smiles, hearts, claps, a check mark), any number.</summary>
    [GeneratedRegex(@"^(?:(?:👍|👌|🙏|😊|🙂|😀|😄|😁|☺|🥰|😍|❤|💕|💯|👏|✅|🆗)(?:🏻|🏼|🏽|🏾|🏿|[\uFE0F\u200D\s!~.])*)+$")]
    private static partial Regex ApprovingEmoji();
}

/// <summary>
/// A question about another marketplace or service ("쿠팡은요?", "11번가 판매자 수수료는 얼마입니까?"): declined
/// politely, never answered with this marketplace's policy. The names are data (<c>knowledge/scope.yaml</c>).
/// </summary>
public sealed class OtherService(DialogueKit kit) : IDialoguePattern
{
    public Task<TurnResult?> TryAsync(Turn turn, CancellationToken cancellationToken)
    {
        if (kit.Knowledge.Scope.OtherServiceIn(turn.Text) is not { } name) return Task.FromResult<TurnResult?>(null);
        // The conversation has moved off our topic: what follows ("그럼 …") is not read against it.
        turn.State.Topic = null;
        turn.State.AskedOfAnother = ScopeRules.WithoutName(turn.Text, name);
        var reply = DialogueKit.Say(kit.Replies.Format("otherService", ("name", name)), DecisionKind.Decline, "out-of-scope.other-service");
        return Task.FromResult<TurnResult?>(ConversationPatterns.One(ConversationPatterns.Missed(kit, turn.State, reply)));
    }
}

/// <summary>
/// "쿠팡 윙에서는 단순변심 반품 택배비 누가 내요?" declined as another service's rule, then "여기는요?": the same question, asked
/// of this marketplace, is read and answered as if the seller had asked it so. Whatever the next message is, the declined
/// question is forgotten after it.
/// </summary>
public sealed partial class AskedHereInstead(AnswerQuestion answer) : IDialoguePattern
{
    public async Task<TurnResult?> TryAsync(Turn turn, CancellationToken cancellationToken)
    {
        var asked = turn.State.AskedOfAnother;
        turn.State.AskedOfAnother = null;
        if (asked is null || !Here().IsMatch(turn.Text.Trim())) return null;
        var again = new Turn(asked, ReplyActs.Read(asked), turn.State, turn.Ticket, turn.Conversation);
        return await answer.TryAsync(again, cancellationToken);
    }

    /// <summary>A short question that only names this place: "여기는요?", "그럼 여기서는요?", "스마트스토어는 어때요?", "what about here?".</summary>
    [GeneratedRegex(@"^(?:그럼|그러면|근데)?\s*(?:여기|이곳|이쪽|여기서|이\s*판매자\s*센터|판매자\s*센터|스마트\s*스토어|우리|저희)\s*(?:는|은|서는|에서는|도|선|쪽은)?\s*(?:요|어때요|어떻게\s*돼요|어떻게\s*되나요|그래요|같아요|다른가요|달라요)?\s*[?？.!~]*$"
        + @"|^(?:and|what\s+about|how\s+about)\s+(?:here|this\s+(?:place|marketplace|site|seller\s+center)|you|yours)\s*[?.!]*$", RegexOptions.IgnoreCase)]
    private static partial Regex Here();
}

/// <summary>After a clarifying question, a short reply ("보류된 거요") picks among the offered entries.</summary>
public sealed class ClarifyChoice(DialogueKit kit) : IDialoguePattern
{
    public async Task<TurnResult?> TryAsync(Turn turn, CancellationToken cancellationToken)
    {
        var choices = turn.State.PendingChoices;
        if (choices.Count == 0) return null;
        if (kit.Knowledge.FindByTitle(turn.Text) is not null) return null;
        // A new question of its own is not a pick among the choices ("그럼 검색 광고는 어떻게 해요?"), unless it is still
        // unsure and what it leans to is one of them and no other ("it says on hold. why does that happen?" after a
        // choice among the payout entries): the seller has narrowed the choice down.
        if (!QuestionReader.IsShort(turn.Text))
        {
            var own = await kit.Decider.DecideAsync(turn.Text, cancellationToken);
            // Unsure: a choice of its own, or "no answer here" with the entries it came near.
            var unsure = own.Kind == DecisionKind.Clarify || own.Intent == Decider.NoAnswer;
            if (!unsure || own.Suggestions.Count == 0 || own.Suggestions.Count(choices.Contains) != 1 || !choices.Contains(own.Suggestions[0])) return null;
            return Chosen(turn, own.Suggestions[0], own.Confidence);
        }
        var decision = await kit.Decider.DecideAsync(turn.Text, cancellationToken);
        if (decision.Kind is DecisionKind.Handoff or DecisionKind.Smalltalk) return null;
        if (decision.Kind == DecisionKind.Answer && !choices.Contains(decision.FaqId!)) return null;

        var ranked = DialogueKit.RankAmong(decision, choices);
        var best = ranked[0];
        var runnerUp = ranked.Count > 1 ? ranked[1].Score : 0;
        if (decision.FaqId != best.Id && (best.Score < 0.1f || best.Score < runnerUp * 1.5f))
        {
            // Read together with the question that was clarified ("환불 문의요" + "카드로 결제했어요").
            if (turn.State.LastQuestion is not { } asked) return null;
            var together = await kit.Decider.DecideAsync(asked + " " + turn.Text, cancellationToken);
            if (together.Kind != DecisionKind.Answer || !choices.Contains(together.FaqId!)) return null;
            best = (together.FaqId!, together.Confidence);
        }

        return Chosen(turn, best.Id, best.Score);
    }

    private TurnResult Chosen(Turn turn, string id, float score)
    {
        turn.State.PendingChoices.Clear();
        turn.State.Topic = id;
        ConversationPatterns.Helped(turn.State);
        return ConversationPatterns.One(kit.Answer(kit.Knowledge.FindFaq(id)!, turn.Text, score, "clarify.chosen"));
    }
}

/// <summary>
/// Everything else is a question: read in context (follow-ups, several questions at once) and
/// answered, clarified, handed off, small-talked or declined. Always takes the turn.
/// </summary>
public sealed partial class AnswerQuestion(DialogueKit kit, HandoffFlow flow, QuestionReader reader) : IDialoguePattern
{
    /// <summary>A complaint about the assistant itself ("답변이 엉뚱하네요", "챗봇 너무 느려요").</summary>
    public const string ComplaintIntent = Decider.ComplaintIntent;

    /// <summary>The reply to "?" or "..." after an answer.</summary>
    public const string WhatUnclearIntent = "clarify.what-unclear";

    /// <summary>Nothing but question marks, dots or an ellipsis ("?", "??", "...", "…?").</summary>
    [GeneratedRegex(@"^\s*[?？.…~]+\s*$")]
    private static partial Regex Puzzled();

    public async Task<TurnResult?> TryAsync(Turn turn, CancellationToken cancellationToken)
    {
        var state = turn.State;
        // "?", "...", "??" right after an answer: the seller did not follow it. Asked what is unclear, a person offered.
        if (state.Topic is not null && Puzzled().IsMatch(turn.Text))
        {
            state.HandoffOffered = true;
            return ConversationPatterns.One(DialogueKit.Say(kit.Replies["whatUnclear"], DecisionKind.Clarify, WhatUnclearIntent, [kit.Replies.HandoffAction]));
        }
        if (TextNormalizer.CountLetters(turn.Text) == 0)
            return ConversationPatterns.One(ConversationPatterns.Missed(kit, state, DialogueKit.Say(kit.Replies.DeclineNoise, DecisionKind.Decline, "noise")));

        var offered = state.HandoffOffered;
        var reading = await reader.ReadAsync(turn.Text, state.Topic, state.LastQuestion, cancellationToken, state.Situation);
        var decision = reading.Decision;
        state.PendingChoices.Clear();
        // A situation told with no question, which nothing here answered, is what the next question pointing back asks about
        // (a story told over two messages is kept whole); an answer or a question of the seller's own ends it.
        state.Situation = !QuestionReader.EndsAsking(turn.Text) && decision.Kind != DecisionKind.Answer
                          && (decision.Kind == DecisionKind.Clarify || decision.Intent is Decider.NoAnswer or "unknown")
            ? Latest(string.Join(' ', new[] { state.Situation, Told(turn.Text) }.OfType<string>()))
            : null;
        var category = CategoryOf(decision);
        // A question with no answer here is the problem a person will look at if the seller takes the offer ("넵").
        if (decision.Kind is DecisionKind.Answer or DecisionKind.Clarify || decision.Intent is "handoff.case" or "unknown" or Decider.NoAnswer)
        {
            state.LastQuestion = turn.Text.Trim();
            // "Can you check mine?" after the answer about holds: a case that points back is in the conversation's area,
            // whatever entry its own few words happen to offer.
            var pointsBackToTheArea = decision.Intent == Decider.HandoffCase && state.LastCategory is not null && QuestionReader.PointsBack(turn.Text);
            if (category is not null && !pointsBackToTheArea) state.LastCategory = category;
        }

        switch (decision.Kind)
        {
            case DecisionKind.Clarify or DecisionKind.Handoff when (decision.Kind == DecisionKind.Clarify || decision.Intent == Decider.NoAnswer)
                                                                   && offered && !QuestionReader.IsQuestion(turn.Text):
                // A person was just offered and the seller tells more ("1:1 문의로 남겼어요") without a question this
                // answers: the offer stands, with the possible entries beside it.
                state.PendingChoices = decision.Suggestions.ToList();
                state.HandoffOffered = true;
                return ConversationPatterns.One(kit.Choice(kit.Replies["offerAgain"], decision.Suggestions, "handoff.offer-again", decision.Confidence, DecisionKind.Handoff));
            case DecisionKind.Handoff when decision.Intent == Decider.OtherLanguage:
                // Written in a language not read here: which ones are, in both, and a person one tap away.
                state.HandoffOffered = true;
                return ConversationPatterns.One(kit.Choice(kit.Replies["otherLanguage"], [], decision.Intent, decision.Confidence, DecisionKind.Handoff));
            case DecisionKind.Handoff when decision.Intent == Decider.NoAnswer:
                // A question about selling with no answer here: say so and offer a person; weak matches stay as options.
                state.PendingChoices = decision.Suggestions.ToList();
                state.Misses++;
                state.HandoffOffered = true;
                return ConversationPatterns.One(kit.Choice(kit.Replies["noAnswer"], decision.Suggestions, Decider.NoAnswer, decision.Confidence, DecisionKind.Handoff));
            case DecisionKind.Handoff:
                return await ConversationPatterns.OpenHandoffAsync(kit, flow, turn, decision.Intent == Decider.HandoffCase ? turn.Text.Trim() : HandoffFlow.DescribedProblem(turn.Text), cancellationToken);
            case DecisionKind.Answer:
                ConversationPatterns.Helped(state);
                var answers = reading.Answers.Count > 0 ? reading.Answers : [decision];
                var replies = answers.Select(a => kit.Answer(kit.Knowledge.FindFaq(a.FaqId!)!, turn.Text, a.Confidence, reading.IsSeveral ? "answer.several" : a.FaqId!, offerPerson: a == answers[^1])).ToArray();
                state.Topic = answers[^1].FaqId;
                return new TurnResult(replies);
            case DecisionKind.Clarify:
                state.PendingChoices = decision.Suggestions.ToList();
                // No entry to offer ("문제가 좀 생겨서요"): the seller is asked what happened, a person offered.
                var ask = decision.Suggestions.Count > 0 ? kit.Replies.Clarify : kit.Replies["askWhatHappened"];
                return ConversationPatterns.One(ConversationPatterns.Missed(kit, state, kit.Choice(ask, decision.Suggestions, decision.Intent, decision.Confidence)));
            case DecisionKind.Smalltalk:
                ConversationPatterns.Helped(state);
                var said = kit.Knowledge.FindIntent(decision.Intent)?.Reply ?? kit.Replies.DeclineNoise;
                // A complaint about the assistant itself: an apology, and a person one tap away.
                return ConversationPatterns.One(decision.Intent == ComplaintIntent
                    ? kit.Choice(said, [], decision.Intent, decision.Confidence, DecisionKind.Smalltalk)
                    : DialogueKit.Say(said, DecisionKind.Smalltalk, decision.Intent));
            default:
                var text = decision.Intent switch
                {
                    "noise" => kit.Replies.DeclineNoise,
                    "out-of-scope" => kit.Replies.Decline,
                    _ => kit.Replies.NotUnderstood,
                };
                var reply = new AssistantReply(text, [], new AssistantInfo("decline", null, null, decision.Intent, decision.Confidence));
                return ConversationPatterns.One(ConversationPatterns.Missed(kit, state, reply));
        }
    }

    /// <summary>Letters of a situation kept, at most: the latest of a story told over several messages.</summary>
    private const int MaxSituation = 300;

    private static string Latest(string story) => story.Length <= MaxSituation ? story : story[^MaxSituation..].TrimStart();

    /// <summary>A sentence told, closed with a full stop when it has no mark of its own, so a question read after it stays a sentence of its own.</summary>
    private static string Told(string text) => text.Trim() is var t && t.Length > 0 && ".!?？。…~".Contains(t[^1]) ? t : t + ".";

    private string? CategoryOf(Decision decision) =>
        (decision.FaqId ?? decision.Suggestions.FirstOrDefault()) is { } id && kit.Knowledge.FindFaq(id) is { } faq ? faq.Category : null;
}
