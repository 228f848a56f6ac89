using System.Net;
using Assistant.Server.Tests.Knowledge;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Assistant.Browser.Tests;

/// <summary>
/// The supervisor's knowledge page in Chromium: an import is previewed (nothing saved), applied, trained, evaluated and
/// switched to, and the version list shows it served with its comparison; desktop and phone.
/// </summary>
public sealed class KnowledgePageTests
{
    private static readonly string Csv = "id,category,title,answer,phrasings\n" +
        "gift-wrap,products,선물 포장 서비스,\"선물 포장은 상품 등록 화면의 **추가 옵션**에서 '선물 포장' 옵션을 만들어 제공해요.\",\"" +
        string.Join('|', "선물 포장 해 주나요?", "선물포장 옵션 어떻게 만들어요", "포장비 따로 받을 수 있나요", "선물용 포장 서비스 하고 싶어요",
            "기프트 포장 옵션 추가", "선물 포장 요청한 고객 주문은 어떻게 봐요", "포장지 선택 옵션 넣는 법", "선물 포장 유료로 하고 싶어요",
            "리본 포장 옵션 설정", "선물 포장 가능 상품 표시하는 방법", "선물 포장비 얼마 받아야 해요", "구매자가 선물 포장 원하면 어떻게 해요") + "\"\n";

    [Theory]
    [InlineData(1280, 800, "desktop")]
    [InlineData(390, 844, "phone")]
    public async Task AnImportIsPreviewedThenAppliedAndTheNewVersionIsServed(int width, int height, string device)
    {
        using var knowledge = new SmallKnowledge();
        await using var factory = knowledge.Server();
        var baseUrl = Chromium.Serve(factory);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        var page = await Chromium.SignInAsync(await Chromium.NewPageAsync(browser, width, height), baseUrl, KnowledgeTestKit.Supervisor, KnowledgeTestKit.SupervisorPassword);
        await Assertions.Expect(page.Locator("#knowledge-link")).ToBeVisibleAsync();
        await page.ClickAsync("#knowledge-link");

        await page.SelectOptionAsync("#kn-format", "csv");
        await page.FillAsync("#kn-content", Csv);
        await page.ClickAsync("#kn-dry-run");
        await Assertions.Expect(page.Locator("#kn-result-summary")).ToContainTextAsync("gift-wrap");
        await Assertions.Expect(page.Locator("#kn-apply")).ToBeEnabledAsync();
        Assert.False(File.Exists(Path.Combine(knowledge.Directory, "faq", "gift-wrap.yaml")));

        await page.ClickAsync("#kn-apply");
        await Assertions.Expect(page.Locator("#kn-result-summary")).ToContainTextAsync("저장했어요");
        var served = page.Locator("#kn-versions tr").Filter(new() { HasText = "gift-wrap" }).Locator(".kn-state.active");
        await Assertions.Expect(served).ToBeVisibleAsync(new() { Timeout = 120_000 });
        Assert.True(File.Exists(Path.Combine(knowledge.Directory, "faq", "gift-wrap.yaml")));

        Directory.CreateDirectory(BrowserFixture.ArtifactsDirectory);
        await page.ShotAsync($"knowledge-{device}.png", fullPage: true);
        var overflow = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1");
        Assert.False(overflow, "the page scrolls sideways");
    }
}
