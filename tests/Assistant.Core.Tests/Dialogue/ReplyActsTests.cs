using Assistant.Dialogue;
using static Assistant.Dialogue.ReplyAct;

namespace Assistant.Tests.Dialogue;

public sealed class ReplyActsTests
{
    /// <summary>Messages that are exactly one act, nothing more.</summary>
    [Theory]
    // The handoff summary: every one of these must confirm.
    [InlineData("ㅇㅇ", Affirm)]
    [InlineData("네 접수해 주세요", Affirm)]
    [InlineData("네 맞아요 접수해주세요", Affirm)]
    [InlineData("응 맞아", Affirm)]
    [InlineData("맞아요 진행해주세요", Affirm)]
    [InlineData("네접수해주세요", Affirm)]
    [InlineData("네 접수 해주세요", Affirm)]
    [InlineData("네 접수 해 주세요!", Affirm)]
    [InlineData("네", Affirm)]
    [InlineData("네.", Affirm)]
    [InlineData("네~", Affirm)]
    [InlineData("네!!", Affirm)]
    [InlineData("네ㅎㅎ", Affirm)]
    [InlineData("네 ^^", Affirm)]
    [InlineData("넵", Affirm)]
    [InlineData("넹", Affirm)]
    [InlineData("네네", Affirm)]
    [InlineData("네네네", Affirm)]
    [InlineData("웅", Affirm)]
    [InlineData("응", Affirm)]
    [InlineData("예", Affirm)]
    [InlineData("ㅇㅋ", Affirm)]
    [InlineData("ㄱㄱ", Affirm)]
    [InlineData("ㅇ", Affirm)]
    [InlineData("넵 ㅎㅎ", Affirm)]
    [InlineData("맞아요", Affirm)]
    [InlineData("맞습니다", Affirm)]
    [InlineData("네 맞습니다", Affirm)]
    [InlineData("맞아", Affirm)]
    [InlineData("좋아요", Affirm)]
    [InlineData("그래요", Affirm)]
    [InlineData("알겠습니다", Affirm)]
    [InlineData("오케이", Affirm)]
    [InlineData("접수", Affirm)]
    [InlineData("접수해줘", Affirm)]
    [InlineData("접수할게요", Affirm)]
    [InlineData("접수 부탁드려요", Affirm)]
    [InlineData("진행해 주세요", Affirm)]
    [InlineData("진행시켜 주세요", Affirm)]
    [InlineData("네 진행할게요", Affirm)]
    [InlineData("연결해 주세요", Affirm)]
    [InlineData("네 연결해주세요", Affirm)]
    [InlineData("부탁드립니다", Affirm)]
    [InlineData("네 부탁해요", Affirm)]
    [InlineData("그렇게 해주세요", Affirm)]
    [InlineData("그대로 접수해 주세요", Affirm)]
    [InlineData("네 감사합니다", Affirm)]
    [InlineData("yes", Affirm)]
    [InlineData("Yes please", Affirm)]
    [InlineData("yep", Affirm)]
    [InlineData("OK", Affirm)]
    [InlineData("okay!", Affirm)]
    [InlineData("sure", Affirm)]
    [InlineData("that's right", Affirm)]
    [InlineData("go ahead", Affirm)]
    // Deny.
    [InlineData("아니요", Deny)]
    [InlineData("아뇨", Deny)]
    [InlineData("아니오", Deny)]
    [InlineData("아녜요", Deny)]
    [InlineData("아니", Deny)]
    [InlineData("아니에요", Deny)]
    [InlineData("아닌데요", Deny)]
    [InlineData("ㄴㄴ", Deny)]
    [InlineData("노노", Deny)]
    [InlineData("틀렸어요", Deny)]
    [InlineData("잘못됐어요", Deny)]
    [InlineData("아니요 틀렸어요", Deny)]
    [InlineData("괜찮아요", Deny)]
    [InlineData("아니 괜찮아요", Deny)]
    [InlineData("괜찮습니다 ㅎㅎ", Deny)]
    [InlineData("아니요 괜찮아요 감사합니다", Deny)]
    [InlineData("no", Deny)]
    [InlineData("nope", Deny)]
    [InlineData("No thanks", Deny)]
    [InlineData("that's wrong", Deny)]
    // Cancel: stored as field values today.
    [InlineData("아 됐어요", Cancel)]
    [InlineData("나중에 할게요", Cancel)]
    [InlineData("그만", Cancel)]
    [InlineData("아 그냥 됐어요", Cancel)]
    [InlineData("됐어요", Cancel)]
    [InlineData("됐어", Cancel)]
    [InlineData("취소", Cancel)]
    [InlineData("취소할게요", Cancel)]
    [InlineData("취소 해주세요", Cancel)]
    [InlineData("접수 취소", Cancel)]
    [InlineData("그만할게요", Cancel)]
    [InlineData("그만 할래요", Cancel)]
    [InlineData("접수 안 할래요", Cancel)]
    [InlineData("네 접수 안 할래요", Cancel)]
    [InlineData("안 해도 돼요", Cancel)]
    [InlineData("안해도돼요", Cancel)]
    [InlineData("상담원 연결 안 해도 돼요", Cancel)]
    [InlineData("필요 없어요", Cancel)]
    [InlineData("나중에 다시 올게요", Cancel)]
    [InlineData("다음에 할게요~", Cancel)]
    [InlineData("아니요 됐어요", Cancel)]
    [InlineData("됐습니다 감사합니다", Cancel)]
    [InlineData("cancel", Cancel)]
    [InlineData("never mind", Cancel)]
    [InlineData("Stop", Cancel)]
    [InlineData("not now", Cancel)]
    // Skip.
    [InlineData("주문번호는 몰라요", Skip)]
    [InlineData("상품은 딱히 없어요", Skip)]
    [InlineData("몰라요", Skip)]
    [InlineData("모르겠어요", Skip)]
    [InlineData("잘 모르겠어요", Skip)]
    [InlineData("모름", Skip)]
    [InlineData("몰라", Skip)]
    [InlineData("없어요", Skip)]
    [InlineData("없음", Skip)]
    [InlineData("기억이 안 나요", Skip)]
    [InlineData("확인이 안 돼요", Skip)]
    [InlineData("주문번호 몰라요", Skip)]
    [InlineData("주문번호가 없어요", Skip)]
    [InlineData("아이디는 모르겠어요", Skip)]
    [InlineData("해당 없음", Skip)]
    [InlineData("건너뛰기", Skip)]
    [InlineData("패스", Skip)]
    [InlineData("i don't know", Skip)]
    [InlineData("idk", Skip)]
    [InlineData("not sure", Skip)]
    [InlineData("none", Skip)]
    // Repeat.
    [InlineData("다시 말해 주세요", Repeat)]
    [InlineData("뭐라고요?", Repeat)]
    [InlineData("요약 다시 보여주세요", Repeat)]
    [InlineData("네?", Repeat)]
    [InlineData("다시요", Repeat)]
    [InlineData("한번 더 말해줘", Repeat)]
    [InlineData("say that again", Repeat)]
    // Capabilities.
    [InlineData("뭐 할 수 있어요?", Capabilities)]
    [InlineData("뭘 할 수 있어?", Capabilities)]
    [InlineData("너는 뭘 도와줄 수 있어?", Capabilities)]
    [InlineData("무슨 기능이 있어요?", Capabilities)]
    [InlineData("what can you do", Capabilities)]
    [InlineData("What can you do?", Capabilities)]
    [InlineData("help", Capabilities)]
    // TicketStatus.
    [InlineData("접수한 거 어떻게 됐어요?", TicketStatus)]
    [InlineData("언제 연락 와요?", TicketStatus)]
    [InlineData("상담 요청한 거 진행 상황", TicketStatus)]
    [InlineData("문의한 거 어떻게 됐나요", TicketStatus)]
    [InlineData("상담원 언제 와요?", TicketStatus)]
    [InlineData("얼마나 기다려야 해요?", TicketStatus)]
    [InlineData("아직 연락이 없어요", TicketStatus)]
    [InlineData("any update?", TicketStatus)]
    // Thanks, Goodbye.
    [InlineData("감사합니다", Thanks)]
    [InlineData("고마워요!", Thanks)]
    [InlineData("ㄳ", Thanks)]
    [InlineData("thank you", Thanks)]
    [InlineData("안녕히 계세요", Goodbye)]
    [InlineData("수고하세요", Goodbye)]
    [InlineData("감사합니다 수고하세요", Goodbye)]
    [InlineData("bye", Goodbye)]
    // HumanRequest.
    [InlineData("상담원 연결해 주세요", HumanRequest)]
    [InlineData("사람이랑 얘기할래요", HumanRequest)]
    [InlineData("talk to a human", HumanRequest)]
    [InlineData("아니 그냥 빨리 상담원 연결해 주세", HumanRequest)]
    [InlineData("상담원 연결", HumanRequest)]
    [InlineData("상담원", HumanRequest)]
    [InlineData("상담원이요", HumanRequest)]
    [InlineData("상담원연결해줘", HumanRequest)]
    [InlineData("사람 불러주세요", HumanRequest)]
    [InlineData("직원이랑 통화하고 싶어요", HumanRequest)]
    [InlineData("상담사 연결 부탁드립니다", HumanRequest)]
    [InlineData("네 상담원 연결해 주세요", HumanRequest)]
    [InlineData("I want to talk to a real person", HumanRequest)]
    [InlineData("connect me to an agent please", HumanRequest)]
    // AreYouBot.
    [InlineData("너 사람이야?", AreYouBot)]
    [InlineData("사람이에요?", AreYouBot)]
    [InlineData("혹시 로봇인가요?", AreYouBot)]
    [InlineData("챗봇이에요?", AreYouBot)]
    [InlineData("are you a bot?", AreYouBot)]
    [InlineData("Are you human?", AreYouBot)]
    // Variants: spacing, endings, typos, chat shorthand, English.
    [InlineData("네넹", Affirm)]
    [InlineData("넵넵!", Affirm)]
    [InlineData("네 맞아요~", Affirm)]
    [InlineData("응응", Affirm)]
    [InlineData("ㅇㅇ 접수ㄱㄱ", Affirm)]
    [InlineData("맞아용", Affirm)]
    [InlineData("네 맞아요 ㅎㅎ", Affirm)]
    [InlineData("넵 진행해 주세요", Affirm)]
    [InlineData("yes, confirm", Affirm)]
    [InlineData("ok 진행해줘", Affirm)]
    [InlineData("좋아요 접수해 주세요", Affirm)]
    [InlineData("네 그렇게 해 주세요", Affirm)]
    [InlineData("네 접수해주세용", Affirm)]
    [InlineData("접수해 주십시오", Affirm)]
    [InlineData("네 확인했습니다", Affirm)]
    [InlineData("확인 부탁드려요", Affirm)]
    [InlineData("아니요!", Deny)]
    [InlineData("아뇨 틀렸어요", Deny)]
    [InlineData("ㄴㄴ 아니에요", Deny)]
    [InlineData("그게 아니에요", Deny)]
    [InlineData("아닙니다", Deny)]
    [InlineData("아니요 달라요", Deny)]
    [InlineData("nope, wrong", Deny)]
    [InlineData("그만할래요", Cancel)]
    [InlineData("관둘게요", Cancel)]
    [InlineData("아 됐어", Cancel)]
    [InlineData("그냥 나중에 할게요", Cancel)]
    [InlineData("취소요", Cancel)]
    [InlineData("접수 취소할게요", Cancel)]
    [InlineData("안 할게요", Cancel)]
    [InlineData("이따가 할게요", Cancel)]
    [InlineData("forget it", Cancel)]
    [InlineData("접수는 안 할게요", Cancel)]
    [InlineData("모르겠는데요", Skip)]
    [InlineData("잘 모르겠네요", Skip)]
    [InlineData("기억 안 나요", Skip)]
    [InlineData("없는데요", Skip)]
    [InlineData("주문번호 기억 안 나요", Skip)]
    [InlineData("상품명은 모르겠어요", Skip)]
    [InlineData("딱히 없어요", Skip)]
    [InlineData("I have no idea", Skip)]
    [InlineData("뭐라고?", Repeat)]
    [InlineData("다시 한번 말씀해 주세요", Repeat)]
    [InlineData("못 알아들었어요", Repeat)]
    [InlineData("요약 다시 보여줘", Repeat)]
    [InlineData("pardon?", Repeat)]
    [InlineData("what?", Repeat)]
    [InlineData("뭘 물어볼 수 있어요?", Capabilities)]
    [InlineData("여기서 뭐 할 수 있나요", Capabilities)]
    [InlineData("무엇을 도와줄 수 있나요?", Capabilities)]
    [InlineData("기능이 뭐예요?", Capabilities)]
    [InlineData("what can you help me with?", Capabilities)]
    [InlineData("접수한거 어케 됐어요", TicketStatus)]
    [InlineData("제가 문의한 건 어떻게 되고 있나요?", TicketStatus)]
    [InlineData("언제쯤 연락 오나요?", TicketStatus)]
    [InlineData("답변 언제 와요", TicketStatus)]
    [InlineData("연락 언제 주나요?", TicketStatus)]
    [InlineData("상담 요청한 거 진행 상황 알려주세요", TicketStatus)]
    [InlineData("접수 상태 조회", TicketStatus)]
    [InlineData("when will someone contact me?", TicketStatus)]
    [InlineData("감사해요~", Thanks)]
    [InlineData("고맙습니다", Thanks)]
    [InlineData("정말 감사합니다!!", Thanks)]
    [InlineData("thanks!", Thanks)]
    [InlineData("thx", Thanks)]
    [InlineData("수고하셨습니다", Goodbye)]
    [InlineData("안녕히 계세요~", Goodbye)]
    [InlineData("바이바이", Goodbye)]
    [InlineData("goodbye", Goodbye)]
    [InlineData("상담원 연결 부탁드려요", HumanRequest)]
    [InlineData("상담원이랑 대화하고 싶어요", HumanRequest)]
    [InlineData("사람 바꿔줘", HumanRequest)]
    [InlineData("상담사님 연결해주세요", HumanRequest)]
    [InlineData("직원 연결해 주세요", HumanRequest)]
    [InlineData("상담원요", HumanRequest)]
    [InlineData("빨리 상담원 연결해줘", HumanRequest)]
    [InlineData("human please", HumanRequest)]
    [InlineData("agent", HumanRequest)]
    [InlineData("로봇이야?", AreYouBot)]
    [InlineData("봇이에요?", AreYouBot)]
    [InlineData("사람 맞아요?", AreYouBot)]
    [InlineData("너 AI야?", AreYouBot)]
    [InlineData("am i talking to a bot?", AreYouBot)]
    [InlineData("is this a bot?", AreYouBot)]
    [InlineData("Who am I talking to?", AreYouBot)]
    [InlineData("who are you exactly", AreYouBot)]
    [InlineData("Who is this?", AreYouBot)]
    public void ReadsAWholeAct(string text, ReplyAct expected)
    {
        var reading = ReplyActs.Read(text);
        Assert.Equal(expected, reading.Act);
        Assert.True(reading.IsWhole, $"'{text}' should be read as nothing but {expected}; remainder '{reading.Remainder}'");
        Assert.Equal("", reading.Remainder);
        Assert.True(reading.IsOnly(expected));
    }

