using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using static Assistant.Server.Tests.Activities;

namespace Assistant.Server.Tests.Handoff;

/// <summary>The wait the seller is promised, on the real server with its clock set to 08:39 on a business day.</summary>
public sealed class WaitPromiseTests
{
    [Fact]
    public async Task At0839OnABusinessDayTheTeamStartsTodayNotOnTheNextBusinessDay()
    {
        // Wednesday 2026-12-02 08:39 in Seoul (UTC+9); the clock runs on from there.
        var clock = new ShiftedTime(DateTimeOffset.Parse("2026-12-01T23:39:00Z", System.Globalization.CultureInfo.InvariantCulture) - DateTimeOffset.UtcNow);
        await using var channel = await FakeChannel.StartAsync();
        await using var factory = new AssistantFactory();
        var client = factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(clock))).CreateClient();
        var seller = new Seller(client, channel);

        await seller.SayAsync("myshop01 판매자인데 상품 무선이어폰 주문번호 2024-1125-1122-3344 건 환불이 안 돼요. 상담원 연결해 주세요");
        var created = await seller.SayAllAsync("접수");
        var text = (string)created.Single(a => (string?)a["type"] == "message")["text"]!;

        Assert.Contains("오늘 오전 9시부터", text);
        Assert.DoesNotContain("다음 영업일", text);
        Assert.Matches(@"접수번호는 T\d{6}(이에요|예요)\.", text);
    }

    private sealed class ShiftedTime(TimeSpan offset) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + offset;
    }
}
