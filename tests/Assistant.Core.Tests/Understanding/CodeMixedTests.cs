using Assistant.Handoff.Slots;
using Assistant.Knowledge;
using Assistant.Tests.Dialogue;
using Assistant.Understanding;

namespace Assistant.Tests.Understanding;

/// <summary>
/// What the fortieth blind batch (foreign sellers and sellers mixing English into Korean) showed: English words written
/// with Korean grammar, Korean written in Latin letters, a seller saying who they are, and English asides of private life.
/// </summary>
[Collection(RepoCollection.Name)]
public sealed class CodeMixedTests(RepoFixture repo)
{
    /// <summary>Korean written in Latin letters ("jeongsan", "hwanbul", "songjang") and English nouns in a Korean sentence are answered.</summary>
    [Theory]
    [InlineData("jeongsan 은 buyer 가 purchase confirm 하고 나서 며칠 뒤에 통장에 들어와요?", "settlement-schedule")]
    [InlineData("hwanbul 은 계좌이체로 결제한 buyer 면 얼마나 걸려요? 자꾸 언제 들어오냐고 물어봐서요", "refund-process")]
    [InlineData("오늘 order 가 120개라 songjang 번호를 하나씩 넣기 너무 힘들어요. excel 로 한 번에 upload 가능?", "tracking-number")]
    [InlineData("원단 import 가 늦어져서 이번 주 orders 는 delay 될 것 같아요. buyer 들한테 미리 notice 보내는 official 한 방법 있어요?", "shipping-delay")]
    public async Task CodeMixedQuestionsAreAnswered(string message, string faq)
    {
        var decision = await repo.Decider.DecideAsync(message);
        Assert.Equal((DecisionKind.Answer, faq), (decision.Kind, decision.FaqId));
    }

    /// <summary>"담당자분이 check 해 주세요" asks a person to look into the seller's own figures, as "확인해 주세요" does.</summary>
    [Fact]
    public async Task AnEnglishVerbAskingToLookIntoOnesOwnCaseIsACase()
    {
        var decision = await repo.Decider.DecideAsync("이번 달 fee tax invoice 금액이 제 계산이랑 50만원 넘게 차이 나요. 담당자분이 check 해 주세요");
        Assert.Equal((DecisionKind.Handoff, Decider.HandoffCase), (decision.Kind, decision.Intent));
    }

    /// <summary>"저는 중국 사람이에요." says who the seller is: the request after it is a case, not a question whether the assistant is a person.</summary>
    [Fact]
    public async Task SayingWhoOneIsAsksNothingAboutTheAssistant()
    {
        var decision = await repo.Decider.DecideAsync("저는 중국 사람이에요. 사업자 정보 변경 신청 했는데 일주일 넘었어요, 아직 심사중이에요. 제 신청 확인해 주세요. 아이디 shanghai_tea");
        Assert.Equal((DecisionKind.Handoff, Decider.HandoffCase), (decision.Kind, decision.Intent));
        Assert.Equal(DecisionKind.Smalltalk, (await repo.Decider.DecideAsync("혹시 사람이에요?")).Kind);
    }

    /// <summary>
    /// Selling features no entry covers get "no answer here" and a person: a higher shipping fee for islands, deleting a
    /// buyer's review (asked in English), a store's visitor statistics (asked in mixed words).
    /// </summary>
    [Theory]
    [InlineData("제주도하고 섬 지역은 배송비 더 받고 싶어요. 추가 배송비는 어디서 설정 해요?")]
    [InlineData("A buyer left a 1-star review full of false claims and swear words. Are sellers allowed to delete or report reviews?")]
    [InlineData("store visitor 수랑 conversion rate 같은 statistics 는 어디서 볼 수 있어요?")]
    public async Task UncoveredSellingFeaturesOfferAPerson(string message)
    {
        var decision = await repo.Decider.DecideAsync(message);
        Assert.Equal((DecisionKind.Handoff, Decider.NoAnswer), (decision.Kind, decision.Intent));
    }

    /// <summary>The weather, a job application and a worker's year-end tax ("yeonmal jeongsan") are not ours, in English too.</summary>
    [Theory]
    [InlineData("Is it going to rain in Seoul tomorrow?")]
    [InlineData("Can you help me write a cover letter in Korean for a job at a bank?")]
    [InlineData("회사 yeonmal jeongsan 서류는 언제까지 내야 해요?")]
    public async Task EnglishAsidesOfPrivateLifeAreDeclined(string message)
    {
        var decision = await repo.Decider.DecideAsync(message);
        Assert.Equal((DecisionKind.Decline, Decider.OutOfScope), (decision.Kind, decision.Intent));
    }

    /// <summary>"oops ID typo, berlin.bakery 가 맞아요" at the summary: "typo" says what was wrong, the ID after it is the new one.</summary>
    [Fact]
    public async Task AnIdCorrectedAfterSayingItWasATypoTakesTheNewId()
    {
        var chat = new Chat(repo);
        await chat.SayAsync("상담원 연결 please. 주문번호 2025062733190876, ID 는 berlin_bakery, product 는 호밀빵 세트. buyer 가 곰팡이 폈다고 사진 보냈어요");
        Assert.Equal("berlin_bakery", chat.State.Form!.ValueOf(SlotKind.Seller));
        await chat.SayAsync("oops ID typo, berlin.bakery 가 맞아요");
        Assert.Equal("berlin.bakery", chat.State.Form!.ValueOf(SlotKind.Seller));
    }
}
