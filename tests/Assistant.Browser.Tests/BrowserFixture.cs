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
        BaseUrl = Chromium.Serve(Factory);

        _playwright = await Playwright.CreateAsync();
        Browser = await Chromium.LaunchAsync(_playwright);
    }

    public async Task<IPage> NewPageAsync(int width = 1280, int height = 860)
    {
        var page = await Chromium.NewPageAsync(Browser, width, height);
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

