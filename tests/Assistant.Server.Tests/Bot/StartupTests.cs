using Assistant.Knowledge;

namespace Assistant.Server.Tests.Bot;

public sealed class StartupTests
{
    [Fact]
    public void ABrokenKnowledgeFileStopsStartUpNamingFileLineAndField()
    {
        var dir = Path.Combine(Path.GetTempPath(), "kb-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(dir, "faq"));
        File.WriteAllText(Path.Combine(dir, "faq", "fees.yaml"), "id: fees\ncategory: fees-tax\ntitle: 수수료\nanswer: 안내\nfacts: [a]\nquestions:\n  - 하나\n");
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
