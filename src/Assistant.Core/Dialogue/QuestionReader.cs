using System.Text.RegularExpressions;
using Assistant.Knowledge;
using Assistant.Understanding;

namespace Assistant.Dialogue;

/// <summary>What a question turned out to be: the decision for the message and, when it asked several things, one confident answer per question.</summary>
public sealed record QuestionReading(Decision Decision, IReadOnlyList<Decision> Answers, bool UsedTopic)
{
    public bool IsSeveral => Answers.Count > 1;
}

/// <summary>
/// Reads a seller's question in the conversation's context. A short or elliptic follow-up ("그건 어디서
/// 해요?", "환불은요?", "얼마나 걸려요?") is read again with the last answered topic in front of it, and
/// kept on that topic when the topic is among its readings; a message that asks two or three things
/// ("A랑 B 알려 주세요", "A? 그리고 B?") is split and each part decided, so none is silently dropped.
/// </summary>
public sealed partial class QuestionReader(Decider decider)
{
    /// <summary>Most questions answered in one turn.</summary>
    public const int MaxAnswers = 3;

    /// <summary>
    /// Words of a question with "도" (also) or opening with a condition that may still lean on the topic ("상품 올리는
    /// 것도 돈 받아요?", "고치면 다시 팔 수 있는거죠?").
    /// </summary>
    private const int AlsoWords = 6;

    /// <summary>An answer at least this confident is about its own topic, however short the message.</summary>
    public const float OwnTopicConfidence = 0.6f;

    private KnowledgeBase Knowledge => decider.Knowledge;

