using Assistant.Knowledge;
using Assistant.Understanding;

namespace Assistant.Tests.Understanding;

/// <summary>
/// What the thirty-sixth blind batch (busy stores writing formally) showed: "…인지 확인 부탁드립니다" is the formal way
/// of asking to be told a rule, a time or a menu, and only a request about the seller's own order, store or account is a case.
/// </summary>
[Collection(RepoCollection.Name)]
public sealed class FormalRequestTests(RepoFixture repo)
{
    /// <summary>A rule, a time, a menu or a specification asked to be confirmed is a question, answered from its entry.</summary>
    [Theory]
    [InlineData("CS팀입니다. 결제 단계에서 실패한 구매자에게 판매자가 같은 금액으로 대신 결제를 다시 걸어 줄 수 있는지 확인 부탁드립니다.", "payment-error")]
    [InlineData("정산 보류 건의 사유를 어느 메뉴에서 조회할 수 있는지 확인 부탁드립니다.", "settlement-hold")]
    [InlineData("고객센터 문의 접수 전에 사전에 준비해야 할 정보가 있는지 확인 부탁드립니다.", "inquiry-preparation")]
    [InlineData("정산 보류 사유는 어디서 확인하는지 관련하여 확인 부탁드립니다.", "settlement-hold")]
    [InlineData("단순 변심에 의한 반품 건의 왕복 배송비 부담 주체가 어떻게 되는지 확인 부탁드립니다.", "return-exchange")]
    public async Task ARuleAskedToBeConfirmedIsAnswered(string message, string faq)
    {
        var decision = await repo.Decider.DecideAsync(message);
        Assert.Equal((DecisionKind.Answer, faq), (decision.Kind, decision.FaqId));
    }

    /// <summary>
    /// Whether a product may be sold, asked ahead in the same words, is never a case form: the prohibited-items entry is
    /// offered or answered.
    /// </summary>
    [Fact]
    public async Task WhetherAProductMaySellIsNoCase()
    {
        var decision = await repo.Decider.DecideAsync("다음 달에 어린이용 물놀이 튜브를 입고할 예정입니다. KC 인증 없이 판매 가능한지 사전에 확인 부탁드립니다.");
        Assert.NotEqual(Decider.HandoffCase, decision.Intent);
        Assert.Contains("prohibited-items", decision.FaqId is { } id ? [id] : decision.Suggestions);
    }

    /// <summary>
    /// The same request about the seller's own case stays a case: why it happened, how it went, whose it is, which order.
    /// </summary>
    [Theory]
    [InlineData("주문번호 2025061823457812 정산이 왜 아직도 보류 상태인지 확인해 주실 수 있나요?")]
    [InlineData("정산계좌 변경 신청한 지 일주일 넘었는데 아직 심사중이에요. 제 건 어떻게 된 건지 확인 부탁드립니다.")]
    [InlineData("스토어 아이디 bigstep_shoes 인데 저희가 빠른정산 대상인지 확인해 주세요")]
    [InlineData("사기 주문 같은 게 들어왔어요. 같은 주소로 아이디만 바꿔서 10건이 주문됐는데 발송해도 되는지 확인해 주세요")]
    [InlineData("당사 건은 주문번호 2025111800412233 입니다. 해당 건 보류 사유를 직접 확인 부탁드립니다.")]
    public async Task TheSameRequestAboutOnesOwnCaseIsACase(string message)
    {
        var decision = await repo.Decider.DecideAsync(message);
        Assert.Equal((DecisionKind.Handoff, Decider.HandoffCase), (decision.Kind, decision.Intent));
    }

    /// <summary>
    /// A buyer's own tax invoice and a log of what each staff member did are selling features no entry covers (the
    /// entries cover the fees' invoice and manager access); staff insurance and accounting software are not ours at all.
    /// </summary>
    [Theory]
    [InlineData("법인 고객이 대량 구매 후 세금계산서 발행을 요청했습니다. 구매자에게 발행하는 매출 세금계산서도 판매자센터에서 처리되나요?", DecisionKind.Handoff)]
    [InlineData("매니저 계정별로 누가 어떤 주문을 발송처리하고 취소했는지 작업 이력을 조회할 수 있나요?", DecisionKind.Handoff)]
    [InlineData("더존 Smart A에서 카드 매출 전표 일괄 입력하는 방법 알려 주세요.", DecisionKind.Decline)]
    [InlineData("신규 입사한 물류 직원 4대보험 취득 신고는 입사 후 며칠 안에 해야 하나요?", DecisionKind.Decline)]
    public async Task WhatTheEntriesDoNotCarryIsNotAnswered(string message, DecisionKind kind)
    {
        var decision = await repo.Decider.DecideAsync(message);
        Assert.Equal(kind, decision.Kind);
        if (kind == DecisionKind.Handoff) Assert.Equal(Decider.NoAnswer, decision.Intent);
    }
}
