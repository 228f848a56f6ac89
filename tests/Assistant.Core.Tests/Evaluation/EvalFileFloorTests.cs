using Assistant.Evaluation;

namespace Assistant.Tests.Evaluation;

/// <summary>
/// Floors on the shared evaluation files (written apart from the knowledge base), through the bot's own pipeline: a
/// change that costs answers, precision, handoffs or declines on any of them fails CI. The floors sit a little under
/// what the shipped knowledge and model reach (the <c>eval</c> command prints the figures), so they guard against
/// regressions; they are not all the product's targets, several of which are not met yet.
/// </summary>
[Collection(RepoCollection.Name)]
public sealed class EvalFileFloorTests(RepoFixture repo)
{
    [Fact]
    public async Task RealisticMessagesKeepTheirFloor()
    {
        var m = await RunAsync("realistic.jsonl");
        Assert.True(m.AnswerPrecision >= 0.98, $"answerPrecision {m.AnswerPrecision:0.000}");
        Assert.True(m.Coverage >= 0.85, $"coverage {m.Coverage:0.000}");
        Assert.True(m.HandoffRecall >= 0.95, $"handoffRecall {m.HandoffRecall:0.000}");
        Assert.True(m.OutOfScopeDecline >= 0.95, $"outOfScopeDecline {m.OutOfScopeDecline:0.000}");
    }

    [Fact]
    public async Task QuestionsNoEntryCoversKeepTheirFloor()
    {
        var m = await RunAsync("uncovered.jsonl");
        Assert.True(m.HandoffRecall >= 0.95, $"handoffRecall {m.HandoffRecall:0.000}");
        Assert.True(m.WrongAnswerRate <= 0.02, $"wrongAnswerRate {m.WrongAnswerRate:0.000}");
    }

    [Fact]
    public async Task TheDevelopmentSetKeepsItsTargets()
    {
        var m = await RunAsync("dev.jsonl");
        Assert.True(m.AnswerPrecision >= 0.98, $"answerPrecision {m.AnswerPrecision:0.000}");
        Assert.True(m.Coverage >= 0.92, $"coverage {m.Coverage:0.000}");
    }

