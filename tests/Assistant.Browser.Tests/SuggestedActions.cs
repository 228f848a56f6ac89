using Microsoft.Playwright;

namespace Assistant.Browser.Tests;

/// <summary>Pressing a Web Chat suggested action the way a seller does.</summary>
internal static class SuggestedActions
{
    /// <summary>
    /// Clicks the suggested action labelled <paramref name="label"/>. Web Chat disables its buttons
    /// while its connection is not ready (e.g. reconnecting its stream on a busy machine), so this
    /// waits for the button to be enabled first and, if it never is, says what Web Chat reported.
    /// </summary>
    public static async Task PressAsync(IPage page, string label)
    {
        var button = page.Locator(".webchat__suggested-action", new() { HasText = label }).First;
        try
        {
            await Assertions.Expect(button).ToBeEnabledAsync(new() { Timeout = 30_000 });
        }
        catch (PlaywrightException)
        {
            // Say which it was (never shown, or shown and disabled), with what Web Chat showed last.
            var shown = await button.CountAsync() > 0;
            var status = await page.Locator(".webchat__connectivityStatus").AllInnerTextsAsync();
            var actions = await page.Locator(".webchat__suggested-action").AllInnerTextsAsync();
            var bubbles = await page.Locator(".webchat__bubble__content").AllInnerTextsAsync();
            throw new Xunit.Sdk.XunitException(
                $"the '{label}' button {(shown ? "stayed disabled" : "was never shown")}; Web Chat's connectivity status: '{string.Join(" / ", status)}'; "
                + $"suggested actions shown: [{string.Join(", ", actions)}]; last messages: {string.Join(" | ", bubbles.TakeLast(3).Select(b => b.ReplaceLineEndings(" ")))}");
        }
        await button.ClickAsync();
    }
}
