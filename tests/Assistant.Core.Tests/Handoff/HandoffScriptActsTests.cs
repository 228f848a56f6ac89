namespace Assistant.Tests.Handoff;

/// <summary>The handoff script's yes / cancel / don't-know checks read what sellers really type, through <see cref="Assistant.Dialogue.ReplyActs"/>.</summary>
[Collection(RepoCollection.Name)]
public sealed class HandoffScriptActsTests(RepoFixture repo)
{
    [Theory]
    [InlineData("ㅇㅇ")]
    [InlineData("네 접수해 주세요")]
    [InlineData("네 맞아요 접수해주세요")]
    [InlineData("응 맞아")]
    [InlineData("맞아요 진행해주세요")]
    [InlineData("네접수해주세요")]
    [InlineData("넵!")]
    public void ConfirmsTheSummary(string text) => Assert.True(repo.Knowledge.Handoff.IsConfirm(text));

    [Theory]
    [InlineData("네 근데 정산은 언제 돼요?")]
    [InlineData("접수 안 할래요")]
    [InlineData("괜찮아요")]
    [InlineData("아니요")]
    [InlineData("주문번호 수정")]
    [InlineData("맞아요?")]
    public void DoesNotConfirmAQuestionOrARefusal(string text) => Assert.False(repo.Knowledge.Handoff.IsConfirm(text));

    [Theory]
    [InlineData("아 됐어요")]
    [InlineData("나중에 할게요")]
    [InlineData("그만")]
    [InlineData("아 그냥 됐어요")]
    [InlineData("접수 안 할래요")]
    [InlineData("안 해도 돼요")]
    public void Cancels(string text) => Assert.True(repo.Knowledge.Handoff.IsCancel(text));

    [Theory]
    [InlineData("취소 요청이 들어왔어요")]
    [InlineData("정산금이 안 들어왔어요")]
    [InlineData("네")]
    public void DoesNotCancelAProblemOrAYes(string text) => Assert.False(repo.Knowledge.Handoff.IsCancel(text));

    [Theory]
    [InlineData("주문번호는 몰라요")]
    [InlineData("상품은 딱히 없어요")]
    [InlineData("잘 모르겠네요")]
    [InlineData("i don't know")]
    public void SkipsAnUnknownDetail(string text) => Assert.True(repo.Knowledge.Handoff.IsUnknown(text));

    [Theory]
    [InlineData("무선 청소기")]
    [InlineData("2025010187654321")]
    [InlineData("없는 상품이에요")]
    public void DoesNotSkipAValue(string text) => Assert.False(repo.Knowledge.Handoff.IsUnknown(text));
}
