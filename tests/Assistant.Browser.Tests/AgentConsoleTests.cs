using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Assistant.Server.Tests;
using Assistant.Server.Tests.DirectLine;
using Assistant.Server.Tests.Handoff;
using Microsoft.Playwright;

namespace Assistant.Browser.Tests;

public sealed class AgentConsoleTests(BrowserFixture browser) : IClassFixture<BrowserFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => Chromium.CloseContextsAsync(browser.Browser);

    private Seller NewSeller() => new(browser.Factory.CreateClient(), browser.Channel);

    private async Task<IPage> SignedInConsoleAsync(int width = 1280)
    {
        var page = await Chromium.SignInAsync(await browser.NewPageAsync(width), browser.BaseUrl, "agent1", "agent1-password");
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
        await page.ShotAsync("agent-console-desktop.png", fullPage: true);
    }

    [Fact]
    public async Task SellerWrittenTextIsShownAsTextNeverAsMarkup()
    {
        var page = await SignedInConsoleAsync();
        var seller = NewSeller();
        var number = await seller.OpenTicketAsync("<img src=x onerror=\"document.title='pwned'\"> 정산이 안 돼요");
        await page.Locator($"[data-ticket='{number}']").ClickAsync();
        // The problem is read without its markup; the transcript keeps the message as sent, shown as text.
        await Assertions.Expect(page.Locator("#ticket-description")).ToContainTextAsync("정산이 안 돼요");
        await Assertions.Expect(page.Locator("#ticket-description")).Not.ToContainTextAsync("<img");
        await Assertions.Expect(page.Locator("#transcript")).ToContainTextAsync("<img src=x");
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
        await page.ShotAsync("agent-console-mobile.png", fullPage: true);
    }

    /// <summary>A web-chat seller (Direct Line) who hands off; returns the ticket number once the bot has told it.</summary>
    private async Task<string> WebChatTicketAsync()
    {
        var seller = await DirectLineClient.StartAsync(browser.Factory.CreateClient());
        await seller.PostAsync("판매자 아이디 myshop01 이고 상품 무선이어폰 주문번호 2024112511223344 건인데 정산금이 일주일째 안 들어와요 확인 부탁드려요. 상담원 연결해 주세요", "c1");
        await PollUntilAsync(seller, a => (string?)a["channelData"]?["assistant"]?["intent"] == "handoff.confirm");
        await seller.PostAsync("접수", "c2");
        var created = await PollUntilAsync(seller, a => a["channelData"]?["assistant"]?["ticket"] is not null);
        return (string)created["channelData"]!["assistant"]!["ticket"]!;
    }

    /// <summary>"오늘 오전 9시까지", "12월 7일(월) 낮 12시까지": a promised time as the console must say it, in Seoul.</summary>
    private static string SeoulDueLabel(DateTimeOffset due, DateTimeOffset now)
    {
        var seoul = TimeZoneInfo.FindSystemTimeZoneById("Asia/Seoul");
        var at = TimeZoneInfo.ConvertTime(due, seoul);
        var today = TimeZoneInfo.ConvertTime(now, seoul).Date;
        var day = at.Date == today ? "오늘" : at.Date == today.AddDays(1) ? "내일" : $"{at.Month}월 {at.Day}일({"일월화수목금토"[(int)at.DayOfWeek]})";
        var part = at.Hour == 0 ? "밤" : at.Hour == 12 ? "낮" : at.Hour < 12 ? "오전" : "오후";
        var hour = at.Hour % 12 == 0 ? 12 : at.Hour % 12;
        return $"{day} {part} {hour}시{(at.Minute > 0 ? $" {at.Minute}분" : "")}까지";
    }

    private static async Task<JsonNode> PollUntilAsync(DirectLineClient client, Func<JsonNode, bool> match)
    {
        for (var i = 0; i < 200; i++)
        {
            if ((await client.PollAsync()).FirstOrDefault(a => a is not null && match(a)) is { } found) return found;
            await Task.Delay(100);
        }
        throw new TimeoutException("the bot did not answer");
    }

    [Theory]
    [InlineData(1280, "desktop")]
    [InlineData(390, "phone")]
    public async Task TheTicketShowsThePromiseTheChannelTheProblemAndRendersMarkdownSafely(int width, string name)
    {
        var page = await SignedInConsoleAsync(width);
        var number = await WebChatTicketAsync();
        await page.Locator($"[data-ticket='{number}']").ClickAsync();
        await Assertions.Expect(page.Locator("#ticket-number")).ToHaveTextAsync(number);

        await Assertions.Expect(page.Locator("#ticket-channel")).ToHaveTextAsync("웹 채팅");
        await Assertions.Expect(page.Locator("#ticket-summary-line")).ToHaveTextAsync("정산 · 주문 2024112511223344 · 정산금이 일주일째 안 들어와요");
        await Assertions.Expect(page.Locator("#ticket-promise")).ToBeVisibleAsync();
        // On the service's clock (Asia/Seoul), the one the seller read, though this browser runs on the machine's (UTC).
        var due = DateTimeOffset.Parse(await page.EvaluateAsync<string>("n => fetch('/api/agent/tickets/' + n).then(r => r.json()).then(t => t.promise.due)", number),
            System.Globalization.CultureInfo.InvariantCulture);
        await Assertions.Expect(page.Locator("#ticket-promise-due")).ToHaveTextAsync(SeoulDueLabel(due, DateTimeOffset.UtcNow));
        await Assertions.Expect(page.Locator("#ticket-promise-left")).ToHaveTextAsync(new Regex(@"^(\d+일 )?(\d+시간 )?(\d+분 )?(남음|지남)$|^\d+(일|시간|분) (남음|지남)$"));
        await Assertions.Expect(page.Locator("#ticket-promise-text")).ToContainTextAsync("판매자 안내:");
        await Assertions.Expect(page.Locator($"[data-ticket='{number}'] .row-due")).ToHaveCountAsync(1);

        // An agent reply in Markdown: bold, a list and a link are rendered; markup in the text is not.
        await page.ClickAsync("#claim-button");
        await page.FillAsync("#reply-text", "**정산 보류** 상태예요.\n\n- 첫째 확인\n\n- 둘째 확인\n\n자세한 안내: https://example.com/help?a=1 <img src=x onerror=\"document.title='pwned'\">");
        await page.ClickAsync("#reply-button");
        var bubble = page.Locator("#transcript .msg.agent").Last;
        await Assertions.Expect(bubble.Locator("strong")).ToHaveTextAsync("정산 보류");
        await Assertions.Expect(bubble.Locator("ul > li")).ToHaveCountAsync(2);
        var link = bubble.Locator("a");
        await Assertions.Expect(link).ToHaveAttributeAsync("href", "https://example.com/help?a=1");
        await Assertions.Expect(link).ToHaveAttributeAsync("target", "_blank");
        await Assertions.Expect(link).ToHaveAttributeAsync("rel", "noopener noreferrer");
        Assert.Equal(0, await page.Locator("#transcript img").CountAsync());
        await Assertions.Expect(bubble).ToContainTextAsync("<img src=x");
        Assert.NotEqual("pwned", await page.TitleAsync());

        // The hint about Enter is for physical keyboards; a phone has the send button.
        await Assertions.Expect(page.Locator(".reply-hint")).ToBeVisibleAsync(new() { Visible = width > 600 });
        await Assertions.Expect(page.Locator("#reply-button")).ToBeVisibleAsync();

        // More messages so the transcript scrolls, then: the heading never covers the transcript's first visible line,
        // and on any screen the last message is not under the reply box.
        for (var i = 0; i < 6; i++)
        {
            await page.FillAsync("#reply-text", $"추가 안내 {i}번째 메시지입니다.");
            await page.ClickAsync("#reply-button");
            await Assertions.Expect(page.Locator("#transcript .msg.agent").Last).ToContainTextAsync($"추가 안내 {i}번째");
        }
        var covered = await page.EvaluateAsync<string>(@"() => {
            const box = document.getElementById('transcript');
            box.scrollTop = 40;
            const title = document.querySelector('.convo-title').getBoundingClientRect();
            const top = box.getBoundingClientRect();
            if (title.bottom > top.top + 1) return 'heading overlaps transcript';
            const probe = document.elementFromPoint(top.left + 30, top.top + 4);
            if (!box.contains(probe)) return 'transcript top is covered by ' + (probe && probe.className);
            box.scrollTop = box.scrollHeight;
            const last = box.lastElementChild;
            last.scrollIntoView({ block: 'nearest' });
            const r = last.getBoundingClientRect();
            const hit = document.elementFromPoint(r.left + 20, r.bottom - 6);
            if (!last.contains(hit)) return 'last message covered by ' + (hit && (hit.id || hit.className));
            return '';
        }");
        Assert.Equal("", covered);
        await page.EvaluateAsync("() => document.getElementById('transcript').scrollTop = 0");
        // A phone is captured as its screen (sticky bars misplace in a full-page capture).
        await page.ShotAsync($"console-ticket-{name}.png", fullPage: width > 600);
    }

    [Theory]
    [InlineData(1280, "desktop")]
    [InlineData(390, "phone")]
    public async Task AnUrgentTicketIsFlaggedAndTheSellersDislikesAreListed(int width, string name)
    {
        var page = await SignedInConsoleAsync(width);
        var seller = NewSeller();
        var answer = await seller.SayAsync("정산 계좌 변경하는 방법 알려주세요");
        var faqId = (string)Activities.Decision(answer[^1])["faqId"]!;
        var dislike = Activities.Message("", seller.ConversationId, browser.Channel.ServiceUrl);
        dislike["type"] = "event";
        dislike["name"] = "webchat:activity-status/feedback";
        dislike["entities"] = new JsonArray(new JsonObject { ["type"] = "https://schema.org/Message", ["@id"] = $"feedback:dislike:{faqId}" });
        await Activities.SendAllAsync(browser.Factory.CreateClient(), dislike);
        var number = await seller.OpenTicketAsync("계정이 해킹당한 것 같아요 모르는 기기에서 로그인됐어요");

        var row = page.Locator($"[data-ticket='{number}']");
        await Assertions.Expect(row.Locator(".row-top > :first-child")).ToHaveTextAsync("긴급");
        await Assertions.Expect(page.Locator("#queue > [data-ticket]").First).ToHaveClassAsync(new Regex("is-urgent"));
        await row.ClickAsync();
        await Assertions.Expect(page.Locator("#ticket-urgent-banner")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#ticket-urgent-banner")).ToContainTextAsync("계정 도용 의심");
        var dislikes = page.Locator("#ticket-dislikes li");
        await Assertions.Expect(dislikes).ToHaveCountAsync(1);
        await Assertions.Expect(dislikes.First).ToHaveAttributeAsync("data-faq-id", faqId);
        await Assertions.Expect(dislikes.First).ToHaveTextAsync("정산 계좌 변경 방법");
        Assert.DoesNotContain(faqId, await dislikes.First.TextContentAsync() ?? "");
        await page.ShotAsync($"console-urgent-{name}.png", fullPage: width > 600);
    }
}
