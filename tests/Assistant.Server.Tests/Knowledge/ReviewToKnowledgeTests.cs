using System.Net;
using System.Text.Json.Nodes;
using Assistant.Server.Storage;
using Microsoft.Extensions.DependencyInjection;
using static Assistant.Server.Tests.Knowledge.KnowledgeTestKit;

namespace Assistant.Server.Tests.Knowledge;

/// <summary>
/// The learning loop end to end, on the real knowledge store: a seller's question the assistant could not answer reaches the
/// review queue, a reviewer adds it as a phrasing of an entry, the change is trained, evaluated and switched to, and the same
/// question is then answered, without a restart.
/// </summary>
public sealed class ReviewToKnowledgeTests
{
    private const string Review = "/api/agent/supervisor/review";

    [Fact]
    public async Task AMessageAddedFromTheQueueIsAnsweredByItsEntryOnceTheNewVersionIsServed()
    {
        using var knowledge = new SmallKnowledge();
        using var factory = knowledge.Server();
        var client = factory.CreateClient();
        var supervisor = await SignInSupervisorAsync(client);
        string[] asked = ["스마트스토어 마진에서 빠지는 요율이 궁금해요", "스마트스토어 마진에서 빠지는 요율 궁금함"];

        foreach (var text in asked)
            Assert.NotEqual("answer", (string?)(await DecisionAsync(client, text))["action"]);
        await factory.Services.GetRequiredService<TurnLog>().FlushAsync();

        var queue = await supervisor.JsonAsync(await supervisor.GetAsync(Review));
        var group = queue["groups"]!.AsArray().Single(g => g!["messages"]!.AsArray().Any(m => (string?)m!["text"] == asked[0]))!;
        var keys = group["messages"]!.AsArray().Select(m => (string)m!["key"]!).ToArray();
        Assert.Equal(2, (int)group["count"]!);

        var saved = await supervisor.JsonAsync(await supervisor.PostAsync(Review + "/add", new { keys, faqId = "fees" }));
        Assert.True((bool)saved["saved"]!);
        var version = await SettledAsync(supervisor, (string)saved["versionId"]!);
        Assert.Equal("active", (string?)version["state"]);

        var after = await DecisionAsync(client, asked[0]);
        Assert.Equal(("answer", "fees"), ((string?)after["action"], (string?)after["faqId"]));
        Assert.Contains("스마트스토어 마진에서 빠지는 요율이 궁금해요", File.ReadAllText(Path.Combine(knowledge.Directory, "faq", "fees.yaml")));
        var rest = await supervisor.JsonAsync(await supervisor.GetAsync(Review));
        Assert.DoesNotContain(rest["groups"]!.AsArray(), g => g!["messages"]!.AsArray().Any(m => (string?)m!["text"] == asked[0]));
    }
}
