using Assistant.Review;
using Assistant.Understanding;

namespace Assistant.Tests.Review;

/// <summary>The review queue's grouping on Korean sellers' messages: one group per meaning, however it is written.</summary>
[Collection(RepoCollection.Name)]
public sealed class MessageGroupingTests(RepoFixture repo)
{
    private MessageGrouping Grouping(int maxMessages = MessageGrouping.DefaultMaxMessages) =>
        new(UnderstandingFactory.CreateEmbeddings(repo.Knowledge), repo.Knowledge.Lexicon, repo.Knowledge.Scope, maxMessages: maxMessages);

    private IReadOnlyList<MessageGroup<string>> Group(IEnumerable<string> texts, MessageGrouping? grouping = null) =>
        (grouping ?? Grouping()).Group(texts, t => t, _ => 1);

    private static IReadOnlyList<string> GroupOf(IReadOnlyList<MessageGroup<string>> groups, string text) =>
        groups.Single(g => g.Members.Contains(text)).Members;

    [Fact]
    public void SpacingTyposAndEndingsOfOneQuestionFallInOneGroup()
    {
        string[] settlement = ["정산언제돼요", "정산 언제 돼요", "정산 언제되여", "정산이 언제 되나요", "정산은 언제돼요?", "졍산 언제 돼요?"];
        string[] fees = ["수수료 얼마예요", "수수료가 얼마인가요?", "판매 수수료 얼마나 떼가요"];
        string[] refund = ["환불 언제 돼요", "환블 언제되나여"];
        var groups = Group([.. settlement, .. fees, .. refund]);

        Assert.Equal(settlement.Order(), GroupOf(groups, "정산언제돼요").Order());
        Assert.Equal(fees.Order(), GroupOf(groups, "수수료 얼마예요").Order());
        Assert.Equal(refund.Order(), GroupOf(groups, "환불 언제 돼요").Order());
        Assert.Equal(3, groups.Count);
    }

    [Fact]
    public void DifferentTopicsAskedTheSameWayStayApart()
    {
        // Same ending, same question word, different subject: never one group.
        string[] texts = ["정산 언제 돼요", "환불 언제 돼요", "배송 언제 돼요", "세금계산서 발행 언제 돼요", "정산 계좌 바꾸고 싶어요", "배송비 얼마예요", "쿠팡은요?",
            "쿠팡 정산 언제 돼요", "11번가 정산 언제 돼요"];
        var groups = Group(texts);
        Assert.Equal(texts.Length, groups.Count);
        Assert.All(groups, g => Assert.Single(g.Members));
    }

    [Fact]
    public void BiggestGroupsComeFirstWithTheirMessageCounts()
    {
        var messages = new (string Text, int Count)[]
        {
            ("쿠팡은요?", 1),
            ("수수료 얼마예요", 2),
            ("정산 언제 돼요", 3),
            ("수수료가 얼마인가요", 1),
            ("정산언제돼요", 2),
            ("정산이 언제 되나요", 1),
        };
        var groups = Grouping().Group(messages, m => m.Text, m => m.Count);

        Assert.Equal([6, 3, 1], groups.Select(g => g.Count));
        Assert.Equal("정산 언제 돼요", groups[0].Members[0].Text);   // the most frequent wording leads its group
        Assert.Equal(["수수료 얼마예요", "수수료가 얼마인가요"], groups[1].Members.Select(m => m.Text));
        Assert.Equal("쿠팡은요?", groups[2].Members.Single().Text);
    }

    [Fact]
    public void OnlyTheMostFrequentMessagesUpToTheCapAreGrouped()
    {
        var messages = new (string Text, int Count)[] { ("환불 언제 돼요", 1), ("정산 언제 돼요", 5), ("수수료 얼마예요", 3) };
        var groups = Grouping(maxMessages: 2).Group(messages, m => m.Text, m => m.Count);
        Assert.Equal(["정산 언제 돼요", "수수료 얼마예요"], groups.Select(g => g.Members.Single().Text));
    }

    [Fact]
    public void MessagesThatReadLikeASettledOneAreLeftOut()
    {
        var groups = Grouping().Group(["쿠팡 정산은 언제예요?", "쿠팡 정산 언제돼요", "정산 언제 돼요", "수수료 얼마예요"], t => t, _ => 1, settled: ["쿠팡 정산 언제 되나요"]);
        Assert.Equal(["정산 언제 돼요", "수수료 얼마예요"], groups.Select(g => g.Members.Single()));
    }

    [Fact]
    public void AKeyIsTheSameForSpacingCaseAndPunctuationVariants()
    {
        Assert.Equal(ReviewKeys.Of("정산 언제 돼요?"), ReviewKeys.Of("정산언제돼요"));
        Assert.NotEqual(ReviewKeys.Of("정산 언제 돼요"), ReviewKeys.Of("환불 언제 돼요"));
        Assert.True(ReviewKeys.IsKey(ReviewKeys.Of("Settlement")));
        Assert.False(ReviewKeys.IsKey("m' OR 1=1 --     "));
    }

    [Theory]
    [InlineData("정산은요?", "정산")]
    [InlineData("정산이 언제 되나요", "정산 언제 되")]
    [InlineData("정산언제돼요", "정산언제되")]
    [InlineData("수수료율이 몇프로에요", "수수료율 몇프로")]
    [InlineData("배송비는 얼마인가요", "배송비 얼마")]
    [InlineData("Settlement 언제예요?", "settlement 언제")]
    public void EndingsAndParticlesAreFolded(string message, string folded) => Assert.Equal(folded, KoreanEndings.Fold(message));
}
