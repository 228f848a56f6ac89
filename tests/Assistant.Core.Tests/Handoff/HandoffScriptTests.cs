namespace Assistant.Tests.Handoff;

[Collection(RepoCollection.Name)]
public sealed class HandoffScriptTests(RepoFixture repo)
{
    [Fact]
    public void RecognisesCancelUnknownAndConfirmWordsRegardlessOfSpacing()
    {
        var script = repo.Knowledge.Handoff;
        Assert.True(script.IsCancel("취소 할게요"));
        Assert.True(script.IsUnknown("모르겠어요"));
        Assert.True(script.IsConfirm("접수해 주세요"));
        Assert.False(script.IsConfirm("주문번호 수정"));
    }

    [Fact]
    public void MarksAccountTakeoverAsUrgent()
    {
        Assert.Equal("계정 도용 의심", repo.Knowledge.Handoff.UrgencyReason("누가 제 아이디로 무단 로그인 했어요"));
        Assert.Null(repo.Knowledge.Handoff.UrgencyReason("정산 일정이 궁금해요"));
    }

    [Fact]
    public void EveryFaqCategoryHasAKoreanLabel() =>
        Assert.All(repo.Knowledge.Faqs, f => Assert.NotEqual(f.Category, repo.Knowledge.Handoff.CategoryLabel(f.Category)));
}
