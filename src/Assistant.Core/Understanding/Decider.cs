using System.Text.RegularExpressions;
using Assistant.Dialogue;
using Assistant.Evaluation;
using Assistant.Knowledge;
using Assistant.Text;
using Assistant.Retrieval;

namespace Assistant.Understanding;

/// <summary>The understanding pipeline every channel and the evaluation share: features, classifier, retrieval, policy.</summary>
public sealed partial class Decider(KnowledgeBase knowledge, IIntentScorer model, HybridRetriever retriever, DecisionPolicy policy) : IMessageDecider
{
    private const int CandidateCount = 8;

    public KnowledgeBase Knowledge => knowledge;

    /// <summary>The thresholds decisions are made with.</summary>
    public PolicyOptions Policy => policy.Options;

    public async Task<Decision> DecideAsync(string message, CancellationToken cancellationToken = default)
    {
        // Markup pasted or injected ("<b>정산</b>은 언제…", "<img src=x onerror=…>") is no part of what the seller asks:
        // its tags are read as spaces, and a message that was nothing but markup asks nothing.
        if (Markup.IsIn(message))
        {
            message = Markup.Without(message);
            if (TextNormalizer.CountLetters(message) == 0) return new Decision(DecisionKind.Decline, NoiseIntent, 1f, null, [], "markup only");
        }
        // "担当者と話したいです": written in a script the assistant does not read, with no Korean and little English.
        if (InAnotherScript(message))
            return new Decision(DecisionKind.Handoff, OtherLanguage, 1f, null, [], "written in a language the assistant does not read");
        if (knowledge.FindByTitle(message) is { } chosen)
            return new Decision(DecisionKind.Answer, chosen.Id, 1f, chosen.Id, [], TitleChosen);
        if (knowledge.Scope.OtherServiceIn(message) is { } other)
            return new Decision(DecisionKind.Decline, OutOfScope, 1f, null, [], $"not ours: {other}");
        if (knowledge.Scope.NotOursIn(message) is { } notOurs)
        {
            // "구매확정 되면 정산은 언제 들어와요? 아 그리고 이번 주말 서울 날씨도 좀 ㅎㅎ": a sentence about private life beside
            // a question about selling here leaves that question to answer. (Another marketplace named in one sentence sets
            // the scene of the others, so it declines the whole message.)
            // Only a topic the scope lists is set apart so; a buyer's own purchase or a request to write something is what
            // the whole message is.
            // The selling question must come first, with the aside after it, or the aside must take itself back ("날씨는
            // 농담이에요 ㅋㅋ 빠른정산은 …"): "내일 서울 날씨 어때요? 택배 나가야 해서요" asks about the weather, for a reason.
            var sentences = SentencesOf(message);
            var ours = sentences.Where(sentence => knowledge.Scope.ListedNotOursIn(sentence) is null).ToArray();
            var rest = string.Join(' ', ours);
            var asideAfter = ours.Length > 0 && ReferenceEquals(ours[0], sentences[0]) && QuestionReader.IsQuestion(ours[0]);
            var takenBack = sentences.Except(ours).All(aside => Joking().IsMatch(aside));
            if (ours.Length == 0 || ours.Length == sentences.Length || !(asideAfter || takenBack)
                || knowledge.Scope.NotOursIn(rest) is not null || !knowledge.Scope.IsAboutSelling(rest, knowledge.Lexicon))
                return new Decision(DecisionKind.Decline, OutOfScope, 1f, null, [], $"not ours: {notOurs}");
            message = rest;
        }
        // "refund 해 주세요", "buyer 들한테 notice 보내는 방법": English words written with Korean grammar are read in Korean
        // (after the scope is read as written: "yeonmal jeongsan" is a worker's year-end tax, not settlement).
        message = knowledge.Lexicon.InKorean(message);

        // What the message does comes before what it is about: a request for a person, a question about the bot.
        // An opening act followed by a question asks about it ("상담원 연결은 어떻게 하나요?"), it does not do it.
        var act = ReplyActs.ReadClauses(message).Where(r => r.IsWhole || !QuestionReader.IsQuestion(r.Remainder))
            .Select(r => r.Act).FirstOrDefault(a => a is ReplyAct.HumanRequest or ReplyAct.AreYouBot);
        // "혹시 지금 대화하는 분 사람이세요, 기계세요?" wonders about the assistant; it asks for nobody.
        if (act == ReplyAct.None && (ReplyActs.AsksIfABot(message) || BotOrPerson().IsMatch(message) && QuestionReader.IsQuestion(message))) act = ReplyAct.AreYouBot;
        // "상담원 연결 말고요. … 일반적으로 어떤 경우에 걸리는지만 알려 주세요": a person named to say no to is no request for one.
        if ((act == ReplyAct.HumanRequest || act == ReplyAct.None && ReplyActs.AsksForAPerson(message)) && !ReplyActs.DeclinesAPerson(message))
            return new Decision(DecisionKind.Handoff, HandoffRequest, 1f, null, [], "asks for a person");
        if (act == ReplyAct.AreYouBot && knowledge.FindIntent(IdentityIntent) is not null)
            return new Decision(DecisionKind.Smalltalk, IdentityIntent, 1f, null, [], "asks whether it is a bot");
        // A short message that ends in thanks and asks nothing ("오 답변 빠르네요 ㅋㅋ 고마워요") is thanks.
        if (EndsInThanks().IsMatch(message) && !QuestionReader.IsQuestion(message) && message.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length <= 8
            && knowledge.FindIntent(ThanksIntent) is not null)
            return new Decision(DecisionKind.Smalltalk, ThanksIntent, 1f, null, [], "thanks");
        // "설명 감사해요 덕분에 정산 구조 이해했어요": thanks, and that it is understood now, asking nothing, is thanks.
        if (SentenceOfThanks().IsMatch(message) && EndsUnderstood().IsMatch(message) && AsksAndWantsNothing(message, MaxCourtesyWords)
            && Courtesy(ThanksIntent, "thanks, understood") is { } understood)
            return understood;
        // "thx that's all for today, bye!", "오늘은 여기까지요 수고하세요~": a short message that ends in a goodbye and asks nothing.
        // Thanks before the goodbye ("…알려줘서 고맙심더 … 수고 많이 하이소") makes it longer, as the thanks rule allows.
        if (EndsInGoodbye().IsMatch(message) && AsksAndWantsNothing(message, SentenceOfThanks().IsMatch(message) ? MaxCourtesyWords : MaxGoodbyeWords) && !ActOnMyCase().IsMatch(message)
            && Courtesy(ByeIntent, "goodbye") is { } goodbye)
            return goodbye;

        // "안녕하세요! 저는 제주도에서 감귤 농사를 지으면서 … 잘 부탁드립니다", "고마워요, 정말로요. … 덕분에 푹 자러 갑니다": a long
        // greeting or thanks that tells about the seller, asks nothing, names no problem and asks nobody to act is smalltalk.
        if (LongCourtesy(message) is { } courtesy && knowledge.FindIntent(courtesy) is not null)
            return new Decision(DecisionKind.Smalltalk, courtesy, 1f, null, [], "a greeting or thanks that asks nothing");
        // "아 그렇구나 알겠어요~", "넵 이해했습니다": an acknowledgment alone asks nothing, and is taken like thanks.
        if (Acknowledges().IsMatch(message.Trim()) && knowledge.FindIntent(ThanksIntent) is not null)
            return new Decision(DecisionKind.Smalltalk, ThanksIntent, 1f, null, [], "acknowledges");
        // "저 지난달에 입점한 신규 판매자예요", "hello! 판매자센터 처음 써봐요": saying who one is, asking nothing, is a greeting.
        if (IntroducesThemselves().IsMatch(message.Trim()) && knowledge.FindIntent(GreetingIntent) is not null)
            return new Decision(DecisionKind.Smalltalk, GreetingIntent, 1f, null, [], "introduces themselves");

        // "hello, do you understand English?": whether the assistant reads English, asking nothing else, is a greeting (the
        // reply to an English message says it answers in Korean).
        if (AsksForEnglish().IsMatch(message.Trim()) && Courtesy(GreetingIntent, "asks whether English is read") is { } english)
            return english;
        // "새해 복 많이 받으세요🙏", "연말인데 너도 고생이 많다 ㅎㅎ": a season's wish or kind words to the assistant, asking
        // nothing and naming nothing of selling, is a greeting.
        // "메리크리스마스🎄 챗봇도 쉬는 날 있어요? ㅋㅋ": a playful question to the assistant about itself asks nothing of selling either.
        if (Wish().IsMatch(message) && WantsNothing(message, MaxCourtesyWords) && !knowledge.Scope.IsAboutSelling(message, knowledge.Lexicon)
            && (!Asks(message) || ToTheAssistant().IsMatch(message))
            && Courtesy(GreetingIntent, Asks(message) ? "a season's wish and a word to the assistant" : "a season's wish or kind words") is { } wish)
            return wish;

        var reading = new MessageReading(this, message);
        // "상담원 몇 시까지 해요?", "상담원한테 글로 남기면 답변은 얼마나 걸려요": a question about when people answer is one
        // about the support center, not a request for a person.
        if (AboutWhenPeopleAnswer(reading) is { } aboutSupport
            && await reading.DecideAsync(aboutSupport, cancellationToken).ConfigureAwait(false) is { Kind: DecisionKind.Answer } support)
            return support with { Reason = "a question about when people answer" };
        var decision = await reading.DecideAsync(message, cancellationToken).ConfigureAwait(false);
        // A problem that persists after the seller tried the steps stays a case, however general its words; so does a
        // request to look into the seller's own order, store or account ("Can you check this order?").
        if (StillFailsAfterTrying(reading.Own))
            return decision.Kind is DecisionKind.Answer or DecisionKind.Clarify
                   || decision.Kind == DecisionKind.Decline && reading.AboutSelling
                ? AsCase(decision, "still fails after the seller tried") : decision;
        // An unsure reading too ("can someone look at order … for me?"): what is unsure is the area, not that it is a case.
        if (reading.ActsOnMyCase && (decision.Kind is DecisionKind.Answer or DecisionKind.Clarify
                || decision.Kind == DecisionKind.Decline && decision.Reason == DecisionPolicy.NoConfidentReading && reading.AboutSelling))
            return AsCase(decision, "asks to act on the seller's own case");
        // A long story that says nothing about selling (a pasted news item, a day's worries, a question about one's back or
        // holiday) is no seller's case, whether it asks or not; a short complaint ("도움이 안 되네요 그 화면에 수정 버튼이
        // 없다구요") leans on what was said before and stays one.
        if (decision.Kind == DecisionKind.Handoff && decision.Intent == HandoffCase && TextNormalizer.CountLetters(message) >= PastedStory
            && !reading.ActsOnMyCase && !reading.AboutSelling)
            // "아까부터 계속 엉뚱한 답만 나오네요 … 기계랑 얘기하는 게 이렇게 피곤할 줄": a complaint about the assistant itself.
            return AboutTheAssistant().IsMatch(message) && knowledge.FindIntent(ComplaintIntent) is not null
                ? decision with { Kind = DecisionKind.Smalltalk, Intent = ComplaintIntent, Reason = "a complaint about the assistant" }
                : decision with { Kind = DecisionKind.Decline, Intent = OutOfScope, Reason = "a story about nothing sold here" };
        // "아 진짜 이 플랫폼 왜 이렇게 불편하냐ㅡㅡ": a complaint about the marketplace, not about the assistant, is a complaint
        // for a person to hear (the specification's handoff), not the assistant's apology for its own answers.
        if (decision is { Kind: DecisionKind.Smalltalk, Intent: ComplaintIntent } && !AboutTheAssistant().IsMatch(message) && AboutTheMarketplace().IsMatch(message))
            return AsCase(decision, "a complaint about the marketplace");
        // "멍청한 봇아 제대로 좀 해봐ㅡㅡ": an unsure reading of words aimed at the assistant is a complaint about it (an
        // apology and a person one tap away), not "I did not understand".
        if (decision.Kind == DecisionKind.Decline && decision.Reason == DecisionPolicy.NoConfidentReading && !reading.AboutSelling
            && AboutTheAssistant().IsMatch(message) && knowledge.FindIntent(ComplaintIntent) is not null)
            return decision with { Kind = DecisionKind.Smalltalk, Intent = ComplaintIntent, Reason = "a complaint about the assistant" };
        if (decision.Kind == DecisionKind.Handoff && decision.Intent == HandoffCase && await GeneralQuestionAsync(decision, reading, cancellationToken).ConfigureAwait(false) is { } general)
            return NotCovered(general, reading) ?? general;
        if (await QuestionAfterAPrivateWorryAsync(decision, reading, cancellationToken).ConfigureAwait(false) is { } ofOurs)
            return NotCovered(ofOurs, reading) ?? ofOurs;
        if (await TheQuestionItselfAsync(decision, reading, cancellationToken).ConfigureAwait(false) is { } itself)
            return NotCovered(itself, reading) ?? itself;
        if (decision.Kind == DecisionKind.Clarify && (await QuestionAmongChoicesAsync(decision, reading, cancellationToken).ConfigureAwait(false)
                ?? await WholeAndQuestionAgreeAsync(decision, reading, cancellationToken).ConfigureAwait(false)
                ?? await SituationNamesTheTopicAsync(decision, reading, cancellationToken).ConfigureAwait(false)) is { } asked)
            return NotCovered(asked, reading) ?? asked;
        // "묶음배송은요?": a bare word no entry of its area covers is "no answer here", not a choice among that area's entries.
        if (decision.Kind is DecisionKind.Answer or DecisionKind.Clarify && await AreaChoiceAsync(decision, message, cancellationToken).ConfigureAwait(false) is { } choice)
            return NotCovered(choice, reading) ?? choice;
        return PointingBackToNothing(decision, reading) ?? await NoAnswerHereAsync(decision, message, reading, cancellationToken).ConfigureAwait(false) ?? decision;
    }

