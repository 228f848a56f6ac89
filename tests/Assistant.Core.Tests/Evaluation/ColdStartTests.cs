using Assistant.Cli.Commands;
using Assistant.Evaluation;
using Assistant.Knowledge;
using Assistant.Retrieval;
using Assistant.Text;
using Assistant.Understanding;

namespace Assistant.Tests.Evaluation;

/// <summary>Commands that print: run one at a time, since they write to the process's console.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ConsoleCollection
{
    public const string Name = "console output";
}

/// <summary>A cold start: entries with few or no phrasings load, are found by their answer and facts, and can be measured.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class ColdStartTests
{
    private static (int Exit, string Output) Capture(Func<int> command)
    {
        var original = Console.Out;
        using var writer = new StringWriter();
        Console.SetOut(writer);
        try { return (command(), writer.ToString()); }
        finally { Console.SetOut(original); }
    }

    [Fact]
    public void ValidatePrintsAWarningPerThinEntryAndSucceeds()
    {
        using var temp = new TempKnowledge();
        var lines = File.ReadAllLines(temp.PathOf("faq/fees.yaml"));
        var questions = Array.IndexOf(lines, "questions:");
        File.WriteAllLines(temp.PathOf("faq/fees.yaml"), lines.Take(questions + 4));

        var (exit, output) = Capture(() => ValidateCommand.Run(new Arguments(["--knowledge", temp.Directory])));

        Assert.Equal(0, exit);
        Assert.Contains($"warning: faq/fees.yaml:{questions + 1}: questions: has 3 phrasings", output);
        Assert.Contains("valid (1 warnings)", output);
    }

    [Fact]
    public void KeepPhrasingsKeepsTheFirstQuestionsAndEveryOtherField()
    {
        var knowledge = KnowledgeLoader.Load(Paths.Knowledge);
        var cold = ColdStart.KeepPhrasings(knowledge, 3);
        foreach (var (full, thin) in knowledge.Faqs.Zip(cold.Faqs))
        {
            Assert.Equal(full.Questions.Take(3), thin.Questions);
            Assert.Equal((full.Title, full.Answer, full.Facts), (thin.Title, thin.Answer, thin.Facts));
        }
        Assert.Equal(knowledge.Intents, cold.Intents);
    }

    [Fact]
    public void AnswerSentencesLeaveOutMarkupPlaceholdersAndPointersToOtherEntries()
    {
        var knowledge = KnowledgeLoader.Load(Paths.Knowledge);
        var fees = knowledge.AnswerSentences(knowledge.FindFaq("fees")!);
        Assert.Contains("등록 수수료 없음: 상품을 등록하는 데는 수수료가 들지 않아요.", fees);
        Assert.DoesNotContain(fees, s => s.Contains("세금계산서", StringComparison.Ordinal)); // points to the tax-invoice entry
        Assert.All(knowledge.Faqs.SelectMany(knowledge.AnswerSentences), s => Assert.DoesNotContain("{{", s));
        Assert.All(knowledge.Faqs.SelectMany(knowledge.AnswerSentences), s => Assert.DoesNotContain("**", s));
    }

    /// <summary>With no phrasings at all, an entry is still found by what its answer and facts say.</summary>
    [Theory]
    [InlineData("2단계 인증 켜 두는 게 좋아요?", "account-login")]                         // a fact
    [InlineData("직원이나 대행사랑 같이 운영하면 아이디 공유해도 되나", "account-login")]      // an answer sentence
    [InlineData("빠른정산 대상이면 언제 정산받아요", "settlement-schedule")]                  // answer and fact
    public async Task AnEntryWithoutPhrasingsIsFoundByItsAnswerAndFacts(string message, string expected)
    {
        var knowledge = ColdStart.KeepPhrasings(KnowledgeLoader.Load(Paths.Knowledge), 0);
        var embeddings = UnderstandingFactory.CreateEmbeddings(knowledge);
        var index = new InMemoryVectorIndex();
        await KnowledgeIndexer.IndexAsync(knowledge, embeddings, index);
        var retriever = new HybridRetriever(embeddings, index, KnowledgeIndexer.BuildLexical(knowledge));

        var feature = FeatureText.ForRetrieval(message, knowledge.Lexicon);
        var candidates = await retriever.RetrieveAsync(message, feature, 3);
        Assert.Equal(expected, candidates[0].FaqId);
        // The dense evidence itself reaches a statement of the entry (its fact or answer records), not only its title.
        var hits = index.Search(embeddings.Embed(feature), 1);
        Assert.True(KnowledgeIndexer.IsStatement(hits[0].Key) && hits[0].EntryId == expected, $"best record {hits[0].Key}");
    }

    [Fact]
    public async Task EvalWithMaxPhrasingsMeasuresAColdStartWithoutTouchingModels()
    {
        var model = Path.Combine(Paths.Root, "models", "intent-classifier.zip");
        var before = (File.GetLastWriteTimeUtc(model), new FileInfo(model).Length);

        var (exit, output) = Capture(() => EvalCommand.RunAsync(new Arguments(["--file", Paths.DevEval, "--max-phrasings", "3"])).GetAwaiter().GetResult());

        Assert.Equal(0, exit);
        Assert.Contains("Cold start: at most 3 phrasings per FAQ entry (75 questions kept)", output);
        Assert.Contains("answerPrecision", output);
        Assert.Equal(before, (File.GetLastWriteTimeUtc(model), new FileInfo(model).Length));
    }

    [Theory]
    [InlineData("x")]
    [InlineData("-1")]
    public void MaxPhrasingsMustBeAWholeNumber(string value) =>
        Assert.Throws<ArgumentException>(() => new Arguments(["--max-phrasings", value]).MaxPhrasings());

    /// <summary>
    /// The cold-start floor: realistic messages against the knowledge cut to its first 3 phrasings per entry. Before every
    /// field was evidence this answered 0.235 of the topic messages; the floor keeps what was reached, at the precision target.
    /// </summary>
    [Fact]
    public async Task ColdStartWithThreePhrasingsKeepsItsFloor()
    {
        var knowledge = ColdStart.KeepPhrasings(KnowledgeLoader.Load(Paths.Knowledge), 3);
        var decider = await UnderstandingFactory.CreateDeciderAsync(knowledge, ColdStart.LoadOrTrainModel(knowledge), new PolicyOptions());
        var m = EvalMetrics.From(await EvalRunner.RunAsync(decider, EvalCase.Load(Paths.SharedEval("realistic.jsonl"))));
        Assert.True(m.AnswerPrecision >= 0.95, $"answerPrecision {m.AnswerPrecision}");
        Assert.True(m.Coverage >= 0.72, $"coverage {m.Coverage}");
    }

    /// <summary>
    /// The cold-start thresholds are tuned on the phrasings a cold start of the knowledge never saw: every phrasing past the
    /// first three is decided, and the search never loses the precision the configured thresholds have.
    /// </summary>
    [Fact]
    public async Task ColdThresholdsAreTunedOnThePhrasingsAColdStartNeverSaw()
    {
        var knowledge = KnowledgeLoader.Load(Paths.Knowledge);
        var cold = await PolicyTuner.CollectColdAsync(knowledge, 3);
        var evidence = cold.Evidence;
        Assert.Equal(knowledge.Faqs.Sum(f => Math.Max(0, f.Questions.Count - 3)), evidence.Count);
        Assert.All(evidence, e => Assert.DoesNotContain(e.Case.Text, knowledge.Faqs.Single(f => f.Id == e.Case.Expect).Questions.Take(3)));
        Assert.All(cold.Knowledge.Faqs, f => Assert.True(f.Questions.Count <= 3));

        var configured = PolicyTuner.Score(cold.Knowledge, evidence, new PolicyOptions());
        var tuned = PolicyTuner.TuneCold(cold, new PolicyOptions(), configured.AnswerPrecision);
        Assert.True(tuned.MetTarget);
        Assert.True(tuned.Metrics.AnswerPrecision >= configured.AnswerPrecision);
        Assert.True(tuned.Metrics.Coverage >= configured.Coverage);
    }
}
