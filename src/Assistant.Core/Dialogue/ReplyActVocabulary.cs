namespace Assistant.Dialogue;

/// <summary>
/// The words <see cref="ReplyActs"/> recognises, one row per family of phrases. Each pattern is a
/// plain regular expression (letters, groups, alternation, listed classes, repeats: <see cref="UnitAutomaton"/>,
/// which refuses anything else at start-up) over the message's compact form: NFKC, lower case, every space and
/// punctuation mark removed ("네 접수 해 주세요!" is matched as "네접수해주세요"), so a pattern never
/// contains a space, and spacing, "~", "!", "^^" and emoji never matter. The fragments below
/// (<see cref="Please"/>, <see cref="WillDo"/>, <see cref="Yo"/>) spell the polite and casual endings once.
/// <para>
/// Row kinds: an <b>act</b> row carries a <see cref="ReplyAct"/>; a <b>field</b> row names a detail
/// ("주문번호는") that the next skip or denial is about; a <b>filler</b> ("아", "그냥", "빨리") may stand
/// between act words; a <b>tail</b> (ㅎㅎ, ㅋㅋ, ㅠㅠ, "please") may stand anywhere, even last; a
/// <b>connective</b> ("근데", "그리고") ends the act words and is left out of the remainder.
/// </para>
/// <para>
/// Row flags: <see cref="Whole"/> rows count only when nothing else is said (a lone "ㅇ", "노", "뭐",
    /// "취소": "취소 요청이 들어왔어요" is a question about a buyer's cancellation, not a cancel),
/// <see cref="Echo"/> rows asked as a question ("네?", "응?") mean "say that again". Any other act row
/// followed by "?" is a question ("맞아요?", "괜찮아요?"), not an act.
/// </para>
/// <para>
/// Ambiguities decided here: "괜찮아요" after an offer or a summary is read as <see cref="ReplyAct.Deny"/>
/// (a polite "no thanks"), never as yes; "됐어요" is <see cref="ReplyAct.Cancel"/> ("never mind"); a bare
/// "연결해 주세요"/"접수해 주세요" is <see cref="ReplyAct.Affirm"/> (proceed with what was offered), while
/// naming a person ("상담원 연결해 주세요") is <see cref="ReplyAct.HumanRequest"/>.
/// </para>
/// </summary>
internal static class ReplyActVocabulary
{
    internal enum Kind { Act, Field, Filler, Tail, Connective }

    [Flags]
    internal enum Flags { None = 0, Whole = 1, Echo = 2 }

    internal sealed record Row(Kind Kind, ReplyAct Act, ReplyField Field, Flags Flags, string Pattern);

    internal const Flags Whole = Flags.Whole;
    internal const Flags Echo = Flags.Echo;

    /// <summary>Polite endings: 요, 용 (cute), 여/염 (casual typing).</summary>
    private const string Yo = "(?:요|용|여|염|욤)?";

    /// <summary>"…해 주세요" and its casual, typo and cut-off forms (the "해" itself is in each row).</summary>
    private const string Please =
        "(?:주시겠어요|주시겠습니까|주실래요|주실수있나요|주실수있어요|주십시오|주십쇼|주세요|주세여|주세용|주새요|주셔요|주셈|주쇼|주세|줘요|줘여|줘|줄래요|줄래|주라|줄수있어요|줄수있나요)";

    /// <summary>"I will / let's do it" endings after a verb stem such as 접수/진행/취소.</summary>
    private const string WillDo =
        "(?:하겠습니다|하겠어요|할게요|할께요|할게용|할게|할께|할래요|할래|합니다|합시다|해요|해용|하자|하기|해|ㄱㄱ|고고|go)";

    /// <summary>"…해 주세요" or "…할게요" after a verb stem; "부탁드려요" too.</summary>
    private static readonly string Do = $"(?:(?:해|하여|해서)?{Please}|{WillDo}|(?:좀)?부탁(?:드립니다|드려요|드릴게요|드려|해요|합니다|해))";

    /// <summary>What a "won't do" is about: "접수는 안 할게요", "연결 안 해주셔도 돼요".</summary>
    private const string Topic = "(?:(?:상담원|상담사|사람)?(?:접수|연결|상담|진행|신청|요청|문의)(?:은|는|을|를|도)?)?";

    /// <summary>A person to talk to.</summary>
    // Also someone named by what they would do: "직접 확인해 주실 분", "담당하시는 분".
    private const string Person = "(?:ㅅㄷㅇ|ㅅㄷㅅ|상담원|상담사|상담직원|상담선생님|직원|담당자|책임자|관리자|매니저|사람|실제사람|진짜사람|사람상담원|(?:확인해|봐|도와|처리해|해결해|알려)주실분|담당하시는분)";

    /// <summary>A particle after the person: 이랑, 하고, 한테, 님 …</summary>
    /// <summary>
    /// A person of the support team in English, folded (no spaces): one list for every English request for a person, so
    /// "transfer me to a staff member" and "is there a staff member who can help" name the same people.
    /// </summary>
    private const string EnglishPerson = "(?:human|humanbeing|person|people|realperson|realhuman|agent|agents|liveagent|humanagent|supportagent|operator|representative|rep|staff|staffmember|memberofstaff|someone|somebody|anyone|anybody|supervisor|employee|teammember|supportteam|supportstaff|customerservice|customersupport|customerservicerep)";

    private const string With = "(?:님이랑|님과|님하고|님한테|님께|님|이랑|랑|하고|과|와|한테|에게|께|분|분이랑|분하고|분한테)?";

