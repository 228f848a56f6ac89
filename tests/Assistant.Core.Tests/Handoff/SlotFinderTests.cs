using Assistant.Handoff.Slots;

namespace Assistant.Tests.Handoff;

public sealed class SlotFinderTests
{
    // ── Order number ────────────────────────────────────────────────────────────────────────────

    [Theory]
    [InlineData("주문번호 2025031412345678 확인 부탁드려요", "2025031412345678")]
    [InlineData("주문번호: 2025-0314-1234-5678", "2025031412345678")]
    [InlineData("주문 번호는 2025 0314 1234 5678 이에요", "2025031412345678")]
    [InlineData("주문번호는 2025031412345678이고 배송이 안 와요", "2025031412345678")]
    [InlineData("주문번호가 2025031412345678입니다", "2025031412345678")]
    [InlineData("2025031412345678 주문 건 배송 문의요", "2025031412345678")]
    [InlineData("order no. 2025031412345678", "2025031412345678")]
    [InlineData("Order number is 2025-0314-1234-5678", "2025031412345678")]
    [InlineData("20250314-12345678 건이요", "2025031412345678")]
    [InlineData("아이디 12345678 2025031412345678", "2025031412345678")]
    [InlineData("주문번호 2025 0314 1234 5678 12345678", "2025031412345678")]
    [InlineData("주문번호는 몰라요", null)]
    [InlineData("주문번호 20250314123456 이요", null)]
    [InlineData("010-1234-5678로 전화 주세요", null)]
    [InlineData("2025-03-14에 주문했어요", null)]
    public void FindsTheOrderNumber(string text, string? expected) =>
        Assert.Equal(expected, SlotTable.Order.Find(text)?.Value);

    [Theory]
    [InlineData("2025-0314-1234-5678", "2025031412345678")]
    [InlineData(" 2025 0314 1234 5678 ", "2025031412345678")]
    [InlineData("2025031412345678 입니다", "2025031412345678")]
    [InlineData("12345", null)]
    [InlineData("몰라요", null)]
    public void ParsesAnOrderNumberAnswer(string answer, string? expected) =>
        Assert.Equal(expected, SlotTable.Order.Parse(answer)?.Value);

    // ── Seller ID ──────────────────────────────────────────────────────────────────────────────

    [Theory]
    // A message that is nothing but a handle is a seller ID.
    [InlineData("greenday_mall", "greenday_mall")]
    [InlineData("  myshop01 ", "myshop01")]
    public void ALoneHandleIsASellerId(string text, string expected)
    {
        var found = SlotTable.Seller.Find(text);
        Assert.Equal(expected, found?.Value);
        Assert.True(found!.IsCertain);
    }

    [Theory]
    [InlineData("아이디 12345678", "12345678")]
    [InlineData("아이디는 kim.seller@naver.com 이고 정산 문의예요", "kim.seller@naver.com")]
    [InlineData("판매자 ID: shop_kim", "shop_kim")]
    [InlineData("판매자 아이디는 shopkim 입니다", "shopkim")]
    [InlineData("제 아이디가 'myshop' 이에요", "myshop")]
    [InlineData("ID shop.kim.", "shop.kim")]
    [InlineData("셀러 아이디: kim-store", "kim-store")]
    [InlineData("seller id is shop_kim", "shop_kim")]
    [InlineData("my seller ID: kimshop", "kimshop")]
    [InlineData("sorry, my seller id is actually kim_store2", "kim_store2")]
    [InlineData("myshop01 판매자인데 정산이 안 들어와요", "myshop01")]
    [InlineData("kim.seller@naver.com 계정이에요", "kim.seller@naver.com")]
    [InlineData("아이디는 shop_kim이에요", "shop_kim")]
    [InlineData("2025-0314-1234-5678 주문이 안 와요", null)]
    [InlineData("2025031412345678 건이요", null)]
    [InlineData("상품 유기농 현미 500ml 세트", null)]
    [InlineData("아이디는 모르겠어요", null)]
    [InlineData("판매자인데 정산이 안 들어와요", null)]
    [InlineData("talk to a human please", null)]
    public void FindsTheSellerId(string text, string? expected) =>
        Assert.Equal(expected, SlotTable.Seller.Find(text)?.Value);

