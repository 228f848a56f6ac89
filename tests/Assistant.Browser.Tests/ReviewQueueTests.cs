using System.Net;
using System.Text.RegularExpressions;
using Assistant.Server.Tests.Agents;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Assistant.Browser.Tests;

/// <summary>The real server with the supervisor <c>lead</c> and a seeded history, on a loopback port, and Chromium.</summary>
public sealed class ReviewBrowserFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public ReviewFactory Factory { get; } = new();
    public IBrowser Browser { get; private set; } = null!;
    public string BaseUrl { get; private set; } = "";

    public async Task InitializeAsync()
    {
        BaseUrl = Chromium.Serve(Factory);
        Factory.Seed()
            .Turn("정산 언제 돼요", "clarify").Turn("정산언제돼요", "clarify", conversation: "c2").Turn("정산이 언제 되나요", "handoff", "handoff.no-answer", conversation: "c3")
            .Turn("정산은 언제돼요?", "clarify", conversation: "c4")
            .Turn("졍산 언제 돼요?", "clarify", conversation: "c4b")
            .Turn("쿠팡 정산 언제 돼요", "decline", "out-of-scope", conversation: "c5").Turn("쿠팡 정산은 언제 되나요", "decline", "out-of-scope", conversation: "c6")
            .Turn("오늘 날씨 어때요?", "decline", "out-of-scope", conversation: "c6b")
            .Dislike("수수료 몇 퍼센트 떼가요", "fees", "c7")
            .Ticket("라이브 방송 송출이 안 돼요", "products", "라이브 방송은 판매자센터 > 라이브 관리에서 다시 연결해 주세요.");
        _playwright = await Playwright.CreateAsync();
        Browser = await Chromium.LaunchAsync(_playwright);
    }

    public async Task<IPage> NewPageAsync(int width, int height)
    {
        var page = await Chromium.NewPageAsync(Browser, width, height);
        return page;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        _playwright?.Dispose();
        await Factory.DisposeAsync();
    }
}

/// <summary>The review queue page: a supervisor finds it in the console, sees the biggest group first and settles groups.</summary>
public sealed class ReviewQueueTests(ReviewBrowserFixture browser) : IClassFixture<ReviewBrowserFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => Chromium.CloseContextsAsync(browser.Browser);

    private async Task<IPage> SignInAsync(string user, string password, int width, int height)
    {
        var page = await Chromium.SignInAsync(await browser.NewPageAsync(width, height), browser.BaseUrl, user, password);
        await Assertions.Expect(page.Locator("#agent-name")).Not.ToBeEmptyAsync();
        return page;
    }

    [Theory]
    [InlineData(1280, 800, "desktop")]
    [InlineData(390, 844, "phone")]
    public async Task ASupervisorSeesTheBiggestGroupFirstAndACorrectlyDeclinedGroupLeaves(int width, int height, string name)
    {
        var page = await SignInAsync(ReviewFactory.Supervisor, ReviewFactory.SupervisorPassword, width, height);
        await page.ClickAsync("#review-link");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/agent/review.html$"));

        var first = page.Locator(".rv-group").First;
        await Assertions.Expect(first.Locator(".rv-count")).ToHaveTextAsync("5건");
        await Assertions.Expect(first.Locator(".rv-text").First).ToHaveTextAsync(new Regex("^정산 ?언제 ?돼요$"));   // the message sent twice (spacing aside) leads
        await Assertions.Expect(first.Locator(".rv-reason")).ToHaveTextAsync(["되물음 4", "답 없음 1"]);
        await Assertions.Expect(first.Locator(".rv-entry[data-faq='settlement-schedule'] .rv-add")).ToBeVisibleAsync();
        var agentAnswered = page.Locator(".rv-group", new() { Has = page.GetByText("라이브 방송 송출이 안 돼요", new() { Exact = true }) });
        await Assertions.Expect(agentAnswered.Locator(".rv-agent-reply")).ToContainTextAsync("라이브 관리에서 다시 연결");
        await page.ShotAsync($"review-queue-{name}.png", fullPage: true);

        // The new-entry form, prefilled with the agent's reply.
        await agentAnswered.Locator(".rv-new").ClickAsync();
        await Assertions.Expect(agentAnswered.Locator("textarea[name=answer]")).ToHaveValueAsync("라이브 방송은 판매자센터 > 라이브 관리에서 다시 연결해 주세요.");
        await Assertions.Expect(agentAnswered.Locator("select[name=category]")).ToHaveValueAsync("products");
        await agentAnswered.ScrollIntoViewIfNeededAsync();
        await page.ShotAsync($"review-new-entry-{name}.png", fullPage: true);

        // Checked without saving (the real knowledge validation): it passes and the group stays.
        await agentAnswered.GetByRole(AriaRole.Button, new() { Name = "검증만 하기" }).ClickAsync();
        await Assertions.Expect(page.Locator("#toasts .toast").Last).ToContainTextAsync("검증을 통과했어요");

        // Marked correctly declined: the group leaves (the phone run finds it already gone and declines another).
        var declined = page.Locator(".rv-group", new() { Has = page.Locator(".rv-reason-decline") }).First;
        var groups = await page.Locator(".rv-group").CountAsync();
        var text = await declined.Locator(".rv-title").TextContentAsync();
        await declined.Locator(".rv-decline").ClickAsync();
        await Assertions.Expect(page.Locator(".rv-group")).ToHaveCountAsync(groups - 1);
        await Assertions.Expect(page.Locator(".rv-title", new() { HasTextString = text! })).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator(".toast", new() { HasText = "올바른 거절로 표시했어요." })).ToBeVisibleAsync();
        await page.ShotAsync($"review-declined-{name}.png", fullPage: true);
    }

    [Fact]
    public async Task AnAgentHasNoReviewLinkAndThePageRefusesThem()
    {
        var page = await SignInAsync("agent1", "agent1-password", 1280, 800);
        await Assertions.Expect(page.Locator("#review-link")).ToBeHiddenAsync();
        await page.GotoAsync(browser.BaseUrl + "/agent/review.html");
        await Assertions.Expect(page.Locator("#page-error")).ToHaveTextAsync("관리자(슈퍼바이저)만 쓸 수 있는 페이지예요.");
        Assert.Equal(0, await page.Locator(".rv-group").CountAsync());
    }
}
