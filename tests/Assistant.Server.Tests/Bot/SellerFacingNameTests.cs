using Assistant.Knowledge;
using Assistant.Server.DirectLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Assistant.Server.Tests.Bot;

/// <summary>Sellers meet one assistant: the Direct Line bot name, the widget title and the greeting agree.</summary>
public sealed class SellerFacingNameTests
{
    [Fact]
    public void TheBotNameTheWidgetTitleAndTheGreetingAgree()
    {
        using var factory = new AssistantFactory();
        var name = factory.Services.GetRequiredService<IOptions<DirectLineOptions>>().Value.BotName;
        var replies = factory.Services.GetRequiredService<KnowledgeBase>().Replies;

        Assert.Contains(name, replies.Welcome);
        Assert.Contains(name, replies["handedBack"]);
        Assert.Contains($"'{name}'", File.ReadAllText(Path.Combine(RepoPaths.Root, "src/Assistant.Server/wwwroot/webchat/widget.js")));
        var demo = File.ReadAllText(Path.Combine(RepoPaths.Root, "src/Assistant.Server/wwwroot/index.html"));
        Assert.DoesNotContain("Assistant", demo);
    }
}
