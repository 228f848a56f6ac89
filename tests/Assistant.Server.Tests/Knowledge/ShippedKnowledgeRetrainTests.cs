using System.Diagnostics;
using System.Net;
using Xunit.Abstractions;
using static Assistant.Server.Tests.Knowledge.KnowledgeTestKit;

namespace Assistant.Server.Tests.Knowledge;

/// <summary>
/// The one test on the shipped knowledge: a new entry is trained, evaluated on the default evaluation files (the
/// repository's held-out cases and the shared dev set) and switched to; the time it takes is written to the test output.
/// </summary>
public sealed class ShippedKnowledgeRetrainTests(ITestOutputHelper output)
{
    [Fact]
    public async Task ANewEntryOnTheShippedKnowledgeIsEvaluatedOnTheDefaultFilesAndSwitchedTo()
    {
        var folder = Path.Combine(Path.GetTempPath(), "assistant-shipped-" + Guid.NewGuid().ToString("N"));
        foreach (var file in Directory.GetFiles(RepoPaths.Knowledge, "*.yaml", SearchOption.AllDirectories))
        {
            var target = Path.Combine(folder, Path.GetRelativePath(RepoPaths.Knowledge, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        try
        {
            using var factory = WithSupervisor(new AssistantFactory()).With("Knowledge:Directory", folder)
                .With("Knowledge:ModelPath", Path.Combine(RepoPaths.Root, "models", "intent-classifier.zip"));
            var client = factory.CreateClient();
            var supervisor = await SignInSupervisorAsync(client);

            var clock = Stopwatch.StartNew();
            var saved = await supervisor.JsonAsync(await supervisor.PostAsync($"{Api}/entries", new { entry = GiftPackaging }), HttpStatusCode.Accepted);
            var version = await SettledAsync(supervisor, (string)saved["versionId"]!);
            output.WriteLine($"shipped knowledge + 1 entry: {version["state"]} after {clock.Elapsed.TotalSeconds:0.0} s ({version["detail"]}); {version["comparison"]?["reason"]}");

            var comparison = version["comparison"]!;
            var expected = File.ReadLines(Path.Combine(RepoPaths.Root, "tests", "data", "holdout.jsonl")).Count(l => l.Trim().Length > 0)
                + (File.Exists(Path.Combine(RepoPaths.Root, "..", "shared", "eval", "dev.jsonl"))
                    ? File.ReadLines(Path.Combine(RepoPaths.Root, "..", "shared", "eval", "dev.jsonl")).Count(l => l.Trim().Length > 0) : 0);
            Assert.Equal(expected, (int)comparison["new"]!["cases"]!);
            Assert.Equal("active", (string?)version["state"]);
            Assert.Equal("gift-packaging", (string?)(await DecisionAsync(client, GiftQuestion))["faqId"]);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