    [Theory]
    [InlineData("shop_kim", "shop_kim")]
    [InlineData("shopkim", "shopkim")]
    [InlineData("12345678", "12345678")]
    [InlineData("12345678 입니다", "12345678")]
    [InlineData("shopkim이에요", "shopkim")]
    [InlineData("\"kim.seller@naver.com\"", "kim.seller@naver.com")]
    [InlineData("아이디는 shop_kim01 입니다", "shop_kim01")]
    [InlineData("2025031412345678", null)]
    [InlineData("몰라", null)]
    [InlineData("abc", null)]
    public void ParsesASellerIdAnswer(string answer, string? expected) =>
        Assert.Equal(expected, SlotTable.Seller.Parse(answer)?.Value);

    // ── Product name ───────────────────────────────────────────────────────────────────────────

    [Theory]
    // What follows a dash written as its own word, or "그대로" (as it was), is no part of the name.
    [InlineData("product 생활한복 원피스 - buyer claims the color faded after one wash", "생활한복 원피스")]
    [InlineData("주문번호 2025101106628843, 아이디 ggum_bedding, 상품 구스 이불 킹 그대로예요", "구스 이불 킹")]
    [InlineData("상품 무선 이어폰, 배송이 안 와요", "무선 이어폰")]
    [InlineData("상품은 무선 청소기고 배송이 아직 안 왔어요", "무선 청소기")]
    [InlineData("상품명은 스텐 텀블러로 바꿔 주세요", "스텐 텀블러")]
    // How it is named stands before the quoted name.
    [InlineData("상품명은 정확하게 '감귤 선물세트 5kg'이에요", "감귤 선물세트 5kg")]
    [InlineData("상품은 정확히 \"라탄 수납 바구니 대\"예요", "라탄 수납 바구니 대")]
    // … and before a name without quotes; a bare "공식" may begin the name.
    [InlineData("아 상품명 정확히는 편백나무 원목 도마 대형이에요", "편백나무 원목 도마 대형")]
    [InlineData("상품 정식 명칭은 캠핑 접이식 의자예요", "캠핑 접이식 의자")]
    [InlineData("상품명 공식 굿즈 키링이에요", "공식 굿즈 키링")]
    [InlineData("상품은 텀블러예요", "텀블러")]
    [InlineData("상품은 텀블러 입니다", "텀블러")]
    [InlineData("상품명은 '수제 쿠키 세트'요", "수제 쿠키 세트")]
    [InlineData("상품명은 \"유기농 현미 5kg\" 이에요", "유기농 현미 5kg")]
    [InlineData("상품명: 캠핑 의자", "캠핑 의자")]
    [InlineData("제품은 블루투스 스피커인데 환불하고 싶어요", "블루투스 스피커")]
    [InlineData("상품 무선 이어폰이 배송이 안 와요", "무선 이어폰")]
    [InlineData("상품은 가죽 지갑이고요", "가죽 지갑")]
    [InlineData("상품이 요가 매트예요", "요가 매트")]
    [InlineData("상품은 망고 젤리", "망고 젤리")]
    [InlineData("제품명은 아기 물티슈입니다", "아기 물티슈")]
    [InlineData("상품은 스텐 텀블러에요.", "스텐 텀블러")]
    [InlineData("myshop01 판매자인데 상품 무선이어폰 주문 건 상담 요청", "무선이어폰")]
    [InlineData("product: wireless earbuds", "wireless earbuds")]
    [InlineData("Product name is Camping Chair, please check", "Camping Chair")]
    [InlineData("주문번호 2025031412345678 상품 캠핑 의자 아이디 shop_kim", "캠핑 의자")]
    // A name that ends its item of a list keeps its last syllable: 이 before "/" is no particle ("턱받이").
    [InlineData("주문 2025052011112222 / 아이디 dodam_kids / 상품 아기 턱받이 / 구매자가 신고한대요", "아기 턱받이")]
    [InlineData("상품 진주 귀걸이, 주문번호 2025052011112222", "진주 귀걸이")]
    // A noun of a verb root and 이 takes 예요 and keeps its 이; after another consonant "이예요" is the copula misspelt.
    [InlineData("아이디는 baby_bom 이고 상품은 오가닉 턱받이예요. 주문번호는 해당 없어요", "오가닉 턱받이")]
    [InlineData("상품은 원목 손잡이예요", "원목 손잡이")]
    [InlineData("상품은 수제 마카롱이예요", "수제 마카롱")]
    [InlineData("상품명 먼저 말할게요 캐시미어 머플러", "캐시미어 머플러")]
    // After a unit or Latin letters the sound is unknown: the longest ending goes ("500g이고요", not "500g이").
    [InlineData("상품은 귀리 그래놀라 500g이고요", "귀리 그래놀라 500g")]
    [InlineData("상품은 무선 충전기 15W예요", "무선 충전기 15W")]
    public void FindsALabelledProduct(string text, string expected)
    {
        var value = SlotTable.Product.Find(text);
        Assert.NotNull(value);
        Assert.Equal(expected, value.Value);
        Assert.True(value.Labelled);
        Assert.Equal(Certainty.Certain, value.Certainty);
    }

