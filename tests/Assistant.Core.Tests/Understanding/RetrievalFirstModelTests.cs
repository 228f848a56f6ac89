using Assistant.Evaluation;
using Assistant.Knowledge;
using Assistant.Retrieval;
using Assistant.Text;
using Assistant.Understanding;

namespace Assistant.Tests.Understanding;

/// <summary>The act classifier of the retrieval-first mode, trained once on the repository's knowledge.</summary>
public sealed class ActModelFixture
{
    public ActModelFixture()
    {
        Knowledge = KnowledgeLoader.Load(Paths.Knowledge);
        Model = RetrievalFirstModel.Train(Knowledge);
        Decider = UnderstandingFactory.CreateDeciderAsync(Knowledge, Model, new PolicyOptions()).GetAwaiter().GetResult();
    }

    public KnowledgeBase Knowledge { get; }
    public RetrievalFirstModel Model { get; }
    public Decider Decider { get; }
}

public sealed class RetrievalFirstModelTests(ActModelFixture fixture) : IClassFixture<ActModelFixture>
{
    private KnowledgeBase Knowledge => fixture.Knowledge;

    /// <summary>The intents taught: the general questions (<c>decision: answer</c>) only to a cold start, and then as <c>faq</c>.</summary>
    private IEnumerable<IntentDefinition> TaughtIntents => Knowledge.Intents.Where(i => i.Decision != DecisionKind.Answer);

    private IReadOnlySet<string> IntentsAndFaq => TaughtIntents.Select(i => i.Intent).Append(RetrievalFirstModel.FaqLabel).ToHashSet();

