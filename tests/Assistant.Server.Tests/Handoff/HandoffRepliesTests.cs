using static Assistant.Server.Tests.Activities;

namespace Assistant.Server.Tests.Handoff;

/// <summary>The handoff form understands the yes, never-mind and don't-know replies sellers really type.</summary>
public sealed class HandoffRepliesTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private readonly HttpClient _client = server.Factory.CreateClient();
    private Seller NewSeller() => new(_client, server.Channel);

    [Theory]
    [InlineData("ㅇㅇ")]
    [InlineData("네 맞아요 접수해주세요")]
    [InlineData("맞아요 진행해주세요")]
    public async Task ACasualYesAtTheSummaryCreatesTheTicket(string yes)
    {
        var seller = NewSeller();
        var summary = await seller.SayAsync("myshop01 판매자인데 상품 무선이어폰 주문번호 2024-1125-1122-3344 건 환불이 안 돼요. 상담원 연결해 주세요");
        Assert.Equal("handoff.confirm", (string?)Decision(summary[^1])["intent"]);
        var created = await seller.SayAsync(yes);
        Assert.Equal("ticket-created", (string?)Decision(created[^1])["intent"]);
        Assert.Matches("^T\\d{6}$", (string?)Decision(created[^1])["ticket"]);
    }

    [Theory]
    [InlineData("아 됐어요")]
    [InlineData("나중에 할게요")]
    [InlineData("아 그냥 됐어요")]
    public async Task NeverMindWhileAskedForADetailCancelsInsteadOfBeingStored(string never)
    {
        var seller = NewSeller();
        await seller.SayAsync("상담원 연결해 주세요");
        await seller.SayAsync("정산금이 3일째 안 들어와요");
        await seller.SayAsync("2024112511223344");
        var cancelled = await seller.SayAsync(never);
        Assert.Equal("handoff.cancelled", (string?)Decision(cancelled[^1])["intent"]);
    }

    [Fact]
    public async Task NamedDontKnowAndDontHaveAreRecordedAsUnknown()
    {
        var seller = NewSeller();
        await seller.SayAsync("상담원 연결해 주세요");
        await seller.SayAsync("정산금이 3일째 안 들어와요");
        Assert.Equal("handoff.ask-seller", (string?)Decision((await seller.SayAsync("주문번호는 몰라요"))[^1])["intent"]);
        await seller.SayAsync("shop_kim01");
        var summary = await seller.LastReplyAsync("상품은 딱히 없어요");
        Assert.Contains("주문번호: 모름", summary);
        Assert.DoesNotContain("딱히", summary);
    }
}