    /// <param name="previousQuestion">The seller's last question: a pronoun ("그게 쌓이면요?") may stand for what it asked about.</param>
    /// <param name="situation">What the seller told since the last answer, asking nothing (<see cref="DialogueState.Situation"/>).</param>
    public async Task<QuestionReading> ReadAsync(string text, string? topic, string? previousQuestion, CancellationToken cancellationToken, string? situation = null)
    {
        // "아까 수수료 말인데, 상품 등록할 때도 돈 내요?", "아까 그 구매확정 얘기로 돌아가서요, …": the seller goes back to an
        // earlier topic by name; the rest of the message is read on that topic.
        if (BackTo().Match(text) is { Success: true } back && text[(back.Index + back.Length)..].Trim(' ', ',', '.', '~') is { Length: > 0 } rest
            && await decider.DecideAsync(back.Groups["what"].Value, cancellationToken) is { Kind: DecisionKind.Answer, FaqId: { } named })
            (topic, text) = (named, rest);
        // "이럴 땐 어떻게 해야 돼요?" right after a situation told with no question: it asks about that situation, read with it,
        // not about the entry answered before it; unsure, it is the choice or the offer that situation gets.
        if (situation is not null && PointsBack(text) && Words().Matches(text).Count <= AlsoWords
            && await decider.DecideAsync(situation + " " + text.Trim(), cancellationToken) is var told
            && (told.Kind is DecisionKind.Answer or DecisionKind.Clarify || told.Intent == Decider.NoAnswer))
            return new QuestionReading(told with { Reason = "a question about the situation told before: " + told.Reason }, told.Kind == DecisionKind.Answer ? [told] : [], true);
        // "아 제가 말을 잘못했네요. 취소 처리가 아니라, 카드로 결제한 구매자한테 돈이 언제 돌아가는지가 궁금한 거예요", "원래
        // 물어보려던 건 그게 아니라 전자담배 액상도 팔 수 있는지였어요": the seller corrects what they asked; what follows "…가
        // 아니라" is the question, read on its own, not on the topic it sets aside.
        if (Corrects().Match(text) is { Success: true } correction && Words().Matches(correction.Groups["asked"].Value).Count >= 2
            && await CorrectedAsync(correction.Groups["asked"].Value, previousQuestion, cancellationToken) is var corrected
            && (corrected.Kind is DecisionKind.Answer or DecisionKind.Clarify || corrected.Intent == Decider.NoAnswer))
            return new QuestionReading(corrected with { Reason = "what the seller corrects the question to: " + corrected.Reason }, corrected.Kind == DecisionKind.Answer ? [corrected] : [], false);
        var decision = await decider.DecideAsync(text, cancellationToken);
        var usedTopic = false;
        if (topic is not null && await ReferentAsync(text, topic, previousQuestion, cancellationToken) is { } referred)
            return new QuestionReading(referred, [referred], true);
        // Weak readings: a choice, or "no answer here" with choices.
        var weak = decision.Kind == DecisionKind.Clarify || decision.Intent == Decider.NoAnswer;
        // The entry the message's own words choose over the topic, if any: read once, for moving there and for staying.
        var notOurs = PlainlyNotOurs(decision, text);
        var chosen = topic is null || notOurs ? null : ChoosesAnother(decision, text, topic);
        if (topic is not null && weak && decision.Suggestions.Count > 0 && decision.Suggestions[0] == topic)
        {
            // Unsure between entries, and the one the conversation is about comes first: stay on it.
            decision = decision with { Kind = DecisionKind.Answer, FaqId = topic, Suggestions = [], Reason = "ambiguous, on the last topic" };
            usedTopic = true;
        }
        else if (topic is not null && weak && decision.Suggestions.Contains(topic) && Knowledge.FindFaq(topic) is { } among
                 && await decider.DecideAsync(among.Title + " " + text, cancellationToken) is { Kind: DecisionKind.Answer } onTopic && onTopic.FaqId == topic)
        {
            // Unsure between entries the topic is one of ("How long does the review take?" after the payout-account answer),
            // and read with the topic it is answered by it: the conversation settles the doubt.
            decision = onTopic with { Reason = "ambiguous, settled by the last topic" };
            usedTopic = true;
        }
        else if (chosen is not null && (weak || decision.Kind == DecisionKind.Decline)
                 && await decider.DecideAsync(chosen.Title + " " + text, cancellationToken) is { Kind: DecisionKind.Answer } moved && moved.FaqId == chosen.Id)
        {
            // "그럼 그런 게 얼마나 쌓이면 제재 받아요?" after the cancel answer: the words of the follow-up choose the
            // penalty entry, far over the topic; read with the entry they choose, not pulled back to the topic's title.
            decision = moved with { Reason = "follow-up moves to the entry its own words choose" };
            usedTopic = true;
        }
        else if (topic is not null && (decision.Kind != DecisionKind.Smalltalk || AsksBack(decision, text)) && !notOurs
                 && Knowledge.FindFaq(topic) is { } current && (IsFollowUp(text) || AddsToTopic(text) || UnsureButNamesTheTopic(decision, text, current) || AsksTheTopicsCost(decision, text, current)))
        {
            // "전화는요?" after the answer about reply times: a short elided question that only the classifier reads as a
            // request for a person (its one word names a channel) asks the topic's question of that word. A request in
            // words ("상담원 연결해 주세요") was read by the act rules before the classifier and is no such reading.
            var elidedRequest = decision is { Kind: DecisionKind.Handoff, Intent: Decider.HandoffRequest, Reason: DecisionPolicy.ClassifierHandoff }
                && IsShort(text) && ElidedQuestion().IsMatch(text.Trim());
            var contextual = await decider.DecideAsync(current.Title + " " + text, cancellationToken);
            // A confident answer elsewhere wins over the topic unless the message is too short to carry a topic of its own.
            // "환불은요?" names what it now asks about: a confident answer to that is not pulled back to the topic.
            // A short message answered with high confidence ("세금계산서는 어떻게 발행하나요?") carries its own topic too.
            // A message that points back ("그럼 카드결제면 며칠 걸려요?") stays on the topic when, read with it, it is
            // answered by it more confidently than by anything on its own.
            // "이미 발송했으면요?" puts a condition on the topic: read with it, it stays there. So does "상품 올리는 것도 돈
            // 받아요?" after the fees answer: "도" (also) asks the topic's question of something more.
            var answeredOnTopic = contextual.Kind == DecisionKind.Answer && contextual.FaqId == topic;
            var keepsTopic = decision.Kind != DecisionKind.Answer || decision.FaqId == topic
                || IsShort(text) && !ElidedQuestion().IsMatch(text.Trim()) && decision.Confidence < OwnTopicConfidence && !NamesItsOwnTopic(decision, text, current)
                || Anaphora().IsMatch(text) && answeredOnTopic && contextual.Confidence > decision.Confidence && chosen is null
                || Conditional().IsMatch(text.Trim()) && answeredOnTopic
                || Also().IsMatch(text) && answeredOnTopic;
            // "와 3~7일이요? 아주 빠르시네요^^ 그럼 무통장은요?": a reaction to the answer, then an elided question; the
            // classifier reads the reaction as a case, but nothing in it points at an order, an account or a request to act.
            var reactionThenQuestion = decision is { Kind: DecisionKind.Handoff, Intent: Decider.HandoffCase, Reason: DecisionPolicy.ClassifierHandoff }
                && !Decider.PointsAtOwnCase(text) && Split(text).Any(IsElided);
            if (StaysOnTopic(contextual, topic) && (decision.Kind != DecisionKind.Handoff || weak || elidedRequest || reactionThenQuestion) && keepsTopic)
            {
                decision = contextual with { Kind = DecisionKind.Answer, FaqId = topic, Intent = topic, Suggestions = [], Reason = "follow-up on the last topic" };
                usedTopic = true;
            }
            else if ((weak || decision.Kind == DecisionKind.Decline || elidedRequest) && contextual.Kind == DecisionKind.Answer)
            {
                decision = contextual with { Reason = "follow-up read with the last topic" };
                usedTopic = true;
            }
            else if ((decision.Kind == DecisionKind.Decline || weak) && contextual.Intent == Decider.NoAnswer && contextual.Suggestions.Contains(topic))
            {
                // "달러로도 받을 수 있나요?" after the payout answer: alone it is about nothing sold here, with the topic it is a
                // question about the payout that no entry answers; a person is offered, not a decline. "바꾸는 것도 돈
                // 들어요?" after the same answer is a choice alone and, with the topic, a cost no entry states: the same.
                decision = contextual with { Reason = "follow-up on the last topic that no entry answers" };
                usedTopic = true;
            }
            else if (decision.Kind == DecisionKind.Decline && contextual is { Kind: DecisionKind.Handoff, Intent: Decider.HandoffCase })
            {
                // "그거 다 해봤대요 그래도 계속 안된대요" after the payment-error answer, "그러니까 제꺼가 왜 보류된거냐구요" after the
                // hold answer: alone unsure of everything, with the topic the seller's own problem that persists after the steps,
                // or their own case asked about. A case, in the topic's area.
                decision = contextual with { Reason = "a case on the last topic: " + contextual.Reason };
                usedTopic = true;
            }
        }

        // "그 쿠폰 홍보할 배너 이미지도 만들어 주시나요?" after the coupon answer: read with the topic it is about the coupon, but it
        // asks about a feature (a banner) that entry never mentions; it is not answered with the topic.
        // So is "계좌 바꾸는 것도 돈 들어요?" after the payout-account answer: it asks a cost, and the entry states none; and
        // "그럼 보통 며칠이면 풀려요?" after the hold answer, a number the entry never states.
        if (usedTopic && decision.Kind == DecisionKind.Answer && Knowledge.FindFaq(decision.FaqId!) is { } answered
            && (Knowledge.NoneCovers([answered], text) || CostQuestions.Asks(text) && !Knowledge.Costs.Covers(answered)
                || QuantityQuestions.Asks(text) && !Knowledge.Quantities.Covers(answered, text)))
            decision = decision with { Kind = DecisionKind.Handoff, Intent = Decider.NoAnswer, FaqId = null, Suggestions = [answered.Id], Reason = "a follow-up about a feature its topic does not cover" };


        // "쿠폰 할인 비용은 누가 내는 건지, 그리고 쿠폰 쓴 주문에도 수수료가 똑같이 붙는지 궁금합니다": a message no entry
        // answers whole may still ask two things that two entries answer; a case or a request for a person is what it is.
        // "정산계좌 바꾸는법이랑 수수료 몇프로인지 둘다 알려주세요ㅠ 급해요": a case only the classifier read, hurried along by
        // "급해요", is still asked as questions when two entries answer its parts; otherwise it stays the case it was read as.
        var caseByClassifierAlone = decision is { Kind: DecisionKind.Handoff, Intent: Decider.HandoffCase, Reason: DecisionPolicy.ClassifierHandoff };
        if (usedTopic || decision.Kind is DecisionKind.Handoff && decision.Intent != Decider.NoAnswer && !caseByClassifierAlone || decision.Kind == DecisionKind.Smalltalk)
            return new QuestionReading(decision, decision.Kind == DecisionKind.Answer ? [decision] : [], usedTopic);

        var parts = Split(text);
        if (parts.Count < 2) return new QuestionReading(decision, decision.Kind == DecisionKind.Answer ? [decision] : [], false);

        var answers = new List<Decision>();
        // A part that points back ("이럴 땐 어떻게 돼요?") asks about the part before it, not a question of its own.
        foreach (var part in parts.Where(p => IsQuestion(p) && !PointsBack(p)).Take(MaxAnswers + 1))
        {
            var partDecision = await decider.DecideAsync(part, cancellationToken);
            if (partDecision.Kind == DecisionKind.Answer && answers.All(a => a.FaqId != partDecision.FaqId)) answers.Add(partDecision);
        }
        if (decision.Kind == DecisionKind.Answer && answers.All(a => a.FaqId != decision.FaqId)) answers.Insert(0, decision);
        if (answers.Count >= 2) return new QuestionReading(answers[0], answers.Take(MaxAnswers).ToArray(), false);
        return new QuestionReading(decision, decision.Kind == DecisionKind.Answer ? [decision] : [], false);
    }

