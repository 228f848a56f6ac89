using System.Net;
using Assistant.Server.Tests;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Assistant.Browser.Tests;

/// <summary>What every browser test does the same way: serve the app on loopback, start Debian's Chromium, open a page of a device's size, sign in to the console.</summary>
public static class Chromium
{
    public static readonly string[] Flags =
        ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

    /// <summary>Starts the app on a free loopback port and returns its base URL.</summary>
    public static string Serve(AssistantFactory factory)
    {
        factory.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        factory.StartServer();
        return factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
    }

    public static Task<IBrowser> LaunchAsync(IPlaywright playwright) => playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
    {
        ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium",
        Headless = true,
        Args = Flags,
    });

    /// <summary>
    /// Saves a screenshot of the page in the artifacts folder as <paramref name="name"/>. A screenshot is a record for people,
    /// not what a test checks, but a missing one still fails the test. On the busy 2-core CI machine a capture once took longer
    /// than the page's 15 s default and once hung for a minute after the fonts had loaded (the compositor gave no frame), so a
    /// capture gets 30 s and, when it times out, one more try with the page brought to the front.
    /// </summary>
    public static async Task ShotAsync(this IPage page, string name, bool fullPage = false)
    {
        var options = new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, name), FullPage = fullPage, Timeout = 30_000 };
        try
        {
            await page.ScreenshotAsync(options);
        }
        catch (TimeoutException)
        {
            await page.BringToFrontAsync();
            await page.ScreenshotAsync(options);
        }
    }

    /// <summary>
    /// Closes every page the browser has open. A class's tests run one after another on one browser, so each test closes
    /// what it opened when it ends: left open, the widget pages of earlier tests keep polling and rendering and slow the
    /// next test's captures on two cores.
    /// </summary>
    public static async Task CloseContextsAsync(IBrowser browser)
    {
        foreach (var context in browser.Contexts.ToList()) await context.CloseAsync();
    }

    /// <summary>A page in its own context, sized like the device (a phone below 600 px wide, with touch), in Korean.</summary>
    public static async Task<IPage> NewPageAsync(IBrowser browser, int width, int height)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = "ko-KR",
            IsMobile = width < 600,
            HasTouch = width < 600,
        });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(15_000);
        return page;
    }

    /// <summary>Signs in to the agent console on <paramref name="page"/> and waits until the console shows.</summary>
    public static async Task<IPage> SignInAsync(IPage page, string baseUrl, string user, string password)
    {
        await page.GotoAsync(baseUrl + "/agent/");
        await page.FillAsync("#username", user);
        await page.FillAsync("#password", password);
        await page.ClickAsync("#login-button");
        await Assertions.Expect(page.Locator("#console-view")).ToBeVisibleAsync();
        return page;
    }
}
