using Assistant.Dialogue;
using Assistant.Handoff.Slots;
using Assistant.Knowledge;
using Assistant.Understanding;

namespace Assistant.Tests.Dialogue;

/// <summary>
/// What the thirty-seventh blind batch (sellers dictating by voice while packing) showed: a bare "아니" corrects what was
/// just said, a hesitation inside a request is no word of it, and selling features in spoken words.
/// </summary>
[Collection(RepoCollection.Name)]
public sealed class DictatedConversationTests(RepoFixture repo)
{
    /// <summary>"꿀 선물세트 아니 아카시아 꿀 선물세트요": the value after a bare "아니" replaces the one before it.</summary>
    [Fact]
    public async Task ABareAniCorrectsTheValueJustSaid()
    {
        var chat = new Chat(repo);
        await chat.SayAsync("사람 좀 연결해 줘요 직원분이요");
        await chat.SayAsync("어 그 반품 수거가 아니 교환 수거가 일주일째 안 와요 구매자는 계속 연락 오고");
        await chat.SayAsync("주문번호는 음 2025 1003 5521 8890 이요");
        await chat.SayAsync("아이디는 ggul_farm");
        await chat.SayAsync("상품은 꿀 선물세트 아니 아카시아 꿀 선물세트요");
        Assert.Equal("아카시아 꿀 선물세트", chat.State.Form!.ValueOf(SlotKind.Product));
    }

    /// <summary>"아니" with no value of the same kind after it corrects nothing ("아니 그게 문제가 아니라 …").</summary>
    [Fact]
    public void ABareAniWithNoValueAfterItKeepsTheMessage() =>
        Assert.Equal("주문번호 2025100355218890 아니 그게 급해서요", SlotExtraction.WithoutRetracted("주문번호 2025100355218890 아니 그게 급해서요"));

    /// <summary>"아까 접수한 거 음 어떻게 됐어요": the hesitation inside is no word of the question where the request stands.</summary>
    [Theory]
    [InlineData("아까 접수한 거 음 어떻게 됐어요")]
    [InlineData("접수한 거 그 뭐지 어떻게 됐어요")]
    public void AHesitationInsideARequestIsSkipped(string text) => Assert.Equal(ReplyAct.TicketStatus, ReplyActs.Read(text).Act);

    /// <summary>A cap per buyer and a pickup at the shop, said in spoken words, are selling features no entry covers.</summary>
    [Theory]
    [InlineData("음 한 사람이 너무 많이 사 가서 되파는 거 같은데 한 명당 최대 몇 개까지만 살 수 있게 제한 거는 거 있어요")]
    [InlineData("저희가 오프라인 매장도 있어서 어 손님이 직접 와서 가져가는 방문 수령 그런 거 설정할 수 있어요")]
    public async Task SpokenSellingFeaturesAreNoAnswerHere(string message)
    {
        var decision = await repo.Decider.DecideAsync(message);
        Assert.Equal((DecisionKind.Handoff, Decider.NoAnswer), (decision.Kind, decision.Intent));
    }
}