    /// <summary>
    /// "그게 쌓이면 어떻게 되는데요?" after "품절 취소하면 벌점 받아요?" was answered with the cancel entry: the pronoun stands for
    /// the term the seller's own question asked about (벌점), not for the entry that answered it. Read with that term in its place,
    /// a confident answer from another entry is what was asked; anything less leaves the reading to the topic, as before.
    /// </summary>
    private async Task<Decision?> ReferentAsync(string text, string topic, string? previousQuestion, CancellationToken cancellationToken)
    {
        if (previousQuestion is null || !Pronoun().IsMatch(text)) return null;
        // What the question asked about is the word before its predicate ("… 벌점 받아요?"); "결제 후 3일 안에 보내야 하나요?"
        // asks about sending, and the pronoun after it about the answer.
        var words = Words().Matches(SentenceBreak().Split(previousQuestion.Trim()).LastOrDefault(p => p.Trim().Length > 0) ?? "");
        if (words.Count < 2) return null;
        var term = Knowledge.Lexicon.Last(words[^2].Value);
        if (term is null || Knowledge.Lexicon.Expand(text).Contains(term)) return null;
        var resolved = await decider.DecideAsync(Pronoun().Replace(text, " " + term + " ", 1).Trim(), cancellationToken);
        return resolved is { Kind: DecisionKind.Answer } && resolved.FaqId != topic && resolved.Confidence >= OwnTopicConfidence
            ? resolved with { Reason = "the pronoun read as the term the seller asked about last" }
            : null;
    }

