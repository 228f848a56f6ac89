using System.Net;
using Assistant.Server.Tests;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Assistant.Browser.Tests;

/// <summary>
/// The real server on a loopback port, a fake Bot Framework channel for the seller side, and
/// Debian's Chromium driven by Playwright (no browser download).
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public static readonly string[] ChromiumFlags =
        ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

    private IPlaywright? _playwright;

    public AssistantFactory Factory { get; } = new();
    public FakeChannel Channel { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;
    public string BaseUrl { get; private set; } = "";

    public static string ArtifactsDirectory
    {
        get
        {
            var dir = Environment.GetEnvironmentVariable("ASSISTANT_ARTIFACTS") ?? Path.Combine(RepoPaths.Root, "artifacts", "screenshots");
            Directory.CreateDirectory(dir);
            return dir;
        }
    }

    public async Task InitializeAsync()
    {
        Channel = await FakeChannel.StartAsync();
        Factory.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        Factory.StartServer();
        BaseUrl = Factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ChromiumFlags,
        });
    }

    public async Task<IPage> NewPageAsync(int width = 1280, int height = 860)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
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

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        _playwright?.Dispose();
        await Channel.DisposeAsync();
        await Factory.DisposeAsync();
    }
}