    [Fact]
    public void EveryFaqTitleAndQuestionTeachesTheOneFaqLabel()
    {
        var examples = RetrievalFirstModel.Examples(Knowledge);
        Assert.Equal(IntentsAndFaq.Order(StringComparer.Ordinal), examples.Select(e => e.Label).Distinct().Order(StringComparer.Ordinal));
        var faqTexts = examples.Where(e => e.Label == RetrievalFirstModel.FaqLabel).Select(e => e.Text).ToHashSet();
        foreach (var faq in Knowledge.Faqs)
            foreach (var text in faq.Questions.Append(faq.Title))
                Assert.Contains(FeatureText.For(text, Knowledge.Lexicon), faqTexts);
        // The classifier itself knows only the fixed labels, never an FAQ id.
        Assert.Equal(IntentsAndFaq.Order(StringComparer.Ordinal), fixture.Model.Acts.Labels.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void TheLabelSetDoesNotGrowWithEntries()
    {
        // Four times the entries (copies under new ids): four times the examples, the same labels.
        var faqs = Enumerable.Range(0, 4).SelectMany(k => Knowledge.Faqs.Select(f => k == 0 ? f : f with { Id = $"{f.Id}-{k}", Title = $"{f.Title} {k}" })).ToArray();
        var bigger = new KnowledgeBase(faqs, Knowledge.Intents, Knowledge.Lexicon, Knowledge.Replies, Knowledge.Handoff, Knowledge.Scope);
        var examples = RetrievalFirstModel.Examples(bigger);
        Assert.True(examples.Count > 2 * RetrievalFirstModel.Examples(Knowledge).Count);
        Assert.Equal(IntentsAndFaq.Count, examples.Select(e => e.Label).Distinct().Count());
        Assert.Equal(IntentTrainer.Examples(bigger).Select(e => e.Label).Distinct().Count(), TaughtIntents.Count() + faqs.Length);
    }

    [Fact]
    public void ByCategoryTheFaqLabelsAreTheCategories()
    {
        var labels = RetrievalFirstModel.Examples(Knowledge, byCategory: true).Select(e => e.Label).Where(l => l.StartsWith("faq:", StringComparison.Ordinal)).ToHashSet();
        Assert.Equal(Knowledge.Faqs.Select(f => "faq:" + f.Category).ToHashSet(), labels);
        Assert.NotEqual(RetrievalFirstModel.TrainingDataHash(Knowledge), RetrievalFirstModel.TrainingDataHash(Knowledge, byCategory: true));
    }

    [Fact]
    public void RetrievalChoosesTheEntryAndWeakRetrievalKeepsTheFaqMassFromEveryEntry()
    {
        var text = FeatureText.For("판매 수수료가 얼마예요?", Knowledge.Lexicon);
        var nonFaq = fixture.Model.Acts.Predict(text).Where(s => s.Label != RetrievalFirstModel.FaqLabel).ToDictionary(s => s.Label, s => s.Probability);
        var faqMass = 1 - nonFaq.Values.Sum();
        Assert.True(faqMass > 0.5f, $"a fee question is an FAQ question (faq mass {faqMass:0.00})");

        var clear = fixture.Model.Score(text, [new RetrievalCandidate("fees", 0.7f, 0.7f, 0.7f), new RetrievalCandidate("tax-invoice", 0.4f, 0.4f, 0.4f)]);
        Assert.Equal("fees", clear[0].Label);
        Assert.True(clear[0].Probability > 0.9f * faqMass);
        Assert.DoesNotContain(clear, s => s.Label == RetrievalFirstModel.FaqLabel);
        foreach (var (label, p) in nonFaq) Assert.Equal(p, clear.Single(s => s.Label == label).Probability);

        var tied = fixture.Model.Score(text, [new RetrievalCandidate("fees", 0.6f, 0.6f, 0.6f), new RetrievalCandidate("tax-invoice", 0.6f, 0.6f, 0.6f)]);
        Assert.Equal(tied.Single(s => s.Label == "fees").Probability, tied.Single(s => s.Label == "tax-invoice").Probability, 4);

        var weak = fixture.Model.Score(text, [new RetrievalCandidate("fees", 0.1f, 0.1f, 0.1f)]);
        Assert.True(weak.Single(s => s.Label == "fees").Probability < 0.1f * faqMass);
    }

    [Fact]
    public async Task OnTheDevelopmentSetRetrievalFirstKeepsPrecisionAndCoverage()
    {
        var metrics = EvalMetrics.From(await EvalRunner.RunAsync(fixture.Decider, EvalCase.Load(Paths.DevEval)));
        Assert.True(metrics.AnswerPrecision >= 0.95, $"answer precision {metrics.AnswerPrecision:0.000}");
        Assert.True(metrics.Coverage >= 0.88, $"coverage {metrics.Coverage:0.000}");
        Assert.True(metrics.HandoffRecall >= 0.9, $"handoff recall {metrics.HandoffRecall:0.000}");
        Assert.Equal(1.0, metrics.OutOfScopeDecline);
    }

    [Fact]
    public void TheSavedActClassifierIsReusedOnlyForTheSameKnowledge()
    {
        var dir = Path.Combine(Path.GetTempPath(), "assistant-act-" + Guid.NewGuid().ToString("N"));
        var path = Path.Combine(dir, "act-classifier.zip");
        try
        {
            var first = RetrievalFirstModel.LoadOrTrain(Knowledge, path);
            Assert.True(File.Exists(path));
            Assert.Equal(RetrievalFirstModel.TrainingDataHash(Knowledge), File.ReadAllText(RetrievalFirstModel.HashPathFor(path)).Trim());
            var stamp = File.GetLastWriteTimeUtc(path);
            var again = RetrievalFirstModel.LoadOrTrain(Knowledge, path);
            Assert.Equal(stamp, File.GetLastWriteTimeUtc(path));
            Assert.Equal(first.Acts.Labels, again.Acts.Labels);

            File.WriteAllText(RetrievalFirstModel.HashPathFor(path), "stale\n");
            RetrievalFirstModel.LoadOrTrain(Knowledge, path);
            Assert.Equal(RetrievalFirstModel.TrainingDataHash(Knowledge), File.ReadAllText(RetrievalFirstModel.HashPathFor(path)).Trim());
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }
}
