using Assistant.Handoff.Slots;
using Assistant.Knowledge;
using Assistant.Understanding;

namespace Assistant.Tests.Dialogue;

/// <summary>What the thirty-ninth blind batch (older farm sellers, some writing Gyeongsang speech) showed: its copula and courtesies.</summary>
[Collection(RepoCollection.Name)]
public sealed class DialectConversationTests(RepoFixture repo)
{
    /// <summary>"활전복 1kg 입니더": the Gyeongsang copula is no part of the product's name, written apart or attached.</summary>
    [Theory]
    [InlineData("상품은 활전복 1kg 입니더", "활전복 1kg")]
    [InlineData("상품은 상주 반건시 선물세트입니더", "상주 반건시 선물세트")]
    public async Task TheGyeongsangCopulaIsNoPartOfTheName(string answer, string product)
    {
        var chat = new Chat(repo);
        await chat.SayAsync("상담원 연결해 주세요 손님이 상품이 상했다고 해요");
        await chat.SayAsync("주문번호 2025101212345678");
        await chat.SayAsync("아이디 nongbu_kim");
        await chat.SayAsync(answer);
        Assert.Equal(product, chat.State.Form!.ValueOf(SlotKind.Product));
    }

    /// <summary>Thanks and a goodbye in Gyeongsang speech, "알려줘서" (for having told) asking nothing, are smalltalk.</summary>
    [Theory]
    [InlineData("아이고 친절하게 알려줘서 고맙심더 덕분에 살았네예 수고 많이 하이소")]
    [InlineData("고맙심더 수고하이소")]
    public async Task GyeongsangThanksAndGoodbyeAreSmalltalk(string message) =>
        Assert.Equal(DecisionKind.Smalltalk, (await repo.Decider.DecideAsync(message)).Kind);
}
