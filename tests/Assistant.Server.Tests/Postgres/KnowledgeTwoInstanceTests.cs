using System.Net;
using Assistant.Server.Tests.Knowledge;
using static Assistant.Server.Tests.Knowledge.KnowledgeTestKit;

namespace Assistant.Server.Tests.Postgres;

/// <summary>Two instances on one PostgreSQL: a version switched to on A is served by B too, from the stored files and model.</summary>
[Collection(PostgresCollection.Name)]
public sealed class KnowledgeTwoInstanceTests(PostgresServer server)
{
    [Fact]
    public async Task AVersionSwitchedToOnOneInstanceIsPickedUpByTheOther()
    {
        var connectionString = await server.CreateDatabaseAsync();
        using var knowledge = new SmallKnowledge();
        var otherFolder = knowledge.Copy(Path.Combine(knowledge.Root, "knowledge-b"));
        using var a = knowledge.Server(AssistantFactory.OnPostgres(connectionString));
        using var b = knowledge.Server(AssistantFactory.OnPostgres(connectionString), otherFolder);
        var clientA = a.CreateClient();
        var clientB = b.CreateClient();
        Assert.NotEqual("gift-packaging", (string?)(await DecisionAsync(clientB, GiftQuestion))["faqId"]);

        var supervisor = await SignInSupervisorAsync(clientA);
        var saved = await supervisor.JsonAsync(await supervisor.PostAsync($"{Api}/entries", new { entry = GiftPackaging }), HttpStatusCode.Accepted);
        var version = await SettledAsync(supervisor, (string)saved["versionId"]!);
        Assert.Equal("active", (string?)version["state"]);
        Assert.Equal("gift-packaging", (string?)(await DecisionAsync(clientA, GiftQuestion))["faqId"]);

        // B polls the versions table, loads the files and the stored model (no training there) and switches.
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while ((string?)(await DecisionAsync(clientB, GiftQuestion))["faqId"] != "gift-packaging")
            await Task.Delay(100, cancel.Token);
        Assert.True(File.Exists(Path.Combine(otherFolder, "faq", "gift-packaging.yaml")));
        Assert.Contains(b.Log, l => l.Contains($"Knowledge version {saved["versionId"]} was switched to on another instance", StringComparison.Ordinal));
        // B's supervisor sees the same versions.
        var onB = await SignInSupervisorAsync(b.CreateClient());
        var overview = await onB.JsonAsync(await onB.GetAsync(Api));
        Assert.Equal((string?)saved["versionId"], (string?)overview["activeVersion"]);
    }
}