    [Theory]
    [InlineData("아니 그냥 빨리 상담원 연결해 주세")]
    [InlineData("상품은 딱히 없어요")]
    [InlineData("상품이 품절로 표시돼요")]
    [InlineData("상품이 검색에 안 나와요")]
    [InlineData("상품 등록이 안 돼요")]
    [InlineData("상품 등록 문의요")]
    [InlineData("상품 상세페이지 수정하고 싶어요")]
    [InlineData("상품을 주문했는데 안 와요")]
    [InlineData("상품 관련 문의드려요")]
    [InlineData("상품 배송이 안 와요")]
    [InlineData("상품권 환불 문의")]
    [InlineData("이 상품은 반품 되나요?")]
    [InlineData("상품이 왜 노출이 안 돼요")]
    [InlineData("정산은 언제 들어와요?")]
    [InlineData("상품 아직 못 받았어요")]
    [InlineData("the product is not here yet")]
    [InlineData("상품: 없음")]
    [InlineData("주문번호 상품 그런거 없어요")]
    [InlineData("no specific product either")]
    // A determiner before 주문/상품 ("특정 주문이나 상품 건은 아니에요") names none.
    [InlineData("아이디 mellow_tea 이고, 특정 주문이나 상품 건은 아니에요")]
    [InlineData("Yes, submit")]
    // A participle after the label says how a product is concerned, not which: "no product involved".
    [InlineData("My seller id is kimchi_global. No order or product involved, it's about ad settings.")]
    [InlineData("there is no product affected")]
    public void FindsNoProductInARequestOrAProblemThatNamesNone(string text) =>
        Assert.Null(SlotTable.Product.Find(text));

    /// <summary>What describes the product (a clause before 상품/제품, a predicate after it, a process noun) is not its name: the seller is asked.</summary>
    [Theory]
    [InlineData("어제 받은 상품이 깨져 있대요")]
    [InlineData("배송 온 제품이 파손됐대요")]
    [InlineData("포장 찢어진 상품 교환 요청이요")]
    [InlineData("주문 들어온 상품 재고가 없어요")]
    [InlineData("잘못 간 제품 회수하려고요")]
    [InlineData("할인 제품 환불 문의")]
    [InlineData("구매자가 받은 제품이 불량이래요")]
    // When it was ordered is no product: "금요일에 주문한", "3일 주문 건".
    [InlineData("지난주 금요일에 주문한 건데 아직 출발을 안 했대요")]
    [InlineData("고객이 주말에 주문했는데 취소해 달래요")]
    // "이렇게 늦어질 때 구매자한테 …": a clause of when, before the cue word 구매(자).
    [InlineData("이렇게 늦어질 때 구매자한테 안내하는 방법이 있나요?")]
    // A verb joined to what follows ("들어와서", "바꿔서") is no product.
    [InlineData("지금 누가 제 계정으로 들어와서 상품 가격을 전부 바꿔놨어요")]
    // How long something has gone on ("한 시간째") is no product.
    [InlineData("지금 저희 스토어 결제가 하나도 안 돼요!! 한 시간째 구매자분들이 결제 오류 난다고 문의 폭주예요")]
    // A label followed by what is wrong with it names none: "상품명이 잘못 들어갔어요".
    [InlineData("상품명이 잘못 들어갔어요")]
    [InlineData("상품명 오타 났어요")]
    // "상품이 아니라 …" says what the product is not: the negative copula in any of its forms names nothing.
    [InlineData("판매자 아이디 sora_knit 인데요, 구매자가 반품 보낸 상자에 제 상품이 아니라 다른 브랜드 머플러가 들어 있었어요")]
    [InlineData("제가 보낸 상품이 아닌데 반품이 들어왔어요")]
    [InlineData("이 제품 아니었어요 다른 걸로 왔대요")]
    public void GuessesNoProductFromWhatDescribesIt(string text) =>
        Assert.Null(SlotTable.Product.Find(text));