    /// <summary>Messages that open with an act and go on: the rest is the remainder.</summary>
    [Theory]
    [InlineData("아니요 주문번호가 틀렸어요 2025010187654321 이에요", Deny, "2025010187654321 이에요")]
    [InlineData("아니요 주문번호는 2025010187654321이에요", Deny, "주문번호는 2025010187654321이에요")]
    [InlineData("네 그리고 상품명은 텀블러예요", Affirm, "상품명은 텀블러예요")]
    [InlineData("네 근데 정산은 언제 돼요?", Affirm, "정산은 언제 돼요?")]
    [InlineData("네, 배송비는 얼마예요?", Affirm, "배송비는 얼마예요?")]
    [InlineData("응 그런데 수수료는 얼마야", Affirm, "수수료는 얼마야")]
    [InlineData("네 정산금이 안 들어왔어요", Affirm, "정산금이 안 들어왔어요")]
    [InlineData("아니 상품명이 무선 청소기예요", Deny, "상품명이 무선 청소기예요")]
    [InlineData("아니요, myshop_01 이에요", Deny, "myshop_01 이에요")]
    [InlineData("no, the order number is 2025010187654321", Deny, "the order number is 2025010187654321")]
    [InlineData("yes and also the product is a tumbler", Affirm, "the product is a tumbler")]
    [InlineData("감사합니다 그런데 환불은 어떻게 해요?", Thanks, "환불은 어떻게 해요?")]
    [InlineData("상담원 연결해 주세요 정산이 안 들어왔어요", HumanRequest, "정산이 안 들어왔어요")]
    [InlineData("다시 말해 주세요 수수료가 얼마라고요?", Repeat, "수수료가 얼마라고요?")]
    public void ReadsAnOpeningActAndTheRest(string text, ReplyAct expected, string remainder)
    {
        var reading = ReplyActs.Read(text);
        Assert.Equal(expected, reading.Act);
        Assert.False(reading.IsWhole);
        Assert.Equal(remainder, reading.Remainder);
        Assert.True(reading.Opens(expected));
        Assert.False(reading.IsOnly(expected));
    }