    /// <summary>
    /// What is read of one message while it is decided, each thing once: the topic decisions (<see cref="DecideTopicAsync"/>)
    /// of its texts (a one-sentence question is both the whole message and its own question sentence, and a part may be
    /// read by more than one rule; a topic decision depends only on its text, so a repeat gives the same result), and the
    /// seller's own words, sentences and request to act, which several rules ask about.
    /// </summary>
    private sealed class MessageReading(Decider decider, string message)
    {
        private readonly Dictionary<string, Decision> _decided = new(StringComparer.Ordinal);
        // The retrieval of each text read, by what it depends on (HybridRetriever.ReuseKey): rules read a sentence both as it
        // stands and with its opening conjunction or final mark taken off, which retrieve alike.
        private readonly Dictionary<string, IReadOnlyList<RetrievalCandidate>> _retrieved = new(StringComparer.Ordinal);
        private bool _retrievedTogether;
        private string? _unheaded, _own, _unpasted;
        private string[]? _sentences, _questions;
        private bool? _actsOnMyCase, _aboutSelling, _asksToConfirm;

        public string Message => message;

        /// <summary>
        /// The message without what it quotes: "구매자가 '확인해 주세요, 전화도 해 봤는데 계속 안 받으시네요'라고
        /// 남겼어요" asks the seller, not us, to check, and tells what the buyer tried, not the seller.
        /// </summary>
        public string Own => _own ??= Quoted().Replace(Unheaded, " ");

        /// <summary>
        /// The sentences of the message without a long text it pastes in quotes (a buyer's whole message): those are the
        /// buyer's questions, not the seller's. A short quote ("'발송 지연'이 뜨는데") stays, as part of the seller's sentence.
        /// </summary>
        public string[] Sentences => _sentences ??= SentencesOf(Unpasted);

        /// <summary>The message without a long text it pastes (under a header or in quotes); the message itself when it pastes none.</summary>
        public string Unpasted => _unpasted ??= Quoted().Replace(Unheaded, q => q.Length - 2 >= PastedLength ? " " : q.Value) is var own
            && own != message ? RunOfSpaces().Replace(own, " ").Trim() : message;

        /// <summary>
        /// The sentences that ask and can be read alone: "이게 가능한가요?" leans on the situation and is not one. A short
        /// question that opens the message has nothing before it to lean on ("상품명 글자수 제한 있나요? 검색 잘 걸리게 키워드
        /// 왕창 넣고 싶어서요"), unless it points back or asks about a part only ("환불은요?").
        /// </summary>
        public string[] Questions => _questions ??= Sentences.Where((p, i) => QuestionReader.IsQuestion(p)
            && !(i == 0 && Sentences.Length > 1 ? QuestionReader.PointsBack(p) || QuestionReader.IsElided(p) : QuestionReader.IsFollowUp(p))).ToArray();

        /// <summary>Whether the seller asks to look into or act on their own case, in their own words (not in what they quote).</summary>
        /// <summary>
        /// A request to act on the seller's own case, or an order number given with a question about that order; an order
        /// number told as background to a question in general ("주문번호 … 건이 수거됐어요. 이런 반품은 며칠 안에 …?") is not.
        /// </summary>
        public bool ActsOnMyCase => _actsOnMyCase ??= !SetsOwnCaseAside().IsMatch(Own) && !ReplyActs.DeclinesAPerson(Own) && (ActOnMyCase().IsMatch(Own) && !AsksToConfirmInGeneral
            || OrderNumber().IsMatch(Own) && !(Sentences.LastOrDefault(QuestionReader.IsQuestion) is { } asked
                && (AsksInGeneral().IsMatch(asked) || AsksHowTo().IsMatch(asked) || AsksIfThen().IsMatch(asked))));

        /// <summary>Whether the seller's own words ask to be told a rule in the formal way (<see cref="Decider.AsksToConfirmInGeneral"/>).</summary>
        public bool AsksToConfirmInGeneral => _asksToConfirm ??= Decider.AsksToConfirmInGeneral(Own);

        /// <summary>Whether the message is about selling here (a selling word or a lexicon term), which several rules ask.</summary>
        public bool AboutSelling => _aboutSelling ??= decider.Knowledge.Scope.IsAboutSelling(message, decider.Knowledge.Lexicon);

        private string Unheaded => _unheaded ??= WithoutHeadedPaste(message);

        public async Task<Decision> DecideAsync(string text, CancellationToken cancellationToken)
        {
            if (_decided.TryGetValue(text, out var known)) return known;
            var prepared = decider.Prepare(text);
            // With a large index, the first reading of the message or of one of its sentences retrieves for all of them at
            // once: several rules read a long message's sentences too, and the whole then costs little more than its parts.
            // (Not for a request to act on the seller's own case: that is decided from the whole message alone.)
            if (!_retrievedTogether && decider.RetrievesPartsTogether && Sentences.Length is >= 2 and <= MaxSentencesRetrievedTogether && !ActsOnMyCase)
            {
                var texts = Sentences.Prepend(message).Select(decider.Prepare).DistinctBy(t => t.Key, StringComparer.Ordinal).ToArray();
                if (texts.Length >= 2 && texts.Any(t => t.Key == prepared.Key))
                {
                    _retrievedTogether = true;
                    var retrieved = await decider.RetrieveTogetherAsync(texts, cancellationToken).ConfigureAwait(false);
                    for (var i = 0; i < texts.Length; i++) _retrieved.TryAdd(texts[i].Key, retrieved[i]);
                }
            }
            if (!_retrieved.TryGetValue(prepared.Key, out var candidates))
                _retrieved[prepared.Key] = candidates = await decider.RetrieveAsync(prepared, cancellationToken).ConfigureAwait(false);
            return _decided[text] = decider.DecideTopic(prepared, candidates);
        }

        /// <summary>Sentences of a message, at most, retrieved together with it.</summary>
        private const int MaxSentencesRetrievedTogether = 6;
    }

    /// <summary>Letters of a story long enough to be pasted rather than told about one's own store.</summary>
    private const int PastedStory = 40;

    /// <summary>Letters inside quotes that make a pasted text (a buyer's whole message) rather than a phrase quoted in a sentence.</summary>
    private const int PastedLength = 40;

    /// <summary>
    /// "이게 가능한가요?": what a short message pointing back asks about is not in it. Read alone, the entry its words
    /// happen to match is offered as a choice, not given as the answer, and a decline asks what it is about instead of
    /// calling it out of scope; in a conversation the reader of questions reads it again with the topic it points back to.
    /// </summary>
    private static Decision? PointingBackToNothing(Decision decision, MessageReading reading)
    {
        var message = reading.Message;
        if (decision.Kind is not (DecisionKind.Answer or DecisionKind.Decline)
            || !QuestionReader.PointsBack(message) || !QuestionReader.IsShort(message) || reading.AboutSelling)
            return null;
        const string reason = "points back to nothing said";
        return decision.Kind == DecisionKind.Answer
            ? decision with { Kind = DecisionKind.Clarify, FaqId = null, Suggestions = [decision.FaqId!], Reason = reason }
            : decision with { Intent = "unknown", Reason = reason };
    }

    /// <summary>Entries whose retrieval score is at least this share of the best one's are as likely for a bare area word.</summary>
    private const float AreaTie = 0.8f;

    /// <summary>Entries of an area a bare word offers, at most.</summary>
    private const int MaxAreaChoices = 3;

    /// <summary>A classifier this sure of one entry for a bare word is trusted ("반품", "상품등록").</summary>
    private const float AreaSure = 0.9f;

    /// <summary>
    /// A bare area word ("정산", "정산이요", "배송", "상품 문의요") names an area, not a question: when several entries of
    /// that area match the word about equally and the classifier is not sure of one, the seller gets a choice among them
    /// instead of a guess, and a choice is among the entries of the area the word names ("상품 문의요" is about products,
    /// whatever entries the word 문의 pulls in). A word only one entry is about ("수수료", "세금계산서") is still answered.
    /// </summary>
    private async Task<Decision?> AreaChoiceAsync(Decision decision, string message, CancellationToken cancellationToken)
    {
        // "심사 보통 며칠 걸려요?" asks the time of a bare word: unsure of an entry, its choices are the word's area too.
        if (decision.Reason == TitleChosen || decision.Kind == DecisionKind.Answer && decision.Confidence >= AreaSure
            || (BareWord(message) ?? (decision.Kind == DecisionKind.Clarify ? BareWordTimed(message) : null)) is not { } word) return null;
        var candidates = word == TextNormalizer.Compact(message)
            ? decision.Candidates
            : await retriever.RetrieveAsync(word, FeatureText.ForRetrieval(word, knowledge.Lexicon.Expand(word)), CandidateCount, cancellationToken).ConfigureAwait(false);
        if (candidates.Count < 2 || candidates[0].Score <= 0) return null;
        var near = candidates.Where(c => c.Score >= AreaTie * candidates[0].Score).Take(MaxAreaChoices).Select(c => c.FaqId).ToArray();
        // A choice keeps the entries the whole message was offered after the area's own, up to the usual number.
        if (decision.Kind == DecisionKind.Clarify)
            near = near.Concat(decision.Suggestions).Distinct(StringComparer.Ordinal).Take(Math.Max(policy.Options.MaxSuggestions, near.Length)).ToArray();
        return near.Length < 2 ? null : decision with { Kind = DecisionKind.Clarify, Suggestions = near, Reason = "a bare area word" };
    }