    /// <summary>A pronoun standing for a thing ("그게", "그거", "그런 건"), not for a time or a place.</summary>
    [GeneratedRegex(@"(?<=^|\s)(?:그게|그거|그건|그것|그걸|이게|이거|이건|그런\s*(?:게|거|건))(?=\s|$)", RegexOptions.CultureInvariant)]
    private static partial Regex Pronoun();

    /// <summary>
    /// A question that points back ("그럼 주말도 포함이에요?") which the classifier alone took for smalltalk: in a conversation
    /// about a topic it is read with that topic. So is a short question that asks the topic's question of one thing more
    /// ("주말도 포함이에요?": "도", also) or of one thing alone ("여기는요?"), which have nothing to stand on by themselves.
    /// Smalltalk a rule found ("고마워요", "너 사람이야?") stays smalltalk.
    /// </summary>
    private static bool AsksBack(Decision decision, string text) =>
        decision.Reason == DecisionPolicy.ClassifierSmalltalk && IsQuestion(text)
        && (Anaphora().IsMatch(text) || IsShort(text) && (Also().IsMatch(text) || ElidedQuestion().IsMatch(text.Trim())));

    /// <summary>
    /// What a correction asks: Y of "X가 아니라 Y" read alone. "아 그게 아니라 이미 발송한 상태예요" after "구매자가 주문 취소
    /// 요청했는데 어떻게 처리해요?" asks nothing and is sure of nothing alone: it corrects the situation of the last question,
    /// which is asked again with it ("대표자가 바뀌어서 사업자 정보를 고쳐야 하는 거였어요" is answered alone, and a request
    /// for a person is what it is).
    /// </summary>
    private async Task<Decision> CorrectedAsync(string asked, string? previousQuestion, CancellationToken cancellationToken)
    {
        var alone = await decider.DecideAsync(asked, cancellationToken);
        if (previousQuestion is null || IsQuestion(asked) || !(alone.Kind == DecisionKind.Clarify || alone.Intent == Decider.NoAnswer)) return alone;
        var again = await decider.DecideAsync(previousQuestion.Trim() + " " + asked.Trim(), cancellationToken);
        return again.Kind == DecisionKind.Answer ? again with { Reason = "the last question, with the situation corrected: " + again.Reason } : alone;
    }

    /// <summary>"X가 아니라 Y", "그게 아니라 Y": Y is what is asked.</summary>
    [GeneratedRegex(@"(?:^|[\s,.])(?:그게|그거|이게|이거|[가-힣]{1,12}(?:이|가|은|는))\s*아니라[\s,]+(?<asked>\S.*)$")]
    private static partial Regex Corrects();

    /// <summary>Entries at most that may use a word for it to name the topic's own matter.</summary>
    private const int FewEntries = 2;

    /// <summary>
    /// "경고 받으면 이의신청 같은 거 할 수 있어요?" after the penalty answer: nothing was sure of it alone, and it asks with a
    /// word of the topic's entry that hardly any other entry uses (경고), so it is a follow-up on that topic. A word every
    /// entry uses ("구매자", "주문") names no topic.
    /// </summary>
    private bool UnsureButNamesTheTopic(Decision decision, string text, FaqEntry topic) =>
        decision is { Kind: DecisionKind.Decline, Reason: DecisionPolicy.NoConfidentReading } && IsQuestion(text)
        && Words().Matches(text).Select(w => Particle().Replace(w.Value, "")).Any(word => word.Length >= 2 && word.All(c => c is >= '가' and <= '힣')
            && Knowledge.Mentions(topic, word) && (word.Length >= TermSyllables || Knowledge.CountMentioning(word, FewEntries + 1) <= FewEntries));

    /// <summary>
    /// Syllables of a word the topic mentions that make it one of its terms, however many entries use it too ("영업일이면 주말은
    /// 빼고 세는 거죠?" after an answer that counts in business days); a shorter word ("주문", "상품") only when few entries use it.
    /// </summary>
    private const int TermSyllables = 3;

    /// <summary>
    /// "상품 올리는 것 자체에 드는 돈은 없고요?" after the fees answer: a cost question nothing answered alone, after an entry
    /// that states costs, asks that entry's question of one more thing.
    /// </summary>
    private bool AsksTheTopicsCost(Decision decision, string text, FaqEntry topic) =>
        (decision.Kind == DecisionKind.Clarify || decision.Intent == Decider.NoAnswer) && CostQuestions.Asks(text) && Knowledge.Costs.Covers(topic);

    /// <summary>A particle or a conditional ending at the end of a word ("경고를", "받으면").</summary>
    [GeneratedRegex(@"(?:은|는|이|가|을|를|도|에|에서|으로|로|과|와|랑|이랑|하고|만|부터|까지|으면|면|[?？!.~]+)+$")]
    private static partial Regex Particle();

    /// <summary>A classifier this sure that a message is out of scope is not overruled by the topic it follows.</summary>
    private const float PlainlyOutOfScope = 0.8f;

    /// <summary>
    /// "그 돈으로 비트코인 사도 될까요?" after the settlement answer: the classifier is sure it is out of scope, no selling
    /// word says otherwise, and the message is long enough to carry a topic of its own, so it is declined, not read as a
    /// question about the topic it follows. "카드면요?" is too short to be about anything alone.
    /// </summary>
    private bool PlainlyNotOurs(Decision decision, string text) =>
        decision is { Kind: DecisionKind.Decline, Intent: Decider.OutOfScope } && decision.Confidence >= PlainlyOutOfScope
        && !IsShort(text) && !Knowledge.Scope.HasSellingWord(text);

