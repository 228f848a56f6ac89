using Assistant.Handoff;
using Assistant.Knowledge;
using Assistant.Understanding;

namespace Assistant.Tests.Dialogue;

/// <summary>
/// What the fiftieth blind batch (sellers of special and regulated goods) showed: details given right after a person was
/// offered take the offer, "Can a person check it?" asks to act on the case, a medical device is a selling matter no
/// entry covers, and a district office's food permit, a health certificate or quitting smoking are not ours.
/// </summary>
[Collection(RepoCollection.Name)]
public sealed class RegulatedGoodsTests(RepoFixture repo)
{
    /// <summary>
    /// "No answer here; shall I connect a person?" for a buyer's claim, then the order number, the ID and the product: the
    /// seller took the offer. The form opens on the claim with every detail filled and goes straight to the summary (it
    /// had only noted the details and asked what happened).
    /// </summary>
    [Fact]
    public async Task DetailsGivenAfterTheOfferTakeIt()
    {
        var chat = new Chat(repo);
        var offer = await chat.LastAsync("구매자가 제가 판 수제 레몬청 먹고 배탈 났다고 병원비를 달래요. 어떻게 해야 할지 모르겠어요");
        Assert.Equal(Decider.NoAnswer, offer.Info.Intent);
        await chat.SayAsync("주문번호 2025061712345678, 아이디 lemon_jar, 상품은 수제 레몬청 500ml");
        var form = chat.State.Form!;
        Assert.True(form.AtSummary);
        Assert.Contains("배탈", form.Description);
        Assert.Equal(("2025061712345678", "lemon_jar", "수제 레몬청 500ml"), (form.OrderNumber, form.SellerId, form.ProductName));
    }

    /// <summary>Details told with nothing offered before are noted and the seller is asked what happened, as before.</summary>
    [Fact]
    public async Task DetailsAloneAreNoted()
    {
        var chat = new Chat(repo);
        var reply = await chat.LastAsync("주문번호 2025061712345678, 아이디 lemon_jar");
        Assert.Equal(BareDetailIntent, reply.Info.Intent);
        Assert.Null(chat.State.Form);
    }

    private const string BareDetailIntent = Assistant.Dialogue.BareDetail.Intent;

    [Fact]
    public async Task APersonAskedToCheckInEnglishIsACase()
    {
        var decision = await repo.Decider.DecideAsync("My heater listing got suspended even though I entered the KC number. Can a person check it?");
        Assert.Equal((DecisionKind.Handoff, Decider.HandoffCase), (decision.Kind, decision.Intent));
    }

    /// <summary>Whether a medical device needs a permit: no entry mentions medical devices, so there is no answer here.</summary>
    [Fact]
    public async Task AMedicalDeviceIsNoEntrysMatter()
    {
        var decision = await repo.Decider.DecideAsync("가정용 체온계 팔고 싶은데 의료기기 판매업 신고증이 있어야 하나요?");
        Assert.Equal((DecisionKind.Handoff, Decider.NoAnswer), (decision.Kind, decision.Intent));
    }

    [Theory]
    [InlineData("구청 위생과 가서 영업신고 할 때 어떤 서류 챙겨가야 돼요?")]
    [InlineData("보건증 보건소에서 발급받으면 며칠 걸려요?")]
    [InlineData("ㅋㅋ 저도 담배 끊고 싶은데 금연패치 효과 있어요?")]
    public async Task APermitOfficeOrQuittingSmokingIsNotOurs(string message)
    {
        var decision = await repo.Decider.DecideAsync(message);
        Assert.Equal(DecisionKind.Decline, decision.Kind);
    }
}
