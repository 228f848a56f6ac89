using System.Net;
using System.Text.RegularExpressions;
using Assistant.Server.Tests;
using Assistant.Server.Tests.Handoff;
using Assistant.Server.Tests.Llm;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Assistant.Browser.Tests;

/// <summary>The real server with LLM help on (the chat-completions double behind it) on a loopback port, and Chromium.</summary>
public sealed class AssistBrowserFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;
    private readonly LlmServerFixture _server = new();

    public AssistantFactory Factory => _server.Factory;
    public FakeChannel Channel => _server.Channel;
    public ChatCompletionsDouble Llm => _server.Llm;
    public IBrowser Browser { get; private set; } = null!;
    public string BaseUrl { get; private set; } = "";

    public async Task InitializeAsync()
    {
        await _server.InitializeAsync();
        BaseUrl = Chromium.Serve(Factory);
        _playwright = await Playwright.CreateAsync();
        Browser = await Chromium.LaunchAsync(_playwright);
    }

    public async Task<IPage> SignedInAsync(string user, string password, int width)
    {
        var page = await Chromium.NewPageAsync(Browser, width, width < 600 ? 844 : 800);
        await Chromium.SignInAsync(page, BaseUrl, user, password);
        return page;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        _playwright?.Dispose();
        await _server.DisposeAsync();
    }
}

public sealed class AssistConsoleTests(AssistBrowserFixture browser) : IClassFixture<AssistBrowserFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => Chromium.CloseContextsAsync(browser.Browser);

    [Theory]
    [InlineData(1280)]
    [InlineData(390)]
    public async Task AnAgentGetsASummaryAndADraftThatReachesTheSellerOnlyWhenSent(int width)
    {
        var seller = new Seller(browser.Factory.CreateClient(), browser.Channel);
        var number = await seller.OpenTicketAsync();
        const string summary = "판매자가 정산금이 일주일째 들어오지 않아 확인을 요청했어요.";
        const string draft = "판매자님, 정산 일정과 주문 건을 확인해 드릴게요.";
        browser.Llm.Reply = call => call.System.Contains("요약") ? summary
            : $"{draft}\n근거: {Regex.Match(call.User, @"\[FAQ id=([a-z0-9-]+)\]").Groups[1].Value}";

        var page = await browser.SignedInAsync("agent1", "agent1-password", width);
        await page.Locator($"[data-ticket='{number}']").ClickAsync();
        await page.ClickAsync("#summary-button");
        await Assertions.Expect(page.Locator("#summary-text")).ToHaveTextAsync(summary);

        await page.ClickAsync("#claim-button");
        await page.ClickAsync("#draft-button");
        await Assertions.Expect(page.Locator("#reply-text")).ToHaveValueAsync(draft);
        await Assertions.Expect(page.Locator("#draft-note")).ToContainTextAsync("근거: 정산");
        await page.ShotAsync($"assist-ticket-{width}.png", fullPage: true);
        Assert.DoesNotContain(browser.Channel.Received(seller.ConversationId), a => (string?)a["text"] == draft);

        await page.FillAsync("#reply-text", draft + " 잠시만 기다려 주세요.");
        await page.ClickAsync("#reply-button");
        await browser.Channel.WaitForAsync(seller.ConversationId, a => (string?)a["text"] == draft + " 잠시만 기다려 주세요.");
    }

    /// <summary>Saving changes the entry (a new knowledge version), so it runs on a server of its own, not the shared one.</summary>
    [Fact]
    public async Task AnAcceptedSuggestionIsSavedAsANewKnowledgeVersion()
    {
        await using var own = new AssistBrowserFixture();
        await own.InitializeAsync();
        own.Llm.Reply = _ => "정산계좌 바꾸는 방법 알려주세요\n계좌 변경 어디서 하나요";
        var page = await own.SignedInAsync(LlmServerFixture.SupervisorId, LlmServerFixture.SupervisorPassword, 1280);
        await page.ClickAsync("#assist-link");
        await page.SelectOptionAsync("#entry", "settlement-account");
        await page.ClickAsync("#suggest-button");
        await page.Locator(".suggestion input[type=checkbox]").First.CheckAsync();
        await page.ClickAsync("#save-button");
        await Assertions.Expect(page.Locator("#suggest-status")).ToContainTextAsync("1개 질문을 저장했어요");
        await Assertions.Expect(page.Locator("#existing")).ToContainTextAsync("정산계좌 바꾸는 방법 알려주세요");
    }

    [Theory]
    [InlineData(1280)]
    [InlineData(390)]
    public async Task ASupervisorReviewsSuggestedPhrasingsOnTheirOwnPage(int width)
    {
        browser.Llm.Reply = _ => "정산계좌 바꾸는 방법 알려주세요\n정산 계좌를 바꾸고 싶어요\n계좌 변경 어디서 하나요";
        var page = await browser.SignedInAsync(LlmServerFixture.SupervisorId, LlmServerFixture.SupervisorPassword, width);
        await Assertions.Expect(page.Locator("#assist-link")).ToBeVisibleAsync();
        Assert.False(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth + 1"));
        await page.ClickAsync("#assist-link");
        await page.SelectOptionAsync("#entry", "settlement-account");
        await Assertions.Expect(page.Locator("#existing li").First).ToHaveTextAsync("정산 계좌를 바꾸고 싶어요");
        await page.ClickAsync("#suggest-button");
        await Assertions.Expect(page.Locator(".suggestion")).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator("#suggest-status")).ToContainTextAsync("1개는 뺐어요");
        await page.ClickAsync("#save-button");
        await Assertions.Expect(page.Locator("#save-status")).ToHaveTextAsync("저장할 질문에 체크해 주세요.");
        await page.ShotAsync($"assist-phrasings-{width}.png", fullPage: true);
        Assert.False(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth + 1"));
    }

    [Fact]
    public async Task AnAgentSeesNoSupervisorLinkAndThePageSaysItIsForSupervisors()
    {
        var page = await browser.SignedInAsync("agent2", "agent2-password", 1280);
        await Assertions.Expect(page.Locator("#draft-button")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("#assist-link")).ToBeHiddenAsync();
        await page.GotoAsync(browser.BaseUrl + "/agent/assist.html");
        await Assertions.Expect(page.Locator("#page-message")).ToHaveTextAsync("관리자(슈퍼바이저)만 쓸 수 있는 페이지예요.");
    }
}