    /// <summary>
    /// English names the detail after the "no" ("no order number"), Korean before it ("주문번호는 몰라요"); a long "noo" is
    /// not read where a word boundary says "no" + "order". A mark after the "no" ends it: "no, the order number is …" corrects.
    /// </summary>
    [Theory]
    [InlineData("no order number", Deny, ReplyField.OrderNumber)]
    [InlineData("no order number, it's not about one order", Deny, ReplyField.OrderNumber)]
    [InlineData("no specific product either", Deny, ReplyField.Product)]
    [InlineData("I don't have a product", Skip, ReplyField.Product)]
    [InlineData("no, the order number is 2025010187654321", Deny, ReplyField.None)]
    [InlineData("특정 상품 아니에요", Deny, ReplyField.Product)]
    public void ReadsTheDetailANoIsAbout(string text, ReplyAct act, ReplyField field)
    {
        var reading = ReplyActs.Read(text);
        Assert.Equal((act, field), (reading.Act, reading.Field));
    }

    /// <summary>Not conversational acts: values, problems, questions; and questions that merely start with "네".</summary>
    [Theory]
    [InlineData("2025010187654321")]
    [InlineData("2025-0101-8765-4321")]
    [InlineData("주문번호 2025010187654321")]
    [InlineData("myshop_01")]
    [InlineData("seller@example.com")]
    [InlineData("noshop01")]
    [InlineData("okmall")]
    [InlineData("yesstore_1")]
    [InlineData("무선 청소기")]
    [InlineData("텀블러")]
    [InlineData("노트북")]
    [InlineData("노트북 파우치")]
    [InlineData("네이버 페이 정산")]
    [InlineData("예약 상품 배송이 늦어요")]
    [InlineData("응답이 없어요")]
    [InlineData("정산금이 안 들어왔어요")]
    [InlineData("배송비는 얼마예요?")]
    [InlineData("환불은 어떻게 하나요?")]
    [InlineData("취소 요청이 들어왔어요")]
    [InlineData("주문 취소는 어떻게 해요?")]
    [InlineData("상담원 연결이 안 돼요")]
    [InlineData("상품 등록이 안 돼요")]
    [InlineData("괜찮아요?")]
    [InlineData("맞아요?")]
    [InlineData("됐어요?")]
    [InlineData("몰라요?")]
    [InlineData("안녕하세요")]
    [InlineData("ㅋㅋㅋㅋ")]
    [InlineData("ㅎㅎ")]
    [InlineData("!!!")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("어떻게 해요")]
    [InlineData("그만 좀 물어보세요 정산 언제 돼요")]
    [InlineData("다시 입력할게요")]
    [InlineData("help me with settlement")]
    [InlineData("what is the shipping fee?")]
    [InlineData("오늘 정산 되나요")]
    [InlineData("저기요")]
    [InlineData("상담원이 답이 없어요")]
    [InlineData("네이버 스마트스토어 정산")]
    [InlineData("예치금 환불")]
    [InlineData("사람이 너무 많아요")]
    [InlineData("없는 상품이에요")]
    [InlineData("모르는 주문이 들어왔어요")]
    [InlineData("배송 확인해 주세요")]
    [InlineData("반품 접수가 안 돼요")]
    [InlineData("접수 번호가 뭐예요?")]
    [InlineData("상담 시간이 언제예요?")]
    [InlineData("노란색 티셔츠")]
    [InlineData("아이폰 케이스")]
    [InlineData("okcashbag 적립")]
    [InlineData("good_seller99")]
    public void ReadsNoAct(string text)
    {
        var reading = ReplyActs.Read(text);
        Assert.Equal(None, reading.Act);
        Assert.False(reading.IsWhole);
        Assert.Equal(text.Trim(), reading.Remainder);
    }

