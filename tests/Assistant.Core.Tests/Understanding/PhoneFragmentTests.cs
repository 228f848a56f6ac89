using Assistant.Knowledge;
using Assistant.Understanding;

namespace Assistant.Tests.Understanding;

/// <summary>
/// What the forty-third blind batch (sellers on a phone splitting one thought over short messages, chat shorthand) showed:
/// whether a person is there asks for one, "ㅂㅂ" says goodbye, a bare area word after "저기", a parcel whose position does
/// not change, and a product's search rank as a feature no entry covers.
/// </summary>
[Collection(RepoCollection.Name)]
public sealed class PhoneFragmentTests(RepoFixture repo)
{
    [Theory]
    [InlineData("직원분 계세요??", DecisionKind.Handoff, Decider.HandoffRequest)]
    [InlineData("상담원님 계신가요", DecisionKind.Handoff, Decider.HandoffRequest)]
    [InlineData("ㅂㅂ", DecisionKind.Smalltalk, Decider.ByeIntent)]
    [InlineData("안녕히 계세요", DecisionKind.Smalltalk, Decider.ByeIntent)]
    [InlineData("쇼핑검색에서 제 상품 순위 올리려면 뭐 해야돼요", DecisionKind.Handoff, Decider.NoAnswer)]
    public async Task ShortPhoneMessagesAreReadForWhatTheyDo(string message, DecisionKind kind, string intent)
    {
        var decision = await repo.Decider.DecideAsync(message);
        Assert.Equal((kind, intent), (decision.Kind, decision.Intent));
    }

    /// <summary>"저기 정산이요": a bare area word after a word of address is still a choice among the area's entries.</summary>
    [Fact]
    public async Task ABareAreaWordAfterAWordOfAddressIsAChoice()
    {
        var decision = await repo.Decider.DecideAsync("저기 정산이요");
        Assert.Equal(DecisionKind.Clarify, decision.Kind);
        Assert.All(decision.Suggestions, id => Assert.StartsWith("settlement-", id));
    }

    /// <summary>"집하됐다고 뜨고 이틀째 위치가 안바뀜.. 어케해요": a parcel whose position does not change is the shipping-delay question.</summary>
    [Fact]
    public async Task AParcelWhosePositionDoesNotChangeIsAShippingDelay()
    {
        var decision = await repo.Decider.DecideAsync("집하됐다고 뜨고 이틀째 위치가 안바뀜.. 어케해요");
        Assert.Equal((DecisionKind.Answer, "shipping-delay"), (decision.Kind, decision.FaqId));
    }
}