    /// <summary>The retrieval score a short follow-up's own words need to choose an entry other than the topic.</summary>
    private const float ShortChoosesAt = 0.5f;

    /// <summary>A retrieval score this far under the first choice's, or none at all, says the message's own words are not about an entry.</summary>
    private const float FarUnder = 0.5f;

    /// <summary>
    /// The entry the message's own words choose, clearly and not the topic: the one it is answered with, offered first,
    /// or (declined by the classifier) retrieved first. It clears the policy's retrieval floor, and the topic scores under
    /// <see cref="FarUnder"/> of it (or is not retrieved at all), and the message is not too short to carry a topic of its
    /// own. A decline by rule (another service) retrieves nothing.
    /// </summary>
    private FaqEntry? ChoosesAnother(Decision decision, string text, string topic)
    {
        // "이게 가능한가요?" has no words of its own to choose with, whatever it happens to match; a short one that does
        // ("늦으면 어떻게 돼요?" after the returns answer) must match its entry clearly, and the classifier lean to it too.
        var @short = IsShort(text);
        if (@short && PointsBack(text)) return null;
        var first = decision.Kind switch
        {
            DecisionKind.Answer => decision.FaqId,
            DecisionKind.Decline => decision.Candidates.FirstOrDefault()?.FaqId,
            _ => decision.Suggestions.FirstOrDefault(),
        };
        if (first is null || first == topic) return null;
        var score = decision.Candidates.FirstOrDefault(c => c.FaqId == first)?.Score ?? 0;
        var topicScore = decision.Candidates.FirstOrDefault(c => c.FaqId == topic)?.Score ?? 0;
        if (@short && (score < ShortChoosesAt || decision.Intents.FirstOrDefault(i => Knowledge.DecisionFor(i.Label) == DecisionKind.Answer)?.Label != first)) return null;
        return score >= (float)decider.Policy.MinRetrievalScore && topicScore < FarUnder * score ? Knowledge.FindFaq(first) : null;
    }

    /// <summary>
    /// "승인나면 상품은 어디서 올려요" after the sign-up answer: short, but it names what it asks about with a topic particle
    /// ("상품은"), a word of the title of the entry it is answered by alone and not of the topic's: it carries its own topic.
    /// </summary>
    private bool NamesItsOwnTopic(Decision decision, string text, FaqEntry topic)
    {
        if (decision.Kind != DecisionKind.Answer || Knowledge.FindFaq(decision.FaqId!) is not { } own) return false;
        var ownTitle = Knowledge.TitleTerms(own);
        var topicTitle = Knowledge.TitleTerms(topic);
        return TopicMarked().Matches(text).Any(m => Knowledge.Lexicon.Expand(m.Groups["noun"].Value) is var terms
            && terms.Any(ownTitle.Contains) && !terms.Any(topicTitle.Contains));
    }

    /// <summary>A noun with the topic particle: "상품은", "정산금은", "반품비는".</summary>
    [GeneratedRegex(@"(?<noun>[가-힣]{2,8})(?:은|는)(?=\s)")]
    private static partial Regex TopicMarked();

    /// <summary>The contextual reading keeps to the topic: answered with it, or offering it among the choices at the top.</summary>
    private static bool StaysOnTopic(Decision contextual, string topic) =>
        contextual.FaqId == topic || contextual.Kind == DecisionKind.Clarify && contextual.Suggestions.Count > 0 && contextual.Suggestions[0] == topic;

    /// <summary>
    /// A message that leans on what came before: it points back ("그건", "아까", "그럼"), asks about a
    /// part only ("환불은요?", "늦게 보내면요?"), or is too short to carry its own topic.
    /// </summary>
    public static bool IsFollowUp(string text) => Anaphora().IsMatch(text) || IsShort(text);

    /// <summary>The message points back to something said before ("그건", "이게", "아까", "그럼").</summary>
    public static bool PointsBack(string text) => Anaphora().IsMatch(text);

    /// <summary>A question about a part only ("환불은요?", "늦게 보내면요?").</summary>
    public static bool IsElided(string text) => ElidedQuestion().IsMatch(text.Trim());

    /// <summary>"아까 수수료 말인데", "아까 그 구매확정 얘기로 돌아가서요", "처음에 말씀하신 정산 건요": an earlier topic named to go back to.</summary>
    [GeneratedRegex(@"^\s*(?:아\s+)?(?:아까|처음에|앞에서|전에|먼저)\s*(?:말씀하신\s*|말한\s*|물어본\s*)?(?:그\s*)?(?<what>[가-힣A-Za-z]+(?:\s[가-힣A-Za-z]+)?)\s*(?:말인데요?|얘기인데요?|이야기인데요?|(?:얘기|이야기)로\s*(?:다시\s*)?돌아가서요?|(?:얘기|이야기)요|건데요?|건요|관련해서요?)\s*[,.]?")]
    private static partial Regex BackTo();