    /// <summary>A question that starts with an affirm word is never a pure affirm.</summary>
    [Theory]
    [InlineData("네 근데 정산은 언제 돼요?")]
    [InlineData("네? 정산은 언제 돼요?")]
    [InlineData("네 맞아요?")]
    [InlineData("네 그럼 수수료는요?")]
    [InlineData("yes but when is settlement?")]
    public void AQuestionStartingWithYesIsNotAPureAffirm(string text) =>
        Assert.False(ReplyActs.Read(text).IsOnly(Affirm));

    /// <summary>Negation wins over the affirm words around it, and a person asked for impatiently is still a person.</summary>
    [Theory]
    [InlineData("접수 안 할래요", Cancel)]
    [InlineData("접수안할래요", Cancel)]
    [InlineData("네 근데 접수는 안 할게요", Cancel)]
    [InlineData("연결 안 해주셔도 돼요", Cancel)]
    [InlineData("괜찮아요", Deny)]
    [InlineData("네 괜찮아요", Deny)]
    [InlineData("아 괜찮습니다", Deny)]
    [InlineData("아니 그냥 빨리 상담원 연결해 주세", HumanRequest)]
    [InlineData("아니 됐고 상담원 연결", HumanRequest)]
    [InlineData("아뇨 사람이랑 얘기할래요", HumanRequest)]
    public void NegationAndImpatienceWin(string text, ReplyAct expected)
    {
        var reading = ReplyActs.Read(text);
        Assert.Equal(expected, reading.Act);
        Assert.NotEqual(Affirm, reading.Act);
    }