    /// <summary>
    /// The project's own single-message files under <c>eval/messages</c>, each written from the specification only (without
    /// the code or the knowledge phrasings), against floors a little under today's figures. Measured blind when written
    /// (precision / coverage / wrong / handoff recall / declines): the third 0.874 / 0.800 / 0.055 / 0.846 / 0.867, the fourth
    /// 0.967 / 0.916 / 0.019 / 0.956 / 0.933, the fifth 0.988 / 0.800 / 0.006 / 0.975 / 0.933, the sixth 0.933 / 0.802 / 0.029
    /// / 0.917 / 0.895, the seventh 0.949 / 0.871 / 0.027 / 0.920 / 0.933, the eighth 0.981 / 0.909 / 0.008 / 0.978 / 0.900,
    /// the ninth 0.936 / 0.880 / 0.030 / 0.943 / 0.933, the tenth 0.954 / 0.861 / 0.023 / 0.976 / 1.000, the eleventh 0.934 / 0.950 / 0.033 / 0.929 / 0.833, the twelfth
    /// 0.981 / 0.867 / 0.008 / 0.950 / 0.938, the thirteenth 0.980 / 0.873 / 0.010 / 1.000 / 1.000, the fourteenth 0.963 / 0.867 /
    /// 0.018 / 1.000 / 0.769, the fifteenth 0.964 / 0.964 / 0.020 / 0.926 / 1.000, the sixteenth 0.920 / 0.920 / 0.036 / 0.929 /
    /// 0.800, the seventeenth 1.000 / 0.961 / 0.000 / 1.000 / 1.000, the eighteenth 0.902 / 0.822 / 0.040 / 0.960 / 0.750, the
    /// twentieth 0.956 / 0.915 / 0.020 / 0.950 / 0.790, the twenty-first 0.940 / 0.922 / 0.030 / 0.900 / 0.882, the
    /// twenty-second 0.909 / 0.750 / 0.030 / 0.895 / 0.867, the twenty-third 0.938 / 0.900 / 0.030 / 1.000 / 0.533,
    /// the twenty-fourth 1.000 / 0.891 / 0.000 / 1.000 / 0.909, the twenty-fifth 0.917 / 0.933 / 0.040 / 0.833 / 0.950, the
    /// twenty-sixth 0.822 / 0.771 / 0.080 / 0.867 / 0.750, the twenty-seventh 0.811 / 0.956 / 0.100 / 0.719 / 0.800, the twenty-eighth
    /// 0.935 / 0.860 / 0.030 / 0.889 / 0.867, the twenty-ninth 0.923 / 0.900 / 0.038 / 1.000 / 0.833, the thirtieth 0.980 / 0.909 / 0.010 / 1.000 / 0.933, the thirty-first 0.943 / 0.909 / 0.030 / 0.800 / 0.933, the thirty-second 1.000 / 1.000 / 0.000 / 1.000 / 1.000 (smalltalk 0.833), the thirty-third (money questions and details
    /// their entries do not carry) 0.677 / 0.933 / 0.200 / 0.333 / 0.824, the thirty-fourth (sellers who write in English)
    /// 0.839 / 0.929 / 0.100 / 0.800 / 0.571 (README,
    /// Evaluation). The second file, weighted to the hardest cases,
    /// has no floor.
    /// </summary>
    [Theory]
    [InlineData("independent.jsonl", 0.97, 0.94, 0.01, 0.90, 0.89)]
    [InlineData("independent-3.jsonl", 0.91, 0.82, 0.04, 0.88, 0.95)]
    [InlineData("independent-4.jsonl", 0.97, 0.90, 0.015, 0.95, 0.90)]
    [InlineData("independent-5.jsonl", 0.97, 0.78, 0.015, 0.95, 0.90)]
    // Declines 0.94: "멍청한 봇아 꺼져" now gets the reply to a complaint about the assistant (an apology and a person), by choice.
    [InlineData("independent-6.jsonl", 0.95, 0.78, 0.02, 0.96, 0.94)]
    [InlineData("independent-7.jsonl", 0.97, 0.85, 0.015, 0.96, 0.95)]
    [InlineData("independent-8.jsonl", 0.97, 0.89, 0.015, 0.96, 0.94)]
    [InlineData("independent-9.jsonl", 0.96, 0.86, 0.015, 0.95, 0.95)]
    [InlineData("independent-10.jsonl", 0.98, 0.88, 0.01, 0.97, 0.95)]
    [InlineData("independent-11.jsonl", 0.98, 0.93, 0.01, 0.97, 0.95)]
    [InlineData("independent-12.jsonl", 0.98, 0.90, 0.01, 0.94, 0.95)]
    [InlineData("independent-13.jsonl", 0.98, 0.90, 0.01, 0.97, 0.95)]
    [InlineData("independent-14.jsonl", 0.97, 0.87, 0.015, 0.97, 0.75)]
    [InlineData("independent-15.jsonl", 0.97, 0.95, 0.01, 0.97, 0.95)]
    [InlineData("independent-16.jsonl", 0.93, 0.92, 0.03, 0.97, 0.85)]
    [InlineData("independent-17.jsonl", 0.98, 0.94, 0.01, 0.97, 0.95)]
    [InlineData("independent-18.jsonl", 0.95, 0.84, 0.02, 0.97, 0.95)]
    [InlineData("independent-20.jsonl", 0.97, 0.93, 0.01, 0.97, 0.90)]
    [InlineData("independent-21.jsonl", 0.97, 0.93, 0.01, 0.97, 0.95)]
    [InlineData("independent-22.jsonl", 0.93, 0.85, 0.025, 0.93, 0.95)]
    [InlineData("independent-23.jsonl", 0.94, 0.91, 0.025, 0.97, 0.85)]
    [InlineData("independent-24.jsonl", 0.98, 0.90, 0.01, 0.97, 0.95)]
    [InlineData("independent-25.jsonl", 0.96, 0.97, 0.015, 0.92, 0.95)]
    [InlineData("independent-26.jsonl", 0.95, 0.77, 0.015, 0.97, 0.88)]
    [InlineData("independent-27.jsonl", 0.95, 0.95, 0.02, 0.88, 0.95)]
    [InlineData("independent-28.jsonl", 0.95, 0.85, 0.02, 0.90, 0.95)]
    [InlineData("independent-29.jsonl", 0.95, 0.89, 0.02, 0.97, 0.95)]
    [InlineData("independent-30.jsonl", 0.97, 0.92, 0.01, 0.97, 0.95)]
    [InlineData("independent-31.jsonl", 0.96, 0.90, 0.015, 0.88, 0.95)]
    [InlineData("independent-32.jsonl", 0.98, 0.97, 0.01, 0.97, 0.95)]
    // The hardest file: a third of its money questions ask what no entry carries, and about one in eight is still answered.
    [InlineData("independent-33.jsonl", 0.76, 0.92, 0.13, 0.55, 0.92)]
    [InlineData("independent-34.jsonl", 0.95, 0.94, 0.03, 0.97, 0.95)]
    [InlineData("independent-35.jsonl", 0.95, 0.78, 0.02, 0.92, 0.95)]
    [InlineData("independent-36.jsonl", 0.98, 0.89, 0.01, 0.97, 0.80)]
    [InlineData("independent-37.jsonl", 0.98, 0.94, 0.01, 0.97, 0.95)]
    [InlineData("independent-38.jsonl", 0.98, 0.90, 0.01, 0.92, 0.95)]
    [InlineData("independent-39.jsonl", 0.98, 0.75, 0.01, 0.97, 0.95)]
    [InlineData("independent-40.jsonl", 0.98, 0.95, 0.01, 0.97, 0.95)]
    [InlineData("independent-41.jsonl", 0.98, 0.95, 0.01, 0.97, 0.95)]
    [InlineData("independent-42.jsonl", 0.98, 0.83, 0.01, 0.82, 0.85)]
    [InlineData("independent-43.jsonl", 0.98, 0.92, 0.01, 0.97, 0.95)]
    [InlineData("independent-44.jsonl", 0.98, 0.80, 0.01, 0.97, 0.95)]
    [InlineData("independent-45.jsonl", 0.95, 0.89, 0.02, 0.97, 0.95)]
    [InlineData("independent-46.jsonl", 0.98, 0.79, 0.01, 0.97, 0.95)]
    [InlineData("independent-47.jsonl", 0.98, 0.88, 0.01, 0.97, 0.95)]
    [InlineData("independent-48.jsonl", 0.94, 0.91, 0.03, 0.95, 0.95)]
    [InlineData("independent-49.jsonl", 0.96, 0.91, 0.02, 0.95, 0.95)]
    [InlineData("independent-50.jsonl", 0.84, 0.68, 0.06, 0.77, 0.95)]
    public Task EachIndependentlyWrittenFileKeepsItsFloor(string file, double precision, double coverage, double wrong, double handoffRecall, double declines) =>
        KeepsFloorAsync(file, precision, coverage, wrong, handoffRecall, declines);