    [Theory]
    [InlineData("빨간 모자 제품 반품이요", "빨간 모자")]
    [InlineData("레드 와인 상품 배송이 늦어요", "레드 와인")]
    [InlineData("무선 이어폰 주문했는데 배송이 안 와요", "무선 이어폰")]
    [InlineData("어제 캠핑 의자를 주문했는데 취소하고 싶어요", "캠핑 의자")]
    [InlineData("블루투스 스피커 상품이 품절로 떠요", "블루투스 스피커")]
    [InlineData("가죽 지갑 반품 요청이 들어왔어요", "가죽 지갑")]
    public void GuessesAnUnlabelledProductInALongMessageAsUncertain(string text, string expected)
    {
        var value = SlotTable.Product.Find(text);
        Assert.NotNull(value);
        Assert.Equal(expected, value.Value);
        Assert.False(value.Labelled);
        Assert.Equal(Certainty.Uncertain, value.Certainty);
    }

    [Theory]
    [InlineData("무선 청소기", "무선 청소기")]
    [InlineData("무선 이어폰이요", "무선 이어폰")]
    [InlineData("텀블러예요", "텀블러")]
    [InlineData("고양이 스크래쳐인데요", "고양이 스크래쳐")]
    [InlineData("상품은 린넨 셔츠 이고요", "린넨 셔츠")]
    [InlineData("면 티셔츠 인데요", "면 티셔츠")]
    [InlineData("레져 의자요", "레져 의자")]
    [InlineData("텀블러 입니다", "텀블러")]
    [InlineData("'수제 쿠키 세트'요", "수제 쿠키 세트")]
    [InlineData("상품명: 캠핑 의자", "캠핑 의자")]
    [InlineData("상품명은 스텐 텀블러로 바꿔 주세요", "스텐 텀블러")]
    // How it is named stands before the quoted name.
    [InlineData("상품명은 정확하게 '감귤 선물세트 5kg'이에요", "감귤 선물세트 5kg")]
    [InlineData("상품은 정확히 \"라탄 수납 바구니 대\"예요", "라탄 수납 바구니 대")]
    [InlineData("레고", "레고")]
    [InlineData("포도", "포도")]
    [InlineData("iPhone 15 케이스", "iPhone 15 케이스")]
    public void ParsesAProductAnswer(string answer, string expected)
    {
        var value = SlotTable.Product.Parse(answer);
        Assert.NotNull(value);
        Assert.Equal(expected, value.Value);
        Assert.True(value.IsCertain);
    }

    [Theory]
    [InlineData("아니 그냥 빨리 상담원 연결해 주세")]
    [InlineData("없어요")]
    [InlineData("몰라요")]
    [InlineData("상담원 연결")]
    [InlineData("이거 왜 안 돼요?")]
    [InlineData("빨리 해 주세요")]
    [InlineData("배송이 안 와요")]
    [InlineData("할게요")]
    [InlineData("이제 됐어요")]
    public void ParsesNoProductFromARequestOrASkip(string answer) =>
        Assert.Null(SlotTable.Product.Parse(answer));

    [Fact]
    public void AnAnswerThatStartsWithAProductAndSaysMoreGivesAGuess()
    {
        var value = SlotTable.Product.Parse("무선 청소기 배송이 안 와요");
        Assert.NotNull(value);
        Assert.Equal("무선 청소기", value.Value);
        Assert.Equal(Certainty.Uncertain, value.Certainty);
    }

    // ── A conversation ─────────────────────────────────────────────────────────────────────────