    /// <summary>A skip or a correction names the field it is about.</summary>
    [Theory]
    [InlineData("주문번호는 몰라요", Skip, ReplyField.OrderNumber)]
    [InlineData("주문번호 모르겠어요", Skip, ReplyField.OrderNumber)]
    [InlineData("상품은 딱히 없어요", Skip, ReplyField.Product)]
    [InlineData("상품명 없어요", Skip, ReplyField.Product)]
    [InlineData("제품은 모름", Skip, ReplyField.Product)]
    [InlineData("아이디는 기억이 안 나요", Skip, ReplyField.SellerId)]
    [InlineData("판매자 아이디 몰라요", Skip, ReplyField.SellerId)]
    [InlineData("order number i don't know", Skip, ReplyField.OrderNumber)]
    [InlineData("주문번호도 상품도 몰라요", Skip, ReplyField.OrderNumber | ReplyField.Product)]
    [InlineData("몰라요", Skip, ReplyField.None)]
    [InlineData("아니요 주문번호가 틀렸어요 2025010187654321 이에요", Deny, ReplyField.OrderNumber)]
    [InlineData("상품명이 틀렸어요", Deny, ReplyField.Product)]
    [InlineData("아니요", Deny, ReplyField.None)]
    [InlineData("주문번호 맞아요", Affirm, ReplyField.None)]
    public void NamesTheField(string text, ReplyAct act, ReplyField field)
    {
        var reading = ReplyActs.Read(text);
        Assert.Equal(act, reading.Act);
        Assert.Equal(field, reading.Field);
    }