    /// <summary>The one word a message consists of, without its particle or polite ending ("정산이요" → "정산"), or null.</summary>
    private static string? BareWord(string message)
    {
        var match = BareArea().Match(message.Trim());
        return match.Success ? match.Groups["word"].Value : null;
    }

    [GeneratedRegex(@"^(?:(?:저기|저기요|저|그|음|아)\s+)?(?<word>[가-힣]{2,5}?)\s*(?:관련|문의|관련\s*문의|건)?\s*(?:이요|요|은요|는요|은|는|이|가|좀)?\s*[?？.!~ㅠㅜ]*$")]
    private static partial Regex BareArea();

    /// <summary>The one word a question of how long asks about ("심사 보통 며칠 걸려요?" → "심사"), or null.</summary>
    private static string? BareWordTimed(string message) => BareTimed().Match(message.Trim()) is { Success: true } match ? match.Groups["word"].Value : null;

    [GeneratedRegex(@"^(?<word>[가-힣]{2,5}?)\s*(?:은|는|이|가)?\s*(?:보통|원래|대략|대충|평균)?\s*(?:며칠|몇\s*일|얼마나|언제|기간)\s*(?:이나|정도|쯤)?\s*(?:걸려요|걸리나요|걸리죠|걸림|걸려|돼요|되나요|소요돼요|소요되나요|이에요|예요)?\s*[?？.!~ㅠㅜ]*$")]
    private static partial Regex BareTimed();

    /// <summary>
    /// A message that tells the seller's situation first and then asks a general question ("반품 물건이 어제
    /// 도착했는데 … 완료 처리는 며칠 안에 해야 하나요?") deserves the answer to that question; only a request to look
    /// into or act on the seller's own case ("확인해 주세요", "직접 봐 주세요") needs a person. The question
    /// sentences are decided on their own, last first.
    /// </summary>
    private async Task<Decision?> GeneralQuestionAsync(Decision whole, MessageReading reading, CancellationToken cancellationToken)
    {
        if (reading.ActsOnMyCase) return null;
        var sentences = reading.Sentences;
        // A question that leans on the situation ("이게 가능한가요?") cannot be read alone.
        foreach (var question in reading.Questions.Reverse().Take(2))
        {
            var decision = await reading.DecideAsync(question, cancellationToken).ConfigureAwait(false);
            // "구매확정이 되고 나면 정산금은 언제 들어오나요?": the question without the step it follows, as both readings
            // support it; also when the question read alone answers the step ("구매확정 되고 나면 바로 입금되나요?").
            if (QuestionReader.MainClause(question) is { } main && await AgreedWithAsync(decision, main, reading, cancellationToken).ConfigureAwait(false) is { } agreed)
                return agreed with { Reason = "a general question after the situation, without the step it follows" };
            if (decision.Kind == DecisionKind.Answer) return decision with { Reason = "a general question after the situation" };
        }
        // "처음으로 교환 요청이 들어왔어요. … 승인 누르고 나면 상품 회수는 어떻게 진행되나요?": the last question alone is a
        // choice, and a sentence of the situation is answered with confidence by one of its entries: that entry.
        if (reading.Questions.LastOrDefault() is { } last
            && await reading.DecideAsync(last, cancellationToken).ConfigureAwait(false) is { Kind: DecisionKind.Clarify } choice)
            foreach (var sentence in reading.Sentences.Where(s => !QuestionReader.IsQuestion(s)))
            {
                var told = await reading.DecideAsync(sentence, cancellationToken).ConfigureAwait(false);
                if (told.Kind == DecisionKind.Answer && choice.Suggestions.Contains(told.FaqId!))
                    return told with { Reason = "a question among entries the situation names one of" };
                // "요즘 … 상품 문의에 답을 못 다는 날이 많아요. … 문의 답변은 보통 언제까지 하면 판매자 지표에 문제가 없는
                // 건가요?": the question is a choice between reply times and answering buyers; a sentence of the situation
                // leans to one of them, and the whole message, by the classifier and by retrieval alike, chooses the same.
                if (told.Kind == DecisionKind.Clarify && told.Suggestions.FirstOrDefault() is { } leaning && choice.Suggestions.Contains(leaning)
                    && TopEntry(whole.Intents) == leaning && whole.Candidates.FirstOrDefault()?.FaqId == leaning && knowledge.FindFaq(leaning) is not null)
                    return choice with { Kind = DecisionKind.Answer, Intent = leaning, FaqId = leaning, Suggestions = [], Reason = "a question among entries the situation and the whole message choose one of" };
            }
        // A buyer's text pasted in ("구매자가 이렇게 톡 보냈어요 → "… 언제 보내 주실 건가요? 계속 이러면 취소할게요"") reads as a
        // demand to act; the seller's own words around it, read alone, are what the seller asks.
        if (!ReferenceEquals(reading.Unpasted, reading.Message)
            && await reading.DecideAsync(reading.Unpasted, cancellationToken).ConfigureAwait(false) is { Kind: DecisionKind.Answer } own)
            return own with { Reason = "the seller's own words, without the text they paste" };
        // Otherwise the message read whole, as a question about a topic rather than a case: what the classifier gives
        // the case goes to the entries in proportion, and the answer must still clear every threshold of the policy.
        // "특정 주문에 문제가 있는 건 아니고 그냥 전반적인 구조가 궁금해요": the seller says in so many words it is no case of theirs.
        // "가입신청 어제 했는데 아직 심사중이라고 떠요 원래 며칠 걸리는거에요??": asking how long it normally takes is asking
        // about cases of its kind, which says as much.
        var notMine = NotMyCase().IsMatch(reading.Own) || SetsOwnCaseAside().IsMatch(reading.Own) || AsksTheNorm(sentences[^1]) || reading.AsksToConfirmInGeneral;
        if (sentences.Length == 0 || !notMine && (!AsksOutright().IsMatch(sentences[^1]) || RhetoricalComplaint().IsMatch(sentences[^1]))) return null;
        var caseMass = CaseMass(whole);
        if (caseMass >= 1) return null;
        var asTopic = whole.Intents.Where(i => knowledge.DecisionFor(i.Label) != DecisionKind.Handoff)
            .Select(i => i with { Probability = i.Probability / (1 - caseMass) }).ToArray();
        var topic = policy.Decide(asTopic, await SentenceEvidenceAsync(whole, reading, cancellationToken).ConfigureAwait(false));
        if (topic.Kind == DecisionKind.Answer) return topic with { Intents = whole.Intents, Reason = "a general question after the situation, read whole" };
        if (await WholeAndQuestionAgreeAsync(whole, reading, cancellationToken).ConfigureAwait(false) is { } both) return both;
        if (!notMine) return null;
        // Unsure which entry, it is still a question: the choices, or "no answer here" with them, never a case's form.
        return topic.Kind == DecisionKind.Clarify
            ? topic with { Intents = whole.Intents, Reason = "a general question, in the seller's words no case of theirs" }
            : topic with { Kind = DecisionKind.Handoff, Intent = NoAnswer, FaqId = null, Intents = whole.Intents,
                Suggestions = whole.Intents.Where(i => knowledge.FindFaq(i.Label) is not null).Take(policy.Options.MaxSuggestions).Select(i => i.Label).ToArray(),
                Reason = "a general question, in the seller's words no case of theirs, that no entry answers" };
    }

    /// <summary>
    /// "연말에 원자재 대금 나갈 게 많아서 돈이 너무 빠듯해요.. 정산 좀 빨리 받을 수 있는 방법 없을까요?": the classifier reads the
    /// private worry told first and declines the whole message, but the question that ends it names a topic of ours in its
    /// own words and is answered alone with confidence. That answer stands. (A topic the scope lists as not ours, another
    /// service or a buyer's own purchase was declined before this; a question that leans on the worry is not read alone.)
    /// </summary>
    private async Task<Decision?> QuestionAfterAPrivateWorryAsync(Decision whole, MessageReading reading, CancellationToken cancellationToken)
    {
        if (whole is not { Kind: DecisionKind.Decline, Reason: DecisionPolicy.ClassifierOutOfScope } || reading.Sentences is not [_, _, ..] sentences) return null;
        var question = sentences[^1];
        if (!QuestionReader.IsQuestion(question) || QuestionReader.IsFollowUp(question) || knowledge.Lexicon.Expand(question).Count == 0) return null;
        var alone = await reading.DecideAsync(question, cancellationToken).ConfigureAwait(false);
        return alone.Kind == DecisionKind.Answer ? alone with { Reason = "a question of ours after a private worry" } : null;
    }

    /// <summary>The classifier's most probable FAQ entry, if any.</summary>
    private string? TopEntry(IReadOnlyList<IntentScore> intents) =>
        intents.FirstOrDefault(i => knowledge.DecisionFor(i.Label) == DecisionKind.Answer)?.Label;

    /// <summary>
    /// A choice the classifier is sure of but retrieval of the whole message is too weak to answer: with the evidence of its
    /// sentences (<see cref="SentenceEvidenceAsync"/>), when the question names no topic of its own, the situation's entry is answered.
    /// </summary>
    private async Task<Decision?> SituationNamesTheTopicAsync(Decision whole, MessageReading reading, CancellationToken cancellationToken)
    {
        if (reading.ActsOnMyCase) return null;
        var evidence = await SentenceEvidenceAsync(whole, reading, cancellationToken).ConfigureAwait(false);
        if (ReferenceEquals(evidence, whole.Candidates)) return null;
        var named = policy.Decide(whole.Intents, evidence);
        return named.Kind == DecisionKind.Answer ? named with { Reason = "the situation names the topic the question asks about" } : null;
    }

    /// <summary>
    /// Retrieval evidence of a message of several sentences: an entry's score is the best of the whole message's and of each
    /// sentence's alone, when the question names no topic of its own. A long situation dilutes the whole's similarity to the entry one of its sentences plainly matches
    /// ("구매자가 결제하려고 하면 '승인 거절'이 뜬대요. 판매자가 해 줄 수 있는 게 있나요?": the first sentence is the payment
    /// error's, the whole only weakly).
    /// </summary>
    private async Task<IReadOnlyList<RetrievalCandidate>> SentenceEvidenceAsync(Decision whole, MessageReading reading, CancellationToken cancellationToken)
    {
        if (reading.Sentences.Length < 2) return whole.Candidates;
        // Only for a question that names no topic of its own (no term, no entry it plainly matches): "판매 대금은 언제
        // 들어오나요?" after "첫 주문이 구매확정됐어요" asks about the payout, and the confirmation its situation sentence
        // matches must not outweigh that.
        var question = reading.Sentences[^1];
        var own = await reading.DecideAsync(question, cancellationToken).ConfigureAwait(false);
        if (own.Candidates.Count > 0 && own.Candidates[0].Score >= policy.Options.MinRetrievalScore || knowledge.Lexicon.Expand(question).Count > 0) return whole.Candidates;
        var best = whole.Candidates.ToDictionary(c => c.FaqId, StringComparer.Ordinal);
        foreach (var sentence in reading.Sentences)
            foreach (var c in (await reading.DecideAsync(sentence, cancellationToken).ConfigureAwait(false)).Candidates)
                if (!best.TryGetValue(c.FaqId, out var seen) || c.Score > seen.Score) best[c.FaqId] = c;
        return best.Values.OrderByDescending(c => c.Score).ThenBy(c => c.FaqId, StringComparer.Ordinal).ToArray();
    }

