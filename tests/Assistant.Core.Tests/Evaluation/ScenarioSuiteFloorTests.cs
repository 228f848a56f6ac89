using Assistant.Dialogue;
using Assistant.Evaluation.Scenarios;
using Assistant.Handoff;
using Xunit.Abstractions;

namespace Assistant.Tests.Evaluation;

/// <summary>
/// The multi-turn scenarios through the engine and agent desk: of <c>shared/eval/scenarios.json</c> no fewer may
/// pass than <see cref="Floor"/>, of the project's own independently written <c>eval/scenarios/independent.json</c>
/// no fewer than <see cref="IndependentFloor"/>, and of <c>eval/scenarios/independent-2.json</c> no fewer than <see cref="SecondIndependentFloor"/>. Raise the floors as the dialogue improves; never lower one to hide a regression.
/// </summary>
[Collection(RepoCollection.Name)]
public sealed class ScenarioSuiteFloorTests(RepoFixture repo, ITestOutputHelper output)
{
    /// <summary>
    /// Scenarios passing today (12 of 45 when the runner was added; 45 before retrieval had to agree with the classifier on
    /// an answer: "구매자가 반품 신청을 넣었어요. 승인은 어디서 해요?" now retrieves the cancel entry a hair above the returns
    /// entry and is asked back as a choice of the two, the price of fewer wrong answers on every single-message file).
    /// </summary>
    public const int Floor = 44;

    /// <summary>Of the 68 scenarios written from the specification only, without the code or its knowledge phrasings.</summary>
    public const int IndependentFloor = 68;

    public static string ScenariosPath => Paths.SharedEval("scenarios.json");

    public static string IndependentPath => Path.Combine(Paths.Root, "eval", "scenarios", "independent.json");

    /// <summary>Of the second batch of 55, written the same way (35 passed when it was written).</summary>
    public const int SecondIndependentFloor = 55;

    public static string SecondIndependentPath => Path.Combine(Paths.Root, "eval", "scenarios", "independent-2.json");

    /// <summary>Of the third batch of 40, written the same way (29 passed when it was written).</summary>
    public const int ThirdIndependentFloor = 38;

    public static string ThirdIndependentPath => Path.Combine(Paths.Root, "eval", "scenarios", "independent-3.json");

    /// <summary>Of the fourth batch of 30, written the same way (19 passed on the build before it was written, 20 when it was first run).</summary>
    public const int FourthIndependentFloor = 30;

    public static string FourthIndependentPath => Path.Combine(Paths.Root, "eval", "scenarios", "independent-4.json");

    /// <summary>Of the fifth batch of 30, written the same way (23 passed on the build before it was written).</summary>
    public const int FifthIndependentFloor = 29;

    public static string FifthIndependentPath => Path.Combine(Paths.Root, "eval", "scenarios", "independent-5.json");

    /// <summary>Of the sixth batch of 30, written the same way (19 passed on the build before it was written).</summary>
    public const int SixthIndependentFloor = 28;

    public static string SixthIndependentPath => Path.Combine(Paths.Root, "eval", "scenarios", "independent-6.json");

    /// <summary>Of the seventh batch of 40, written the same way (27 passed on the build before it was written).</summary>
    public const int SeventhIndependentFloor = 37;

    public static string SeventhIndependentPath => Path.Combine(Paths.Root, "eval", "scenarios", "independent-7.json");

    /// <summary>Of the eighth batch of 40, written the same way (31 passed on the build before it was written).</summary>
    public const int EighthIndependentFloor = 40;

    public static string EighthIndependentPath => Path.Combine(Paths.Root, "eval", "scenarios", "independent-8.json");

    /// <summary>Of the ninth batch of 40, written the same way (26 passed on the build before it was written).</summary>
    public const int NinthIndependentFloor = 37;

    public static string NinthIndependentPath => Path.Combine(Paths.Root, "eval", "scenarios", "independent-9.json");

    [Fact]
    public Task AtLeastTheFloorOfScenariosPass() => PlayAsync(ScenariosPath, Floor);

    [Fact]
    public Task AtLeastTheFloorOfTheIndependentScenariosPass() => PlayAsync(IndependentPath, IndependentFloor);

    [Fact]
    public Task AtLeastTheFloorOfTheSecondIndependentScenariosPass() => PlayAsync(SecondIndependentPath, SecondIndependentFloor);

    [Fact]
    public Task AtLeastTheFloorOfTheThirdIndependentScenariosPass() => PlayAsync(ThirdIndependentPath, ThirdIndependentFloor);

    [Fact]
    public Task AtLeastTheFloorOfTheFourthIndependentScenariosPass() => PlayAsync(FourthIndependentPath, FourthIndependentFloor);

    [Fact]
    public Task AtLeastTheFloorOfTheFifthIndependentScenariosPass() => PlayAsync(FifthIndependentPath, FifthIndependentFloor);

    [Fact]
    public Task AtLeastTheFloorOfTheSixthIndependentScenariosPass() => PlayAsync(SixthIndependentPath, SixthIndependentFloor);

    [Fact]
    public Task AtLeastTheFloorOfTheSeventhIndependentScenariosPass() => PlayAsync(SeventhIndependentPath, SeventhIndependentFloor);

    [Fact]
    public Task AtLeastTheFloorOfTheEighthIndependentScenariosPass() => PlayAsync(EighthIndependentPath, EighthIndependentFloor);

    [Fact]
    public Task AtLeastTheFloorOfTheNinthIndependentScenariosPass() => PlayAsync(NinthIndependentPath, NinthIndependentFloor);

    private async Task PlayAsync(string path, int floor)
    {
        Assert.True(File.Exists(path), $"expected the scenarios at {path}");
        var scenarios = ScenarioLoader.Load(path);
        Assert.Empty(ScenarioLoader.UnknownFaqIds(scenarios, id => repo.Knowledge.FindFaq(id) is not null));

        var runner = new ScenarioRunner(repo.Decider,
            new ContactOptions { Phone = "1588-0000", Hours = "평일 09:00~18:00", ChatUrl = "https://seller.example.com/support/chat", InquiryUrl = "https://seller.example.com/support/inquiry" },
            new DialogueOptions(), new HandoffOptions());
        var results = await runner.RunAllAsync(scenarios);
        foreach (var result in results) output.WriteLine(ScenarioReport.Line(result));
        output.WriteLine(ScenarioReport.Summary(results));

        var passed = results.Count(r => r.Passed);
        Assert.True(passed >= floor, $"{passed} scenarios of {Path.GetFileName(path)} passed, the floor is {floor}");
    }
}
