using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Assistant.Browser.Tests;

/// <summary>The seller's side: the demo seller-center page, the widget and the real Web Chat bundle over our Direct Line.</summary>
public sealed class WebChatWidgetTests(BrowserFixture browser) : IClassFixture<BrowserFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => Chromium.CloseContextsAsync(browser.Browser);

    private async Task<IPage> OpenWidgetAsync(int width = 1280, int height = 860)
    {
        var page = await browser.NewPageAsync(width, height);
        await page.GotoAsync(browser.BaseUrl + "/");
        await page.ClickAsync("#assistant-chat-button");
        await Assertions.Expect(page.Locator("[data-id='webchat-sendbox-input']")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("판매자센터 도우미예요", new() { Exact = false }).First).ToBeVisibleAsync();
        return page;
    }

    private static async Task SendAsync(IPage page, string text)
    {
        await page.FillAsync("[data-id='webchat-sendbox-input']", text);
        await page.PressAsync("[data-id='webchat-sendbox-input']", "Enter");
    }

    private static ILocator Text(IPage page, string text) => page.GetByText(text, new() { Exact = false }).First;

    [Fact]
    public async Task AKoreanFaqQuestionGetsItsAnswerInTheWidget()
    {
        var page = await OpenWidgetAsync();
        await SendAsync(page, "정산 계좌를 다른 통장으로 바꾸려면 어떻게 하나요?");
        await Assertions.Expect(Text(page, "1~2영업일")).ToBeVisibleAsync();
        await page.ShotAsync("widget-desktop.png");
    }

    [Fact]
    public async Task AnAnswerCanBeRatedAndTheRatingIsRecorded()
    {
        var page = await OpenWidgetAsync();
        await SendAsync(page, "세금계산서는 어디서 조회하나요?");
        await Assertions.Expect(Text(page, "세금계산서 조회")).ToBeVisibleAsync();
        var like = page.Locator(".webchat__thumb-button").First;
        await Assertions.Expect(like).ToBeVisibleAsync();
        await like.ClickAsync();

        var feedback = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions
            .GetRequiredService<Assistant.Server.Storage.FeedbackStore>(browser.Factory.Services);
        var until = DateTime.UtcNow.AddSeconds(10);
        while ((await feedback.CountAsync("tax-invoice")).Helpful == 0 && DateTime.UtcNow < until) await Task.Delay(100);
        Assert.Equal(1, (await feedback.CountAsync("tax-invoice")).Helpful);
    }

    [Fact]
    public async Task ClarifyingChoicesAreButtonsThatAnswerWhenClicked()
    {
        var page = await OpenWidgetAsync();
        await SendAsync(page, "정산 관련해서 궁금한게 있어요");
        await Assertions.Expect(Text(page, "어떤 내용이 궁금하신가요")).ToBeVisibleAsync();
        var choice = page.Locator(".webchat__suggested-action", new() { HasText = "정산" }).First;
        var title = (await choice.InnerTextAsync()).Trim();
        await choice.ClickAsync();
        await Assertions.Expect(page.Locator(".webchat__bubble--from-user", new() { HasText = title }).First).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".webchat__bubble:not(.webchat__bubble--from-user)").Last).ToContainTextAsync("정산", new() { Timeout = 10_000 });
        await Assertions.Expect(page.Locator(".webchat__bubble:not(.webchat__bubble--from-user)").Last).Not.ToContainTextAsync("어떤 내용이 궁금하신가요");
    }

    [Fact]
    public async Task AHandoffInTheWidgetCollectsTheDetailsAndTheAgentsReplyArrives()
    {
        var page = await OpenWidgetAsync(390, 780);
        await page.ClickAsync("#assistant-handoff-button");
        await Assertions.Expect(Text(page, "어떤 문제인지")).ToBeVisibleAsync();
        await SendAsync(page, "정산금이 일주일째 안 들어와요");
        await Assertions.Expect(Text(page, "주문번호 16자리")).ToBeVisibleAsync();
        await SendAsync(page, "2024-1125-1122-3344");
        await Assertions.Expect(Text(page, "판매자 ID(")).ToBeVisibleAsync();
        await SendAsync(page, "widget_shop01");
        await Assertions.Expect(Text(page, "상품명을 알려 주세요")).ToBeVisibleAsync();
        await SendAsync(page, "무선 청소기");
        await Assertions.Expect(Text(page, "판매자 ID: widget_shop01")).ToBeVisibleAsync();
        await SuggestedActions.PressAsync(page, "접수하기");
        var created = page.GetByText(new Regex("접수번호는 T\\d{6}")).First;
        await Assertions.Expect(created).ToBeVisibleAsync();
        var number = Regex.Match(await created.InnerTextAsync(), "T\\d{6}").Value;
        await page.ShotAsync("widget-mobile-handoff.png");

        var console = await Chromium.SignInAsync(await browser.NewPageAsync(), browser.BaseUrl, "agent2", "agent2-password");
        await console.Locator($"[data-ticket='{number}']").ClickAsync();
        await Assertions.Expect(console.Locator("#ticket-seller-id")).ToHaveTextAsync("widget_shop01");
        await Assertions.Expect(console.Locator("#ticket-product")).ToHaveTextAsync("무선 청소기");
        await console.ClickAsync("#claim-button");
        await console.FillAsync("#reply-text", "안녕하세요 판매자님, 정산 보류 건 바로 확인해 드릴게요.");
        await console.ClickAsync("#reply-button");

        await Assertions.Expect(Text(page, "정산 보류 건 바로 확인해 드릴게요")).ToBeVisibleAsync();
        await page.ShotAsync("widget-mobile-agent-reply.png");
    }

    [Fact]
    public async Task ACasualYesFilesTheTicketAndTheSellerCanAskWhereItStands()
    {
        var page = await OpenWidgetAsync(390, 780);
        await SendAsync(page, "담당자 연결해 주세요 / 2025 0601 9876 5432 / green.farm / 제주 감귤 5kg / 구매자가 귤이 상해서 왔다고 환불을 요구해요");
        await Assertions.Expect(Text(page, "판매자 ID: green.farm")).ToBeVisibleAsync();
        await SendAsync(page, "ㅇㅇ");
        var created = page.GetByText(new Regex("접수번호는 T\\d{6}")).First;
        await Assertions.Expect(created).ToBeVisibleAsync();
        var number = Regex.Match(await created.InnerTextAsync(), "T\\d{6}").Value;

        await SendAsync(page, "접수한 거 어떻게 됐어요?");
        await Assertions.Expect(page.GetByText(new Regex($"접수번호 {number}(으로|로) 상담원 연결을 기다리고")).First).ToBeVisibleAsync();
        await page.ShotAsync("widget-status-phone.png");
    }

    [Fact]
    public async Task TheConversationIsStillThereAfterAPageReload()
    {
        var page = await OpenWidgetAsync();
        await SendAsync(page, "수수료는 얼마인가요?");
        await Assertions.Expect(Text(page, "매출연동")).ToBeVisibleAsync();
        await page.ReloadAsync();
        await Assertions.Expect(Text(page, "매출연동")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task AWidgetReopenedAfterItsConversationEndedFindsTheTicketFiledBefore()
    {
        var page = await OpenWidgetAsync();
        await SendAsync(page, "판매자 아이디 myshop01 이고 상품 무선이어폰 주문번호 2024112511223344 건인데 정산금이 일주일째 안 들어와요. 상담원 연결해 주세요");
        await Assertions.Expect(Text(page, "판매자 ID: myshop01")).ToBeVisibleAsync();
        await SuggestedActions.PressAsync(page, "접수하기");
        var created = page.GetByText(new Regex("접수번호는 T\\d{6}")).First;
        await Assertions.Expect(created).ToBeVisibleAsync();
        var number = Regex.Match(await created.InnerTextAsync(), "T\\d{6}").Value;

        // The conversation's token is gone (expired): reopening starts a new conversation, as the same seller.
        await page.EvaluateAsync("() => localStorage.removeItem('assistant.webchat.v1')");
        await page.ReloadAsync(); // the widget stays open across a reload
        await Assertions.Expect(page.GetByText("판매자센터 도우미예요", new() { Exact = false }).First).ToBeVisibleAsync();
        await Assertions.Expect(created).Not.ToBeVisibleAsync();
        await SendAsync(page, "접수한 거 어떻게 됐어요?");
        await Assertions.Expect(Text(page, $"접수번호 {number}")).ToBeVisibleAsync();
    }
}