    [Fact]
    public void AHyphenatedOrderNumberIsTheOrderNeverTheSellerId()
    {
        var found = SlotExtraction.FromMessages(["2025-0314-1234-5678 주문 건 배송이 안 와요"]);
        Assert.Equal("2025031412345678", found.Order?.Value);
        Assert.Null(found.Seller);
    }

    [Theory]
    [InlineData("주문번호 2025031412345678 아이디 12345678")]
    [InlineData("아이디 12345678, 주문번호 2025-0314-1234-5678")]
    [InlineData("아이디는 12345678이고 주문번호는 2025 0314 1234 5678 입니다")]
    public void AnAllDigitSellerIdAndAnOrderNumberEachGoToTheirOwnSlot(string text)
    {
        var found = SlotExtraction.FromMessages([text]);
        Assert.Equal("2025031412345678", found.Order?.Value);
        Assert.Equal("12345678", found.Seller?.Value);
    }

    [Theory]
    [InlineData("2025 0314 1234 5678 / shop_kim / 무선 청소기")]
    [InlineData("2025031412345678, shop_kim, 무선 청소기")]
    [InlineData("무선 청소기 / shop_kim / 2025-0314-1234-5678")]
    [InlineData("2025031412345678\nshop_kim\n무선 청소기")]
    public void ReadsUnlabelledDetailsSeparatedBySlashesCommasOrLines(string text)
    {
        var found = SlotExtraction.FromMessages([text]);
        Assert.Equal("2025031412345678", found.Order?.Value);
        Assert.Equal("shop_kim", found.Seller?.Value);
        Assert.Equal("무선 청소기", found.Product?.Value);
        Assert.Equal(Certainty.Certain, found.Product?.Certainty);
    }

    /// <summary>A quoted name right before the word for a product, and a quoted name after "정확히 하면", are sure.</summary>
    [Theory]
    [InlineData("판매자 아이디 maru_shoes 인데요 제 '캔버스 스니커즈 화이트' 상품이 판매중지 됐어요. 사유 어디서 확인해요?", "캔버스 스니커즈 화이트")]
    [InlineData("“수면 양말 5켤레”라는 제품이 검색에 안 나와요", "수면 양말 5켤레")]
    [InlineData("상품명을 정확히 하면 '라벤더 리드 디퓨저 200ml' 이에요", "라벤더 리드 디퓨저 200ml")]
    public void AQuotedNameNamedAsTheProductIsSure(string text, string expected)
    {
        var found = SlotExtraction.FromMessages([text]);
        Assert.Equal((expected, Certainty.Certain), (found.Product?.Value, found.Product?.Certainty));
    }

    [Fact]
    public void AListWithALettersOnlyIdReadsEachItem()
    {
        var found = SlotExtraction.FromMessages(["2025031412345678 / shopkim / 무선 청소기"]);
        Assert.Equal("shopkim", found.Seller?.Value);
        Assert.Equal("무선 청소기", found.Product?.Value);
    }

    [Fact]
    public void ValuesComeFromAnyEarlierMessageInAnyOrder()
    {
        var found = SlotExtraction.FromMessages(
        [
            "상품은 무선 청소기고 배송이 아직이에요",   // newest
            "아이디는 kim.seller@naver.com 이고",
            "주문 번호는 2025-0314-1234-5678 이에요",
        ]);
        Assert.Equal("2025031412345678", found.Order?.Value);
        Assert.Equal(2, found.Order?.Message);
        Assert.Equal("kim.seller@naver.com", found.Seller?.Value);
        Assert.Equal("무선 청소기", found.Product?.Value);
        Assert.Equal([SlotKind.Order, SlotKind.Seller, SlotKind.Product], found.Values.Select(v => v.Kind));
    }

    [Fact]
    public void TheNewestCertainValueWins()
    {
        var found = SlotExtraction.FromMessages(["상품명은 스텐 텀블러로 바꿔 주세요", "상품은 무선 청소기예요"]);
        Assert.Equal("스텐 텀블러", found.Product?.Value);
    }

    [Fact]
    public void ALabelledValueBeatsANewerGuess()
    {
        var found = SlotExtraction.FromMessages(["가죽 지갑 주문했는데 아직이에요", "상품은 무선 청소기예요"]);
        Assert.Equal("무선 청소기", found.Product?.Value);
        Assert.True(found.Product?.Labelled);
    }

