using Assistant.Knowledge;
using Assistant.Understanding;

namespace Assistant.Tests.Understanding;

/// <summary>
/// A question that asks for a number (how long, how many, at most) is answered only by an entry that states one
/// (<see cref="QuantityQuestions"/>): the entry about the matter itself may say what to do and nothing of how long.
/// </summary>
[Collection(RepoCollection.Name)]
public sealed class QuantityQuestionTests(RepoFixture repo)
{
    [Theory]
    [InlineData("정산 보류 걸리면 보통 며칠이면 풀려요??", true)]
    [InlineData("새 발송예정일은 최대 며칠 뒤까지 잡을 수 있어요?", true)]
    [InlineData("월 매출 얼마 이상이면 빠른정산 대상이에요?", true)]
    [InlineData("How long does the account review take?", true)]
    // A time of day asked for.
    [InlineData("고객센터 몇 시까지 해요?", true)]
    [InlineData("정산금 입금되는 시간대는 보통 몇 시쯤이에요?", true)]
    // Told, not asked: a few orders on hold; money that something costs.
    [InlineData("정산관리에 몇 건이 보류로 떠 있어요", false)]
    [InlineData("수수료 얼마예요?", false)]
    // "최대한" is as much as one can, no bound.
    [InlineData("상품명에 키워드를 최대한 많이 넣고 싶은데 글자 수 제한이 있나요?", false)]
    public void AQuestionAsksANumberOnlyWhenItAsksHowLongHowManyOrABound(string message, bool asks) =>
        Assert.Equal(asks, QuantityQuestions.Asks(message));

    [Theory]
    // The hold entry states no number at all.
    [InlineData("settlement-hold", "정산 보류 걸리면 보통 며칠이면 풀려요??", false)]
    // A duration: any sentence stating one covers it.
    [InlineData("refund-process", "카드 환불은 며칠 걸려요?", true)]
    [InlineData("settlement-account", "정산계좌 변경하면 심사 며칠 걸려요?", true)]
    // A bound about the title's own matter: any bound the entry states.
    [InlineData("dispatch-deadline", "발송기한 최대 며칠이에요?", true)]
    [InlineData("product-registration", "상품명은 최대 몇 자까지 돼요?", true)]
    // The bound is asked of the product name; the certificate is asked after it, of no bound.
    [InlineData("product-registration", "상품등록중인데 대표이미지 사이즈 몇으로 해야되고 상품명은 몇자까지 되는지 알려주세여 아 그리고 유아용품이면 KC도 필요함?", true)]
    // A bound about something the entry never bounds: the new expected date, the fast-settlement threshold.
    [InlineData("shipping-delay", "발송지연 안내 등록할 때 새 발송예정일은 최대 며칠 뒤까지 잡을 수 있어요?", false)]
    [InlineData("settlement-schedule", "빠른정산 대상이 되려면 월 매출 얼마 이상이어야 해요?", false)]
    // A time of day: the contact entry states its opening hours, the schedule entry states days, no hour.
    [InlineData("contact-support", "고객센터 몇 시까지 해요?", true)]
    [InlineData("settlement-schedule", "정산금 입금되는 시간대는 보통 몇 시쯤이에요?", false)]
    public void AnEntryCoversANumberOnlyWhenItStatesOne(string faq, string message, bool covers) =>
        Assert.Equal(covers, repo.Knowledge.Quantities.Covers(repo.Knowledge.FindFaq(faq)!, message));

    [Theory]
    [InlineData("정산 보류 걸리면 보통 며칠이면 풀려요??")]
    [InlineData("발송지연 안내 등록할 때 새 발송예정일은 최대 며칠 뒤까지 잡을 수 있어요?")]
    [InlineData("빠른정산 대상이 되려면 조건이 정확히 뭐예요? 월 매출 얼마 이상 이런 기준 있나요")]
    public async Task ANumberNoEntryOfferedStatesIsNoAnswerHere(string message)
    {
        var decision = await repo.Decider.DecideAsync(message);
        Assert.Equal((DecisionKind.Handoff, Decider.NoAnswer), (decision.Kind, decision.Intent));
    }

    [Theory]
    [InlineData("반품 수거되면 며칠 안에 완료 처리해야 돼요?", "return-exchange")]
    [InlineData("발송기한 며칠임?", "dispatch-deadline")]
    [InlineData("구매확정 안 누르면 며칠 뒤에 자동으로 돼요?", "purchase-confirmation")]
    [InlineData("상품명 최대 몇 글자까지 쓸 수 있어요?", "product-registration")]
    // "구매자 몇 분이" counts people; the question asks whether the carrier can be changed.
    [InlineData("어제 밤에 주문 30건을 한꺼번에 발송처리했는데 택배사를 잘못 골랐어요. 구매자 몇 분이 배송조회가 안 된다고 문의를 주셨어요. 이미 발송처리를 한 다음에도 택배사랑 송장번호를 고칠 수 있나요?", "tracking-number")]
    public async Task ANumberTheEntryStatesIsAnswered(string message, string faq)
    {
        var decision = await repo.Decider.DecideAsync(message);
        Assert.Equal((DecisionKind.Answer, faq), (decision.Kind, decision.FaqId));
    }
}
