using System.Net;
using System.Text.RegularExpressions;
using Assistant.Server.Storage;
using Assistant.Server.Tests;
using Assistant.Server.Tests.Agents;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Assistant.Browser.Tests;

/// <summary>A server with a supervisor account and the seeded week of <see cref="DashboardHistory"/>, and Chromium.</summary>
public sealed class DashboardFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public AssistantFactory Factory { get; } = Server.Tests.Agents.DashboardTests.WithSupervisor(new AssistantFactory());
    public IBrowser Browser { get; private set; } = null!;
    public string BaseUrl { get; private set; } = "";

    public async Task InitializeAsync()
    {
        BaseUrl = Chromium.Serve(Factory);
        DashboardHistory.Seed(Factory.Services.GetRequiredService<Database>());
        _playwright = await Playwright.CreateAsync();
        Browser = await Chromium.LaunchAsync(_playwright);
    }

    public async Task<IPage> SignedInAsync(string user, string password, int width, int height)
    {
        var page = await Chromium.NewPageAsync(Browser, width, height);
        await Chromium.SignInAsync(page, BaseUrl, user, password);
        return page;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        _playwright?.Dispose();
        await Factory.DisposeAsync();
    }
}

public sealed class DashboardTests(DashboardFixture fixture) : IClassFixture<DashboardFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => Chromium.CloseContextsAsync(fixture.Browser);

    private const string Week = $"?from={DashboardHistory.From}&to={DashboardHistory.To}";

    private Task<IPage> SupervisorAsync(int width, int height) =>
        fixture.SignedInAsync(Server.Tests.Agents.DashboardTests.Supervisor, Server.Tests.Agents.DashboardTests.SupervisorPassword, width, height);

    private static async Task AssertSeededWeekAsync(IPage page)
    {
        await Assertions.Expect(page.Locator("body[data-loaded]")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#kpi-conversations .kpi-value")).ToHaveTextAsync("14");
        await Assertions.Expect(page.Locator("#kpi-resolution .kpi-value")).ToHaveTextAsync("35.7%");
        await Assertions.Expect(page.Locator("#kpi-containment .kpi-value")).ToHaveTextAsync("71.4%");
        await Assertions.Expect(page.Locator("#kpi-promise .kpi-value")).ToHaveTextAsync("33.3%");
        await Assertions.Expect(page.Locator("#kpi-answered .kpi-value")).ToHaveTextAsync("11");
        await Assertions.Expect(page.Locator("#kpi-handoff .kpi-value")).ToHaveTextAsync("2");
        await Assertions.Expect(page.Locator("#kpi-first-response .kpi-value")).ToHaveTextAsync("1시간");
        await Assertions.Expect(page.Locator("#kpi-resolution-time .kpi-value")).ToHaveTextAsync("2시간");
        await Assertions.Expect(page.Locator("#faq-rows tr").First).ToHaveAttributeAsync("data-faq", "fees");
        await Assertions.Expect(page.Locator("#faq-rows tr[data-faq='fees'] td.down")).ToHaveTextAsync("1");

        foreach (var id in new[] { "daily-chart", "category-chart", "response-chart" })
        {
            // A Chart.js chart is attached to the canvas, and the canvas has drawn pixels.
            var drawn = await page.EvaluateAsync<int>($$"""
                () => {
                  const canvas = document.getElementById('{{id}}');
                  if (!window.Chart || !window.Chart.getChart(canvas)) return -1;
                  const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
                  let painted = 0;
                  for (let i = 3; i < data.length; i += 4) if (data[i] > 0) painted++;
                  return painted;
                }
                """);
            Assert.True(drawn > 500, $"{id}: {drawn} painted pixels");
        }
        // The daily chart has the five outcomes of the seven days.
        Assert.Equal(7, await page.EvaluateAsync<int>("() => Chart.getChart('daily-chart').data.labels.length"));
        Assert.Equal(3, await page.EvaluateAsync<int>("() => Chart.getChart('daily-chart').data.datasets[0].data[0]"));
    }

    [Fact]
    public async Task ASupervisorOpensTheDashboardFromTheConsoleOnADesktop()
    {
        var page = await SupervisorAsync(1280, 800);
        var link = page.Locator("#dashboard-link");
        await Assertions.Expect(link).ToBeVisibleAsync();
        await link.ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/agent/dashboard.html"));
        await Assertions.Expect(page.Locator("#dashboard")).ToBeVisibleAsync();

        await page.GotoAsync(fixture.BaseUrl + "/agent/dashboard.html" + Week);
        await AssertSeededWeekAsync(page);
        await Assertions.Expect(page.Locator("#channel option")).ToHaveCountAsync(4);
        await page.ShotAsync("dashboard-desktop.png", fullPage: true);

        // Choosing a channel reloads the figures for it.
        await page.SelectOptionAsync("#channel", "talktalk");
        await Assertions.Expect(page.Locator("#kpi-conversations .kpi-value")).ToHaveTextAsync("2");
        await Assertions.Expect(page.Locator("#kpi-resolution .kpi-value")).ToHaveTextAsync("50.0%");
        Assert.Contains("channel=talktalk", page.Url);
    }

    [Fact]
    public async Task TheDashboardIsReadableOnAPhone()
    {
        var page = await SupervisorAsync(390, 844);
        await page.GotoAsync(fixture.BaseUrl + "/agent/dashboard.html" + Week);
        await AssertSeededWeekAsync(page);
        // Nothing is wider than the screen.
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "the page scrolls sideways");
        await page.ShotAsync("dashboard-phone.png", fullPage: true);
    }

    [Fact]
    public async Task AnAgentHasNoLinkAndTheDashboardSaysItIsForSupervisors()
    {
        var page = await fixture.SignedInAsync("agent1", "agent1-password", 1280, 800);
        await Assertions.Expect(page.Locator("#agent-name")).ToHaveTextAsync(new Regex("김상담"));
        await Assertions.Expect(page.Locator("#dashboard-link")).ToBeHiddenAsync();
        await page.GotoAsync(fixture.BaseUrl + "/agent/dashboard.html");
        await Assertions.Expect(page.Locator("#dash-message")).ToContainTextAsync("슈퍼바이저");
        await Assertions.Expect(page.Locator("#dashboard")).ToBeHiddenAsync();
    }
}