    /// <summary>Four words or fewer, or a question about a part only ("환불은요?", "늦게 보내면요?").</summary>
    public static bool IsShort(string text) => Words().Matches(text).Count <= 4 || ElidedQuestion().IsMatch(text.Trim());

    /// <summary>
    /// The questions of one message: sentences, parts joined by "그리고"/"또", and nouns coordinated
    /// with "(이)랑"/"하고"/"및" before one shared request ("정산일이랑 수수료 알려 주세요" → "정산일 알려
    /// 주세요", "수수료 알려 주세요"). One part means one question.
    /// </summary>
    public static IReadOnlyList<string> Split(string text)
    {
        var parts = new List<string>();
        // "… 알려주세요ㅠ 급해요": tears and a word of hurry after the request are no part of what is asked.
        foreach (var sentence in SentenceBreak().Split(HurryTail().Replace(text, "")))
            // "A랑 B를 같이 팔아도 돼요?" is one question about both.
            parts.AddRange(Together().IsMatch(sentence) ? [sentence] : Coordination().Split(sentence));
        var cleaned = parts.Select(p => Spaces().Replace(Filler().Replace(p, " "), " ").Trim(' ', ',', '.')).Where(p => p.Length >= 2).ToList();
        if (cleaned.Count < 2) return cleaned;

        // A bare noun phrase borrows the request of the last part: "수수료 알려 주세요" lends "알려 주세요".
        var request = Request().Match(cleaned[^1]);
        if (request.Success)
            for (var i = 0; i < cleaned.Count - 1; i++)
                if (!Predicate().IsMatch(cleaned[i])) cleaned[i] += " " + request.Value.Trim();
        return cleaned;
    }

    /// <summary>
    /// The question without the moment it is anchored to: "구매확정 후 정산금은 언제 들어오나요?" asks about the payout, and
    /// "How long does it take to get paid after the buyer confirms?" too; the step it follows is background. Null when
    /// the question names no such moment ("after"/"once" in English; 후, 뒤, 한 다음, 하고 나서/나면 in Korean), or when
    /// too little is left to be read alone.
    /// </summary>
    public static string? MainClause(string question)
    {
        var match = AnchoredBefore().Match(question);
        if (!match.Success) match = AnchoredAfter().Match(question);
        if (!match.Success) match = AnchoredInside().Match(question);
        if (!match.Success) return null;
        var main = (match.Groups["main"].Value + " " + match.Groups["rest"].Value).Trim(' ', ',');
        return ReadableAlone(main);
    }

    /// <summary>
    /// The question without the step it is conditioned on: "구매확정 되면 정산은 다음 영업일에 들어오는 거 맞죠?" asks about the
    /// payout once the purchase is confirmed. Null without such a condition, when the condition is that a step is not taken
    /// ("구매확정 안 하면 정산은 어떻게 돼요?" asks what not confirming does), or when too little is left to be read alone.
    /// A condition says less of what is asked than a moment does, so the caller also wants the rest to name its own topic.
    /// </summary>
    public static string? ConditionedClause(string question)
    {
        var match = ConditionBefore().Match(question);
        if (!match.Success || NotTaken().IsMatch(match.Groups["condition"].Value)) return null;
        var main = match.Groups["main"].Value.Trim(' ', ',');
        return ReadableAlone(main);
    }

    /// <summary>A step as a condition first: "구매확정 되면 …", "반품 승인하면 …", "정산 받으면 …".</summary>
    [GeneratedRegex(@"^\s*(?<condition>[^,?.!]{2,30}?(?:되면|하면|받으면|끝나면|나면|오면))[\s,]+(?<main>\S.*)$", RegexOptions.CultureInvariant)]
    private static partial Regex ConditionBefore();

    /// <summary>A step not taken ("안 하면", "안 누르면", "못 받으면").</summary>
    [GeneratedRegex(@"(?<![가-힣])(?:안|못)\s*[가-힣]*면$|않으면$|[가-힣]*지\s*않|[가-힣]*지\s*못")]
    private static partial Regex NotTaken();

    /// <summary>What is left of a question once its anchor is set aside, when enough is left to be read alone; null otherwise.</summary>
    private static string? ReadableAlone(string main) => Words().Matches(main).Count >= MainClauseWords ? main : null;

    /// <summary>Words the question needs beyond its anchor to be read alone ("정산은 언제 들어와요?").</summary>
    private const int MainClauseWords = 2;

