using Microsoft.Extensions.DependencyInjection;
using Assistant.Knowledge;

namespace Assistant.Server.Tests.Bot;

public sealed class StartupTests
{
    [Fact]
    public void ABrokenKnowledgeFileStopsStartUpNamingFileLineAndField()
    {
        var dir = Path.Combine(Path.GetTempPath(), "kb-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(dir, "faq"));
        File.WriteAllText(Path.Combine(dir, "faq", "fees.yaml"), "id: fees\ncategory: fees-tax\ntitle: 수수료\nanswer: 안내\nfacts: [a]\nquestions: 하나\n");
        try
        {
            using var factory = new AssistantFactory().With("Knowledge:Directory", dir);
            var ex = Assert.ThrowsAny<Exception>(() => factory.CreateClient());
            var validation = Assert.IsType<KnowledgeValidationException>(ex.GetBaseException() as KnowledgeValidationException ?? Find(ex));
            Assert.Contains(validation.Errors, e => e.ToString().StartsWith("faq/fees.yaml:6: questions:"));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task ChangedKnowledgeIsRetrainedAtStartUpAndTheLogSaysSo()
    {
        var dir = Path.Combine(Path.GetTempPath(), "kb-" + Guid.NewGuid().ToString("N"));
        var source = RepoPaths.Knowledge;
        foreach (var file in Directory.GetFiles(source, "*.yaml", SearchOption.AllDirectories))
        {
            var target = Path.Combine(dir, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        File.AppendAllText(Path.Combine(dir, "faq", "fees.yaml"), "  - 수수료 계산 방식이 새로 궁금해졌어요\n");
        try
        {
            using var factory = new AssistantFactory().With("Knowledge:Directory", dir);
            var reply = await Activities.SendAsync(factory.CreateClient(), Activities.Message("판매 수수료가 얼마예요?", "conv-retrain"));
            Assert.Equal("fees", (string?)Activities.Decision(reply[^1])["faqId"]);
            Assert.Contains(factory.Log, line => line.StartsWith("Warning") && line.Contains("Knowledge changed") && line.Contains("retraining"));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task AFailedTurnIsLoggedAndTheSellerGetsAnApology()
    {
        using var factory = new AssistantFactory();
        var adapter = factory.Services.GetRequiredService<Assistant.Server.Bot.AssistantCloudAdapter>();
        var activity = new Microsoft.Bot.Schema.Activity(Microsoft.Bot.Schema.ActivityTypes.Message)
        {
            Id = "1", Text = "안녕하세요", ChannelId = "test", ServiceUrl = "https://test.invalid/",
            From = new("seller"), Recipient = new("bot"), Conversation = new(id: "conv-fail"),
        };
        var replies = await adapter.ProcessInProcessAsync(activity, (_, _) => throw new InvalidOperationException("boom"), CancellationToken.None);
        Assert.Contains(replies, r => r.Type == "message" && r.Text.Contains("일시적인 오류"));
        Assert.Contains(factory.Log, line => line.StartsWith("Error") && line.Contains("Turn failed"));
    }

    [Fact]
    public void AnInvalidSettingStopsStartUpNamingTheKey()
    {
        using var factory = new AssistantFactory().With("Policy:AnswerConfidence", "3");
        var ex = Assert.ThrowsAny<Exception>(() => factory.CreateClient());
        Assert.Contains("AnswerConfidence", ex.ToString());
    }

    private static Exception? Find(Exception ex)
    {
        for (Exception? e = ex; e is not null; e = e.InnerException)
            if (e is KnowledgeValidationException) return e;
        return ex is AggregateException agg ? agg.InnerExceptions.Select(Find).FirstOrDefault(e => e is not null) : null;
    }
}
