using Assistant.Knowledge;
using Assistant.Understanding;

namespace Assistant.Tests.Understanding;

/// <summary>
/// What the thirty-fifth blind batch (brand-new sellers typing on a phone) showed of single messages: the norm asked
/// after a situation, a way asked for in a plain ending, everyday names for the seller center's words, and selling
/// features no entry covers.
/// </summary>
[Collection(RepoCollection.Name)]
public sealed class NewSellerTests(RepoFixture repo)
{
    /// <summary>
    /// "원래 며칠 걸려요?" after what happened asks how long it normally takes: a question, never a case's form, even when
    /// the classifier reads the whole as a case.
    /// </summary>
    [Fact]
    public async Task TheNormAskedAfterTheSituationIsNoCase()
    {
        const string message = "가입신청 어제 했는데 아직 심사중이라고 떠요 원래 며칠 걸리는거에요??";
        var decision = await repo.Decider.DecideAsync(message);
        Assert.NotEqual(Decider.HandoffCase, decision.Intent);
        Assert.Contains("seller-signup", decision.Suggestions);
    }

    /// <summary>"원래" for what should have happened ("원래 어제 들어왔어야 하는데 …") asks about this case, not the norm.</summary>
    [Fact]
    public async Task WhatShouldHaveHappenedIsNoNormAsked()
    {
        var decision = await repo.Decider.DecideAsync("원래 어제 들어왔어야 하는 정산금이 아직 안 들어왔어요 왜 그런가요? 제 정산 좀 확인해 주세요");
        Assert.Equal((DecisionKind.Handoff, Decider.HandoffCase), (decision.Kind, decision.Intent));
    }

    /// <summary>A way asked for in a plain ending ("방법 있나") after the situation is a general question and is answered.</summary>
    [Fact]
    public async Task AWayAskedForInAPlainEndingIsAnswered()
    {
        var decision = await repo.Decider.DecideAsync("엄마가 포장이랑 주문확인 도와주시는데 제 아이디 비번 그냥 알려드려도 되요? 엄마꺼 따로 만들어드리는 방법 있나");
        Assert.Equal((DecisionKind.Answer, "account-login"), (decision.Kind, decision.FaqId));
    }

    /// <summary>Everyday names: the main photo is the representative image, opening a store is signing up, taking the payout early is fast settlement.</summary>
    [Theory]
    [InlineData("물건 처음 올리는데 메인사진은 크기 얼마로 맞춰요?", "product-registration")]
    [InlineData("사업자등록 안해도 스토어 열수있어요?", "seller-signup")]
    [InlineData("정산 당겨받는 방법은 없어요?", "settlement-schedule")]
    public async Task EverydayNamesReachTheirEntry(string message, string faq)
    {
        var decision = await repo.Decider.DecideAsync(message);
        Assert.Equal((DecisionKind.Answer, faq), (decision.Kind, decision.FaqId));
    }

    /// <summary>
    /// Printing labels, a cap per buyer, a set made of listed products: selling features no entry covers get "no answer
    /// here" and a person, not the tracking-number or registration answer.
    /// </summary>
    [Theory]
    [InlineData("택배 보낼때 송장 출력은 어떻게해요? 라벨프린터 꼭 사야되나요")]
    [InlineData("처음이라 한정수량으로 팔아보려는데 한사람당 1개만 살수있게 막을수 있나요?")]
    [InlineData("따로 올린 상품 2개를 하나로 묶어서 세트상품으로 팔고싶은데 합치는 기능 있어요?")]
    public async Task AnUncoveredSellingFeatureIsNoAnswerHere(string message)
    {
        var decision = await repo.Decider.DecideAsync(message);
        Assert.Equal((DecisionKind.Handoff, Decider.NoAnswer), (decision.Kind, decision.Intent));
    }

    /// <summary>Whether the employer finds out about a side business, or the health insurance it costs, is private life.</summary>
    [Fact]
    public async Task ASideBusinessKeptFromTheEmployerIsPrivateLife() =>
        Assert.Equal(DecisionKind.Decline, (await repo.Decider.DecideAsync("부업으로 스토어 하면 회사에 들키나요? 건강보험료 올라가는지 궁금해요")).Kind);

    /// <summary>
    /// "심사 보통 며칠 걸려요?" asks how long of one bare word several entries are about (sign-up, account change, product
    /// review): unsure, the choices are that word's area; a bare word one entry owns ("환불 며칠 걸려요?") is still answered.
    /// </summary>
    [Fact]
    public async Task HowLongOfABareWordOffersItsArea()
    {
        var unsure = await repo.Decider.DecideAsync("심사 보통 며칠 걸려요?");
        Assert.Equal(DecisionKind.Clarify, unsure.Kind);
        Assert.True(unsure.Suggestions.Count >= 2);
        Assert.Contains("seller-signup", unsure.Suggestions);
        var owned = await repo.Decider.DecideAsync("환불 며칠 걸려요?");
        Assert.Equal((DecisionKind.Answer, "refund-process"), (owned.Kind, owned.FaqId));
    }
}