    public static readonly IReadOnlyList<Row> Rows =
    [
        // ── Affirm: yes, right, go ahead ─────────────────────────────────────────────────────
        // "이대로 보내 주시면 돼요", "그대로 접수해 주시면 됩니다": the summary as it stands, sent on.
        new(Kind.Act, ReplyAct.Affirm, 0, 0, "(?:이대로|그대로|이렇게)?(?:보내|접수해|진행해|넘겨|전달해)(?:주시면|주면)(?:돼요|됩니다|되요|될것같아요|돼|될듯해요)" + Yo),
        new(Kind.Act, ReplyAct.Affirm, 0, Echo, "(?:네|넵|넹|넴|네엡|예|옙|응|웅|엉|어어)+" + Yo),
        new(Kind.Act, ReplyAct.Affirm, 0, 0, "(?:ㅇㅇ|ㅇㅋ|ㅇㅋㅇ|ㄱㄱ|ㅇㅇㅇ)+"),
        new(Kind.Act, ReplyAct.Affirm, 0, Whole, "ㅇ|k|ya|go|right|fine|good|great|접수|진행|신청|확인|접수요|진행요|확인요|확인이요|접수이요"),
        // A bare "do it" ("빨리 해요", "해 주세요") after an offer or a summary.
        new(Kind.Act, ReplyAct.Affirm, 0, Whole, "(?:해|하세|해줘|하자)" + Yo + "|해" + Please + "|하세요|해라|하셈|ㄱ"),
        new(Kind.Act, ReplyAct.Affirm, 0, 0, "(?:맞아|맞습니다|맞어|맞음|맞죠|맞지|맞네|맞아용|맞아여|맞습니당|맞구요|맞고요|맞는데요|맞아요)" + Yo),
        new(Kind.Act, ReplyAct.Affirm, 0, 0, "(?:그래|그래요|그럼요|그렇습니다|그렇죠|그렇지|그렇네요|좋아|좋아요|좋습니다|좋네요|좋지요|좋죠|알겠어요|알겠습니다|알겠어|알았어요|알았어|알겠음|오케이|콜|당연하죠|당연하지|당연합니다|물론이죠|물론입니다|물론)" + Yo),
        new(Kind.Act, ReplyAct.Affirm, 0, 0, "(?:그렇게|그대로|이대로|이렇게|이걸로|그걸로|이것으로|그것으로|이내용으로|이대로요)(?:" + "(?:해|하여)?" + Please + "|" + WillDo + "|진행" + Do + "|접수" + Do + ")"),
        // "그래 주세요" is "그렇게 해 주세요"; "넣어 주세요" after a summary files it ("빨리 넣어요").
        new(Kind.Act, ReplyAct.Affirm, 0, 0, "그래" + Please + Yo),
        new(Kind.Act, ReplyAct.Affirm, 0, 0, "(?:접수|신청|요청|문의)?(?:넣어|넣어줘)(?:" + Please + "|요|용|여)?"),
        new(Kind.Act, ReplyAct.Affirm, 0, 0, "(?:접수|진행|신청|연결|확인|등록|제출|요청|전달)" + Do),
        // "내용 다 맞습니다", "위 정보 전부 맞아요": the summary is right.
        new(Kind.Act, ReplyAct.Affirm, 0, 0, "(?:위|이|그)?(?:내용|정보|요약|것)(?:은|이|도)?(?:다|전부|모두|모두다|다들)?(?:맞습니다|맞아요|맞네요|맞음|맞아|맞어요|정확해요|정확합니다)" + Yo),
        new(Kind.Act, ReplyAct.Affirm, 0, 0, "(?:확인했어요|확인했습니다|확인완료|접수하기|진행시켜" + Please + "?)"),
        new(Kind.Act, ReplyAct.Affirm, 0, 0, "(?:좀)?부탁(?:드립니다|드려요|드릴게요|드려|해요|합니다|해)"),
        new(Kind.Act, ReplyAct.Affirm, 0, 0, "(?:yes|yeah|yep|yup|yea|yess+|sure|ok|okay|okey|okie|alright|allright|correct|exactly|confirm|confirmed|proceed|goahead|sounds?good|thatsright|thatscorrect|thatsit|pleasedo|doit|submit|submitit|absolutely|definitely|ofcourse|yesplease|yessure|looksgood|allgood)(?:now|rightnow)?"),

        // ── Deny: no, that's wrong, no thanks ────────────────────────────────────────────────
        new(Kind.Act, ReplyAct.Deny, 0, 0, "(?:아니|아니다|아뇨|아녀|아녜|아냐|아닙니다|아니야|아니에요|아니예요|아니거든요|아닌데|아닌데요|아니라고요|아니지|아니죠|아니오|아니요|아니용|아녜요|아니구요|아니고요|아니고)" + Yo),
        new(Kind.Act, ReplyAct.Deny, 0, 0, "(?:ㄴㄴ|ㄴㄴㄴ|노노|노노노)"),
        new(Kind.Act, ReplyAct.Deny, 0, Whole, "노|ㄴ"),
        new(Kind.Act, ReplyAct.Deny, 0, 0, "(?:틀렸|틀려|틀립|틀린|잘못됐|잘못되었|잘못되어있|잘못나왔|잘못적었|잘못썼|잘못쓴|잘못입력했|잘못넣었|잘못들어갔|잘못들어가있|잘못기재됐|잘못기재했|다릅|달라|다르)(?:어요|습니다|니다|요|어|는데요|네요|음|고요|구요|다|네|게나왔어요|게들어갔어요|게적혔어요)?" + Yo),
        new(Kind.Act, ReplyAct.Deny, 0, 0, "(?:그게|그거|그건|그거는)(?:아니|아니에요|아니고|아니라|아닌데요|아니거든요|아니요)" + Yo),
        new(Kind.Act, ReplyAct.Deny, 0, 0, "(?:괜찮|괜춘|됐습니다만)(?:아요|습니다|아|아용|아여|어요|을것같아요|을것같습니다|을듯|아요ㅎㅎ)?" + Yo),
        new(Kind.Act, ReplyAct.Deny, 0, 0, "(?:노땡큐|사양할게요|사양합니다)"),
        new(Kind.Act, ReplyAct.Deny, 0, 0, "(?:no|nope|nah|noo+|notreally|nothanks|nothankyou|nothx|wrong|incorrect|thatswrong|thatsnotright|notright|notcorrect|imgood|imfine|itsfine)"),

        // ── Cancel: stop, never mind, later, "I won't" ───────────────────────────────────────
        new(Kind.Act, ReplyAct.Cancel, 0, 0, "(?:접수|연결|상담|요청|신청|진행)?취소(?:" + Do + "|요|할게|할께)" + Yo),
        new(Kind.Act, ReplyAct.Cancel, 0, Whole, "(?:접수|연결|상담|요청|신청|진행)?취소|그만|나중에|다음에|stop|later|quit|exit|abort"),
        new(Kind.Act, ReplyAct.Cancel, 0, 0, "그만(?:할게요|할께요|할래요|할래|하겠습니다|합니다|해요|해|하자|둘게요|둘래요|두세요|둬요|둬|해주세요|하세요|할게|요)" + Yo),
        new(Kind.Act, ReplyAct.Cancel, 0, 0, "(?:관둘게요|관둘래요|관두세요|관둬요|관둬|때려치|말게요|말래요|말께요|말죠|말자)" + Yo),
        new(Kind.Act, ReplyAct.Cancel, 0, 0, "(?:됐|되었)(?:어요|어|습니다|고요|구요|고|다|거든요|네요|음|어용|심더|습니더)" + Yo),
        new(Kind.Act, ReplyAct.Cancel, 0, 0, Topic + "안(?:할래요|할래|할게요|할께요|할게|해요|합니다|하겠습니다|하겠어요|해|할거예요|할거에요|하고싶어요|할래용)" + Yo),
        new(Kind.Act, ReplyAct.Cancel, 0, 0, Topic + "안(?:해|해주셔|해주|하셔|하)도(?:돼요|되요|됩니다|돼|되|괜찮아요|괜찮습니다|괜찮아|될것같아요|될거같아요|될듯해요|될듯|될것같습니다|될것같네요|될거같네요)" + Yo),
        new(Kind.Act, ReplyAct.Cancel, 0, 0, Topic + "하지(?:말아|마)(?:주세요|줘요|줘|주십시오|요|세요)" + Yo),
        new(Kind.Act, ReplyAct.Cancel, 0, 0, "(?:나중에|다음에|담에|이따|이따가|다음번에)(?:" + WillDo + "|다시" + WillDo + "|다시올게요|다시연락할게요|다시물어볼게요|다시문의할게요|요|할게요)"),
        new(Kind.Act, ReplyAct.Cancel, 0, 0, "필요(?:없어요|없습니다|없어|없음|없어용|없는데요|없어졌어요)" + Yo),
        // "상담원까지는 괜찮아요", "사람 연결은 됐어요", "I don't need an agent": the person offered, declined in words.
        new(Kind.Act, ReplyAct.Cancel, 0, 0, Person + "(?:연결|상담|통화)?(?:까지는|까진|은|는|도)?(?:괜찮아요|괜찮습니다|괜찮아|됐어요|됐습니다|됐어|필요없어요|필요없습니다|필요없어|안불러도돼요|없어도돼요|없어도됩니다)" + Yo
            + "|(?:no|nah)?(?:thanks|thankyou)?(?:i)?(?:dont|donot|wont)(?:need|want)(?:to(?:talk|speak|chat)(?:to|with))?(?:a|an|the|any)?(?:human|person|agent|someone|operator|representative)(?:rightnow|now|thanks)?|noneed(?:for|of)(?:a|an|the|any)?(?:human|person|agent|operator)"),
        new(Kind.Act, ReplyAct.Cancel, 0, 0, "(?:해결됐어요|해결됐습니다|해결했어요|해결됐어)"),
        // "음 생각해 보니 그냥 제가 찾아볼게요": the seller takes the request back.
        new(Kind.Act, ReplyAct.Cancel, 0, 0, "(?:아|음|흠)?(?:생각해보니|생각해보니까|다시생각해보니|생각해보니깐)?(?:그냥)?제가(?:직접|한번|먼저|좀|그냥)?(?:찾아|알아|해|확인해|알아서해)(?:볼게요|볼께요|볼게|볼래요|보겠습니다|볼게용)" + Yo),
        // "아뇨 괜찮아요 그냥 여기서 물어볼게요": the seller will ask here instead of a person.
        new(Kind.Act, ReplyAct.Cancel, 0, 0, "(?:아뇨|아니요|아니에요|ㄴㄴ|노노)?(?:괜찮아요|괜찮습니다|됐어요)?(?:그냥)?(?:여기서|챗봇한테|봇한테|채팅으로|이걸로)(?:그냥)?(?:물어볼게요|물어볼께요|물어볼래요|물어볼게|질문할게요|질문할래요|알아볼게요|찾아볼게요)" + Yo),
        // "접수하지 않겠습니다", "내부 확인 후 다시 문의드리겠습니다", "내부에서 자체적으로 처리하겠습니다": the formal ways of
        // withdrawing a request, coming back later, or handling it in-house.
        new(Kind.Act, ReplyAct.Cancel, 0, 0, Topic + "하지않(?:겠습니다|을게요|을께요|을래요|겠어요|을게)" + Yo),
        new(Kind.Act, ReplyAct.Cancel, 0, 0, "(?:(?:내부|사내|팀내|저희|자체)?(?:에서|적으로)?(?:확인|검토|논의|상의)(?:후|하고|해보고|해본후|한뒤|한다음))?(?:다시|재)(?:문의|연락)(?:드리겠습니다|드릴게요|드릴께요|하겠습니다|할게요|할께요|드리도록하겠습니다)" + Yo),
        new(Kind.Act, ReplyAct.Cancel, 0, 0, "(?:(?:내부에서|내부적으로|자체적으로|저희가|저희쪽에서|저희끼리|사내에서|직접)(?:알아서|자체적으로)?)+(?:처리|해결)(?:하겠습니다|할게요|할께요|해볼게요|해보겠습니다|하도록하겠습니다)" + Yo),
        // "잘못 눌렀어요" (the button pressed by mistake): no request meant.
        new(Kind.Act, ReplyAct.Cancel, 0, 0, "(?:잘못|실수로|모르고)(?:눌렀|눌러졌|누른거|클릭했|클릭한거|선택했|선택한거)(?:어요|어|습니다|네요|나봐요|나봐|예요|에요|어용)?" + Yo),
        new(Kind.Act, ReplyAct.Cancel, 0, 0, "(?:cancel|cancelit|cancelthat|cancelplease|stopit|stopthat|nevermind|nvm|forgetit|forgetaboutit|notnow|maybelater|illdoitlater|nothanksnevermind|dontbother)"),

        // ── Skip: don't know, don't have, not applicable ─────────────────────────────────────
        new(Kind.Act, ReplyAct.Skip, 0, 0, "(?:몰라|모름|모르겠|모르는데|모르거든|몰라서|몰랐|몰라용|모릅니다|모르겠습니다)(?:어요|습니다|어|요|네요|는데요|는데|음|어용)?" + Yo),
        new(Kind.Act, ReplyAct.Skip, 0, 0, "기억(?:이|도)?(?:안|잘안)(?:나요|나|남|납니다|나는데요|나네요|나여)" + Yo),
        new(Kind.Act, ReplyAct.Skip, 0, 0, "(?:없|업)(?:어요|습니다|어|음|는데요|네요|어용|구요|고요|거든요|다고요|다구요|다니까요|다니까|다고)" + Yo),
        new(Kind.Act, ReplyAct.Skip, 0, 0, "(?:해당|해당사항|해당되는게|해당되는거)(?:없|없음|없어요|없습니다|안돼요|아님|아니에요)" + Yo),
        // "주문이나 상품이랑은 상관없어요", "특정 상품 문제는 아니에요": the named details do not apply.
        new(Kind.Act, ReplyAct.Skip, 0, 0, "(?:상관|관계|관련)(?:이|은|는)?(?:없|없음|없어요|없습니다|없는데요|없는거예요|없는건데요)" + Yo),
        new(Kind.Act, ReplyAct.Skip, 0, 0, "(?:문제|건|쪽|관련|관련된거|관련문의)(?:는|은)?(?:아니에요|아닙니다|아니고요|아니구요|아님|아니예요|아니거든요)" + Yo),
        new(Kind.Act, ReplyAct.Skip, 0, 0, "확인(?:이)?(?:안|잘안)(?:돼요|되요|됩니다|돼|되네요|되는데요)" + Yo),
        // "특정 못 해요", "하나로 특정할 수가 없어요": no one order or product to name.
        new(Kind.Act, ReplyAct.Skip, 0, 0, "(?:하나로)?특정(?:이|을)?(?:못해요|못하겠어요|못합니다|못해|못하겠네요|못하는데요|안돼요|안되요|불가|불가능|불가능해요|할수가없어요|할수없어요|할수없습니다|할수가없습니다|할수가없네요|하기어려워요|하기힘들어요|하기가어려워요|이안돼요|이안되요)" + Yo),
        // "여러 건이라 하나로 못 집어요": several orders, none to name alone.
        new(Kind.Act, ReplyAct.Skip, 0, 0, "(?:하나로|하나만|한건으로|한건만|한개로|딱)(?:은)?(?:못|콕)(?:집어|집겠어|꼽아|꼽겠어|골라|고르겠어|정해|정하겠어)(?:요|드리겠어요|드려요|드릴수없어요)?|(?:하나로|하나만|한건만|한개만)(?:집기|꼽기|고르기|정하기)(?:가)?(?:어려워요|힘들어요|애매해요|어렵네요)|여러(?:건|개)(?:이에요|예요|이라서요|이라서|이라|라서|입니다|이고요|이거든요)" + Yo),
        new(Kind.Act, ReplyAct.Skip, 0, 0, "(?:건너뛰|건너뛸|넘어가|넘길|스킵|패스)(?:기|어요|세요|게요|고|주세요|줘|할게요|해주세요|해|요|ㄹ게요)?" + Yo),
        new(Kind.Act, ReplyAct.Skip, 0, 0, "(?:thereisno|theresno|thereareno|therearent|thereisnt|theresnot|ihaveno|wehaveno|ithasno|itsnotabout(?:any|an?)|notabout(?:any|an?)|notany|nothingtodowith(?:any|an?|the)?|notrelatedto(?:any|an?)?|unrelatedto(?:any|an?)?)"),
        new(Kind.Act, ReplyAct.Skip, 0, 0, "(?:idontknow|idunno|dunno|dontknow|idk|notsure|imnotsure|unknown|idonthaveit|idonthaveone|idonthave|donthaveit|donthaveone|donthave|ihavenone|nothing|none|notapplicable|skip|skipit|noidea|ihavenoidea|forgot|iforgot|cantremember|icantremember)"),
        new(Kind.Act, ReplyAct.Skip, 0, Whole, "na|pass"),

        // ── Repeat: say that again ───────────────────────────────────────────────────────────
        new(Kind.Act, ReplyAct.Repeat, 0, 0, "(?:뭐라고|뭐라구|뭐라고하셨|뭐라고했|뭐라는|머라고|뭐라)(?:요|어요|죠|하셨어요|했어요|하셨죠|하신거예요)?" + Yo),
        new(Kind.Act, ReplyAct.Repeat, 0, 0, "(?:요약|내용|방금|방금거|아까거|질문|그거|그말|안내|설명|마지막말)?(?:을|를|좀|도)?(?:다시|한번더|한번만더|다시한번|다시한번만)(?:말씀|말|얘기|이야기|설명|보여|알려|읽어|물어|안내|보내|띄워)(?:해)?(?:" + Please + "|줄래요|주실래요|봐|줘)?" + Yo),
        new(Kind.Act, ReplyAct.Repeat, 0, 0, "(?:요약|내용|방금거|아까거)(?:을|를|좀|도)?(?:다시|한번더)?(?:보여|알려|보내)(?:" + Please + ")"),
        new(Kind.Act, ReplyAct.Repeat, 0, Whole, "(?:다시요|다시한번요|한번더요|다시|한번더|다시한번|뭐|네에|엥|what|huh|pardon|sorry|comeagain)"),
        new(Kind.Act, ReplyAct.Repeat, 0, 0, "(?:못봤어요|못봤는데요|잘못들었어요|못알아들었어요|이해를못했어요|이해가안돼요|무슨말이에요|무슨말씀이세요|무슨말인지모르겠어요|무슨뜻이에요)"),
        new(Kind.Act, ReplyAct.Repeat, 0, 0, "(?:sayagain|sayitagain|saythatagain|repeat|repeatthat|repeatplease|canyourepeat|canyourepeatthat|canyousaythatagain|whatdidyousay|showthesummaryagain|showitagain|showmeagain|onemoretime|again)"),
        new(Kind.Act, ReplyAct.Repeat, 0, 0, "(?:sorry|pardon|excuseme)?(?:can|could|would|will)you(?:please)?(?:repeat(?:that|it|this)?|say(?:that|it|this)?again)(?:please)?"),

        // ── Capabilities: what can you do ────────────────────────────────────────────────────
        new(Kind.Act, ReplyAct.Capabilities, 0, 0, "(?:너는|넌|너|당신은|당신|챗봇은|봇은|이거|여기서는|여기에서는|여기선|여기서|여기|여긴|이챗봇|이봇)?(?:뭐|무엇|뭘|무얼|무엇을|뭐를|어떤거|어떤것|어떤걸|어떤일|무슨일|무슨것)(?:을|를)?(?:할수있|할수있는|해줄수있|도와줄수있|도와주실수있|도와주|해주|할줄알|물어볼수있|물어봐도되|물어보면되|알려줄수있|도와줘|해줄|할수|하는|도와드리|물어볼|알려줘)(?:어요|나요|어|니|습니까|죠|는데요|지|요|음|는거예요|는거야|어용|는데|나|냐)?" + Yo),
        new(Kind.Act, ReplyAct.Capabilities, 0, 0, "(?:무슨|어떤)(?:기능|기능이|거|걸|것|질문|문의)(?:이|을|를|들)?(?:있어요|있나요|있어|돼요|되나요|가능해요|가능한가요|할수있어요|물어볼수있어요|도와주나요|뭐예요|뭐에요)" + Yo),
        new(Kind.Act, ReplyAct.Capabilities, 0, 0, "(?:기능|할수있는거|할수있는것)(?:이|은|는)?(?:뭐예요|뭐에요|뭐야|뭔가요|뭐죠|뭐있어요|어떤거있어요)" + Yo),
        new(Kind.Act, ReplyAct.Capabilities, 0, 0, "(?:도움말|사용법|사용방법|이용방법|이용법|메뉴)(?:좀)?(?:보여" + Please + "|알려" + Please + "|요|이요)"),
        new(Kind.Act, ReplyAct.Capabilities, 0, 0, "(?:whatcanyoudo|whatcanyouhelpwith|whatcanyouhelpmewith|whatdoyoudo|whatcanido|whatcaniask|whatareyoufor|howcanyouhelp|howcanyouhelpme|whatcanthisbotdo|whatcanthisdo|helpmenu)"),
        new(Kind.Act, ReplyAct.Capabilities, 0, Whole, "help|menu|features|도움말|사용법|메뉴"),

        // ── TicketStatus: what became of my request ──────────────────────────────────────────
        new(Kind.Act, ReplyAct.TicketStatus, 0, 0, "(?:제가|아까|전에|어제|오늘|방금|저번에)?(?:상담요청|상담신청|상담접수|접수|요청|문의|신청|티켓)(?:한|했던|드린|넣은|남긴|해둔|해놓은|하신|된)?(?:거|것|건|티켓|문의|내용|번호)?(?:은|는|이|가)?(?:지금|현재)?(?:어떻게|어떻게요|어케)(?:됐어요|됐나요|되었나요|되었어요|됐죠|됐어|됨|되고있어요|되고있나요|돼가요|돼가나요|되가요|진행되고있나요|된거예요|된거죠|처리됐나요|됐는지)?" + Yo),
        new(Kind.Act, ReplyAct.TicketStatus, 0, 0, "(?:제가|아까|전에|어제|오늘|방금|저번에)?(?:상담요청|상담신청|상담접수|접수|요청|문의|신청|티켓)(?:한|했던|드린|넣은|남긴|해둔|해놓은|하신)(?:거|것|건|티켓|문의|내용)?(?:은|는|이|가|의)?(?:진행|처리|답변|확인|결과)(?:상황|상태|현황)?(?:이|은|는|좀)?(?:알려" + Please + "|궁금해요|궁금합니다|됐나요|됐어요|되었나요|되고있나요|중인가요|중이에요|은요|는요|왔나요|언제와요|언제나와요|어때요|어떻게돼요)?" + Yo),
        // "아까 접수 번호가 뭐였죠?": the number of the request made is asked for again.
        // "접수 번호가 뭐예요?" alone asks what such a number is; "아까", "제" or the past tense point at the request made.
        new(Kind.Act, ReplyAct.TicketStatus, 0, 0, "(?:(?:제|아까|전에|방금)(?:접수|티켓|문의|상담|요청)번호(?:가|는|좀)?(?:뭐였죠|뭐였지|뭐였어요|뭐였더라|뭐예요|뭐에요|뭐죠|몇번이었죠|몇번이에요|다시알려주세요|다시알려줘요|알려주세요|알려줘요)"
            + "|(?:접수|티켓|문의|상담|요청)번호(?:가|는|좀)?(?:뭐였죠|뭐였지|뭐였어요|뭐였더라|몇번이었죠|다시알려주세요|다시알려줘요))" + Yo),
        new(Kind.Act, ReplyAct.TicketStatus, 0, 0, "(?:상담원|상담사|담당자|연락|답변|답장|답|전화|회신|연결)(?:은|는|이|가)?(?:언제|몇시에|얼마나있다가|언제쯤|몇시쯤|몇분뒤에|얼마나)(?:쯤)?(?:와요|오나요|올까요|오죠|와|옴|줘요|주나요|주세요|주시나요|돼요|되나요|될까요|받을수있나요|받을수있어요|연락와요|연락오나요|연락주나요|연결돼요|연결되나요|기다려야해요|기다려야하나요|걸려요|걸리나요)" + Yo),
        new(Kind.Act, ReplyAct.TicketStatus, 0, 0, "(?:언제|몇시에|언제쯤|몇시쯤|얼마나있다가)(?:쯤)?(?:상담원|상담사|담당자|연락|답변|답장|답|전화|회신|연결)(?:이|가|은|는|을|를)?(?:와요|오나요|올까요|오죠|와|옴|줘요|주나요|주시나요|주세요|돼요|되나요|될까요|받을수있나요|받을수있어요|받아요|받나요|해주나요|해주시나요)" + Yo),
        // "방금 접수한 거 언제쯤 상담원이 봐요?": when the filed request will be looked at.
        new(Kind.Act, ReplyAct.TicketStatus, 0, 0, "(?:제가|아까|전에|어제|오늘|방금|저번에)?(?:상담요청|상담신청|상담접수|접수|요청|문의|신청|티켓)(?:한|했던|드린|넣은|남긴|해둔|해놓은|하신|된)(?:거|것|건)(?:은|는|이|가|요)?(?:언제|언제쯤|몇시에|몇시쯤|얼마나있다가)(?:쯤)?(?:상담원|상담사|담당자|직원)?(?:이|가|님이|분이)?(?:봐요|보나요|봐주나요|봐줘요|봐주세요|봐주시나요|확인해요|확인하나요|확인해주나요|확인해주세요|확인돼요|확인되나요|처리돼요|처리되나요|처리해주나요|연락와요|연락오나요|연락줘요|연락주나요|답와요|답오나요|답변와요|답변오나요|답변돼요|답변되나요)" + Yo),
        // "지금 제 문의 상태가 어떻게 돼요?": where the request stands, asked of its state.
        new(Kind.Act, ReplyAct.TicketStatus, 0, 0, "(?:지금|현재)?(?:제|저의|내)?(?:상담요청|상담신청|문의|접수|요청|신청|티켓|상담)(?:건|한거|한건)?(?:의)?(?:진행|처리)?(?:상태|상황|현황)(?:가|는|이|은)?(?:지금|현재)?(?:어떻게|어때|어떤가요|어떻습니까)(?:돼요|되나요|되죠|됐나요|됐어요|되어있나요|돼있나요|돼|요)?" + Yo),
        new(Kind.Act, ReplyAct.TicketStatus, 0, 0, "(?:얼마나|언제까지)(?:더)?(?:기다려야(?:해요|하나요|돼요|되나요|합니까|해|함)|기다려요|기다리나요|기다리면돼요|기다리면되나요|기다려|기다림)" + Yo),
        // "did you get my request?", "any update on my ticket?", "how long do I have to wait?"
        new(Kind.Act, ReplyAct.TicketStatus, 0, 0, "(?:did|have|hasnt|didnt)(?:you|anyone|someone)(?:get|got|gotten|receive|received|see|seen)my(?:request|ticket|message|inquiry|case)(?:yet)?"
            + "|(?:did|has|hasnt|didnt)my(?:request|ticket|inquiry|case)(?:gothrough|gonethrough|beenreceived|getthrough|reachyou)(?:yet)?"
            + "|(?:is|was)my(?:request|ticket|inquiry|case)(?:received|submitted|filed|registered|through)(?:yet)?"
            + "|(?:any)?updates?(?:on|about|for)my(?:request|ticket|inquiry|case)|whats(?:the)?status(?:of|on)my(?:request|ticket|inquiry|case)"
            + "|howlong(?:do|will|should|must)i(?:have)?(?:to)?wait(?:for(?:an?|the)?(?:agent|reply|answer|response|person|human))?|whenwill(?:an?|the|your)?(?:agent|person|human|someone|staff)(?:contact|call|reply(?:to)?|answer|getbackto)me"
            + "|howlong(?:until|till|before)(?:someone|somebody|anyone|an?agent|theagent|an?person|an?human|you|staff)(?:will)?(?:contacts?|calls?|gets?backto|repl(?:y|ies)to|answers?|reach(?:es)?(?:outto)?)me"),
        new(Kind.Act, ReplyAct.TicketStatus, 0, 0, "(?:얼마나|언제까지)(?:더)?기다려야(?:연락|답변|답장|전화|상담원|회신)(?:이|가)?(?:와요|오나요|올까요|받아요|받나요|돼요|되나요|줘요|주나요)" + Yo),
        new(Kind.Act, ReplyAct.TicketStatus, 0, 0, "(?:아직)(?:도)?(?:연락|답변|답장|전화|회신|상담원)(?:이|가)?(?:없어요|없네요|안와요|안오네요|없는데요|안왔어요|안오는데요)" + Yo),
        new(Kind.Act, ReplyAct.TicketStatus, 0, 0, "(?:접수|상담|티켓|문의|요청)(?:번호)?(?:진행|처리)?(?:상황조회|상태조회|현황조회|상황|상태|현황|조회)(?:좀)?(?:알려" + Please + "|확인" + Do + "|요|이요|은요|궁금해요)?"),
        // "접수된 거 맞죠?", "접수 번호 한 번만 더 알려 주세요": whether it was filed, and its number again.
        new(Kind.Act, ReplyAct.TicketStatus, 0, 0, "(?:방금|아까|제)?(?:거|것|건|꺼)?(?:상담요청|상담신청|접수|요청|신청|티켓|request|ticket)(?:이|은|는|가)?(?:잘|제대로|정상적으로|정상으로)?(?:접수)?(?:된거|된것|된건|됐던거|한거|했던거|들어간거|들어간것)(?:맞죠|맞나요|맞아요|맞지|맞는거죠|맞는거지|죠|지요)" + Yo
            + "|(?:접수|신청|요청)(?:이|가)?(?:잘|제대로|정상적으로)?(?:됐|되었|들어갔)(?:죠|나요|지요|는지)" + Yo),
        // "그 문의 건 이제 끝난 거죠?": whether the request is done.
        new(Kind.Act, ReplyAct.TicketStatus, 0, 0, "(?:그|제|아까|방금|저번)?(?:문의|상담|접수|요청|티켓|신고)(?:건|한거|한건|했던거)?(?:은|는|이|가)?(?:이제|다|잘)?(?:끝난|해결된|처리된|완료된|종료된|마무리된|끝났|해결됐|처리됐|완료됐|마무리됐)(?:거죠|거지요|건가요|거예요|거맞죠|거에요|건가|거야|거맞나요|나요|죠|어요|지요)" + Yo),
        // "담당자 배정은 대략 언제쯤 돼요?": when someone is assigned.
        new(Kind.Act, ReplyAct.TicketStatus, 0, 0, "(?:상담원|상담사|담당자|직원)(?:배정|연결|확인)(?:은|는|이|가)?(?:대략|보통|그럼)?(?:언제|언제쯤|얼마나|몇시|몇시쯤)(?:쯤)?(?:돼요|되나요|될까요|되죠|돼|해주나요|해주시나요|걸려요|걸리나요|걸릴까요)" + Yo),
        new(Kind.Act, ReplyAct.TicketStatus, 0, 0, "(?:접수|티켓|상담|요청)번호(?:를|좀|가|는)?(?:한번만더|한번더|한번만다시|한번만|다시|다시한번|다시한번만)?(?:알려|보여|말해)" + Please + Yo
            + "|번호(?:를|좀)?(?:한번만더|한번더|한번만다시|한번만|다시|다시한번|다시한번만)(?:알려|보여|말해)" + Please + Yo),
        // "접수번호 뭐였죠?": the number of a request already filed. "아까 접수한 건 지금 어떤 상태예요?": how it stands.
        new(Kind.Act, ReplyAct.TicketStatus, 0, 0, "(?:접수|티켓|상담|요청)번호(?:가|는|이|좀)?(?:뭐였죠|뭐였지|뭐였어요|뭐였더라|뭐였나요|몇번이었죠|몇번이었어요|몇번이었지)" + Yo),
        // "제 문의 접수된 거 지금 어떤 상태예요?": whose it is, and what was filed, may come first.
        new(Kind.Act, ReplyAct.TicketStatus, 0, 0, "(?:제가|아까|전에|어제|오늘|방금|저번에)?(?:제|저의|내)?(?:문의|상담)?(?:상담요청|상담신청|상담접수|접수|요청|문의|신청|티켓)(?:한|했던|드린|넣은|남긴|해둔|해놓은|하신|된)(?:거|것|건)?(?:은|는|이|가)?(?:지금|현재)?(?:어떤|무슨)?(?:상태|상황)(?:예요|에요|인가요|이에요|이죠|죠|일까요|야)?" + Yo),
        new(Kind.Act, ReplyAct.TicketStatus, 0, 0, "(?:제가|아까|전에|어제|오늘|방금|저번에)?(?:지금)?(?:제|저의|내)?(?:상담요청|상담신청|상담접수|문의|접수|요청|신청|티켓|상담)(?:한|했던|드린|넣은|남긴|해둔|해놓은|하신|된)?(?:거|것|건)?(?:가|는|이|은)?(?:지금|현재)?(?:어디까지|얼마나)(?:진행|처리)(?:됐나요|됐어요|되었나요|되었어요|됐는지|되고있나요|됐을까요|됐죠|됐어|됐나|된거예요)" + Yo),
        new(Kind.Act, ReplyAct.TicketStatus, 0, 0, "(?:whats|whatis|whatwas)my(?:ticket|request|case)(?:number|no|id)(?:again)?|(?:ticket|request|case)(?:number|no)again|(?:canyou|couldyou)?(?:tellme|giveme|remindmeof)?myticketnumber(?:again)?"),
        new(Kind.Act, ReplyAct.TicketStatus, 0, 0, "(?:대기|대기순서|대기번호)(?:가|는|은)?(?:몇번째예요|몇번째에요|몇번째인가요|얼마나남았어요|얼마나남았나요|몇명이에요|몇명남았어요)" + Yo),
        new(Kind.Act, ReplyAct.TicketStatus, 0, 0, "(?:ticketstatus|statusofmyticket|statusofmyrequest|whatsthestatus|whatsthestatusofmyticket|whatsthestatusofmyrequest|anyupdate|anyupdates|anynews|whenwillsomeonecontactme|whenwillicontact|whenwillihearback|whenwillanagentcontactme|howlongdoihavetowait|howlongwillittake|whathappenedtomyticket|whathappenedtomyrequest)"),

        // ── Thanks, Goodbye ──────────────────────────────────────────────────────────────────
        // "덕분에 살았네요", "덕분에 해결했어요": thanks for the help.
        new(Kind.Act, ReplyAct.Thanks, 0, 0, "(?:정말|진짜|완전)?덕분에(?:살았|해결|잘|큰도움|도움)(?:됐|했|되었|받았|했습|됐습|이)?(?:어요|네요|습니다|어|다|네|니다|요|었어요|었네요|네예|심더|습니더)?(?:ㅎ|ㅋ|ㅠ)*" + Yo),
        new(Kind.Act, ReplyAct.Thanks, 0, 0, "(?:정말|너무|진짜|대단히|매우)?(?:감사|고맙|고마워|고마웡|땡큐|땡쓰|ㄳ|ㄱㅅ|ㄱㅅㄱㅅ|ㄳㄳ|감솨|감사감사)(?:합니다|해요|드립니다|드려요|해|함|합니당|해용|습니다|다|네요|어요|요|용|합니더|심더|습니더|십니더|데이|심니더|네예)?" + Yo),
        new(Kind.Act, ReplyAct.Thanks, 0, 0, "(?:thanks|thank|thankyou|thankyouverymuch|thankyousomuch|thanksalot|thankssomuch|thx|ty|tysm|appreciateit|iappreciateit|cheers|manythanks)"),
        new(Kind.Act, ReplyAct.Goodbye, 0, 0, "(?:안녕히|안녕)(?:계세요|가세요|계십시오|계세용|히계세요)|(?:수고|고생)(?:하세요|하셨습니다|하셨어요|많으셨어요|많으셨습니다|하십시오|하십쇼|해요|해|하셔요|많았어요|하세용|하이소|많이하이소|하이쏘|하셨심더)" + Yo),
        new(Kind.Act, ReplyAct.Goodbye, 0, 0, "(?:바이|빠이|ㅂㅂ|ㅂㅇ|ㅃㅃ|ㅂㅂㅂ|잘있어|잘있어요|들어가세요|이만갈게요|이만할게요|그럼이만|이만)" + Yo),
        new(Kind.Act, ReplyAct.Goodbye, 0, 0, "(?:bye|byebye|goodbye|bb|seeya|seeyou|seeyoulater|haveaniceday|haveagoodday|takecare|cya)"),

        // ── HumanRequest: a person, please (before AreYouBot: "사람이랑 얘기" asks, "사람이야?" wonders) ─
        new(Kind.Act, ReplyAct.HumanRequest, 0, 0, Person + With + "(?:좀|빨리|바로|지금|당장|직접|잠깐)*(?:연결|통화|대화|얘기|이야기|상담|전화|채팅|바꿔|불러|붙여|부탁)(?:을|를|좀|해서)?(?:" + Do + "|" + Please + "|하고싶어요|하고싶습니다|하고싶은데요|하고싶어|하고싶다|원해요|원합니다|할래요|할래|할수있나요|할수있어요|할수있을까요|할수있을까|가능한가요|가능할까요|될까요|가능해요|되나요|돼요|되죠|하라고요|하라구요|하라고|하라니까요|하라니까|하세요|하세여|하십시오|시켜" + Please + "|시켜|하게(?:해)?" + Please + "|하게해|이요|요|해)?" + Yo),
        new(Kind.Act, ReplyAct.HumanRequest, 0, 0, Person + "(?:이|가|을|를)?(?:필요해요|필요합니다|필요해|원해요|원합니다|불러" + Please + "|와" + Please + "|연결|있나요|있어요|부탁해요|부탁드려요|부탁드립니다)" + Yo),
        // "직원분 계세요??", "상담원님 계신가요": whether a person is there asks for one ("안녕히 계세요" is a goodbye).
        new(Kind.Act, ReplyAct.HumanRequest, 0, 0, Person + "(?:분|님|분들)?(?:이|은|는)?(?:계세요|계신가요|계십니까|계시나요|계셔요|안계세요|안계신가요)" + Yo),
        // A bare person ("상담원요", "매니저") asks for one only when nothing else is said: "매니저 초대 권한" is a question about managers.
        new(Kind.Act, ReplyAct.HumanRequest, 0, Whole, "(?:ㅅㄷㅇ|ㅅㄷㅅ|상담원|상담사|상담직원|담당자|매니저)(?:님)?(?:요|이요)?|(?:사람|직원)(?:이요|요)"),
        new(Kind.Act, ReplyAct.HumanRequest, 0, 0, "(?:상담원|상담사|상담직원|담당자|매니저)(?:님)?(?:연결)(?:요|이요)?"),
        // "사람한테 직접 확인받을래요": to have a person confirm or explain it is to ask for one.
        new(Kind.Act, ReplyAct.HumanRequest, 0, 0, Person + "(?:님)?(?:한테|에게|께|님께|한테서|에게서)(?:좀|직접|다시|정확히)*(?:확인|답변|설명|안내|판단|답)(?:을|를|좀)?(?:받을래|받고싶어|받고싶습니다|받고싶은데|받을게|받아야겠어|받고싶다|받았으면좋겠어|받고싶네)" + Yo),
        // "누가 좀 판단해 줬으면 좋겠어요": somebody, to judge or look at it, is a person.
        new(Kind.Act, ReplyAct.HumanRequest, 0, 0, "누가(?:좀)?(?:판단|확인|봐|처리|해결|중재|판정|정리)(?:해)?(?:줬으면|주셨으면|주면|줬음)(?:좋겠어요|좋겠습니다|좋겠네요|좋겠는데요|좋겠어|해요|합니다)" + Yo),
        // "사람으로요", "상담 받고 싶어요": a person, said another way.
        new(Kind.Act, ReplyAct.HumanRequest, 0, 0, Person + "(?:으로|로)(?:요|이요|해" + Please + "|부탁해요|부탁드려요|연결" + Do + ")?"),
        new(Kind.Act, ReplyAct.HumanRequest, 0, 0, "(?:상담|통화)(?:을|좀)?(?:받고싶어요|받고싶습니다|받고싶은데요|받고싶어|받을래요|받을게요|받고싶다|받아야겠어요|원해요|원합니다)" + Yo),
        new(Kind.Act, ReplyAct.HumanRequest, 0, 0, "(?:상담|연결)(?:으로|을)?(?:연결|전환)(?:" + Do + "|" + Please + ")?"),
        new(Kind.Act, ReplyAct.HumanRequest, 0, 0, "(?:i|iwantto|iwanna|ineedto|needto|wantto|id|idliketo|letme|can|cani|couldi|pleaseletme)?(?:talk|speak|chat)(?:to|with)(?:a|an|the|some|real|your)*" + EnglishPerson + "(?:please)?"),
        new(Kind.Act, ReplyAct.HumanRequest, 0, 0, "(?:please|ok|okay|yes)?connectme(?:please|now)?"),
        new(Kind.Act, ReplyAct.HumanRequest, 0, 0, "(?:(?:can|could|would|will)(?:you)?)?(?:please)?(?:connect|transfer|put|pass)(?:me)?(?:on|through)?(?:to|with|through)(?:a|an|the|real|your)*" + EnglishPerson + "(?:(?:on|from|in|at)(?:your|the)(?:team|side|end|staff|support|supportteam|company))?(?:please)?"),
        // "Can someone from your team look at it?": a person asked to look at the seller's problem.
        new(Kind.Act, ReplyAct.HumanRequest, 0, 0, "(?:can|could|would|will)(?:someone|somebody|anyone|aperson|ahuman|anagent)(?:from|on|at)(?:your|the)(?:team|side|end|support|staff|company)(?:please)?(?:lookat|lookinto|check|helpwith|handle|review)(?:it|this|that|mycase|myaccount|myorder)?(?:please)?"),
        new(Kind.Act, ReplyAct.HumanRequest, 0, 0, "(?:isthere|arethere|doyouhave)(?:a|an|any|some|real)*" + EnglishPerson + "(?:who|that)?(?:i)?(?:can|could)(?:help|assist|lookat|lookinto|check|handle|talk|chat|speak)(?:to|with)?(?:me|it|this|that|mycase)?(?:now|please)?"),
        new(Kind.Act, ReplyAct.HumanRequest, 0, 0, "(?:i)?(?:want|need|wanna)(?:a|an|to|the|real)*(?:human|person|agent|operator|representative|liveagent|humanagent|realperson)(?:please)?|(?:real|live)?(?:human|humanagent|liveagent|agent|operator|representative)(?:please)?"),

        // ── AreYouBot: a question about the assistant ────────────────────────────────────────
        new(Kind.Act, ReplyAct.AreYouBot, 0, 0, "(?:너|넌|너는|니|당신|당신은|님|님은|이거|이건|여기|지금|상담원|상담원님|얘|혹시|진짜|정말|실제)*(?:사람|로봇|봇|ai|에이아이|인공지능|기계|챗봇|자동응답|프로그램|gpt|챗gpt|진짜사람|실제사람)(?:이야|이에요|인가요|이세요|이신가요|이니|이냐|야|냐|임|예요|에요|입니까|이십니까|이죠|죠|인거죠|인거야|이지|인가|이에여|이였어요|맞아요|맞나요|맞죠|아니에요|아니죠|아니야|아닌가요|이랑얘기하는거예요|이랑얘기하는거야|랑얘기하는거예요|세요|신가요|신거죠|이신거죠)" + Yo),
        new(Kind.Act, ReplyAct.AreYouBot, 0, 0, "(?:areyou|ru|areu|isthis|isit|amitalkingto|amispeakingto|amichattingwith|youare|youre)(?:a|an|the|really|real|actually)*(?:bot|robot|human|person|ai|machine|realperson|realhuman|chatbot|program|computer)"
            // "are you a bot or a real person?": the alternative asked about is no request for one.
            + "(?:or(?:a|an|the|really|real|actually)*(?:bot|robot|human|person|ai|machine|realperson|realhuman|chatbot|program|computer|someone|somebody))?"),
        new(Kind.Act, ReplyAct.AreYouBot, 0, 0, "(?:whoami|whomami)(?:talking|speaking|chatting|texting)(?:to|with)(?:rightnow|now|here)?|(?:who|whom)(?:areyou|ru|areu|isthis|isthat)(?:exactly|really|again)?"),

        // ── Fields named by a skip or a correction ───────────────────────────────────────────
        new(Kind.Field, 0, ReplyField.OrderNumber, 0, "(?:특정|specific|particular|single)?(?:주문번호|주문넘버|오더번호|주문no|ordernumber|orderno|ordernum|order|주문건|주문)(?:는|은|가|이|도|를|을|요|랑|는요|이나|나|이랑|이랑은|랑은|하고|하고는|과|와|과는|와는)?"),
        new(Kind.Field, 0, ReplyField.SellerId, 0, "(?:판매자|셀러|스토어)?(?:아이디|id|계정)(?:는|은|가|이|도|를|을|요|랑|는요)?|(?:sellerid|myid)"),
        new(Kind.Field, 0, ReplyField.Product, 0, "(?:특정|specific|particular|single)?(?:상품명|상품이름|상품|제품명|제품|productname|products|product|items|item|listings|listing)(?:는|은|가|이|도|를|을|요|랑|는요|이나|나|이랑|이랑은|랑은|하고|하고는|과|와|과는|와는)?"),

        // ── Fillers, tails, connectives ─────────────────────────────────────────────────────
        new(Kind.Filler, 0, 0, 0, "(?:아|어|음+|흠+|으음|잠깐|잠깐만|잠시만|저|저는|전|제가|제|저희|저도|그냥|빨리|좀|일단|그런거|그런건|그런것|그런게|hi|hello|hey|안녕하세요|안녕|챗봇말고|봇말고|기계말고|ai말고|지금은|오늘은|이제|이번엔|이번에는|그거면|그럼이제|지금|진짜|정말|그건|그거는|그거|딱히|특별히|별로|잘|아직|아직은|현재|아무튼|어쨌든|솔직히|사실|에이|오|앗|헐|와|엄|um+|uh+|hmm+|well|oh|ah|just|actually|sorry|a|an|the|any|specific|particular|죄송한데|죄송하지만|죄송해요|죄송합니다|미안합니다|미안해요|미안한데|미안하지만|역시|차라리|직접)"),
        new(Kind.Tail, 0, 0, 0, "(?:[ㅎㅋㅠㅜㅡ]+|please|pls|plz|요|용)"),
        new(Kind.Connective, 0, 0, 0, "(?:근데|그런데|근대|그러면|그럼|그리고|하지만|그래도|다만|혹시|참|그리구|and|or|nor|but|also|btw|however)"),
    ];
}