    [Fact]
    public void SkipsAreNeverValues()
    {
        var found = SlotExtraction.FromMessages(["주문번호는 몰라요", "상품은 딱히 없어요", "아이디는 기억이 안 나요"]);
        Assert.Empty(found.Values);
    }

    [Fact]
    public void ATokenTakenByOneSlotIsNotAnothersValue()
    {
        // The seller-ID label points at the order number: it stays the order number.
        var found = SlotExtraction.FromMessages(["아이디 2025-0314-1234-5678"]);
        Assert.Equal("2025031412345678", found.Order?.Value);
        Assert.Null(found.Seller);

        // A product model with a digit is the product's, not a seller ID.
        var product = SlotExtraction.FromMessages(["상품 갤럭시 Tab9 케이스 배송이 안 와요"]);
        Assert.Equal("갤럭시 Tab9 케이스", product.Product?.Value);
        Assert.Null(product.Seller);
    }

    [Fact]
    public void TheSourceSpanPointsAtTheWrittenValue()
    {
        const string text = "주문번호는 2025-0314-1234-5678 이에요";
        var value = SlotTable.Order.Find(text)!;
        Assert.Equal("2025-0314-1234-5678", value.Source);
        Assert.Equal(value.Source, text.Substring(value.Start, value.Length));
    }

    // ── Validate, normalize, format, prompts ───────────────────────────────────────────────────

    [Theory]
    [InlineData(SlotKind.Order, "2025031412345678", true)]
    [InlineData(SlotKind.Order, "2025-0314-1234-5678", true)]
    [InlineData(SlotKind.Order, "20250314", false)]
    [InlineData(SlotKind.Seller, "shop_kim", true)]
    [InlineData(SlotKind.Seller, "12345678", true)]
    [InlineData(SlotKind.Seller, "me@shop.co.kr", true)]
    [InlineData(SlotKind.Seller, "abc", false)]
    [InlineData(SlotKind.Seller, "한글아이디", false)]
    [InlineData(SlotKind.Seller, "2025-0314-1234-5678", false)]
    // A word that judges the ID ("the seller ID is wrong") is not one.
    [InlineData(SlotKind.Seller, "wrong", false)]
    [InlineData(SlotKind.Product, "무선 청소기", true)]
    [InlineData(SlotKind.Product, "상담원 연결해 주세요", false)]
    [InlineData(SlotKind.Product, "이거 환불 되나요?", false)]
    [InlineData(SlotKind.Product, "아주 아주 긴 이름의 무선 청소기 세트 상품 구성", false)]
    public void ValidatesWithAReason(SlotKind kind, string value, bool valid)
    {
        var result = SlotTable.For(kind).Validate(value);
        Assert.Equal(valid, result.IsValid);
        Assert.Equal(valid, result.Reason is null);
    }

    [Theory]
    [InlineData(SlotKind.Order, "2025-0314-1234-5678", "2025031412345678")]
    [InlineData(SlotKind.Order, "２０２５０３１４１２３４５６７８", "2025031412345678")]
    [InlineData(SlotKind.Seller, " 'shop.kim'. ", "shop.kim")]
    [InlineData(SlotKind.Product, "  '무선 청소기' ", "무선 청소기")]
    [InlineData(SlotKind.Product, "무선 청소기고", "무선 청소기")]
    [InlineData(SlotKind.Product, "텀블러 입니다.", "텀블러")]
    [InlineData(SlotKind.Product, "이어폰이에요", "이어폰")]
    public void Normalizes(SlotKind kind, string value, string expected) =>
        Assert.Equal(expected, SlotTable.For(kind).Normalize(value));

    [Fact]
    public void FormatsForDisplay()
    {
        Assert.Equal("2025031412345678", SlotTable.Order.Format("2025 0314 1234 5678"));
        Assert.Equal("shop_kim", SlotTable.Seller.Format("shop_kim"));
        Assert.Equal("무선 청소기", SlotTable.Product.Format("무선 청소기"));
    }

