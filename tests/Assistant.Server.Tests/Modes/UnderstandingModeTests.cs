using Assistant.Understanding;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Assistant.Server.Tests.Modes;

/// <summary><c>Understanding:Mode</c> chooses the model the server decides with; by default (<c>auto</c>) the shipped knowledge is classified per entry.</summary>
public sealed class UnderstandingModeTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "assistant-act-" + Guid.NewGuid().ToString("N"));

    private string ActModelPath => Path.Combine(_dir, "act-classifier.zip");

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task ByDefaultTheServerDecidesWithThePerEntryClassifier()
    {
        using var factory = new AssistantFactory().With("Understanding:ActModelPath", ActModelPath);
        var reply = await Activities.SendAsync(factory.CreateClient(), Activities.Message("판매 수수료가 얼마예요?", "conv-mode-default"));
        Assert.Equal("fees", (string?)Activities.Decision(reply[^1])["faqId"]);
        var model = Assert.IsType<IntentModel>(factory.Services.GetRequiredService<IIntentScorer>());
        Assert.Contains("fees", model.Labels);
        Assert.False(File.Exists(ActModelPath), "the default mode never trains the act classifier");
    }

    [Fact]
    public async Task InRetrievalModeTheActClassifierKnowsNoEntryAndRetrievalChoosesIt()
    {
        using var factory = new AssistantFactory().With("Understanding:Mode", "retrieval").With("Understanding:ActModelPath", ActModelPath);
        var client = factory.CreateClient();
        var model = Assert.IsType<RetrievalFirstModel>(factory.Services.GetRequiredService<IIntentScorer>());
        Assert.Contains(RetrievalFirstModel.FaqLabel, model.Acts.Labels);
        Assert.DoesNotContain("fees", model.Acts.Labels);
        Assert.True(File.Exists(ActModelPath), "trained on demand and saved where configured");

        var fees = await Activities.SendAsync(client, Activities.Message("판매 수수료가 얼마예요?", "conv-mode-retrieval-1"));
        Assert.Equal("answer", (string?)Activities.Decision(fees[^1])["action"]);
        Assert.Equal("fees", (string?)Activities.Decision(fees[^1])["faqId"]);
        var weather = await Activities.SendAsync(client, Activities.Message("오늘 서울 날씨 어때요?", "conv-mode-retrieval-2"));
        Assert.Equal("decline", (string?)Activities.Decision(weather[^1])["action"]);
    }

    [Fact]
    public async Task AutoModeUnderstandsAKnowledgeBaseLargerThanTheClassifierLimitByRetrieval()
    {
        // The shipped 25 entries are above a limit of 10: the server trains the act classifier, not the per-entry one.
        using var factory = new AssistantFactory().With("Understanding:Mode", "auto").With("Understanding:ClassifierMaxEntries", "10")
            .With("Understanding:ActModelPath", ActModelPath);
        var reply = await Activities.SendAsync(factory.CreateClient(), Activities.Message("판매 수수료가 얼마예요?", "conv-mode-auto"));
        Assert.Equal("fees", (string?)Activities.Decision(reply[^1])["faqId"]);
        var model = Assert.IsType<RetrievalFirstModel>(factory.Services.GetRequiredService<IIntentScorer>());
        Assert.DoesNotContain("fees", model.Acts.Labels);
        Assert.True(File.Exists(ActModelPath));
    }

    [Theory]
    [InlineData("auto", 150, "classifier")]
    [InlineData("auto", 151, "retrieval")]
    [InlineData("auto", 10_000, "retrieval")]
    [InlineData("classifier", 10_000, "classifier")]
    [InlineData("retrieval", 25, "retrieval")]
    public void TheModeOfAKnowledgeBaseFollowsItsSizeOnlyInAutoMode(string configured, int entries, string expected) =>
        Assert.Equal(expected, new UnderstandingOptions { Mode = configured }.ModeFor(entries));

    [Fact]
    public void ASecondStartLoadsTheSavedActClassifier()
    {
        using (var first = new AssistantFactory().With("Understanding:Mode", "retrieval").With("Understanding:ActModelPath", ActModelPath))
        {
            first.CreateClient();
            Assert.Contains(first.Log, line => line.Contains("training one"));
        }
        using var second = new AssistantFactory().With("Understanding:Mode", "retrieval").With("Understanding:ActModelPath", ActModelPath);
        second.CreateClient();
        Assert.Contains(second.Log, line => line.Contains("Loaded act classifier"));
        Assert.DoesNotContain(second.Log, line => line.Contains("training one"));
    }

    [Fact]
    public void AnUnknownModeStopsStartUpNamingTheSetting()
    {
        using var factory = new AssistantFactory().With("Understanding:Mode", "neural");
        var ex = Assert.ThrowsAny<Exception>(() => factory.CreateClient());
        var validation = Find(ex);
        Assert.NotNull(validation);
        Assert.Contains("Understanding:Mode", validation.Message);
    }

    private static OptionsValidationException? Find(Exception? ex)
    {
        for (; ex is not null; ex = ex.InnerException)
        {
            if (ex is OptionsValidationException v) return v;
            if (ex is AggregateException a && a.InnerExceptions.Select(Find).FirstOrDefault(f => f is not null) is { } inner) return inner;
        }
        return null;
    }
}
