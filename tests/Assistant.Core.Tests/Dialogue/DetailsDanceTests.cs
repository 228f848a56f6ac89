using Assistant.Handoff;
using Assistant.Handoff.Slots;

namespace Assistant.Tests.Dialogue;

/// <summary>
/// What the forty-fourth blind batch (details given, corrected, refused and questioned) showed: a correction that names the
/// product and quotes the right name, part of an order number corrected, why a detail is needed, a detail that cannot be
/// pinned to one, and "file it" said to a detail's question.
/// </summary>
[Collection(RepoCollection.Name)]
public sealed class DetailsDanceTests(RepoFixture repo)
{
    private const string Request = "사람 상담 부탁해요. 주문번호 2025050718843321 아이디 yeoreum.fruit 상품 성주 꿀참외 3kg. 구매자가 절반이 물러서 왔다고 전액 환불 요구해요";

    /// <summary>
    /// "아니 상품명은 그게 아니고 '사계절 극세사 러그 200x150' 이에요" at the summary: the product is replaced; a size in it is
    /// no seller ID, and "그게 아니고" says the value shown is wrong, not that there is no product.
    /// </summary>
    [Fact]
    public async Task ACorrectionThatNamesTheProductReplacesIt()
    {
        var chat = new Chat(repo);
        await chat.SayAsync("구매자가 교환 요청했는데 재발송 송장 넣는 칸이 안 보여요. 담당자 연결 부탁드려요");
        await chat.SayAsync("주문번호 2025102008871123 이고 아이디는 moa_living 이요");
        await chat.SayAsync("상품은 극세사 러그");
        Assert.True(chat.State.Form!.AtSummary);
        await chat.SayAsync("아니 상품명은 그게 아니고 '사계절 극세사 러그 200x150' 이에요");
        var form = chat.State.Form!;
        Assert.True(form.AtSummary);
        Assert.Equal("moa_living", form.ValueOf(SlotKind.Seller));
        Assert.Equal("사계절 극세사 러그 200x150", form.ValueOf(SlotKind.Product));
    }

    [Theory]
    [InlineData("200x150")]
    [InlineData("30x40cm")]
    [InlineData("1.5x2m")]
    public void ASizeIsNoSellerId(string size) =>
        Assert.DoesNotContain(SlotExtraction.FromMessages([$"상품은 러그 {size} 이에요"]).Values, v => v.Kind == SlotKind.Seller);

    [Theory]
    [InlineData("상품명은 그게 아니고 '사계절 러그'예요")]
    [InlineData("아니 주문번호 그거 아니고 2025050718843312예요")]
    public void ThatIsNotItSkipsNothing(string text) => Assert.Empty(HandoffFlow.SkippedIn(text));

    /// <summary>"아 주문번호 끝 네자리 3321 아니고 3312예요": the digits said wrong are replaced where they are, once.</summary>
    [Theory]
    [InlineData("아 주문번호 끝 네자리 3321 아니고 3312예요", "2025050718843312")]
    [InlineData("3321 말고 3312요", "2025050718843312")]
    [InlineData("끝자리 21 아니고 12", "2025050718843312")]
    public async Task PartOfAnOrderNumberCorrectedIsReplacedInPlace(string correction, string order)
    {
        var chat = new Chat(repo);
        await chat.SayAsync(Request);
        Assert.True(chat.State.Form!.AtSummary);
        var replies = await chat.SayAsync(correction);
        Assert.Equal(order, chat.State.Form!.ValueOf(SlotKind.Order));
        Assert.Equal("handoff.confirm", replies[^1].Info.Intent);
        Assert.Contains("2025050718843312", replies[^1].Text);
    }

    /// <summary>Digits found twice in the value, or a different count of them, change nothing.</summary>
    [Theory]
    [InlineData("2025 아니고 2024예요")]
    [InlineData("3321 아니고 331이요")]
    public async Task AnUnclearPartCorrectionChangesNothing(string correction)
    {
        var chat = new Chat(repo);
        await chat.SayAsync("사람 상담 부탁해요. 주문번호 2025202518843321 아이디 yeoreum.fruit 상품 성주 꿀참외 3kg. 구매자가 환불 요구해요");
        await chat.SayAsync(correction);
        Assert.Equal("2025202518843321", chat.State.Form!.ValueOf(SlotKind.Order));
    }

    /// <summary>"그걸 왜 알려줘야 돼요?" while the ID is asked for: why the agent needs it, then the same question; nothing is noted as an aside.</summary>
    [Theory]
    [InlineData("근데 판매자 아이디 같은 건 그걸 왜 알려줘야 돼요?", "whySellerId")]
    [InlineData("그건 왜 필요한데요?", "whySellerId")]
    [InlineData("why do you need my order number?", "whyOrderNumber")]
    public async Task WhyADetailIsNeededIsSaid(string question, string key)
    {
        var chat = new Chat(repo);
        await chat.SayAsync("상담원 연결해 주세요. 이번 주 정산금이 주문 금액 합계보다 적게 들어왔어요");
        await chat.SayAsync("주문번호는 모르겠는데요. 여러 건이 섞여 있어서요");
        var replies = await chat.SayAsync(question);
        Assert.Equal(repo.Knowledge.Replies[key], replies[0].Text);
        Assert.Equal(("handoff.why", "handoff.ask-seller"), (replies[0].Info.Intent, replies[^1].Info.Intent));
        Assert.Null(chat.State.Form!.ValueOf(SlotKind.Seller));
    }

