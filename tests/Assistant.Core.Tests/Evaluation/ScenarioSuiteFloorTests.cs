using Assistant.Dialogue;
using Assistant.Evaluation.Scenarios;
using Assistant.Handoff;
using Xunit.Abstractions;

namespace Assistant.Tests.Evaluation;

/// <summary>
/// The multi-turn scenarios through the engine and agent desk: of <c>shared/eval/scenarios.json</c> no fewer may
/// pass than <see cref="Floor"/>, and of each of the project's own independently written batches no fewer than its floor.
/// Raise the floors as the dialogue improves; never lower one to hide a regression.
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

    public static string ScenariosPath => Paths.SharedEval("scenarios.json");

    [Fact]
    public Task AtLeastTheFloorOfScenariosPass() => PlayAsync(ScenariosPath, Floor);

    /// <summary>
    /// The project's own batches under <c>eval/scenarios</c>, each written from the specification only, without the code or
    /// its knowledge phrasings, with its floor; in brackets how many passed when it was written (on the build before it,
    /// for the fourth batch on): the first 68 of 68, the second 55 (35), the third 38 of 40 (29), the fourth 30 of 30 (19),
    /// the fifth 30 of 30 (23), the sixth 29 of 30 (19), the seventh 37 of 40 (27), the eighth 40 of 40 (31), the ninth 38
    /// of 40 (26), the tenth 40 of 40 (35), the eleventh 35 of 35 (27), the twelfth 35 of 35 (23), the thirteenth 30 of 30 (22; 28 before the situation-first
    /// phrasings moved one problem's category, 27 after, 28 again since a weak reading of "또 반려됐어요" names no area, 29 since
    /// the order-cancel answer counts its penalty points, 30 since an unsure aside in the form's area is answered), the fourteenth 30 of 30 (27), the fifteenth 28 of 30 (24), the sixteenth 29 of 30 (22), the seventeenth 29 of 30 (20), the eighteenth 30 of 30 (26; 29 until an English follow-up opening on what was just said was read on the topic), the nineteenth (conversations only) 24 of 30 (21), the twentieth 29 of 30 (24; 28 before a cost question offered the fees and registration entries was answered by the one that prices a listing), the twenty-first 29 of 30 (22), the twenty-second 25 of 30 (18), the twenty-third 24 of 30 (21), the twenty-fourth 17 of 20 (16), the twenty-fifth 21 of 30 (13; 19 until a pointer to another entry stopped covering that entry's words and the suspension answer said 재검토), the twenty-sixth 25 of 30 (20), the twenty-seventh 30 of 30 (26), the twenty-eighth 29 of 30 (24), the twenty-ninth 19 of 20 (17), the thirtieth 24 of 25 (18), the thirty-first 24 of 25 (17), the thirty-second 27 of 30 (22), the thirty-third 8 of 20 (8), the thirty-fourth 13 of 15 (12).
    /// </summary>
    [Theory]
    [InlineData("independent.json", 68)]
    [InlineData("independent-2.json", 55)]
    [InlineData("independent-3.json", 38)]
    [InlineData("independent-4.json", 30)]
    [InlineData("independent-5.json", 30)]
    [InlineData("independent-6.json", 29)]
    [InlineData("independent-7.json", 37)]
    [InlineData("independent-8.json", 40)]
    [InlineData("independent-9.json", 38)]
    [InlineData("independent-10.json", 40)]
    [InlineData("independent-11.json", 35)]
    [InlineData("independent-12.json", 35)]
    [InlineData("independent-13.json", 30)]
    [InlineData("independent-14.json", 30)]
    [InlineData("independent-15.json", 28)]
    [InlineData("independent-16.json", 29)]
    [InlineData("independent-17.json", 29)]
    [InlineData("independent-18.json", 30)]
    [InlineData("independent-19.json", 24)]
    [InlineData("independent-20.json", 29)]
    [InlineData("independent-21.json", 29)]
    [InlineData("independent-22.json", 25)]
    [InlineData("independent-23.json", 24)]
    [InlineData("independent-24.json", 17)]
    [InlineData("independent-25.json", 21)]
    [InlineData("independent-26.json", 25)]
    [InlineData("independent-27.json", 30)]
    [InlineData("independent-28.json", 29)]
    [InlineData("independent-29.json", 19)]
    [InlineData("independent-30.json", 24)]
    [InlineData("independent-31.json", 24)]
    [InlineData("independent-32.json", 27)]
    [InlineData("independent-33.json", 8)]
    [InlineData("independent-34.json", 13)]
    [InlineData("independent-35.json", 18)]
    [InlineData("independent-36.json", 19)]
    [InlineData("independent-37.json", 19)]
    [InlineData("independent-38.json", 20)]
    [InlineData("independent-39.json", 10)]
    [InlineData("independent-40.json", 15)]
    [InlineData("independent-41.json", 15)]
    [InlineData("independent-42.json", 12)]
    [InlineData("independent-43.json", 13)]
    [InlineData("independent-44.json", 15)]
    [InlineData("independent-45.json", 15)]
    [InlineData("independent-46.json", 13)]
    [InlineData("independent-47.json", 11)]
    [InlineData("independent-48.json", 14)]
    [InlineData("independent-49.json", 12)]
    [InlineData("independent-50.json", 12)]
    public Task AtLeastTheFloorOfEachIndependentBatchPasses(string file, int floor) =>
        PlayAsync(Path.Combine(Paths.Root, "eval", "scenarios", file), floor);

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