    /// <summary>The moment first: "After the buyer confirms, …", "And if the buyer confirms during the holiday, …", "구매확정 후 …", "배송 완료되고 나면 …", "반품 받은 다음에 …", and orders that reached a step ("목요일에 구매확정된 주문은 …", not "쿠폰으로 할인된 주문은").</summary>
    [GeneratedRegex(@"^\s*(?:(?:(?:and|but|so)\s+)?(?:after|once|if)\s+[^,?]{3,}?,|[^,?.!]{2,30}?(?<![오최])(?:후|뒤)(?:에|에는|엔)?(?=[\s,])|[^,?.!]{2,30}?(?:한|된|받은|끝난|온)\s*다음(?:에|에는)?(?=[\s,])|[^,?.!]{0,20}?(?:구매\s*확정|배송\s*완료|발송|출고|결제|취소|반품|교환|환불|수거|집하)\s*(?:처리)?\s*(?:된|한|받은)\s*(?:주문|건)(?:은|는|도)(?=[\s,])|[^,?.!]{2,30}?(?:하고|되고|받고|끝나고|오고)\s*나(?:서|면|서는)(?=[\s,]))[\s,]+(?<main>\S.*)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AnchoredBefore();

    /// <summary>
    /// The moment inside an English question, between its question word and its verb: "how long after purchase confirmation
    /// do I get paid?" asks "how long … do I get paid?".
    /// </summary>
    [GeneratedRegex(@"^(?<main>.*?\b(?:how\s+(?:long|many\s+(?:business\s+)?days|soon|quickly)|when)\b)\s+(?:after|once)\s+[^?,]{3,60}?\s+(?<rest>(?:do|does|will|can|would|should|is|are)\s+(?:i|we|you|it|they|the|my)\b[^?]*\??)\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AnchoredInside();

    /// <summary>The moment last, in English: "How long until I get paid after the buyer confirms?".</summary>
    [GeneratedRegex(@"^(?<main>.{6,}?)\s+(?:after|once)\s+(?:the|a|my|an|they|he|she|it|i|we|you)\b[^?]*\??\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AnchoredAfter();

    /// <summary>
    /// Whether a message ends by asking: its last sentence has a question mark, or its final clause (after "…는데", "…어서",
    /// "…고") asks. "주문이 몇 건 들어왔는데 재료가 늦게 와서 아직 못 보냈어요" tells a situation, though "몇" is in it.
    /// </summary>
    public static bool EndsAsking(string text)
    {
        var last = SentenceBreak().Split(text.Trim()).LastOrDefault(p => p.Trim().Length > 0)?.Trim();
        if (last is null) return false;
        return last.EndsWith('?') || last.EndsWith('？') || IsQuestion(ClauseBreak().Split(last)[^1]);
    }

    [GeneratedRegex(@"(?:는데|은데|던데|인데|니까|어서|아서|해서|와서|워서|라서|고)\s+")]
    private static partial Regex ClauseBreak();

    /// <summary>
    /// A part that asks something (a question form or a request to tell), as opposed to the situation around it. A buyer's
    /// question the seller reports ("환불 왜 안 들어오냐고 …") is not the seller's: only what follows it counts.
    /// </summary>
    public static bool IsQuestion(string part) => Asks().IsMatch(ReportedQuestion().Split(part)[^1]);

    /// <summary>The end of a reported question: "왜 안 들어오냐고", "언제 오냐며", "되느냐는".</summary>
    [GeneratedRegex(@"(?:냐|느냐|으냐)(?:고|며|면서|는)(?=\s|$)")]
    private static partial Regex ReportedQuestion();

    // English asks with a question word or an inverted auxiliary opening a clause ("what's the fee on card payments, and …").
    [GeneratedRegex(@"[?？]|나요|까요|가요|는지|은지|인지|건지|뭐|무엇|어떻게|어디|언제|얼마|몇|며칠|왜|알려(?!\s*(?:줘서|주셔서|주신|준\s))|가르쳐(?!\s*(?:줘서|주셔서|주신|준\s))|" + AsksToBeTold + @"|방법|되나|하나요|할\s*수"
        + @"|(?:^|[:,;]\s*|\b(?:and|also)\s+)(?:what|what's|whats|how|where|when|why|which|who|can\s+i|could\s+i|do\s+i|does|is\s+there|are\s+there|tell\s+me)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Asks();

    /// <summary>A request to be told ("서류를 안내해 주세요", "방법 알려 주세요", "…인지 궁금합니다", "…있는지 알고 싶어요"): a question without a question form.</summary>
    internal const string AsksToBeTold = @"(?:안내|알려|가르쳐|설명)\s*(?:해\s*)?(?:주세요|주시|주실|줘(?!서)|부탁)|궁금|[가-힣]지\s*알고\s*싶|여쭙|여쭤|(?:문의|질문)\s*드(?:립니다|려요)";

    // "그 reason은", "그 서류는": the determiner 그 before a noun points back to what was said. "해 봤는데", "말씀하신 대로":
    // the seller tried what was just answered. "다음번엔 제가 직접 …": next time, the same thing again.
    [GeneratedRegex(@"(?:^|\s)(?:그건|그거|그것|그게|그걸|그럼|그러면|그럼요|아까|거기|이건|이거|이게|저건|그때|그런\s*경우|이럴|그럴|그\s*다음|그다음|그건요|해\s*봤는데|해\s*봤지만|해\s*봤더니|말씀하신\s*대로|안내(?:하신|해\s*주신)?\s*대로|알려\s*주신\s*대로|다음\s*번?\s*(?:엔|에는|부터는|부턴|에도)(?=\s)|그\s+[가-힣A-Za-z]{1,10}(?:은|는|이|가|을|를|도)(?=\s)|또\s*(?:잘못|틀리|틀렸|그러|그렇|이러|이런|같은))|\b(?:that|this|those)\s+(?:menu|page|screen|button|setting|option|step|one|review|form|process|part)\b|\b(?:check|look\s+(?:at|into)|see)\s+mine\b"
        // "And if I can't make it in time?", "What about weekends?": English that opens on what was just said.
        + @"|^\s*(?:and\s+|but\s+|ok(?:ay)?,?\s+|so\s+)?(?:what|how)\s+(?:if|about)\b|^\s*(?:and|but)\s+(?:if|then|when|who|what|how)\b|^\s*(?:and\s+)?then\s+what\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Anaphora();

    // "…드리려고요" tells an intention, not a question about a part.
    [GeneratedRegex(@"(?:은요|는요|이요|면요|(?<!려)고요|건요)\s*[?？!.~]*(?:\s|$)", RegexOptions.CultureInvariant)]
    private static partial Regex ElidedQuestion();

    /// <summary>A question that is only a condition ("이미 발송했으면요?", "주말이면요?").</summary>
    [GeneratedRegex(@"면요\s*[?？!.~]*$", RegexOptions.CultureInvariant)]
    private static partial Regex Conditional();

    /// <summary>A short question that asks the topic's question of one more thing ("도") or opens with a condition on it.</summary>
    private static bool AddsToTopic(string text) =>
        (Also().IsMatch(text) || OpensWithCondition().IsMatch(text) || AndThen().IsMatch(text)) && Words().Matches(text).Count <= AlsoWords;

    /// <summary>"아 그리고 심사는 보통 며칠 걸려요?": one more question of the same conversation, opened with "그리고".</summary>
    [GeneratedRegex(@"^\s*(?:아+\s*|아\s*참\s*|참\s*)?그리고\s", RegexOptions.CultureInvariant)]
    private static partial Regex AndThen();

    /// <summary>
    /// The particle 도 ("also") on a word of a short question ("주말도 포함이에요?", "올리는 것도 돈 받아요?"), not the
    /// end of a noun ("정도", "한도", "속도", "제도").
    /// </summary>
    [GeneratedRegex(@"(?<=[가-힣])(?<![정한속제용태빈온각강밀시지포])도(?=\s|[?？]|$)", RegexOptions.CultureInvariant)]
    private static partial Regex Also();

    /// <summary>
    /// A question that opens with a condition on what was just said ("고치면 …", "그럼 취소하면 …", "이미 보냈으면 …", "그 기한
    /// 넘기면 …", "서류 내면 …"), not with a noun ending in 면 ("화면", "라면", "양면").
    /// </summary>
    [GeneratedRegex(@"^\s*(?:그럼\s*|만약\s*|혹시\s*|이미\s*|벌써\s*)?(?:그\s+)?(?:[가-힣]{1,8}\s+)?[가-힣]*(?<![화라가측전양표장지이])면\s", RegexOptions.CultureInvariant)]
    private static partial Regex OpensWithCondition();

    [GeneratedRegex(@"[^\s]+")]
    private static partial Regex Words();

    [GeneratedRegex(@"(?<=[?？!])\s*|(?<=[.。])\s+|\n+")]
    private static partial Regex SentenceBreak();

    // "답하고 있어요", "확인하고 나서": 하고 before an auxiliary verb ends a verb, not a noun coordinated with the next one.
    [GeneratedRegex(@"\s*(?:,\s*)?(?:그리고|또한|그리고요|또)\s+|(?<=[가-힣])(?:이랑|랑|하고)\s*,?\s+(?=[가-힣A-Za-z])(?!(?:있|없|싶|계시|계세|나서|나면|나니|난\s|보니|보면|봤|봐|와서|와요|가서|가요|말았|다니))|\s+및\s+|(?<=[가-힣])고\s+(?=[가-힣A-Za-z0-9]+(?:은|는)\s)|,?\s+and\s+(?=(?:when|how|what|where|why|which|can|could|do|does|is|are|will)\b)", RegexOptions.IgnoreCase)]
    private static partial Regex Coordination();

    /// <summary>Words that make two nouns one question ("A랑 B를 같이 팔아도 돼요?"); "똑같이" (just the same) is not one.</summary>
    [GeneratedRegex(@"(?<!똑)같이|함께|묶어|세트로|비교|차이")]
    private static partial Regex Together();

    [GeneratedRegex(@"\s{2,}")]
    private static partial Regex Spaces();

    /// <summary>Tears and a word of hurry that end a message ("ㅠ 급해요", "ㅠㅠ 빨리요!!").</summary>
    [GeneratedRegex(@"(?:[\sㅠㅜ~!.]*(?:급해요|급합니다|급해서요|급함|빨리요|빨리\s*좀요))?[\sㅠㅜ~!.]*$")]
    private static partial Regex HurryTail();

    [GeneratedRegex(@"둘\s*다|모두|전부|각각")]
    private static partial Regex Filler();

    [GeneratedRegex(@"(?:알려\s*주세요|알려주세요|알려\s*줘요?|궁금해요|궁금합니다|가르쳐\s*주세요|설명해\s*주세요|뭐예요\??|어떻게\s*돼요\??)\s*[?!.]*$")]
    private static partial Regex Request();

    [GeneratedRegex(@"(?:요|다|까|죠|나|니|지|가|게|래|냐|어|야)\s*[?？!.~]*$|[?？]\s*$")]
    private static partial Regex Predicate();
}