    /// <summary>"너 사람이야?" asks about the bot; asking for a person is another act.</summary>
    [Theory]
    [InlineData("너 사람이야?", AreYouBot)]
    [InlineData("사람이랑 얘기하고 싶어요", HumanRequest)]
    [InlineData("진짜 사람이에요?", AreYouBot)]
    [InlineData("진짜 사람 연결해 주세요", HumanRequest)]
    [InlineData("are you a real person?", AreYouBot)]
    [InlineData("let me talk to a real person", HumanRequest)]
    public void TellsAQuestionAboutTheBotFromARequestForAPerson(string text, ReplyAct expected) =>
        Assert.Equal(expected, ReplyActs.Read(text).Act);

    /// <summary>
    /// Reading a clause from each of its last words on, folded once, gives what reading each tail as its own message
    /// gives (the definition <see cref="ReplyActs.AsksForAPerson"/> had before it shared the folding).
    /// </summary>
    [Theory]
    [InlineData("같은 질문 벌써 세 번째예요. 똑같은 답변 복붙하지 말고 담당자 붙여 주세요.")]
    [InlineData("항의합니다. 한 달째 정산 보류를 안 풀어 주는 게 말이 됩니까? 책임자 연결하세요.")]
    [InlineData("반품 건으로 상담 받고 싶어요, 사람으로요")]
    [InlineData("아니   그냥 빨리  상담원   연결해 주세")]
    [InlineData("(상담원) 연결 좀!!")]
    [InlineData("this is useless, let me talk to a real person please")]
    [InlineData("상담원 연결은 어떻게 하나요?")]
    [InlineData("매니저 초대 권한은 어디서 줘요?")]
    [InlineData("정산 언제 돼요 ㅠㅠ 진짜 사람 불러주세요ㅋㅋ")]
    [InlineData("주문번호 2025-0412-3344-5566 이중결제 건이요. 확인 부탁드립니다.")]
    [InlineData("ㅋㅋㅋ")]
    [InlineData("   ")]
    [InlineData("ﬁne 상담원 연결요")]
    [InlineData("연결 ﬁne 상담원 연결해 주세요")]
    [InlineData("그냥 ＡＧＥＮＴ please")]
    public void AskingForAPersonReadsEachTailAsItsOwnMessageWould(string text)
    {
        var expected = System.Text.RegularExpressions.Regex.Split(text, @"[.,!\n]+|(?<=[?？])").Any(clause =>
        {
            var words = clause.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return Enumerable.Range(Math.Max(0, words.Length - 6), Math.Min(6, words.Length))
                .Any(i => ReplyActs.Read(string.Join(' ', words[i..])) is { Act: HumanRequest, IsWhole: true });
        });
        Assert.Equal(expected, ReplyActs.AsksForAPerson(text));
    }
}
