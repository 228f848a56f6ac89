using Assistant.Dialogue;

namespace Assistant.Tests.Dialogue;

[Collection(RepoCollection.Name)]
public sealed class ConversationEngineTests(RepoFixture repo)
{
    [Fact]
    public async Task AnswersFillContactDetailsFromConfiguration()
    {
        var reply = await repo.Engine().RespondAsync("고객센터 전화번호 알려주세요", new DialogueState());
        Assert.Equal(("answer", "contact-support"), (reply.Info.Action, reply.Info.FaqId));
        Assert.Contains("1588-1234", reply.Text);
        Assert.DoesNotContain("{{", reply.Text);
    }

    [Fact]
    public async Task TwoMissesInARowOfferAPersonAndYesConnects()
    {
        var engine = repo.Engine();
        var state = new DialogueState();
        var first = await engine.RespondAsync("오늘 날씨 어때요", state);
        Assert.Equal("decline", first.Info.Action);
        Assert.DoesNotContain(repo.Knowledge.Replies.OfferHandoff, first.Text);

        var second = await engine.RespondAsync("김치찌개 레시피 알려줘", state);
        Assert.Contains(repo.Knowledge.Replies.OfferHandoff, second.Text);
        Assert.Contains(repo.Knowledge.Replies.HandoffAction, second.SuggestedActions);
        Assert.True(state.HandoffOffered);

        var yes = await engine.RespondAsync("네", state);
        Assert.Equal(("handoff", "handoff.accepted"), (yes.Info.Action, yes.Info.Intent));
        Assert.Equal(0, state.Misses);
    }

    [Fact]
    public async Task AHelpfulAnswerResetsTheMissCount()
    {
        var engine = repo.Engine();
        var state = new DialogueState();
        await engine.RespondAsync("asdfgh", state);
        await engine.RespondAsync("정산 계좌 변경하고 싶어요", state);
        var after = await engine.RespondAsync("로또 번호 추천해줘", state);
        Assert.Equal(1, state.Misses);
        Assert.False(state.HandoffOffered);
        Assert.DoesNotContain(repo.Knowledge.Replies.OfferHandoff, after.Text);
    }

    [Fact]
    public async Task ClarifyOffersEntryTitlesAndAPerson()
    {
        var reply = await repo.Engine().RespondAsync("정산", new DialogueState());
        if (reply.Info.Action == "answer") return; // a confident single-word answer is also right for this message
        Assert.Equal("clarify", reply.Info.Action);
        Assert.NotNull(reply.Info.Suggestions);
        Assert.All(reply.Info.Suggestions!, id => Assert.Contains(repo.Knowledge.FindFaq(id)!.Title, reply.SuggestedActions));
        Assert.Equal(repo.Knowledge.Replies.HandoffAction, reply.SuggestedActions[^1]);
    }

    [Fact]
    public async Task OverlongAndEmptyMessagesGetPoliteKoreanRefusals()
    {
        var engine = repo.Engine(new DialogueOptions { MaxMessageLength = 50 });
        var tooLong = await engine.RespondAsync(new string('가', 51), new DialogueState());
        Assert.Equal(("decline", "too-long"), (tooLong.Info.Action, tooLong.Info.Intent));
        Assert.Contains("50자", tooLong.Text);

        var empty = await engine.RespondAsync("   ", new DialogueState());
        Assert.Equal("non-text", empty.Info.Intent);
        var emoji = await engine.RespondAsync("👍👍", new DialogueState());
        Assert.Equal("noise", emoji.Info.Intent);
    }

    [Fact]
    public async Task EnglishQuestionsGetTheKoreanAnswerWithAnEnglishNote()
    {
        var reply = await repo.Engine().RespondAsync("how do I change my payout bank account", new DialogueState());
        Assert.Equal(("answer", "settlement-account"), (reply.Info.Action, reply.Info.FaqId));
        Assert.StartsWith(repo.Knowledge.Replies.EnglishPreface, reply.Text);
    }

    [Fact]
    public void WelcomeSuggestsConfiguredTopicsAndAPerson()
    {
        var welcome = repo.Engine().Welcome();
        Assert.Equal(repo.Knowledge.Replies.WelcomeTopics.Count + 1, welcome.SuggestedActions.Count);
        Assert.Equal(repo.Knowledge.Replies.HandoffAction, welcome.SuggestedActions[^1]);
    }
}
