using System.Net;
using System.Text.Json.Nodes;
using static Assistant.Server.Tests.Knowledge.KnowledgeTestKit;

namespace Assistant.Server.Tests.Knowledge;

/// <summary>Knowledge changes without a restart: save, retrain, evaluate and switch; a refused switch; restore; who may do it.</summary>
public sealed class KnowledgeChangeTests
{
    [Fact]
    public async Task ASavedEntryIsTrainedEvaluatedAndSwitchedToAndAnswersOnlyAfterTheSwitch()
    {
        using var knowledge = new SmallKnowledge();
        using var factory = knowledge.Server();
        var client = factory.CreateClient();
        var supervisor = await SignInSupervisorAsync(client);

        var before = await DecisionAsync(client, GiftQuestion);
        Assert.NotEqual("gift-packaging", (string?)before["faqId"]);

        var dry = await supervisor.JsonAsync(await supervisor.PostAsync($"{Api}/entries", new { entry = GiftPackaging, dryRun = true }));
        Assert.Equal(["gift-packaging"], dry["added"]!.AsArray().Select(a => (string?)a));
        Assert.False((bool)dry["saved"]!);

        var saved = await supervisor.JsonAsync(await supervisor.PostAsync($"{Api}/entries", new { entry = GiftPackaging }), HttpStatusCode.Accepted);
        var id = (string)saved["versionId"]!;
        var version = await SettledAsync(supervisor, id);

        Assert.Equal("active", (string?)version["state"]);
        var comparison = version["comparison"]!;
        Assert.True((bool)comparison["switch"]!);
        Assert.True((int)comparison["new"]!["cases"]! > 0);
        Assert.True((double)comparison["new"]!["coverage"]! >= (double)comparison["old"]!["coverage"]!);
        var after = await DecisionAsync(client, GiftQuestion);
        Assert.Equal("answer", (string?)after["action"]);
        Assert.Equal("gift-packaging", (string?)after["faqId"]);

        // The served files are written to the configured knowledge folder, and the version list shows the switch.
        Assert.True(File.Exists(Path.Combine(knowledge.Directory, "faq", "gift-packaging.yaml")));
        var overview = await supervisor.JsonAsync(await supervisor.GetAsync(Api));
        Assert.Equal(id, (string?)overview["activeVersion"]);
        var baseline = overview["versions"]!.AsArray().Single(v => v!["parent"] is null)!;
        Assert.Equal("retired", (string?)baseline["state"]);
        Assert.Equal(baseline["id"]!.ToString(), (string?)version["parent"]);
    }

    [Fact]
    public async Task AVersionThatAnswersWorseIsRefusedWithItsComparisonAndTheRunningOneKeepsServing()
    {
        using var knowledge = new SmallKnowledge();
        using var factory = knowledge.Server();
        var client = factory.CreateClient();
        var supervisor = await SignInSupervisorAsync(client);
        var question = "택배가 며칠째 안 움직여요 배송 지연되면 어떻게 해요";
        Assert.Equal("shipping-delay", (string?)(await DecisionAsync(client, question))["faqId"]);

        // Two entries lose their phrasings and get an answer about something else (one import): the model gets worse.
        var entries = new JsonArray(
            new JsonObject { ["id"] = "shipping-delay", ["category"] = "shipping", ["title"] = "배송 안내", ["answer"] = "정산은 구매확정 다음 날 진행돼요.", ["phrasings"] = new JsonArray() },
            new JsonObject { ["id"] = "refund-process", ["category"] = "orders", ["title"] = "주문 안내", ["answer"] = "수수료는 판매가의 일부예요.", ["phrasings"] = new JsonArray() });
        var imported = await supervisor.JsonAsync(await supervisor.PostAsync($"{Api}/import", new { format = "json", content = entries.ToJsonString() }), HttpStatusCode.Accepted);
        Assert.Equal(["shipping-delay", "refund-process"], imported["changed"]!.AsArray().Select(c => (string?)c));
        var last = (string)imported["versionId"]!;
        var version = await SettledAsync(supervisor, last);

        Assert.Equal("refused", (string?)version["state"]);
        var comparison = version["comparison"]!;
        Assert.False((bool)comparison["switch"]!);
        Assert.True((double)comparison["new"]!["coverage"]! < (double)comparison["old"]!["coverage"]!
            || (double)comparison["new"]!["answerPrecision"]! < (double)comparison["old"]!["answerPrecision"]! - 0.01);
        Assert.False(string.IsNullOrWhiteSpace((string?)comparison["reason"]));
        Assert.Equal("shipping-delay", (string?)(await DecisionAsync(client, question))["faqId"]);
        Assert.DoesNotContain("배송 안내", File.ReadAllText(Path.Combine(knowledge.Directory, "faq", "shipping-delay.yaml")));
    }

