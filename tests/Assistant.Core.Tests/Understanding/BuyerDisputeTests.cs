using Assistant.Knowledge;
using Assistant.Understanding;

namespace Assistant.Tests.Understanding;

/// <summary>
/// What the thirty-eighth blind batch (buyer disputes handled by a mid-size seller) showed: a judgement or an undo asked
/// of support is a request to act on the seller's case, and changing a buyer's return reason is a feature no entry covers.
/// </summary>
[Collection(RepoCollection.Name)]
public sealed class BuyerDisputeTests(RepoFixture repo)
{
    /// <summary>"판단 좀 해 주시겠어요?", "되돌려 주실 수 있나요?": support is asked to judge or undo something on this order.</summary>
    [Theory]
    [InlineData("구매자가 한참 쓰다가 불량이라고 반품을 넣었어요. 사진에 사용 흔적이 뚜렷한데, 이 건은 제가 거부해도 되는 건지 판단 좀 해 주시겠어요?")]
    [InlineData("어제 부분환불로 처리한 건인데 구매자한테 전액이 환불된 것 같아요. 되돌려 주실 수 있나요?")]
    public async Task AJudgementOrAnUndoAskedOfSupportIsACase(string message)
    {
        var decision = await repo.Decider.DecideAsync(message);
        Assert.Equal((DecisionKind.Handoff, Decider.HandoffCase), (decision.Kind, decision.Intent));
    }

    /// <summary>Whether the seller may change the reason a buyer chose for a return: no entry says, so no return answer.</summary>
    [Fact]
    public async Task ChangingABuyersReturnReasonIsNoAnswerHere()
    {
        var decision = await repo.Decider.DecideAsync("구매자가 반품 사유를 '상품 불량'으로 골랐는데 실제로는 변심이에요. 판매자가 반품 사유를 바꿀 수 있나요?");
        Assert.Equal((DecisionKind.Handoff, Decider.NoAnswer), (decision.Kind, decision.Intent));
    }
}