    /// <summary>
    /// The message read whole and its question read alone are two views of one question, each blurred its own way: the
    /// whole by the situation ("첫 주문이 어제 구매확정됐어요" pulls towards purchase confirmation), the question by what
    /// it leaves out ("판매 대금은 언제 통장에 들어오나요?" pulls towards the payout account). An entry both views
    /// support is what is asked: their probabilities multiplied (a product of experts), their retrieval scores averaged,
    /// and the policy's every threshold applied to the result. A question that points back ("이게 가능한가요?") is read
    /// with the sentence before it.
    /// </summary>
    private async Task<Decision?> WholeAndQuestionAgreeAsync(Decision whole, MessageReading reading, CancellationToken cancellationToken)
    {
        if (reading.ActsOnMyCase) return null;
        var sentences = reading.Sentences;
        // The situation first, then one question that ends the message: a question first, or two, are not this shape.
        if (sentences.Length < 2 || !QuestionReader.IsQuestion(sentences[^1])) return null;
        var start = QuestionReader.PointsBack(sentences[^1]) ? sentences.Length - 2 : sentences.Length - 1;
        if (start == 0 || sentences.Take(sentences.Length - 1).Any(QuestionReader.IsQuestion)) return null;
        var question = string.Join(' ', sentences[start..]);
        var alone = await reading.DecideAsync(question, cancellationToken).ConfigureAwait(false);
        return Agree(whole, alone) is { } agreed ? agreed with { Reason = "the message and its question agree" } : null;
    }

    /// <summary>
    /// The entry two views of one question both support, answered when it clears every threshold of the policy and the
    /// narrower view leans that way itself; null otherwise. Their probabilities are multiplied (a product of experts)
    /// and their retrieval scores averaged.
    /// </summary>
    private Decision? Agree(Decision whole, Decision alone)
    {
        var own = alone.Intents.Where(i => knowledge.DecisionFor(i.Label) == DecisionKind.Answer).ToDictionary(i => i.Label, i => i.Probability, StringComparer.Ordinal);
        var joint = whole.Intents.Where(i => knowledge.DecisionFor(i.Label) == DecisionKind.Answer)
            .Select(i => i with { Probability = i.Probability * own.GetValueOrDefault(i.Label) }).ToArray();
        var mass = joint.Sum(i => i.Probability);
        if (mass <= 0) return null;
        var intents = joint.Select(i => i with { Probability = i.Probability / mass }).OrderByDescending(i => i.Probability).ToArray();
        var alongside = alone.Candidates.ToDictionary(c => c.FaqId, c => c.Score, StringComparer.Ordinal);
        var candidates = whole.Candidates.Select(c => c with { Score = (c.Score + alongside.GetValueOrDefault(c.FaqId)) / 2 })
            .OrderByDescending(c => c.Score).ToArray();
        var agreed = policy.Decide(intents, candidates);
        // The question must lean that way itself: two views that agree, not one view squared.
        var questionLeans = LeaningOf(alone) == agreed.FaqId;
        return agreed.Kind == DecisionKind.Answer && questionLeans ? agreed : null;
    }

    /// <summary>The entry a decision's classifier reading favours most, or null.</summary>
    private string? LeaningOf(Decision decision) => decision.Intents.FirstOrDefault(i => knowledge.DecisionFor(i.Label) == DecisionKind.Answer)?.Label;

    /// <summary>
    /// The step a question is anchored to pulls the whole message towards that step's entry: "How long does it take to get
    /// paid after the buyer confirms the purchase?" is about the payout, not the confirmation. When the last question
    /// without its anchor (<see cref="QuestionReader.MainClause"/>), read alone, leans to an entry both views support, that
    /// entry is answered. (A situation told in sentences before a question is read by <see cref="WholeAndQuestionAgreeAsync"/>,
    /// only when the whole is a choice: a whole read with confidence is not overruled by a last sentence that may lean on
    /// the one before, "새 통장이 남편 명의예요. 명의가 달라도 등록이 되나요?".)
    /// </summary>
    private async Task<Decision?> TheQuestionItselfAsync(Decision whole, MessageReading reading, CancellationToken cancellationToken)
    {
        if (reading.ActsOnMyCase || whole.Kind is not (DecisionKind.Answer or DecisionKind.Clarify) || AnchoredQuestion(reading, whole.Kind == DecisionKind.Clarify) is not { } part) return null;
        return await AgreedWithAsync(whole, part, reading, cancellationToken).ConfigureAwait(false) is { } agreed
            ? agreed with { Reason = "the question itself, not what it follows" } : null;
    }

    /// <summary>The entry <paramref name="view"/> and <paramref name="part"/> read alone both support, when the part leans elsewhere than the view answers.</summary>
    private async Task<Decision?> AgreedWithAsync(Decision view, string part, MessageReading reading, CancellationToken cancellationToken)
    {
        var alone = await reading.DecideAsync(part, cancellationToken).ConfigureAwait(false);
        if (LeaningOf(alone) is not { } leaning || view.Kind == DecisionKind.Answer && leaning == view.FaqId) return null;
        return Agree(view, alone);
    }

    /// <summary>
    /// The last sentence of a message, when it is one question, without the step it is anchored to, or, for a message read
    /// as a choice, conditioned on when what is left names a topic of its own; null when it names none. (A condition says
    /// less than a moment, and reading the rest alone is one more search: a message already answered keeps its answer.)
    /// </summary>
    private string? AnchoredQuestion(MessageReading reading, bool conditions) =>
        // "ok and when do I get paid after …": the words it opens with join it to the conversation and are no part of it.
        reading.Sentences is [.., var last] && WithoutOpening(last) is var question && QuestionReader.IsQuestion(question) && QuestionReader.Split(question).Count == 1
            ? QuestionReader.MainClause(question)
              ?? (conditions && QuestionReader.ConditionedClause(question) is { } main && knowledge.Lexicon.Expand(main).Count > 0 ? main : null)
            : null;

    /// <summary>
    /// A situation told first can blur a message the classifier reads whole between an entry and a case ("클레임 걸린
    /// 주문이 있는데 정산이 덜 들어온 것 같아요. 어떤 경우에 정산이 보류되나요?"). When the question sentence, read on
    /// its own, is answered with confidence by one of the entries on offer, that is the answer; a request to act on
    /// the seller's case is still none.
    /// </summary>
    private async Task<Decision?> QuestionAmongChoicesAsync(Decision whole, MessageReading reading, CancellationToken cancellationToken)
    {
        // A narrow choice (one or two entries) is a doubt the question sentence can settle; a three-way one means the
        // message fits none of them well, unless what blurred it was the situation read as a case.
        if (reading.ActsOnMyCase || whole.Suggestions.Count > NarrowChoice && CaseMass(whole) < BlurringCase) return null;
        var sentences = reading.Sentences;
        if (sentences.Length < 2) return null;
        // Every sentence that asks is read, short ones too; they must not disagree ("환불은 언제부터 진행돼요? 반품요청
        // 들어온 순간인지 물건 받고 나서인지 헷갈려서요" asks about refunds and returns at once, which stays a choice).
        // The answer comes from a sentence that can be read alone.
        var answered = new List<(Decision Decision, bool Alone)>();
        foreach (var question in sentences.Where(QuestionReader.IsQuestion).TakeLast(MaxChoiceParts))
            if (await reading.DecideAsync(question, cancellationToken).ConfigureAwait(false) is { Kind: DecisionKind.Answer } answer)
                answered.Add((answer, !QuestionReader.IsFollowUp(question)));
        if (answered.Select(a => a.Decision.FaqId).Distinct().Count() != 1 || !answered.Any(a => a.Alone)) return null;
        var chosen = answered.Last(a => a.Alone).Decision;
        return whole.Suggestions.Contains(chosen.FaqId!) ? chosen with { Reason = "the question after the situation, among the choices" } : null;
    }

    /// <summary>What the classifier gives a case for a person, of the whole message.</summary>
    private float CaseMass(Decision whole) => whole.Intents.Where(i => knowledge.DecisionFor(i.Label) == DecisionKind.Handoff).Sum(i => i.Probability);

    /// <summary>Entries on offer in a choice the question sentence may settle whatever blurred it.</summary>
    private const int NarrowChoice = 2;

    /// <summary>A case this likely is what blurs an entry into a choice.</summary>
    private const float BlurringCase = 0.2f;

    /// <summary>
    /// "비밀번호 찾기 해도 인증문자가 계속 안 와요. 몇 번을 해봤는데 똑같습니다": the seller has already done what the
    /// entry would say and it still fails. Repeating the steps does not help; the problem is a case for a person, with
    /// the entry it is about kept as the area.
    /// </summary>
    private static bool StillFailsAfterTrying(string message) => Tried().IsMatch(message) && Persists().IsMatch(message);

    /// <summary>The decision as a case for a person, the entry it was about (or the choices) kept as the area.</summary>
    private static Decision AsCase(Decision decision, string reason)
    {
        IReadOnlyList<string> area = decision.FaqId is { } id ? [id] : decision.Suggestions;
        return decision with { Kind = DecisionKind.Handoff, Intent = HandoffCase, FaqId = null, Suggestions = area, Reason = reason };
    }