    [Fact]
    public async Task ThePreviousVersionCanBeRestored()
    {
        using var knowledge = new SmallKnowledge();
        using var factory = knowledge.Server();
        var client = factory.CreateClient();
        var supervisor = await SignInSupervisorAsync(client);
        var saved = await supervisor.JsonAsync(await supervisor.PostAsync($"{Api}/entries", new { entry = GiftPackaging }), HttpStatusCode.Accepted);
        await SettledAsync(supervisor, (string)saved["versionId"]!);
        Assert.Equal("gift-packaging", (string?)(await DecisionAsync(client, GiftQuestion))["faqId"]);

        var overview = await supervisor.JsonAsync(await supervisor.GetAsync(Api));
        var baseline = (string)overview["versions"]!.AsArray().Single(v => v!["parent"] is null)!["id"]!;
        var restore = await supervisor.PostAsync($"{Api}/versions/{baseline}/restore");
        Assert.Equal(HttpStatusCode.Accepted, restore.StatusCode);
        var restored = await SettledAsync(supervisor, baseline, "restored");

        Assert.Equal("restored", (string?)restored["state"]);
        Assert.NotEqual("gift-packaging", (string?)(await DecisionAsync(client, GiftQuestion))["faqId"]);
        Assert.False(File.Exists(Path.Combine(knowledge.Directory, "faq", "gift-packaging.yaml")));
        // Restoring the version already served is refused with a reason.
        var again = await supervisor.PostAsync($"{Api}/versions/{baseline}/restore");
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("application/problem+json", again.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task AnInvalidEntryIsRefusedWithTheValidatorsProblemsAndAnAgentMayNotChangeKnowledge()
    {
        using var knowledge = new SmallKnowledge();
        using var factory = knowledge.Server();
        var client = factory.CreateClient();
        var supervisor = await SignInSupervisorAsync(client);

        var response = await supervisor.PostAsync($"{Api}/entries", new
        {
            entry = new { id = "gift-packaging", category = "gifts", title = "선물 포장", answer = "{{contact.fax}}로 문의하세요.", facts = new[] { "사실" }, questions = new[] { "선물 포장" } },
        });
        var problem = await supervisor.JsonAsync(response, HttpStatusCode.BadRequest);
        var problems = problem["problems"]!.AsArray().Select(p => (string)p!).ToArray();
        Assert.Contains(problems, p => p.StartsWith("faq/gift-packaging.yaml:2: category: 'gifts' is not one of", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("faq/gift-packaging.yaml:4: answer: unknown placeholder {{contact.fax}}", StringComparison.Ordinal));
        var overview = await supervisor.JsonAsync(await supervisor.GetAsync(Api));
        Assert.Empty(overview["versions"]!.AsArray());

        var agent = await AgentClient.SignInAsync(factory.CreateClient(), "agent1");
        var refused = await agent.GetAsync(Api);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        var post = await agent.PostAsync($"{Api}/entries", new { entry = GiftPackaging });
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
    }
}
