using System.Text.Json;
using System.Text.RegularExpressions;
using Assistant.Handoff;
using Assistant.Server.DirectLine;
using Assistant.Server.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Assistant.Browser.Tests;

/// <summary>
/// What the seller sees in the widget, on desktop and on a phone: rendered Markdown, the start of a new
/// answer, agent messages told apart from the bot's, the dislike follow-up, and the demo page's orders.
/// </summary>
public sealed class WebChatPresentationTests(BrowserFixture browser) : IClassFixture<BrowserFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => Chromium.CloseContextsAsync(browser.Browser);

    public static TheoryData<string, int, int> Devices => new() { { "desktop", 1280, 800 }, { "phone", 390, 844 } };

    private async Task<IPage> OpenWidgetAsync(int width, int height)
    {
        var page = await browser.NewPageAsync(width, height);
        await page.GotoAsync(browser.BaseUrl + "/");
        await page.ClickAsync("#assistant-chat-button");
        await Assertions.Expect(page.Locator("[data-id='webchat-sendbox-input']")).ToBeVisibleAsync();
        await Assertions.Expect(Text(page, "판매자센터 도우미예요")).ToBeVisibleAsync();
        return page;
    }

    private static async Task SendAsync(IPage page, string text)
    {
        await page.FillAsync("[data-id='webchat-sendbox-input']", text);
        await page.PressAsync("[data-id='webchat-sendbox-input']", "Enter");
    }

    private static ILocator Text(IPage page, string text) => page.GetByText(text, new() { Exact = false }).First;

    private static ILocator LastBotBubble(IPage page) => page.Locator(".webchat__bubble:not(.webchat__bubble--from-user)").Last;

    private static async Task<string> ConversationIdAsync(IPage page)
    {
        var json = await page.EvaluateAsync<string>("localStorage.getItem('assistant.webchat.v1')");
        return JsonDocument.Parse(json).RootElement.GetProperty("conversationId").GetString()!;
    }

    /// <summary>A request for a person that already gives the details: the form names them back in the bubble that opens it.</summary>
    [Theory]
    [MemberData(nameof(Devices))]
    public async Task TheFormNamesBackTheDetailsItAlreadyHas(string device, int width, int height)
    {
        var page = await OpenWidgetAsync(width, height);
        await SendAsync(page, "상담원 연결해 주세요. 주문번호 2024112511223344, 아이디 widget_shop02, 상품 무선 청소기");
        var noted = Text(page, "이미 알려 주신 내용은 받아 두었어요");
        await Assertions.Expect(noted).ToBeVisibleAsync();
        await Assertions.Expect(noted).ToContainTextAsync("widget_shop02");
        await Assertions.Expect(LastBotBubble(page)).ToContainTextAsync("어떤 문제인지");
        await page.ShotAsync($"widget-handoff-noted-{device}.png");
    }

    /// <summary>
    /// A question about the language gets its reply on two lines, Korean then English, with the person button; a message that
    /// is only an order number is named back and the seller asked what it is about.
    /// </summary>
    [Theory]
    [MemberData(nameof(Devices))]
    public async Task TheLanguageReplyAndABareOrderNumberReadWell(string device, int width, int height)
    {
        var page = await OpenWidgetAsync(width, height);
        await SendAsync(page, "영어로도 설명해 줄 수 있어요?");
        await Assertions.Expect(LastBotBubble(page)).ToContainTextAsync("You can ask in English");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "상담원 연결" }).Last).ToBeVisibleAsync();
        await SendAsync(page, "2025-1103-4455-6677");
        await Assertions.Expect(LastBotBubble(page)).ToContainTextAsync("주문번호 2025110344556677");
        await Assertions.Expect(LastBotBubble(page)).ToContainTextAsync("어떤 일로 문의하셨는지");
        await LastBotBubble(page).ScrollIntoViewIfNeededAsync();
        await page.ShotAsync($"widget-language-and-detail-{device}.png");
    }

    /// <summary>
    /// "너 AI야?" in the middle of the form: the assistant says what it is, says the request goes on, and asks the same
    /// detail again, in three bubbles that read in order.
    /// </summary>
    [Theory]
    [MemberData(nameof(Devices))]
    public async Task AQuestionAboutTheBotMidFormIsAnsweredAndTheFormGoesOn(string device, int width, int height)
    {
        var page = await OpenWidgetAsync(width, height);
        await SendAsync(page, "정산금이 2주째 안 들어와요 제 건 확인해 주세요");
        await Assertions.Expect(LastBotBubble(page)).ToContainTextAsync("주문번호");
        await SendAsync(page, "너 AI야?");
        await Assertions.Expect(Text(page, "자동 응답 챗봇")).ToBeVisibleAsync();
        await Assertions.Expect(Text(page, "이어서 상담원 연결 접수를 계속할게요")).ToBeVisibleAsync();
        await Assertions.Expect(LastBotBubble(page)).ToContainTextAsync("주문번호");
        await LastBotBubble(page).ScrollIntoViewIfNeededAsync();
        await page.ShotAsync($"widget-form-aside-bot-{device}.png");
    }

    /// <summary>"?" right after an answer asks what was unclear, with the person button, in one bubble that reads well.</summary>
    [Theory]
    [MemberData(nameof(Devices))]
    public async Task AQuestionMarkAfterAnAnswerAsksWhatWasUnclear(string device, int width, int height)
    {
        var page = await OpenWidgetAsync(width, height);
        await SendAsync(page, "정산은 구매확정되고 나서 언제 들어와요?");
        await Assertions.Expect(LastBotBubble(page)).ToContainTextAsync("영업일");
        await SendAsync(page, "?");
        await Assertions.Expect(LastBotBubble(page)).ToContainTextAsync("어떤 부분이 헷갈리셨나요?");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "상담원 연결" }).Last).ToBeVisibleAsync();
        await LastBotBubble(page).ScrollIntoViewIfNeededAsync();
        await page.ShotAsync($"widget-what-unclear-{device}.png");
    }

    /// <summary>A message in another script is told, in Korean and English, which languages are read, with the person button.</summary>
    [Theory]
    [MemberData(nameof(Devices))]
    public async Task AMessageInAnotherLanguageIsToldWhichAreReadInBothLanguages(string device, int width, int height)
    {
        var page = await OpenWidgetAsync(width, height);
        await SendAsync(page, "担当者と話したいです。人につないでください。");
        await Assertions.Expect(LastBotBubble(page)).ToContainTextAsync("한국어와 영어로 쓴 메시지만");
        await Assertions.Expect(LastBotBubble(page)).ToContainTextAsync("Korean or English");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "상담원 연결" }).Last).ToBeVisibleAsync();
        await LastBotBubble(page).ScrollIntoViewIfNeededAsync();
        await page.ShotAsync($"widget-other-language-{device}.png");
    }

    /// <summary>A complaint about the assistant gets an apology and the person button, in one bubble that reads well.</summary>
    [Theory]
    [MemberData(nameof(Devices))]
    public async Task AComplaintAboutTheAssistantGetsAnApologyAndAPerson(string device, int width, int height)
    {
        var page = await OpenWidgetAsync(width, height);
        await SendAsync(page, "아까부터 엉뚱한 답만 하네요 말귀를 못 알아듣네");
        await Assertions.Expect(LastBotBubble(page)).ToContainTextAsync("죄송해요");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "상담원 연결" }).Last).ToBeVisibleAsync();
        await LastBotBubble(page).ScrollIntoViewIfNeededAsync();
        await page.ShotAsync($"widget-complaint-{device}.png");
    }

    /// <summary>Details given while the order number is asked for are named back in the bubble that asks for it again.</summary>
    [Theory]
    [MemberData(nameof(Devices))]
    public async Task DetailsGivenOutOfTurnAreNamedBackBeforeTheSameQuestion(string device, int width, int height)
    {
        var page = await OpenWidgetAsync(width, height);
        await SendAsync(page, "정산금이 2주째 안 들어와요 제 건 확인해 주세요");
        await Assertions.Expect(LastBotBubble(page)).ToContainTextAsync("주문번호");
        await SendAsync(page, "아이디 forest_cup, 상품은 유리 머그컵");
        await Assertions.Expect(LastBotBubble(page)).ToContainTextAsync("받아 두었어요: 판매자 ID forest_cup, 상품명 유리 머그컵");
        await Assertions.Expect(LastBotBubble(page)).ToContainTextAsync("주문번호 16자리");
        await LastBotBubble(page).ScrollIntoViewIfNeededAsync();
        await page.ShotAsync($"widget-form-noted-{device}.png");
    }

    /// <summary>Asked for a shorter answer, the seller gets the entry's facts as a list under one short line.</summary>
    [Theory]
    [MemberData(nameof(Devices))]
    public async Task AShorterAnswerIsAShortList(string device, int width, int height)
    {
        var page = await OpenWidgetAsync(width, height);
        await SendAsync(page, "정산 받는 계좌 바꾸려면 어떻게 해야 돼요?");
        await Assertions.Expect(LastBotBubble(page)).ToContainTextAsync("정산 정보");
        await SendAsync(page, "너무 길어요 ㅠ 짧게 요약해 주세요");
        var shorter = LastBotBubble(page);
        await Assertions.Expect(shorter).ToContainTextAsync("짧게 정리하면");
        Assert.Equal(3, await shorter.Locator("ul > li").CountAsync());
        await Assertions.Expect(shorter).Not.ToContainTextAsync("- ");
        await shorter.ScrollIntoViewIfNeededAsync();
        await page.ShotAsync($"widget-shorter-{device}.png");
    }

    /// <summary>Why the ID is needed, said in the form and the form going on; then more for the filed request, and the request withdrawn.</summary>
    [Theory]
    [MemberData(nameof(Devices))]
    public async Task WhyADetailIsNeededAndAWithdrawnRequestAreSaidPlainly(string device, int width, int height)
    {
        var page = await OpenWidgetAsync(width, height);
        await SendAsync(page, "상담원 연결해 주세요. 이번 주 정산금이 주문 금액 합계보다 적게 들어왔어요");
        await SendAsync(page, "주문번호는 모르겠어요");
        await SendAsync(page, "근데 판매자 아이디는 그걸 왜 알려줘야 돼요?");
        await Assertions.Expect(page.Locator(".webchat__bubble__content", new() { HasText = "판매자 ID가 있어야" })).ToBeVisibleAsync();
        var askedAgain = LastBotBubble(page);
        await Assertions.Expect(askedAgain).ToContainTextAsync("판매자 ID(판매자센터 로그인 아이디 또는 이메일)를 알려 주세요");
        await askedAgain.ScrollIntoViewIfNeededAsync();
        await page.ShotAsync($"widget-why-{device}.png");

        await SendAsync(page, "hodu_market 이에요. 상품은 여러 개라 딱 하나 못 집어요");
        await SendAsync(page, "네 접수해 주세요");
        await Assertions.Expect(LastBotBubble(page)).ToContainTextAsync("접수번호는");
        await SendAsync(page, "아 그리고 정산 내역 캡처도 있어요");
        var added = LastBotBubble(page);
        await Assertions.Expect(added).ToContainTextAsync("함께 남겨 두었어요");
        await added.ScrollIntoViewIfNeededAsync();
        await page.ShotAsync($"widget-added-{device}.png");
        await SendAsync(page, "아 방금 해결됐어요. 아까 접수한 문의는 취소해 주세요");
        var withdrawn = LastBotBubble(page);
        await Assertions.Expect(withdrawn).ToContainTextAsync("상담 요청을 취소했어요");
        await withdrawn.ScrollIntoViewIfNeededAsync();
        await page.ShotAsync($"widget-withdrawn-{device}.png");
    }

    /// <summary>
    /// A buyer's claim no entry answers gets "no answer here" and the offer of a person; the order number, ID and product
    /// sent next take the offer, and the seller sees the summary with every detail filled, ready to file.
    /// </summary>
    [Theory]
    [MemberData(nameof(Devices))]
    public async Task DetailsSentAfterTheOfferShowTheSummary(string device, int width, int height)
    {
        var page = await OpenWidgetAsync(width, height);
        await SendAsync(page, "구매자가 제가 판 수제 딸기청 먹고 배탈 났다고 병원비를 요구해요. 어떻게 해야 할지 모르겠어요");
        await Assertions.Expect(LastBotBubble(page)).ToContainTextAsync("상담원");
        await SendAsync(page, "주문번호 2025061712345678, 아이디 berry_jar, 상품은 수제 딸기청 500ml");
        var summary = LastBotBubble(page);
        await Assertions.Expect(summary).ToContainTextAsync("2025061712345678");
        await Assertions.Expect(summary).ToContainTextAsync("berry_jar");
        await summary.ScrollIntoViewIfNeededAsync();
        await page.ShotAsync($"widget-offer-taken-{device}.png");
    }

    [Theory]
    [MemberData(nameof(Devices))]
    public async Task AnAnswerShowsBoldTextAndAListNotMarkdownSigns(string device, int width, int height)
    {
        var page = await OpenWidgetAsync(width, height);
        await SendAsync(page, "정산은 언제 들어오나요?");
        var answer = LastBotBubble(page);
        await Assertions.Expect(answer.Locator("strong", new() { HasText = "기본 정산" })).ToBeVisibleAsync();
        Assert.True(await answer.Locator("ul > li").CountAsync() >= 2);
        Assert.Equal("disc", await answer.Locator("ul").First.EvaluateAsync<string>("e => getComputedStyle(e).listStyleType"));
        // A particle right after a URL is not part of the link.
        await Assertions.Expect(answer.Locator("a[href='https://seller.example.com/support/inquiry']")).ToHaveTextAsync("https://seller.example.com/support/inquiry");
        await Assertions.Expect(answer).Not.ToContainTextAsync("**");
        await Assertions.Expect(answer).Not.ToContainTextAsync("- **");
        // Korean wraps between words only.
        Assert.Equal("keep-all", await answer.Locator(".webchat__render-markdown").First.EvaluateAsync<string>("e => getComputedStyle(e).wordBreak"));
        await page.ShotAsync($"widget-markdown-{device}.png");
    }

    [Theory]
    [MemberData(nameof(Devices))]
    public async Task AQuestionNoEntryCoversOffersAPersonWithTheNearEntriesAsButtons(string device, int width, int height)
    {
        var page = await OpenWidgetAsync(width, height);
        // Two shipping entries are each a little likely and neither covers it: no choice between them, but "no answer here".
        await SendAsync(page, "배송비 조건부 무료 설정은 어떻게 하나요?");
        await Assertions.Expect(LastBotBubble(page)).ToContainTextAsync("제가 가진 안내에는 없어요");
        var buttons = page.Locator(".webchat__suggested-action");
        await Assertions.Expect(buttons.Filter(new() { HasText = "상담원 연결" })).ToBeVisibleAsync();
        Assert.True(await buttons.CountAsync() >= 2, "the near entries are offered beside the person");
        await page.WaitForTimeoutAsync(1000); // the widget may still move the reply into view
        await page.ShotAsync($"widget-no-answer-{device}.png");
    }

    [Theory]
    [MemberData(nameof(Devices))]
    public async Task AUrlInAnAnswerIsALinkThatOpensInANewTab(string device, int width, int height)
    {
        var page = await OpenWidgetAsync(width, height);
        await SendAsync(page, "고객센터 연락처 알려주세요");
        var link = LastBotBubble(page).Locator("a[href='https://seller.example.com/support/chat']");
        await Assertions.Expect(link).ToBeVisibleAsync();
        await Assertions.Expect(link).ToHaveAttributeAsync("target", "_blank");
        await Assertions.Expect(link).ToHaveAttributeAsync("rel", new Regex("noopener"));
        await page.ShotAsync($"widget-links-{device}.png");
    }

    [Theory]
    [MemberData(nameof(Devices))]
    public async Task TheStartOfANewLongAnswerIsInView(string device, int width, int height)
    {
        var page = await OpenWidgetAsync(width, height);
        // Fill the transcript first, so that the view has to scroll for every new answer.
        await SendAsync(page, "수수료는 얼마인가요?");
        await Assertions.Expect(Text(page, "매출연동")).ToBeVisibleAsync();
        await SendAsync(page, "판매자 등급 기준이 뭐예요?");
        var first = LastBotBubble(page).GetByText("판매자 등급은 최근 3개월", new() { Exact = false });
        await Assertions.Expect(first).ToBeVisibleAsync();
        await page.WaitForTimeoutAsync(1500); // let Web Chat finish its own scrolling
        await Assertions.Expect(first).ToBeInViewportAsync();
        var transcript = await page.Locator("#assistant-chat-webchat .webchat__basic-transcript__scrollable").BoundingBoxAsync();
        var start = await first.BoundingBoxAsync();
        await page.ShotAsync($"widget-long-answer-{device}.png");
        Assert.NotNull(transcript);
        Assert.NotNull(start);
        Assert.True(start!.Y >= transcript!.Y - 1 && start.Y + start.Height <= transcript.Y + transcript.Height + 1,
            $"first line at {start.Y}..{start.Y + start.Height}, transcript shows {transcript.Y}..{transcript.Y + transcript.Height}");
    }

    [Theory]
    [MemberData(nameof(Devices))]
    public async Task AnAgentsMessageShowsTheAgentAndIsNeverHtmlAndTheHandoffButtonHidesMeanwhile(string device, int width, int height)
    {
        var page = await OpenWidgetAsync(width, height);
        await page.ClickAsync("#assistant-handoff-button");
        await Assertions.Expect(Text(page, "어떤 문제인지")).ToBeVisibleAsync();
        await SendAsync(page, "정산금이 일주일째 안 들어와요");
        await Assertions.Expect(Text(page, "주문번호 16자리")).ToBeVisibleAsync();
        await SendAsync(page, "모름");
        await Assertions.Expect(Text(page, "판매자 ID(")).ToBeVisibleAsync();
        await SendAsync(page, "agent_view_shop");
        await Assertions.Expect(Text(page, "상품명을 알려 주세요")).ToBeVisibleAsync();
        await SendAsync(page, "없음");
        await SuggestedActions.PressAsync(page, "접수하기");
        var created = page.GetByText(new Regex("접수번호는 T\\d{6}")).First;
        await Assertions.Expect(created).ToBeVisibleAsync();
        var number = Regex.Match(await created.InnerTextAsync(), "T\\d{6}").Value;
        await Assertions.Expect(page.Locator("#assistant-handoff-button")).ToBeVisibleAsync();

        var desk = browser.Factory.Services.GetRequiredService<AgentDesk>();
        var agent = new AgentAccount("agent-view-" + device, "김민지", AgentRole.Agent, []);
        Assert.Equal(DeskOutcome.Done, (await desk.ClaimAsync(agent, number)).Item1);
        await Assertions.Expect(page.Locator("#assistant-handoff-button")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("#assistant-chat-panel > header")).ToContainTextAsync("김민지 상담원과 대화 중");

        Assert.Equal(DeskOutcome.Done, (await desk.ReplyAsync(agent, number, "<b>굵게</b> <img src=x onerror=\"document.title='pwned'\"> 정산 보류 건을 확인해 드릴게요.")).Item1);
        var message = page.Locator(".assistant-agent-message", new() { HasText = "정산 보류 건을 확인해 드릴게요" });
        await Assertions.Expect(message).ToBeVisibleAsync();
        await Assertions.Expect(message.Locator(".assistant-agent-name")).ToHaveTextAsync("김민지 상담원");
        await Assertions.Expect(message).ToContainTextAsync("<b>굵게</b>");
        Assert.Equal(0, await message.Locator("b, img").CountAsync());
        Assert.NotEqual("pwned", await page.TitleAsync());
        var agentBackground = await message.Locator(".webchat__bubble__content").EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor");
        var botBackground = await page.Locator(".webchat__bubble:not(.webchat__bubble--from-user) .webchat__bubble__content").First.EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor");
        Assert.NotEqual(botBackground, agentBackground);
        // The bot's own notices are not marked as the agent's.
        Assert.Equal(1, await page.Locator(".assistant-agent-message").CountAsync());
        await message.ScrollIntoViewIfNeededAsync();
        await page.ShotAsync($"widget-agent-{device}.png");

        Assert.Equal(DeskOutcome.Done, (await desk.HandBackAsync(agent, number)).Item1);
        await Assertions.Expect(Text(page, "다시 판매자센터 도우미가")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#assistant-handoff-button")).ToBeVisibleAsync();
    }

    [Theory]
    [MemberData(nameof(Devices))]
    public async Task ADislikeAsksWhatWasMissingAndKeepsTheAnswerWithTheRating(string device, int width, int height)
    {
        var page = await OpenWidgetAsync(width, height);
        await SendAsync(page, "세금계산서는 어디서 조회하나요?");
        await Assertions.Expect(Text(page, "세금계산서 조회")).ToBeVisibleAsync();
        var dislike = page.Locator(".webchat__thumb-button:has(.webchat__thumb-button__image--is-down)").Last;
        await Assertions.Expect(dislike).ToBeVisibleAsync();
        var box = await dislike.BoundingBoxAsync();
        Assert.True(box!.Width >= 40 && box.Height >= 40, $"the dislike button is {box.Width}x{box.Height}");
        await page.WaitForTimeoutAsync(1000); // the widget may still move a new answer into view (0.7 s after it arrives)
        await dislike.ClickAsync();

        await Assertions.Expect(Text(page, "어떤 점이 부족했는지")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".webchat__suggested-action", new() { HasText = "상담원 연결" })).ToBeVisibleAsync();
        await page.ShotAsync($"widget-dislike-{device}.png");
        await SendAsync(page, "수정세금계산서 발행 방법도 알려 주면 좋겠어요");
        await Assertions.Expect(Text(page, "알려 주셔서 감사해요")).ToBeVisibleAsync();

        var conversationId = await ConversationIdAsync(page);
        var entries = await browser.Factory.Services.GetRequiredService<FeedbackStore>().ListAsync(DirectLineBridge.ChannelId, conversationId);
        var entry = Assert.Single(entries);
        Assert.False(entry.Helpful);
        Assert.Equal("tax-invoice", entry.FaqId);
        Assert.Equal("수정세금계산서 발행 방법도 알려 주면 좋겠어요", entry.Comment);

        // Only the message right after the question is a comment: the next one is answered as usual.
        await SendAsync(page, "수수료는 얼마인가요?");
        await Assertions.Expect(Text(page, "매출연동")).ToBeVisibleAsync();
        Assert.Equal("수정세금계산서 발행 방법도 알려 주면 좋겠어요", Assert.Single(await browser.Factory.Services.GetRequiredService<FeedbackStore>().ListAsync(DirectLineBridge.ChannelId, conversationId)).Comment);
        await page.ShotAsync($"widget-dislike-thanks-{device}.png");
    }

    [Fact]
    public async Task TheDemoOrdersFitOnAPhone()
    {
        var page = await browser.NewPageAsync(390, 844);
        await page.GotoAsync(browser.BaseUrl + "/");
        var table = page.Locator(".orders-table");
        await table.ScrollIntoViewIfNeededAsync();
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "the page scrolls sideways");
        var box = await table.BoundingBoxAsync();
        Assert.True(box!.X >= 0 && box.X + box.Width <= 390, $"the orders table spans {box.X}..{box.X + box.Width}");
        var scroller = page.Locator(".table-scroll");
        Assert.True(await scroller.EvaluateAsync<bool>("e => e.scrollWidth <= e.clientWidth"), "the orders table is cut off");
        await page.Locator(".orders").ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, "demo-orders-phone.png"), Timeout = 60_000 });
    }
}
