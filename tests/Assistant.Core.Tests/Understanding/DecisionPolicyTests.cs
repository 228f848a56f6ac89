using Assistant.Knowledge;
using Assistant.Retrieval;
using Assistant.Understanding;

namespace Assistant.Tests.Understanding;

[Collection(RepoCollection.Name)]
public sealed class DecisionPolicyTests(RepoFixture repo)
{
    private Decision Decide(IEnumerable<(string Label, float P)> intents, IEnumerable<(string Id, float Score)> candidates, PolicyOptions? options = null)
    {
        var labels = intents.ToList();
        var rest = (1 - labels.Sum(l => l.P)) / Math.Max(1, repo.Model.Labels.Count - labels.Count);
        var ranked = repo.Model.Labels
            .Select(l => new IntentScore(l, labels.FirstOrDefault(x => x.Label == l).P is var p && labels.Any(x => x.Label == l) ? p : rest))
            .OrderByDescending(s => s.Probability).ToArray();
        var retrieved = candidates.Select(c => new RetrievalCandidate(c.Id, c.Score, c.Score, c.Score)).ToArray();
        return new DecisionPolicy(repo.Knowledge, options ?? new PolicyOptions()).Decide(ranked, retrieved);
    }

    [Fact]
    public void ConfidentAgreeingEvidenceAnswers()
    {
        var d = Decide([("fees", 0.9f)], [("fees", 0.7f), ("tax-invoice", 0.3f)]);
        Assert.Equal((DecisionKind.Answer, "fees"), (d.Kind, d.FaqId));
        Assert.Equal("answer", d.Action);
    }

    [Fact]
    public void TwoCloseTopicsAskTheSellerToChoose()
    {
        var d = Decide([("settlement-schedule", 0.45f), ("settlement-hold", 0.4f)], [("settlement-hold", 0.5f), ("settlement-schedule", 0.5f)]);
        Assert.Equal(DecisionKind.Clarify, d.Kind);
        Assert.Equal(["settlement-schedule", "settlement-hold"], d.Suggestions.Take(2));
        Assert.Null(d.FaqId);
    }

    [Fact]
    public void WeakRetrievalBlocksAnAnswerTheClassifierAloneWants()
    {
        var d = Decide([("fees", 0.95f)], [("fees", 0.05f)]);
        Assert.Equal(DecisionKind.Clarify, d.Kind);
    }

    [Fact]
    public void HandoffMassAcrossHandoffLabelsHandsOff()
    {
        var d = Decide([("handoff.case", 0.3f), ("handoff.request", 0.25f), ("settlement-hold", 0.3f)], [("settlement-hold", 0.6f)]);
        Assert.Equal(DecisionKind.Handoff, d.Kind);
        Assert.Equal("handoff.case", d.Intent);
    }

    [Fact]
    public void OutOfScopeDeclinesAndSmalltalkChats()
    {
        Assert.Equal(DecisionKind.Decline, Decide([("out-of-scope", 0.8f)], [("contact-support", 0.4f)]).Kind);
        var small = Decide([("smalltalk.thanks", 0.9f)], []);
        Assert.Equal((DecisionKind.Smalltalk, "smalltalk.thanks"), (small.Kind, small.Intent));
    }

    [Fact]
    public void NothingPlausibleDeclines()
    {
        var flat = repo.Model.Labels.Select(l => (l, 1f / repo.Model.Labels.Count)).ToArray();
        var d = Decide(flat, []);
        Assert.Equal(DecisionKind.Decline, d.Kind);
    }

    [Fact]
    public void AgreementRequirementRefusesWhenTheRetrieverPrefersAnotherEntry()
    {
        var options = new PolicyOptions { RequireAgreement = true, AnswerMargin = 0 };
        var d = Decide([("fees", 0.9f)], [("tax-invoice", 0.9f), ("fees", 0.6f)], options);
        Assert.NotEqual(DecisionKind.Answer, d.Kind);
    }

    [Fact]
    public async Task AClickedSuggestionTitleAnswersThatEntry()
    {
        var title = repo.Knowledge.FindFaq("settlement-hold")!.Title;
        var d = await repo.Decider.DecideAsync(" " + title + " ");
        Assert.Equal(("answer", "settlement-hold"), (d.Action, d.FaqId));
    }
}
