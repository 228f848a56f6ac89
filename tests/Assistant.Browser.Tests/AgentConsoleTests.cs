using System.Text.RegularExpressions;
using Assistant.Server.Tests.Handoff;
using Microsoft.Playwright;

namespace Assistant.Browser.Tests;

public sealed class AgentConsoleTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private Seller NewSeller() => new(browser.Factory.CreateClient(), browser.Channel);

    private async Task<IPage> SignedInConsoleAsync(int width = 1280)
    {
        var page = await browser.NewPageAsync(width);
        await page.GotoAsync(browser.BaseUrl + "/agent/");
        await page.FillAsync("#username", "agent1");
        await page.FillAsync("#password", "agent1-password");
        await page.ClickAsync("#login-button");
        await Assertions.Expect(page.Locator("#agent-name")).ToHaveTextAsync(new Regex("김상담"));
        return page;
    }

    [Fact]
    public async Task AnAgentSeesANewTicketAppearClaimsItAndTheReplyReachesTheSeller()
    {
        var page = await SignedInConsoleAsync();
        var seller = NewSeller();
        var number = await seller.OpenTicketAsync();

        var row = page.Locator($"[data-ticket='{number}']");
        await Assertions.Expect(row).ToBeVisibleAsync();   // pushed, no reload
        await row.ClickAsync();
        await Assertions.Expect(page.Locator("#ticket-number")).ToHaveTextAsync(new Regex(number));
        await Assertions.Expect(page.Locator("#ticket-seller-id")).ToHaveTextAsync("myshop01");
        await Assertions.Expect(page.Locator("#ticket-order-number")).ToContainTextAsync("2024112511223344");
        await Assertions.Expect(page.Locator("#ticket-product")).ToHaveTextAsync("무선이어폰");

        await page.ClickAsync("#claim-button");
        await Assertions.Expect(page.Locator("#reply-text")).ToBeVisibleAsync();
        await page.FillAsync("#reply-text", "안녕하세요, 담당 상담원입니다. 정산 내역 확인해 드릴게요.");
        await page.ClickAsync("#reply-button");
        await Assertions.Expect(page.Locator("#transcript .msg.agent").Last).ToContainTextAsync("담당 상담원입니다");

        await browser.Channel.WaitForAsync(seller.ConversationId, a => (string?)a["text"] == "안녕하세요, 담당 상담원입니다. 정산 내역 확인해 드릴게요.");

        // The seller's answer reaches the open console live.
        await seller.SayAsync("네 감사합니다, 주문번호는 위에 적었어요");
        await Assertions.Expect(page.Locator("#transcript .msg.seller").Last).ToContainTextAsync("주문번호는 위에 적었어요");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, "agent-console-desktop.png"), FullPage = true });
    }

    [Fact]
    public async Task SellerWrittenTextIsShownAsTextNeverAsMarkup()
    {
        var page = await SignedInConsoleAsync();
        var seller = NewSeller();
        var number = await seller.OpenTicketAsync("<img src=x onerror=\"document.title='pwned'\"> 정산이 안 돼요");
        await page.Locator($"[data-ticket='{number}']").ClickAsync();
        await Assertions.Expect(page.Locator("#ticket-description")).ToContainTextAsync("<img src=x");
        Assert.Equal(0, await page.Locator("#ticket-description img, #transcript img, #queue img").CountAsync());
        Assert.NotEqual("pwned", await page.TitleAsync());
    }

    [Fact]
    public async Task TheConsoleWorksOnAPhoneSizedScreen()
    {
        var page = await SignedInConsoleAsync(width: 390);
        var number = await NewSeller().OpenTicketAsync();
        await page.Locator($"[data-ticket='{number}']").ClickAsync();
        await Assertions.Expect(page.Locator("#claim-button")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, "agent-console-mobile.png"), FullPage = true });
    }
}