    /// <summary>
    /// The seller tried something already: "해 봤는데", "넣었는데도", "벌써 세 번째", "세 번이나 보냈는데", "다 해봄", and a verb with 도 before what persists
    /// ("비밀번호 찾기로 바꿔도 계속 똑같아요", "눌러도 안 돼요"), not a noun with 도 ("주말도 계속 …"); "tried twice", not
    /// "charged twice" (a double charge, no second try).
    /// </summary>
    [GeneratedRegex(@"(?<!안\s?)해\s*봤|(?<!안\s?)해\s*보았|(?:했|었|았|였)는데도|했지만|벌써\s*(?:두|세|네|다섯|[2-9])\s*번째|(?:해|어|아|여|꿔|봐|써|러|줘|와|워|려|내|겨|켜)도\s*(?:계속|똑같|여전히|안\s)|다시\s*(?:해\s*봐도|해\s*봤|시도)|재시도|(?:몇|여러|수십|두|세|네|다섯|[2-9])\s*번(?:을|이나|씩)?\s*(?:해|했|시도|다시|눌러|눌렀|요청|보냈|받았)|(?<!안\s?)해\s*봄\b|(?:FAQ|faq|안내|답변|설명)\s*(?:대로|처럼|에\s*나온\s*대로)|\b(?:tried|followed|did)\b.*\b(?:still|keeps?|same)\b|\beven\s+after\b|(?<!\b(?:charged|paid|billed|debited|deducted|taken)\s+)\b(?:twice|several\s+times|multiple\s+times|many\s+times|again\s+and\s+again)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Tried();

    /// <summary>
    /// What persists: "계속", "여전히", "하나도 안 와요", "소용없네요", "still", "been pending". Not how long something has waited
    /// ("사흘째 조회해도 안 움직여요" asks what to do about a late parcel, the delay entry's question).
    /// </summary>
    [GeneratedRegex(@"계속|여전히|똑같|그대로|마찬가지|아직도|아예\s*안|전혀\s*안|하나도\s*안|소용\s*(?:이\s*)?없|벌써\s*(?:몇|여러|수십)\s*번|\b(?:still|keeps?|same)\b|\bbeen\s+(?:pending|stuck|waiting|on\s+hold)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Persists();

    /// <summary>The message with the people it names read as the support center, when it asks when or how soon they answer and asks for none of them.</summary>
    private static string? AboutWhenPeopleAnswer(MessageReading reading) =>
        PersonNamed().IsMatch(reading.Message) && WhenTheyAnswer().IsMatch(reading.Message) && !RequestVerb().IsMatch(reading.Message) && !reading.ActsOnMyCase
            ? PersonNamed().Replace(reading.Message, "고객센터") : null;

    [GeneratedRegex(@"(?:상담원|상담사|상담\s*직원|담당자)(?:님|분들?)?")]
    private static partial Regex PersonNamed();

    [GeneratedRegex(@"몇\s*시|언제까지|언제부터|주말|공휴일|휴일|밤에|새벽|운영\s*시간|근무\s*시간|상담\s*시간|점심\s*시간|토요일|일요일|얼마나\s*걸|며칠\s*걸|몇\s*일\s*걸")]
    private static partial Regex WhenTheyAnswer();

    [GeneratedRegex(@"연결|바꿔|불러|통화\s*하고|얘기\s*하고|이야기\s*하고|부탁|해\s*주세요|해\s*줘")]
    private static partial Regex RequestVerb();

    /// <summary>A complaint about the assistant itself: its answers, its understanding, talking to a machine.</summary>
    public const string ComplaintIntent = "smalltalk.complaint";

    /// <summary>The marketplace itself named in a complaint ("이 플랫폼", "판매자센터", "여기 시스템").</summary>
    [GeneratedRegex(@"플랫폼|판매자\s*센터|셀러\s*센터|이\s*사이트|여기\s*시스템|이\s*시스템|스마트\s*스토어|\bplatform\b|seller\s+center", RegexOptions.IgnoreCase)]
    private static partial Regex AboutTheMarketplace();

    [GeneratedRegex(@"(?:멍청|바보|한심|쓸모\s*없|돌대가리|멍텅구리)\S*\s*(?:봇|챗봇|기계|로봇|ai)|엉뚱한\s*(?:답|소리|말)|동문서답|말귀|같은\s*(?:답|말)만|(?:기계|챗봇|로봇|자동\s*응답)(?:이랑|하고|과|와|이|가|은|는|한테)\s|답변?(?:이|은)?\s*(?:이상|엉망|별로)|\b(?:useless|stupid|dumb)\s+(?:bot|chatbot)\b|\bthis\s+(?:bot|chatbot)\b", RegexOptions.IgnoreCase)]
    private static partial Regex AboutTheAssistant();

    /// <summary>The intent of a message written in a language the assistant does not read: a person is offered.</summary>
    public const string OtherLanguage = "handoff.other-language";

    /// <summary>Letters of another script, at least, and their share of all letters, that make a message one the assistant cannot read.</summary>
    private const int OtherScriptLetters = 3;
    private const float OtherScriptShare = 0.6f;

    /// <summary>Whether most of a message's letters are neither Hangul nor basic Latin (Japanese kana, Chinese characters, Cyrillic …).</summary>
    internal static bool InAnotherScript(string message)
    {
        int letters = 0, other = 0;
        foreach (var c in message)
        {
            if (!char.IsLetter(c)) continue;
            letters++;
            if (!Hangul.IsHangul(c) && !char.IsAsciiLetter(c)) other++;
        }
        return other >= OtherScriptLetters && other >= OtherScriptShare * letters;
    }

    public const string HandoffCase = "handoff.case", ThanksIntent = "smalltalk.thanks", NoiseIntent = "noise", GreetingIntent = "smalltalk.greeting", ByeIntent = "smalltalk.bye";

    /// <summary>
    /// The smalltalk a message of several sentences is when it opens with a greeting or has a sentence of thanks (or a
    /// goodbye), ends asking nothing, names no problem (something that does not work, an error, a refusal) and asks nobody to
    /// act; null otherwise.
    /// </summary>
    private static string? LongCourtesy(string message)
    {
        // Sentences marked as such: a line typed without marks ("안녕하세요 판매자 아이디 … 쓰고 있는 사람인데요") is read whole.
        // A greeting closed by "~" or "!" is a sentence of its own ("안녕하세요~ 주문 80건 포장하다가 잠깐 들어왔어요 ㅎㅎ").
        if (MarkedSentencesOf(message).Length < 2 && !MarkedGreeting().IsMatch(message) || message.Contains('?') || message.Contains('？') || QuestionReader.EndsAsking(message)
            || ProblemTold().IsMatch(message) || Wants().IsMatch(message) || ActOnMyCase().IsMatch(message) || OrderNumber().IsMatch(message))
            return null;
        // "안녕하세요. 저는 한국어 잘 못해요. 송장 번호 잘못 썼어요.": a mistake told after a greeting is why the seller
        // writes; told after thanks ("… 잘못 넣고 멘붕이었는데 알려 주신 대로 하니까 고쳐졌어요") it is what was solved.
        if (OpensWithGreeting().IsMatch(message)) return MistakeTold().IsMatch(message) ? null : GreetingIntent;
        if (SentenceOfThanks().IsMatch(message)) return ThanksIntent;
        return null;
    }

    [GeneratedRegex(@"^(?:(?:hi|hello|hey|안녕하세요)[\s,!.~]*)?(?:(?:do|can|could)\s+you\s+(?:understand|speak|read|use|do)\s+english|(?:is\s+)?english\s+(?:ok|okay|possible|fine)|영어\s*(?:돼요|되나요|가능(?:해요|한가요|하세요)?|할\s*줄\s*(?:알아요|아세요)|알아들어요))[\s?？!.~]*$", RegexOptions.IgnoreCase)]
    private static partial Regex AsksForEnglish();

    /// <summary>
    /// Words a wish or thanks is said in, and a goodbye, no longer than these: a longer message that wishes well also tells
    /// something.
    /// </summary>
    private const int MaxCourtesyWords = 10, MaxGoodbyeWords = 8;

    /// <summary>
    /// A short message (at most <paramref name="maxWords"/> words) that asks nothing, names no problem and wants nothing
    /// done: what a wish, a goodbye or thanks must be to be only that ("새해 복 많이 받으세요 근데 정산 언제 돼요?" asks its question).
    /// </summary>
    private static bool AsksAndWantsNothing(string message, int maxWords) => !Asks(message) && WantsNothing(message, maxWords);

    /// <summary>Whether the message asks something: a question's words or its mark.</summary>
    private static bool Asks(string message) => QuestionReader.IsQuestion(message) || message.Contains('?') || message.Contains('？');

    /// <summary>A short message (at most <paramref name="maxWords"/> words) that names no problem and wants nothing done.</summary>
    private static bool WantsNothing(string message, int maxWords) =>
        message.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length <= maxWords && !ProblemTold().IsMatch(message) && !Wants().IsMatch(message);

    /// <summary>A smalltalk decision a rule made, when the knowledge has that intent (and so its reply).</summary>
    private Decision? Courtesy(string intent, string reason) =>
        knowledge.FindIntent(intent) is null ? null : new Decision(DecisionKind.Smalltalk, intent, 1f, null, [], reason);

    [GeneratedRegex(@"새해\s*복\s*(?:많이\s*)?받으(?:세요|십시오|셔요|시길)|(?:명절|설|설날|추석|연휴|크리스마스|성탄절|연말|주말|휴가|새해|한\s*해)\s*(?:도\s*)?(?:잘|즐겁게|행복하게|따뜻하게|편안하게|풍성하게|건강하게)\s*(?:보내(?:세요|십시오|시길|셔요)|마무리\s*하세요)"
        + @"|즐거운\s*(?:명절|연휴|성탄절|크리스마스|주말|휴가|설|추석)|메리\s*크리스\s*마스|해피\s*뉴\s*이어|\bhappy\s+(?:new\s+year|holidays|chuseok)\b|\bmerry\s+(?:christmas|xmas)\b|\bseason'?s\s+greetings\b"
        + @"|(?:고생|수고)(?:이|가)?\s*(?:참\s*|정말\s*|너무\s*)?많(?:다|네|으시|으셨|으세|아요|습니다)", RegexOptions.IgnoreCase)]
    private static partial Regex Wish();

    /// <summary>Words addressed to the assistant itself: "챗봇도", "봇님", "너도", "you too, bot".</summary>
    [GeneratedRegex(@"챗봇|(?<![가-힣])봇(?:님)?(?:아|도|은|는|이)?(?![가-힣])|(?<![가-힣])너(?:도|는)\s|\b(?:chat)?bot\b", RegexOptions.IgnoreCase)]
    private static partial Regex ToTheAssistant();

    [GeneratedRegex(@"^\s*(?:안녕하세요|안녕하십니까|반가워요|반갑습니다|처음\s*뵙겠습니다|좋은\s*(?:아침|저녁|오후)|hi\b|hello\b|hey\b|good\s+(?:morning|afternoon|evening))", RegexOptions.IgnoreCase)]
    private static partial Regex OpensWithGreeting();

    /// <summary>A greeting that opens the message and is closed by its own mark, with more after it.</summary>
    [GeneratedRegex(@"^\s*(?:안녕하세요|안녕하십니까|반가워요|반갑습니다|hi|hello|hey)\s*[~!^]+\s*\S", RegexOptions.IgnoreCase)]
    private static partial Regex MarkedGreeting();

    [GeneratedRegex(@"(?:감사합니다|감사해요|감사했어요|감사드려요|감사드립니다|고마워요|고마웠어요|고맙습니다|" + GrudgingThanks + "|" + GyeongsangThanks + @"|수고\s*(?:많으셨어요|하세요|하셨어요)|안녕히\s*계세요|thanks|thank\s+you)[\s!~.ㅎㅋ^]*(?:$|[.,!\n]|\s)", RegexOptions.IgnoreCase)]
    private static partial Regex SentenceOfThanks();

    /// <summary>Thanks said as a remark, often grudgingly ("알겠어요 뭐 고맙네요"), which both thanks patterns read.</summary>
    private const string GrudgingThanks = "고맙네요|고맙네|감사하네요";

    /// <summary>Thanks in Gyeongsang speech, which both thanks patterns read.</summary>
    private const string GyeongsangThanks = "고맙심더|고맙습니더|감사합니더";

    [GeneratedRegex(@"잘못\s*(?:썼|써|입력|넣|보냈|눌|적|했|됐|찍|나갔)")]
    private static partial Regex MistakeTold();

    /// <summary>An aside the seller takes back as a joke ("날씨는 농담이에요 ㅋㅋ").</summary>
    [GeneratedRegex(@"농담|장난(?:이에요|이었어요|이고|입니다)|\b(?:just\s+)?(?:kidding|joking)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Joking();

    /// <summary>A wish or a request in a message ("정산 account 바꾸고 싶어요", "확인해 주세요"); "잘 부탁드려요" is a greeting's.</summary>
    [GeneratedRegex(@"고\s*싶|려고\s*(?:해요|합니다|하는데|하거든)|(?<!잘\s?)부탁|주세요|주실\s*수|\b(?:i\s+want|i\s+need|i'?d\s+like|would\s+like|how\s+(?:do|can)\s+i|can\s+i)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Wants();

    /// <summary>Words that tell of something wrong: it does not work or come, an error, a refusal, a suspension.</summary>
    [GeneratedRegex(@"안\s*(?:돼|되|와|들어|나와|보여|떠|열려|넘어가)|못\s*(?:하|받|보|들어|찾)|오류|에러|문제|실패|막혔|막혀|정지|반려|거절|누락|사라졌|빠졌|틀렸|\b(?:error|problem|issue|fail(?:s|ed)?|broken|stuck|missing|can'?t|cannot|doesn'?t|won'?t)\b", RegexOptions.IgnoreCase)]
    private static partial Regex ProblemTold();

    /// <summary>Nothing but acknowledgments and fillers ("아 그렇구나 알겠어요~", "넵 확인했습니다", "oh I see, got it", "ok got it 👍").</summary>
    [GeneratedRegex(@"^(?=.*(?:그렇구나|그렇군|그렇네요|그랬군요|이해했|이해됐|이해가\s*되네요|알겠|알았어|알았습니다|확인했|got\s+it|i\s+see|understood|makes\s+sense))"
        + @"(?:(?:아|아아|아하|오|오오|앗|음|넵|넹|네|넴|예|ㅇㅋ|ㅇㅇ|오케이|ok|okay|oh|ah|그렇구나|그렇군요|그렇군|그렇네요|그랬군요|그런\s*거였군요|이해했어요|이해했습니다|이해됐어요|이해가\s*되네요"
        + @"|알겠어요|알겠습니다|알겠어|알겠음|알았어요|알았습니다|확인했어요|확인했습니다|got\s+it|i\s+see|understood|(?:that\s+)?makes\s+sense)[\s,~!.ㅎㅋ^\p{So}\p{Cs}\uFE0F\u200D]*)+$", RegexOptions.IgnoreCase)]
    private static partial Regex Acknowledges();

    /// <summary>
    /// A seller saying who they are and asking nothing: "저 지난달에 입점한 신규 판매자예요", "ㅎㅇ 저 옷 파는 사람인데요", "저 수제 캔들 파는데요", "hello! 판매자센터 처음 써봐요",
    /// "오늘 처음 가입했어요". A problem told about oneself ("판매정지 당한 판매자인데요 …") is not this.
    /// </summary>
    [GeneratedRegex(@"^(?:(?:안녕하세요|안녕하십니까|안녕|hello|hi|hey|하이|ㅎㅇ)[\s,~!.]*)?(?:저는?|제가)?\s*(?:(?:지난\s*달|지난주|이번\s*달|이번\s*주|올해|작년|어제|오늘|최근|얼마\s*전|며칠\s*전|막|갓|새로)(?:에|부터)?\s*)*(?:입점한|가입한|시작한|오픈한|들어온)?\s*"
        + @"(?:(?:신규|새내기|초보|새)?\s*(?:판매자|셀러|사장)|(?:[가-힣]+\s*){1,2}(?:파는|판매하는|장사하는|만드는)\s*(?:사람|판매자|셀러|사장))(?:이에요|예요|에요|입니다|이구요|이고요|인데요|인데여|이에여)[\s~!.ㅎㅋ^]*$"
        + @"|^(?:(?:안녕하세요|안녕|hello|hi|하이|ㅎㅇ)[\s,~!.]*)?(?:저는?|제가|저희는?)\s*(?:[가-힣]+\s*){1,3}?(?:파는데요|팔아요|팔고\s*있어요|팔고\s*있는데요|판매해요|판매하는데요|판매하고\s*있어요|판매하고\s*있는데요)[\s~!.ㅎㅋ^]*$"
        + @"|^(?:(?:안녕하세요|안녕하십니까|안녕|hello|hi|hey|하이)[\s,~!.]*)?(?:저\s*)?(?:판매자\s*센터|스마트\s*스토어|스토어|여기)?\s*(?:를|은|는|도|에)?\s*(?:오늘\s*)?처음\s*(?:써\s*봐요|써\s*봅니다|사용해\s*봐요|사용해\s*봅니다|이에요|입니다|왔어요|와\s*봤어요|가입했어요|들어와\s*봤어요)[\s~!.ㅎㅋ^]*$", RegexOptions.IgnoreCase)]
    private static partial Regex IntroducesThemselves();


    [GeneratedRegex(@"(?:감사합니다|감사해요|감사드려요|고마워요|고맙습니다|고마워|" + GrudgingThanks + "|" + GyeongsangThanks + @"|땡큐|ㄳ|(?:thanks|thank\s+you)(?:\s+(?:i\s+guess|anyway|anyways|though))?|덕분에\s*(?:살았|해결|잘\s*됐|큰\s*도움|도움\s*됐)\S*|\b(?:that|this|it|you)\s+(?:was|were|is|are|has\s+been|have\s+been)\s+(?:really\s+|very\s+|so\s+|super\s+|a\s+big\s+)?(?:helpful|help)|\bthat\s+helped(?:\s+(?:a\s+lot|me))?)[\s!~.ㅎㅋ^]*$", RegexOptions.IgnoreCase)]
    private static partial Regex EndsInThanks();

    [GeneratedRegex(@"(?:이해했|이해됐|이해가\s*(?:됐|되었|갔)|알겠|알았|감\s*잡았|정리됐|\bgot\s+it|\bunderstood|\bmakes\s+sense)\S*[\s!~.ㅎㅋ^]*$", RegexOptions.IgnoreCase)]
    private static partial Regex EndsUnderstood();

    [GeneratedRegex(@"(?:^\s*(?:ㅂㅂ|ㅃㅃ|ㅂㅇ|ㅂ2)+|\bbye(?:\s*bye)?|\bgood\s*bye|\bsee\s+(?:you|ya)(?:\s+(?:later|soon|next\s+time))?|\bcya|\btake\s+care|안녕히\s*계세요|수고하세요|수고하셨습니다|수고\s*(?:많이\s*)?하이소|욕\s*보이소|다음에\s*또\s*(?:올게요|물어볼게요|올께요)|빠이|바이바이)[\s!~.ㅎㅋ^]*$", RegexOptions.IgnoreCase)]
    private static partial Regex EndsInGoodbye();

    [GeneratedRegex(@"(?:확인|조회|처리|해결|봐|풀어|알아봐|찾아|살펴|검토|체크|연결|중재|개입|조치|내려|삭제|차단|신고|막아|잠가|잠궈|없애|판단|판정|되돌려|돌려\s*놔)\s*(?:좀\s*)?(?:해|하여)?\s*(?:주세요|주실|줘|주시겠|줄래|주셨으면|달라(?!는\s*(?:건|게|거|것)\s*(?:아니|아녜))|부탁)|(?:확인|조회|처리)\s*좀\s*(?:요|해요|부탁)?\s*$|(?:확인|검토|재검토|조회|정정|중재)\s*(?:좀\s*)?요청\s*(?:을\s*)?(?:해요|합니다|드려요|드립니다|드릴게요|할게요|하려고요|하고\s*싶(?:어요|습니다))|이의\s*(?:제기|신청)\s*(?:을\s*)?(?:하고\s*싶(?:어요|습니다)|할게요|합니다|하려고요)|어떻게\s*(?:좀\s*)?(?:해|하여)\s*(?:주세요|주실|줘|주시겠|줄래|주셨으면)|직접\s*(?:봐|확인|처리)|대신\s*(?:좀\s*)?(?:해|처리|취소|눌러|변경|신청)|(?:추적|취소|복구|해제|변경|정정|환불|재발행|발행|지급|보상)\s*(?:좀\s*)?(?:해|하여)?\s*(?:주세요|주시겠어요|주실\s*수|부탁드)(?![\s'""“”‘’]*(?:라고|라는|라며|하(?:는데|시는데|더라|네요|면)|한대))|(?<![가-힣])제\s*(?:건|주문|계정|스토어)은|(?<![가-힣])(?:제|저희)\s*건\s*(?:이|은)?\s*(?:어디까지|어떻게\s*됐|진행)|(?<![가-힣])(?:제|저희)\s*(?:건|주문|계정|스토어|상점|가게)\S{0,2}\s*(?:좀\s*)?(?:확인|조회|살펴)|(?<![가-힣])(?:제|저희)\s*[가-힣]{1,6}(?:이|가|은|는)\s*왜\s|저희\s*(?:건|주문)|이\s*주문\s*(?:건|좀)|누가\s*(?:책임|돌려|보상|물어|배상)|(?:돌려|환급|보상)\s*받고\s*싶|책임\s*(?:져\s*(?:주세요|줘요|주실)|지세요|지실\s*건가요)"
        + @"|\b(?:can|could|would|will)\s+(?:you|someone|somebody|a\s+(?:real\s+)?(?:person|human)|an\s+agent)\s+(?:please\s+)?(?:check|look\s+(?:into|at)|investigate|fix|sort\s+out|resolve|review)\b"
        + @"|\b(?:can|could|would|will)\s+(?:you|someone|somebody)\s+(?:please\s+)?(?:remove|lift|waive|reverse|undo)\s+(?:it|this|that|my|the)\b"
        + @"|\bplease\s+(?:check|look\s+(?:into|at)|investigate|fix|sort\s+out|resolve)\b|\bcheck\s+(?:on\s+)?(?:my|this|that)\s+(?:order|account|store|shop|payout|settlement|listing)", RegexOptions.IgnoreCase)]
    private static partial Regex ActOnMyCase();

    /// <summary>
    /// The seller says it is no case of theirs: "특정 주문에 문제가 있는 건 아니고", "특정 상품 얘기는 아니에요", "전반적인 흐름이
    /// 궁금해요", "it's not about a specific order", "just a general question".
    /// </summary>
    [GeneratedRegex(@"특정\s*(?:주문|상품|건)\S{0,3}\s*(?:(?:에\s*)?문제가?\s*(?:있는|생긴)\s*|얘기는?\s*|때문은?\s*)?(?:건|게|거|것)?\s*(?:은|는)?\s*아니|(?:전반적인|일반적인)\s*(?:\S+\s*){0,3}(?:궁금|알고\s*싶)|일반적인\s*질문"
        + @"|\bnot\s+about\s+(?:a|any|one)\s+(?:specific|particular|single)\b|\b(?:just\s+a|a)\s+general\s+question\b", RegexOptions.IgnoreCase)]
    private static partial Regex NotMyCase();

    /// <summary>
    /// The seller sets their own case aside and asks for the rule: "제 주문 얘기는 됐고요", "제 건은 제가 알아서 볼 테니까",
    /// "그 건은 제가 처리할게요. 그냥 궁금해서 그러는데", "규정만 알려 주세요", "just tell me the rule". Unlike "특정 상품도
    /// 아니고요" (no product applies), this says no one need look at anything.
    /// </summary>
    [GeneratedRegex(@"(?:제|내|그)\s*(?:주문|건|얘기|이야기|문제)\S{0,2}\s*(?:얘기\S{0,2}\s*)?(?:됐고|됐구|괜찮고|제가\s*(?:알아서|처리|해결))|제가\s*(?:알아서\s*)?(?:처리|해결)할\s*(?:게요|테니|거)|처리는\s*제가\s*(?:알아서\s*)?할"
        + @"|그냥\s*궁금해서|(?:규정|규칙|기준|원칙|룰)만\s*(?:좀\s*)?(?:알려|요|궁금|말씀)|\bjust\s+(?:tell\s+me\s+)?the\s+(?:rule|policy)\b", RegexOptions.IgnoreCase)]
    private static partial Regex SetsOwnCaseAside();

    [GeneratedRegex(@"\d{4}[\s-]?\d{4}[\s-]?\d{4}[\s-]?\d{4}")]
    private static partial Regex OrderNumber();

    /// <summary>Whether the message asks to act on, or points at, the seller's own order, store or account (an order number, "제 …", "왜", "확인해 주세요").</summary>
    public static bool PointsAtOwnCase(string message) => ActOnMyCase().IsMatch(message) || MarksOwnCase(message);

    /// <summary>Whether something in the message marks it as the seller's own case: why or how it went, whose, which one, an order number.</summary>
    private static bool MarksOwnCase(string message) => OwnCaseMarks().IsMatch(message) || OrderNumber().IsMatch(message);

    /// <summary>
    /// "…대신 결제를 다시 걸어 줄 수 있는지 확인 부탁드립니다", "카드 환불은 며칠 소요되는지 … 확인 부탁드립니다", "대표 이미지 권장
    /// 규격 확인 부탁드립니다": the formal way of asking to be told a rule, a time or a menu, not to have one's own case looked
    /// into. Only when that is all the message asks to be done, and nothing in it points at the seller's own order, store
    /// or account, or asks why or how it went ("왜 보류됐는지", "제 신청 건이 어떻게 된 건지", "이 주문 …").
    /// </summary>
    private static bool AsksToConfirmInGeneral(string message) =>
        ConfirmWhatIsGeneral().Replace(message, " ") is var rest && rest != message && !ActOnMyCase().IsMatch(rest)
        && !MarksOwnCase(message);

    [GeneratedRegex(@"(?:(?:수|줄\s*수|할\s*수)\s*있는지|(?:정보|서류|자료|방법|기능|메뉴|제한|기준|조건|예외)(?:가|이)?\s*(?:따로\s*)?있는지|가능한지|소요되는지|걸리는지|필요한지|(?:어떻게|어디서|어디에서|어느\s*[가-힣]+에서|며칠|몇\s*[가-힣]+)\s*(?:[가-힣]+\s+){0,2}[가-힣]*(?:하는지|되는지|달라지는지|바뀌는지|들어가는지|나오는지)|인지\s*여부|(?:기준|규격|절차|방법|일정|조건|서류|글자\s*수|기간|메뉴)(?:과|와|을|를|이|가)?)\s*(?:도|를|에\s*대해|에\s*관해|관련하여|관련해서)?\s*(?:사전에\s*|미리\s*|정확히\s*)?(?:좀\s*)?확인\s*(?:좀\s*)?(?:부탁|해\s*주(?:세요|십시오|시기\s*바랍)|바랍)\S*")]
    private static partial Regex ConfirmWhatIsGeneral();

    /// <summary>What points a request at the seller's own case: why, how it went, whose, which one.</summary>
    [GeneratedRegex(@"왜|무슨\s*일|어디까지|뭐가|무엇이|어떻게\s*된|된\s*건지|[었았였됐했]는지|(?<![가-힣])제\s+[가-힣]|저희|(?<![가-힣])우리\s*(?:스토어|가게|상품|주문|계정)|이\s*(?:주문|건|상품)|해당\s*(?:주문|건|상품)|아이디\s*[A-Za-z0-9_]|ID\s*[A-Za-z0-9_]")]
    private static partial Regex OwnCaseMarks();

    /// <summary>
    /// "원래 며칠 걸려요?", "보통 얼마나 걸리나요": how long or how much it normally takes; "원래 어제 들어왔어야 하는데 왜 …"
    /// (what should have happened) asks no such thing.
    /// </summary>
    private static bool AsksTheNorm(string question) => QuestionReader.IsQuestion(question) && AsksInGeneral().Match(question) is { Success: true } general
        && NormAsked().IsMatch(question[(general.Index + general.Length)..]);

    [GeneratedRegex(@"^\s*(?:\S+\s+){0,2}(?:며칠|얼마나|얼마|몇\s*(?:일|시간|주|달|개월|영업일|번|퍼센트|프로|%)|언제)")]
    private static partial Regex NormAsked();

    /// <summary>"지금 저랑 얘기하는 건 챗봇이에요 아니면 상담원이에요?": which of the two the seller is talking to.</summary>
    [GeneratedRegex(@"(?:챗봇|봇|AI|기계|로봇|자동\s*응답)\S{0,4}\s*(?:아니면|혹은|or)\s*(?:상담원|상담사|사람|직원|a\s+(?:person|human))|(?:상담원|상담사|사람|직원)\S{0,4}\s*(?:아니면|혹은)\s*(?:챗봇|봇|AI|기계|로봇)", RegexOptions.IgnoreCase)]
    private static partial Regex BotOrPerson();

    /// <summary>"품절취소하면 불이익 있어요?": what follows if one does something, a question about the rule.</summary>
    [GeneratedRegex(@"^\s*(?:[가-힣]+\s+){0,2}[가-힣]*(?:하면|되면|으면|시키면|내면|넘기면|넘으면)\s+(?!왜)")]
    private static partial Regex AsksIfThen();

    /// <summary>A question about cases of a kind, not this one: "이런 반품은", "이럴 때", "보통", "in general".</summary>
    [GeneratedRegex(@"(?:^|\s)(?:이런|이럴|이와\s*같은|이같은|이런\s*식의)\s*(?:경우|때|땐|식|상황|[가-힣]{1,6}(?:은|는|도))(?=\s)|(?:^|\s)누가\s*(?:내|부담|책임|물어)|(?:^|\s)(?:보통|일반적으로|원래|통상|통상적으로|대체로|대개|보편적으로)(?=\s)|\b(?:in\s+general|generally|usually|typically|normally)\b", RegexOptions.IgnoreCase)]
    private static partial Regex AsksInGeneral();

    /// <summary>
    /// A question how to do something oneself ("주문번호 … 송장번호 잘못 넣었는데 고치는 법?", "how do I fix it?"): the order
    /// number says which order, and the seller asks for the steps, not for someone to act.
    /// </summary>
    [GeneratedRegex(@"[가-힣](?:는|은)\s*(?:법|방법)\s*(?:이|좀|이요|은요|을|알려|[?？.]|$)|\bhow\s+(?:do|can|should)\s+i\b", RegexOptions.IgnoreCase)]
    private static partial Regex AsksHowTo();

    /// <summary>
    /// "장사해야 되는데 이게 뭐하는 거예요", "장난하세요?", "이게 말이 돼요?": a complaint in a question's form, which asks nothing
    /// to be told; after a problem told with the seller's ID it leaves the message a case.
    /// </summary>
    [GeneratedRegex(@"뭐\s*(?:하는|하자는)\s*(?:거|건|겁|짓)|장난\s*(?:하|해|치|쳐)|말이\s*(?:돼|되)|어이\s*(?:가\s*)?없")]
    private static partial Regex RhetoricalComplaint();

    /// <summary>
    /// A sentence that plainly asks (a question mark, a question word, "…있나요/되나요/수 있을까요") or asks to be told
    /// ("서류를 안내해 주세요", "방법 알려 주세요", "…인지 궁금합니다"), not one that only ends like a question ("계속 결제
    /// 오류가 나요" states a symptom). A request to act on the seller's case was ruled out before (<see cref="ActOnMyCase"/>).
    /// </summary>
    [GeneratedRegex(@"[?？]|언제|어떻게|어디|얼마|며칠|몇\s*[일시번개]|무엇|뭘|뭐|어떤|[있없되]나요|가능한가요|수\s*있(?:나요|을까요|어요\?)|방법\s*(?:이|은|좀)?\s*(?:있|없)|(?:되|돼|있|없)나\s*[ㅠㅜ~]*$|" + QuestionReader.AsksToBeTold)]
    private static partial Regex AsksOutright();

    /// <summary>Where a sentence ends: after its mark, or after a run of laughter or tears typed in its place ("끝났어요ㅎㅎ 정산금은 …").</summary>
    [GeneratedRegex(@"(?<=[.?!？。])\s+|" + LaughterEnd + @"|\n+")]
    private static partial Regex Sentences();

    /// <summary>
    /// A sentence ended by a run of laughter or tears typed in place of its mark, or by one such letter after a sentence's
    /// last syllable ("교환해 달래요 ㅠ 교환 승인은 …"), and the space after it.
    /// </summary>
    private const string LaughterEnd = @"(?<=[ㅎㅋㅠㅜ]{2}|\^\^|;;|~~|(?:요|다|죠|네|음|함)\s?[ㅎㅋㅠㅜ])\s+";

    /// <summary>What the message is about, from the classifier and retrieval alone (no act, no scope rule): the topic of a problem description.</summary>
    public async Task<Decision> DecideTopicAsync(string message, CancellationToken cancellationToken = default)
    {
        var prepared = Prepare(knowledge.Lexicon.InKorean(message));
        return DecideTopic(prepared, await RetrieveAsync(prepared, cancellationToken).ConfigureAwait(false));
    }

    private Task<IReadOnlyList<RetrievalCandidate>> RetrieveAsync(PreparedText prepared, CancellationToken cancellationToken) =>
        retriever.RetrieveAsync(prepared.Text, prepared.Feature, CandidateCount, cancellationToken);

    /// <summary>
    /// The retrieval of a message and of each of its sentences, done together (<see cref="HybridRetriever.RetrieveWithPartsAsync"/>):
    /// several rules read a long message's sentences as well as the whole, and together they cost about what the whole does alone.
    /// </summary>
    private Task<IReadOnlyList<RetrievalCandidate>[]> RetrieveTogetherAsync(IReadOnlyList<PreparedText> texts, CancellationToken cancellationToken) =>
        retriever.RetrieveWithPartsAsync(texts.Select(t => (t.Text, t.Feature)).ToArray(), CandidateCount, cancellationToken);

    /// <summary>The topic decision of a prepared text from its retrieval: the classifier's scores over the candidates, and the policy.</summary>
    private Decision DecideTopic(PreparedText prepared, IReadOnlyList<RetrievalCandidate> candidates) =>
        policy.Decide(policy.FoldGeneralQuestions(model.Score(FeatureText.For(prepared.Text, prepared.Terms), candidates)), candidates);

    /// <summary>
    /// A text as its topic is read (<see cref="TopicText"/>): what it retrieves with (<see cref="Feature"/>) and the key of that
    /// retrieval, equal for texts that retrieve alike.
    /// </summary>
    private readonly record struct PreparedText(string Text, IReadOnlyList<string> Terms, string Feature, string Key);

    private PreparedText Prepare(string message)
    {
        var (text, terms) = TopicText(message);
        var feature = FeatureText.ForRetrieval(text, terms);
        return new PreparedText(text, terms, feature, retriever.ReuseKey(text, feature));
    }

    private bool RetrievesPartsTogether => retriever.RetrievesPartsTogether;

    /// <summary>What a topic is read from: the message without its opening words, and its lexicon terms.</summary>
    private (string Text, IReadOnlyList<string> Terms) TopicText(string message)
    {
        var text = WithoutOpening(message);
        return (text, knowledge.Lexicon.Expand(text));
    }

    /// <summary>
    /// The message without the discourse words it opens with ("아 근데", "그냥", "혹시", "oh and btw"): they tell how the
    /// question joins the conversation, not what it is about, and they blur what the retriever matches ("근데 이거
    /// 접수하면 답 오는데 얼마나 걸려요?"). A message that is nothing else is kept as it is.
    /// </summary>
    internal static string WithoutOpening(string message)
    {
        var match = Opening().Match(message);
        return match.Success && match.Length < message.Length && TextNormalizer.CountLetters(message[match.Length..]) >= 4 ? message[match.Length..] : message;
    }

    [GeneratedRegex(@"^\s*(?:(?:아+|어+|음+|앗|아\s*맞다|참|저기요?|근데|그런데|근대|그리고|그냥|혹시|일단|아무튼|암튼|그나저나|아니\s*근데|알겠어요|알겠습니다|알겠음|그렇군요|그렇구나|아하|ㅇㅋ|오케이|oh|ah|um+|and|also|btw|by\s+the\s+way|so|ok(?:ay)?|got\s+it|one\s+more\s+thing|another\s+(?:thing|question)|quick\s+question|하나\s*더|한\s*가지\s*더|추가로)(?=[\s,.~…!:]|$)[\s,.~…!:]*)+", RegexOptions.IgnoreCase)]
    private static partial Regex Opening();

    /// <summary>A bare area ("정산 관련이요", "배송") deserves a choice among the area's entries, not "no answer here".</summary>
    private bool IsVague(Decision decision, string message) =>
        TextNormalizer.Compact(message).Length <= 6
        || decision.Intents.Where(i => knowledge.DecisionFor(i.Label) == DecisionKind.Clarify).Sum(i => i.Probability) >= 0.3f;

    /// <summary>Each of two entries this likely makes a choice between them a real one ("송장 고치는 법이랑 발송 기한 둘 다").</summary>
    private const float RealChoiceSupport = 0.3f;

    /// <summary>
    /// The message is about two (or more) entries at once: it asks two things (<see cref="QuestionReader.Split"/>), and
    /// its parts, decided on their own, are answered by two of the suggested entries, each with real support; asking which
    /// first is right, not "no answer". Two entries the classifier merely splits its doubt between ("묶음배송 설정",
    /// which neither covers) are no such choice.
    /// </summary>
    private async Task<bool> IsRealChoiceAsync(Decision decision, string message, MessageReading reading, CancellationToken cancellationToken)
    {
        var supported = decision.Suggestions.Where(id => decision.Intents.FirstOrDefault(i => i.Label == id)?.Probability >= RealChoiceSupport).ToHashSet(StringComparer.Ordinal);
        if (supported.Count < 2) return false;
        var parts = QuestionReader.Split(message);
        if (parts.Count < 2) return false;
        var reached = new HashSet<string>(StringComparer.Ordinal);
        foreach (var part in parts.Take(MaxChoiceParts))
        {
            var own = await reading.DecideAsync(part, cancellationToken).ConfigureAwait(false);
            if (own.Kind == DecisionKind.Answer && supported.Contains(own.FaqId!)) reached.Add(own.FaqId!);
        }
        return reached.Count >= 2;
    }

    /// <summary>Parts of a message decided on their own to tell a real choice, at most.</summary>
    private const int MaxChoiceParts = 3;

    /// <summary>The reason of an answer chosen by its title (a suggestion pressed): never second-guessed.</summary>
    private const string TitleChosen = "title chosen";

    public const string OutOfScope = "out-of-scope", HandoffRequest = "handoff.request", NoAnswer = "handoff.no-answer", IdentityIntent = "smalltalk.identity";

    /// <summary>
    /// An answer whose entry never mentions what the question is specifically about does not cover it, nor does a choice
    /// none of whose entries mention it ("반품지는 어디서 바꾸나요?" offered only the returns entry): "no answer here", the
    /// entries kept as options.
    /// </summary>
    private Decision? NotCovered(Decision decision, MessageReading reading)
    {
        IReadOnlyList<string> offered = decision.Kind switch
        {
            DecisionKind.Answer when decision.Reason != TitleChosen => [decision.FaqId!],
            DecisionKind.Clarify => decision.Suggestions,
            _ => [],
        };
        var entries = offered.Select(knowledge.FindFaq).OfType<FaqEntry>().ToArray();
        if (entries.Length < offered.Count) return null;
        var asked = AskedPart(reading);
        Decision NoAnswerHere(string reason) => decision with { Kind = DecisionKind.Handoff, Intent = NoAnswer, FaqId = null, Suggestions = offered, Reason = reason };
        if (knowledge.NoneCovers(entries, asked)) return NoAnswerHere("no entry offered mentions what is asked");
        // "정산 보류 걸리면 보통 며칠이면 풀려요?": a number that no entry offered states.
        if (entries.Length > 0 && QuantityQuestions.Asks(asked) && !entries.Any(e => knowledge.Quantities.Covers(e, asked)))
            return NoAnswerHere("no entry offered states the number asked");
        if (entries.Length == 0 || !CostQuestions.Asks(asked)) return null;
        if (!entries.Any(knowledge.Costs.Covers)) return NoAnswerHere("no entry offered states a cost");
        // "상품 올리는 데도 돈 들어요?" between the fees and registration entries: the one entry whose charges name what is
        // asked about answers it.
        return decision.Kind == DecisionKind.Clarify && entries.Where(e => knowledge.Costs.NamesWhatIsPriced(e, asked)).ToArray() is [var pricing]
            ? decision with { Kind = DecisionKind.Answer, Intent = pricing.Id, FaqId = pricing.Id, Suggestions = [], Reason = "the one entry offered that prices what is asked about" }
            : null;
    }

    /// <summary>
    /// What a message asks, as opposed to the situation it tells first: its question sentences when it has a situation
    /// sentence too and they can be read alone ("통계를 보니 … 쇼핑 검색 주문 수수료는 몇 퍼센트인가요?" asks about fees,
    /// not statistics), otherwise the whole message.
    /// </summary>
    private static string AskedPart(MessageReading reading)
    {
        var questions = reading.Questions;
        var asked = questions.Length > 0 && questions.Length < reading.Sentences.Length ? string.Join(' ', questions) : reading.Message;
        // "검색광고 비용 말고, 그냥 … 수수료는 몇 퍼센트예요?", "오늘출발 서비스는 안 쓰는데, 일반 상품은 …": a feature set aside in
        // so many words is not what is asked.
        return SetAside().Replace(asked, " ") is var rest && TextNormalizer.CountLetters(rest) >= MinAskedLetters ? rest : asked;
    }

    /// <summary>Letters left, at least, once what is set aside is taken out, for the rest to be what is asked.</summary>
    private const int MinAskedLetters = 6;

    /// <summary>
    /// A clause that sets a feature aside: "X 말고", "X 얘기는 아니고요", "X는 별개로 치고요", "X는 빼고", "X는 그대로 두고", "X는 안
    /// 쓰는데", "X는 나중에 할 거고", up to its comma or mark.
    /// </summary>
    [GeneratedRegex(@"(?:^|(?<=[.,!?~]\s*))[^.,!?~]{1,40}?(?:\s말고|(?:은|는|이|가)\s*아니고요?|(?:은|는|건)\s*별개로\s*(?:치고요?|하고요?)|(?:은|는|건)\s*(?:빼고|제외하고)|(?:은|는|건)\s*안\s*(?:쓰는데요?|하는데요?|써요|해요)|(?:은|는|건)\s*그대로\s*(?:두고|유지하고|놔두고)|(?:은|는|건)\s*나중에\s*(?:할\s*거고요?|하고요?|할게요))(?=[\s,.!?~]|$)[\s,.!?~]*")]
    private static partial Regex SetAside();

    /// <summary>
    /// A message pasted under a header that names the buyer ("[구매자 문의] … 빨리 처리해 주세요. 이런 문의가 왔는데 …"):
    /// the buyer's words run from the header to the sentence where the seller speaks of them ("이런 문의가 왔는데"), and
    /// only what follows is the seller's. Without such a sentence the message is kept whole.
    /// </summary>
    private static string WithoutHeadedPaste(string message)
    {
        var header = PasteHeader().Match(message);
        if (!header.Success) return message;
        var sentences = SentencesOf(message[header.Length..]);
        var resumes = Array.FindIndex(sentences, p => SellerResumes().IsMatch(p));
        return resumes <= 0 ? message : string.Join(' ', sentences[resumes..]);
    }

    [GeneratedRegex(@"^\s*[\[【<(]\s*(?:구매자|고객|손님|buyer|customer)[^\]】>)\n]{0,12}[\]】>)]\s*|^\s*(?:구매자|고객|손님)\s*(?:문의|메시지|톡|채팅|글)\s*[:：]\s*", RegexOptions.IgnoreCase)]
    private static partial Regex PasteHeader();

    [GeneratedRegex(@"(?:이런|이렇게|이\s*문의|이\s*메시지|위\s*(?:문의|내용|메시지)|라고|라는)")]
    private static partial Regex SellerResumes();

    /// <summary>A quoted span: in double, single (around Korean), corner or curly quotes.</summary>
    [GeneratedRegex(@"""[^""]{2,}""|“[^”]{2,}”|「[^」]{2,}」|『[^』]{2,}』|‘[^’]{2,}’|'(?=[^']*[가-힣])[^']{2,}'")]
    private static partial Regex Quoted();

    [GeneratedRegex(@"\s{2,}")]
    private static partial Regex RunOfSpaces();


    private static string[] SentencesOf(string message) => NoMarks().IsMatch(message) ? Split(RunOnSentenceEnd(), message) : MarkedSentencesOf(message);

    /// <summary>The sentences a message marks as such (by a mark, laughter or a line break), without reading run-on endings.</summary>
    private static string[] MarkedSentencesOf(string message) => Split(Sentences(), message);

    private static string[] Split(Regex ends, string message) => ends.Split(message).Select(p => p.Trim()).Where(p => p.Length > 0).ToArray();

    /// <summary>A message typed as one line with no sentence mark at all.</summary>
    [GeneratedRegex(@"^[^.?!？。\n]*$")]
    private static partial Regex NoMarks();

    /// <summary>
    /// Where a sentence ends in a message typed without marks: after a polite or formal final ending and a space ("… 아직 주문은
    /// 없어요 지금 수정하면 바로 반영되나요 아니면 …"), also with a tear or a tilde after it ("빠듯해요ㅠ 정산을 …"), and after
    /// laughter or tears.
    /// </summary>
    [GeneratedRegex(@"(?<=(?:어요|아요|에요|예요|해요|돼요|되요|네요|군요|나요|까요|가요|세요|죠|니다|래요|대요|거든요|잖아요)[ㅠㅜㅎㅋ~]*)\s+(?=[가-힣A-Za-z])|" + LaughterEnd)]
    private static partial Regex RunOnSentenceEnd();

    /// <summary>
    /// A question about selling here that no entry answers with confidence (declined, or only weak choices):
    /// "there is no answer for that here" and the offer of a person, keeping the weak choices as options.
    /// </summary>
    private async Task<Decision?> NoAnswerHereAsync(Decision decision, string message, MessageReading reading, CancellationToken cancellationToken)
    {
        if (NotCovered(decision, reading) is { } notCovered) return notCovered;

        // The classifier's own "out of scope" needs a selling word to be overruled ("딤채 냉장고 고객센터" stays declined).
        var classifierDeclined = decision.Kind == DecisionKind.Decline && decision.Intent == OutOfScope && decision.Confidence >= policy.Options.DeclineConfidence;
        // A decline nothing was confident of is unsure whatever label had the most of the little mass there was
        // (a case, a greeting); a confident "noise" is not.
        var unsure = decision.Kind == DecisionKind.Decline && (decision.Intent is OutOfScope or "unknown" || decision.Reason == DecisionPolicy.NoConfidentReading)
            || decision.Kind == DecisionKind.Clarify && decision.Confidence < policy.Options.NoAnswerBelow && !IsVague(decision, message)
                && !await IsRealChoiceAsync(decision, message, reading, cancellationToken).ConfigureAwait(false);
        if (!unsure) return null;
        var aboutSelling = classifierDeclined ? knowledge.Scope.HasSellingWord(message) : reading.AboutSelling;
        if (!aboutSelling) return null;
        return decision with { Kind = DecisionKind.Handoff, Intent = NoAnswer, FaqId = null, Reason = "about selling, no confident entry" };
    }
}