    [Fact]
    public void TheTableListsTheSlotsInAskOrderWithRepliesThatExist()
    {
        Assert.Equal([SlotKind.Order, SlotKind.Seller, SlotKind.Product], SlotTable.All.Select(s => s.Kind));
        var replies = File.ReadAllLines(Path.Combine(Paths.Knowledge, "replies.yaml"));
        foreach (var key in SlotTable.All.SelectMany(s => new[] { s.PromptKey, s.RetryPromptKey }).OfType<string>())
            Assert.Contains(replies, line => line.StartsWith(key + ":", StringComparison.Ordinal));
        Assert.Equal(("askOrderNumber", "askOrderNumberRetry"), (SlotTable.Order.PromptKey, SlotTable.Order.RetryPromptKey));
        Assert.Equal(("askSellerId", "askSellerIdRetry"), (SlotTable.Seller.PromptKey, SlotTable.Seller.RetryPromptKey));
        Assert.Equal("askProduct", SlotTable.Product.PromptKey);
    }

    // ── What a message says of itself ───────────────────────────────────────────────────────────

    /// <summary>A one-syllable particle needs a predicate after it: at the end of the message 이 is part of the noun.</summary>
    [Theory]
    [InlineData("주문번호 2025111122223333, 아이디 lumi_acc, 상품 진주 귀걸이", "진주 귀걸이")]
    [InlineData("상품은 고양이", "고양이")]
    [InlineData("상품은 무선 청소기가 고장났어요", "무선 청소기")]
    [InlineData("상품명은 무선 청소기예요", "무선 청소기")]
    public void AParticleIsDroppedOnlyBeforeAPredicate(string text, string expected) =>
        Assert.Equal(expected, SlotExtraction.FromMessages([text]).Product?.Value);

    /// <summary>"건도", "건은": the word for the matter with its particle names no product, in the first message as later.</summary>
    [Theory]
    [InlineData("상담원 연결해 주세요. 아이디 abc_shop1 이고 특정 상품 건도 아니에요")]
    [InlineData("주문번호는 없어요. 특정 상품 건도 아니고요")]
    public void AOneSyllableStopNounWithItsParticleIsNoProduct(string text) =>
        Assert.Null(SlotExtraction.FromMessages([text]).Product);

    /// <summary>A seller who corrects themselves in the message means what comes after the correction.</summary>
    [Theory]
    [InlineData("아이디는 ondo_kitchen 상품은 스텐 냄비세트.. 아 아니다 스텐 프라이팬 세트요", SlotKind.Product, "스텐 프라이팬 세트")]
    [InlineData("주문번호 2025070300004444 아 잘못 말했어요 2025070300004445 예요", SlotKind.Order, "2025070300004445")]
    [InlineData("아이디 blue_shop 아니다 아이디 blue_store", SlotKind.Seller, "blue_store")]
    [InlineData("order 2025070300004444, no wait, 2025070300004445", SlotKind.Order, "2025070300004445")]
    [InlineData("my id is blue_shop and I can't wait for order 2025070300004444", SlotKind.Seller, "blue_shop")]
    public void ASelfCorrectionInTheMessageReplacesTheValueBeforeIt(string text, SlotKind kind, string expected) =>
        Assert.Equal(expected, SlotExtraction.FromMessages([text])[kind]?.Value);

    /// <summary>
    /// The value taken back leaves the text a summary quotes; a message whose correction is not of one value alone (other
    /// details between them, or a bare value after the correction) is kept as it is.
    /// </summary>
    [Theory]
    [InlineData("상담원이요. 주문번호 2025070300004444 아 잘못 말했어요 2025070300004445 예요. 정산이 덜 들어왔어요",
        "상담원이요. 주문번호 2025070300004445 예요. 정산이 덜 들어왔어요")]
    [InlineData("order 2025070300004444, no wait, 2025070300004445 — my payout is short", "order 2025070300004445 — my payout is short")]
    [InlineData("주문번호 2025070300004444 상품 러그 아 아니다 주문번호 2025070300004445", "주문번호 2025070300004444 상품 러그 아 아니다 주문번호 2025070300004445")]
    [InlineData("정산금이 덜 들어왔어요", "정산금이 덜 들어왔어요")]
    public void AValueTakenBackLeavesTheQuotedProblem(string text, string expected) =>
        Assert.Equal(expected, SlotExtraction.WithoutRetracted(text));
}