    /// <summary>One of the project's own files under <c>eval/messages</c> against its floor on every metric.</summary>
    private async Task KeepsFloorAsync(string file, double precision, double coverage, double wrong, double handoffRecall, double declines)
    {
        var m = await LoadAndRunAsync(Path.Combine(Paths.Root, "eval", "messages", file));
        Assert.True(m.AnswerPrecision >= precision, $"answerPrecision {m.AnswerPrecision:0.000}");
        Assert.True(m.Coverage >= coverage, $"coverage {m.Coverage:0.000}");
        Assert.True(m.WrongAnswerRate <= wrong, $"wrongAnswerRate {m.WrongAnswerRate:0.000}");
        Assert.True(m.HandoffRecall >= handoffRecall, $"handoffRecall {m.HandoffRecall:0.000}");
        Assert.True(m.OutOfScopeDecline >= declines, $"outOfScopeDecline {m.OutOfScopeDecline:0.000}");
    }

    private Task<EvalMetrics> RunAsync(string file) => LoadAndRunAsync(Paths.SharedEval(file));

    private async Task<EvalMetrics> LoadAndRunAsync(string path)
    {
        Assert.True(File.Exists(path), $"expected the evaluation file at {path}");
        return EvalMetrics.From(await EvalRunner.RunAsync(repo.Decider, EvalCase.Load(path)));
    }
}
