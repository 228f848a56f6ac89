using Assistant.Knowledge;
using Assistant.Understanding;

namespace Assistant.Tests.Understanding;

/// <summary>
/// What the thirty-first blind batch (sellers of particular goods) showed of single messages: a company's legal name is no
/// stock, a double charge is no second try, licences no entry lists, a present one buys, and an English question with its
/// moment inside.
/// </summary>
[Collection(RepoCollection.Name)]
public sealed class CategorySellerTests(RepoFixture repo)
{
    /// <summary>"주식회사 …" (a company's legal name) is no question about stocks: the company's own case is a case.</summary>
    [Fact]
    public async Task ACompanysLegalNameIsNoStock()
    {
        var decision = await repo.Decider.DecideAsync("안녕하십니까. 주식회사 바다찬 온라인사업팀 담당자입니다. 당사 판매자 계정 ID는 hanbit_foods이며, 주문번호 2025092412345678 건(상품명: 전복장 선물세트)의 정산 금액이 정산관리 화면상 예정 금액과 상이하여 담당자 확인을 요청드립니다.");
        Assert.Equal(DecisionKind.Handoff, decision.Kind);
        Assert.Null(repo.Knowledge.Scope.NotOursIn("주식회사 바다찬 담당자입니다"));
        Assert.NotNull(repo.Knowledge.Scope.NotOursIn("삼성전자 주식 지금 사도 돼요?"));
    }

    /// <summary>"charged twice" is a double charge, not a step tried twice: the general question is answered.</summary>
    [Fact]
    public async Task ChargedTwiceIsNoSecondTry()
    {
        var decision = await repo.Decider.DecideAsync("buyer says she got charged twice for the same skincare set. does the duplicate payment get cancelled automatically?");
        Assert.Equal((DecisionKind.Answer, "payment-error"), (decision.Kind, decision.FaqId));
    }

    /// <summary>A licence a kind of goods needs under other laws is a selling question no entry answers.</summary>
    [Theory]
    [InlineData("집에서 직접 담근 김치를 팔려면 식품 쪽 영업신고나 허가 같은 게 따로 필요한가요? 어떤 걸 받아야 하는지 알고 싶어요")]
    [InlineData("화장품을 직접 만들어 팔려면 화장품책임판매업 등록증도 입점할 때 내야 하나요?")]
    public async Task ALicenceNoEntryListsIsNoAnswerHere(string message)
    {
        var decision = await repo.Decider.DecideAsync(message);
        Assert.Equal((DecisionKind.Handoff, Decider.NoAnswer), (decision.Kind, decision.Intent));
    }

    /// <summary>A present bought for someone, in the certifications' words, is private life.</summary>
    [Fact]
    public async Task APresentOneBuysIsDeclined() =>
        Assert.Equal(DecisionKind.Decline, (await repo.Decider.DecideAsync("조카 선물로 KC 인증 받은 블록 장난감 사 주려는데 추천해 줄 만한 거 있어요?")).Kind);

    /// <summary>"how long after purchase confirmation do I get paid?" asks about the payout, the moment inside it set aside.</summary>
    [Fact]
    public async Task AnEnglishQuestionWithItsMomentInsideIsAboutThePayout()
    {
        var decision = await repo.Decider.DecideAsync("Hi, how long after purchase confirmation do I get paid?");
        Assert.Equal((DecisionKind.Answer, "settlement-schedule"), (decision.Kind, decision.FaqId));
    }

    /// <summary>A short message that ends in a goodbye and asks nothing is a goodbye; one with a question or a request is not.</summary>
    [Theory]
    [InlineData("thx that's all for today, bye!", true)]
    [InlineData("오늘은 여기까지 할게요 수고하세요~", true)]
    [InlineData("정산 언제 들어와요? 수고하세요", false)]
    [InlineData("제 주문 확인 부탁드려요 수고하세요", false)]
    public async Task AGoodbyeAtTheEndIsAGoodbye(string message, bool goodbye)
    {
        var decision = await repo.Decider.DecideAsync(message);
        Assert.Equal(goodbye, decision.Kind == DecisionKind.Smalltalk && decision.Intent == Decider.ByeIntent);
    }

    /// <summary>Thanks with "now I understand" and no question is thanks, whatever topic words it names.</summary>
    [Fact]
    public async Task ThanksAndUnderstoodIsThanks()
    {
        var decision = await repo.Decider.DecideAsync("설명 감사해요 덕분에 정산 구조 이해했어요");
        Assert.Equal((DecisionKind.Smalltalk, Decider.ThanksIntent), (decision.Kind, decision.Intent));
    }

    /// <summary>
    /// Money questions in a covered topic's words about what no entry names (interest on a held payout, a gift voucher's
    /// refund, an internet-only bank, PayPal) get "no answer here" and a person, not the nearest entry.
    /// </summary>
    [Theory]
    [InlineData("보류됐던 정산금이 나중에 풀릴 때 이자 같은 것도 붙나요?")]
    [InlineData("컬처랜드 상품권으로 결제한 건도 환불 기간이 카드랑 똑같나요?")]
    [InlineData("정산계좌로 인터넷은행 계좌도 등록되나요? 토스뱅크요")]
    [InlineData("Is there a way to receive my settlement in a PayPal account instead of a Korean bank account?")]
    public async Task AMoneyDetailNoEntryNamesIsNoAnswerHere(string message)
    {
        var decision = await repo.Decider.DecideAsync(message);
        Assert.Equal((DecisionKind.Handoff, Decider.NoAnswer), (decision.Kind, decision.Intent));
    }

    /// <summary>A private loan or a personal income tax filing is not ours.</summary>
    [Theory]
    [InlineData("전세자금대출 갈아타려는데 서류 뭐 필요해요?")]
    [InlineData("사업자 종합소득세 신고 기한이 5월 말까지 맞나요?")]
    public async Task PrivateMoneyIsDeclined(string message) =>
        Assert.Equal(DecisionKind.Decline, (await repo.Decider.DecideAsync(message)).Kind);

    /// <summary>What the thirty-fourth blind batch (sellers who write in English) showed of single messages.</summary>
    [Theory]
    [InlineData("thx so much, that was really helpful!", DecisionKind.Smalltalk)]
    [InlineData("hello, do you understand English?", DecisionKind.Smalltalk)]
    [InlineData("My friend borrowed 500,000 won from me three months ago and won't pay back. How can I get a refund from him?", DecisionKind.Decline)]
    [InlineData("My landlord hasn't returned my jeonse deposit after I moved out. What's the return process for that?", DecisionKind.Decline)]
    [InlineData("I got a late dispatch penalty last week but the courier missed the pickup, not my fault. Can you remove that penalty?", DecisionKind.Handoff)]
    [InlineData("Is it possible to receive my settlement in USD to my bank account in the US instead of a Korean won account?", DecisionKind.Handoff)]
    public async Task EnglishMessagesAreReadForWhatTheyAre(string message, DecisionKind kind) =>
        Assert.Equal(kind, (await repo.Decider.DecideAsync(message)).Kind);

    /// <summary>"put on hold" of a payout is the hold term in English too.</summary>
    [Fact]
    public async Task APayoutPutOnHoldIsTheHoldEntry()
    {
        var decision = await repo.Decider.DecideAsync("Just to understand in general before it happens to me - for what reasons can 정산 be put on hold?");
        Assert.Equal((DecisionKind.Answer, "settlement-hold"), (decision.Kind, decision.FaqId));
    }
}