    /// <summary>"왜 안 되는지 알려주세요" while the order number is asked for asks about the problem, not why the number is needed.</summary>
    [Fact]
    public async Task ARequestToBeToldWhyItFailsIsNoWhyQuestion()
    {
        var chat = new Chat(repo);
        await chat.SayAsync("상담원 연결해 주세요. 정산이 3주째 보류 상태예요");
        var replies = await chat.SayAsync("왜 안 되는지 알려주세요");
        Assert.DoesNotContain(replies, r => r.Info.Intent == "handoff.why");
    }

    /// <summary>
    /// "hodu_market 이에요. 상품은 여러 개라 딱 하나 못 집어요": the ID taken and the product said not to be one; the summary
    /// follows. Then "ㅇㅋ 접수해주세요" files.
    /// </summary>
    [Fact]
    public async Task AProductThatCannotBePinnedToOneIsSkipped()
    {
        var chat = new Chat(repo);
        await chat.SayAsync("상담원 연결해 주세요. 이번 주 정산금이 주문 금액 합계보다 적게 들어왔어요");
        await chat.SayAsync("주문번호는 모르겠는데요. 여러 건이 섞여 있어서요");
        await chat.SayAsync("아 그렇군요. hodu_market 이에요. 상품은 여러 개라 딱 하나 못 집어요");
        var form = chat.State.Form!;
        Assert.True(form.AtSummary);
        Assert.Equal("hodu_market", form.ValueOf(SlotKind.Seller));
        Assert.Null(form.ValueOf(SlotKind.Product));
        Assert.Contains(await chat.SayAsync("ㅇㅋ 접수해주세요"), r => r.Info.Ticket is not null);
    }

    /// <summary>"네 접수해 주세요" answering the product question: there is no product to give; the form is complete and is filed.</summary>
    [Fact]
    public async Task FileItSaidToADetailsQuestionSkipsItAndFiles()
    {
        var chat = new Chat(repo);
        await chat.SayAsync("상담원 연결해 주세요. 아이디 sori_audio 인데 상품 판매중지 재심사가 3일째 그대로예요");
        await chat.SayAsync("주문번호는 없어요 특정 주문 건이 아니라서");
        Assert.Equal(HandoffForm.AskFor(SlotKind.Product), chat.State.Form!.Asking);
        var replies = await chat.SayAsync("네 접수해 주세요");
        Assert.Contains(replies, r => r.Info.Ticket is not null);
        var ticket = await chat.Tickets.FindLatestByConversationAsync(chat.Address.Channel, chat.Address.ConversationId);
        Assert.Equal(("sori_audio", null), (ticket!.Details.SellerId, ticket.Details.ProductName));
    }

    /// <summary>
    /// An order number and a quoted product inside a long story that ends in a general question: the question is answered;
    /// when the seller then asks for a person, both are taken from that story and only the ID is asked for.
    /// </summary>
    [Fact]
    public async Task DetailsToldInAStoryBeforeAGeneralQuestionAreTakenLater()
    {
        var chat = new Chat(repo);
        var answer = await chat.LastAsync("지난주 화요일에 주문번호 2025092311405528로 들어온 '라벤더 디퓨저 200ml' 주문이 있었는데요, 뽁뽁이 두 겹으로 싸서 "
            + "보냈는데도 구매자가 병이 깨져서 왔다고 반품 신청을 했어요. 사진도 보내왔고요. 이렇게 파손으로 반품되면 반품 배송비는 누가 내는 거예요?");
        Assert.Equal(("answer", "return-exchange"), (answer.Info.Action, answer.Info.FaqId));
        var replies = await chat.SayAsync("근데 구매자가 환불을 먼저 해 달라고 난리라서요.. 그냥 담당자랑 얘기할게요");
        Assert.Equal("handoff.ask-seller", replies[^1].Info.Intent);
        await chat.SayAsync("아이디는 purple_scent 요");
        var form = chat.State.Form!;
        Assert.True(form.AtSummary);
        Assert.Equal(("2025092311405528", "라벤더 디퓨저 200ml"), (form.ValueOf(SlotKind.Order), form.ValueOf(SlotKind.Product)));
    }

    [Theory]
    [InlineData("'라벤더 디퓨저 200ml' 주문이 반품됐어요", "라벤더 디퓨저 200ml")]
    [InlineData("'배송중' 주문이 세 건이에요", null)]
    public void AQuotedNameBeforeTheWordOrderIsTheProduct(string text, string? product) =>
        Assert.Equal(product, SlotExtraction.FromMessages([text]).Values.FirstOrDefault(v => v.Kind == SlotKind.Product && v.IsCertain)?.Value);

    /// <summary>"네 접수해 주세요" when the ID is still missing skips only the question asked: the ID is asked next, nothing is filed.</summary>
    [Fact]
    public async Task FileItSaidBeforeTheIdGoesOnToTheId()
    {
        var chat = new Chat(repo);
        await chat.SayAsync("상담원 연결해 주세요. 정산이 3주째 보류 상태예요");
        var replies = await chat.SayAsync("네 접수해 주세요");
        Assert.DoesNotContain(replies, r => r.Info.Ticket is not null);
        Assert.Equal("handoff.ask-seller", replies[^1].Info.Intent);
    }
}
