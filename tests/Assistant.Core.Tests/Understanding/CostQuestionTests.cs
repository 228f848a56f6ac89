using Assistant.Knowledge;
using Assistant.Understanding;

namespace Assistant.Tests.Understanding;

/// <summary>
/// A question about what something costs is answered only by an entry that states a charge: the entry about the thing
/// itself says how to do it, not what it costs (<see cref="CostQuestions"/>).
/// </summary>
[Collection(RepoCollection.Name)]
public sealed class CostQuestionTests(RepoFixture repo)
{
    [Theory]
    [InlineData("정산계좌 바꾸는 것도 돈 들어요?", true)]
    [InlineData("세금계산서 발급받는 데 따로 비용 붙나요?", true)]
    [InlineData("빠른정산 쓰면 수수료 더 떼가요?", true)]
    [InlineData("반품비 누가 냄?", true)]
    [InlineData("Is there a listing fee?", true)]
    [InlineData("How do I approve a return request, and who pays for return shipping?", true)]
    // Money that arrives, a fee only named, a charge made again, an expense kept: no price asked.
    [InlineData("구매확정이 나야 돈이 들어온다던데 자동으로는 안 되나요?", false)]
    [InlineData("빠른정산 되면 발송하고 바로 다음 날 돈 받는 건가요?", false)]
    // When money arrives, not what something costs.
    [InlineData("구매자가 무통장입금으로 결제했었는데 환불하면 언제쯤 돈이 들어가요?", false)]
    [InlineData("Where can I find the tax invoices for the fees you charge me every month?", false)]
    [InlineData("Can I charge a buyer again myself if their payment didn't go through?", false)]
    [InlineData("플랫폼에 낸 수수료도 비용으로 넣고 싶은데 증빙은 어디서 받아요?", false)]
    [InlineData("수수료 세금계산서 어디서 봐요", false)]
    public void AQuestionAsksACostOnlyWhenItAsksWhatSomethingCostsOrWhoPays(string message, bool asks) =>
        Assert.Equal(asks, CostQuestions.Asks(message));

    [Theory]
    [InlineData("fees", true)]
    [InlineData("return-exchange", true)]
    [InlineData("promotion-coupon", true)]
    [InlineData("settlement-account", false)]
    [InlineData("tax-invoice", false)]
    [InlineData("account-login", false)]
    public void OnlyAnEntryWithASentenceThatStatesAChargeCoversACost(string faq, bool covers) =>
        Assert.Equal(covers, repo.Knowledge.Costs.Covers(repo.Knowledge.FindFaq(faq)!));

    [Theory]
    [InlineData("정산계좌 바꾸는 것도 돈 들어요?")]
    [InlineData("세금계산서 발급받는 데 따로 비용 붙나요?")]
    [InlineData("매니저 계정 초대하면 인원당 요금 나가요?")]
    public async Task ACostNoEntryOfferedStatesIsNoAnswerHere(string message)
    {
        var decision = await repo.Decider.DecideAsync(message);
        Assert.Equal((DecisionKind.Handoff, Decider.NoAnswer), (decision.Kind, decision.Intent));
    }

    /// <summary>Between the fees and the registration entry, only the fees entry prices a listing.</summary>
    [Theory]
    [InlineData("상품 올리는 데도 돈 들어요?", "fees")]
    [InlineData("상품 등록하는 데도 돈이 드나요?", "fees")]
    [InlineData("반품비 누가 냄? 고객 단순변심임", "return-exchange")]
    [InlineData("Is there a listing fee, or do you only take a commission when something sells?", "fees")]
    [InlineData("상품 할인 비용은 누가 부담하나요?", "promotion-coupon")]
    public async Task ACostAnEntryStatesIsAnsweredByIt(string message, string faq)
    {
        var decision = await repo.Decider.DecideAsync(message);
        Assert.Equal((DecisionKind.Answer, faq), (decision.Kind, decision.FaqId));
    }

    [Fact]
    public void TheFeesEntryPricesAListingButNotFastSettlement()
    {
        var fees = repo.Knowledge.FindFaq("fees")!;
        Assert.True(repo.Knowledge.Costs.NamesWhatIsPriced(fees, "상품 올리는 데도 돈 들어요?"));
        Assert.False(repo.Knowledge.Costs.NamesWhatIsPriced(fees, "빠른정산 쓰면 수수료 더 떼가요?"));
    }

    /// <summary>A price asked of a private errand stays declined: no entry was offered, so nothing is "not answered here".</summary>
    [Theory]
    [InlineData("아이폰 배터리 교체 비용 얼마예요?")]
    [InlineData("우체국에서 개인 소포 보내면 요금 얼마 나와요?")]
    public async Task APrivatePriceQuestionIsStillDeclined(string message) =>
        Assert.Equal(DecisionKind.Decline, (await repo.Decider.DecideAsync(message)).Kind);
}
