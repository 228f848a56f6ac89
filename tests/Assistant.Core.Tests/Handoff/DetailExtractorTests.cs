using Assistant.Handoff;

namespace Assistant.Tests.Handoff;

public sealed class DetailExtractorTests
{
    [Theory]
    [InlineData("주문번호 2024112511223344 정산 확인해 주세요", "2024112511223344")]
    [InlineData("주문번호는 2024-1125-1122-3344 입니다", "2024112511223344")]
    [InlineData("2024 1125 1122 3344", "2024112511223344")]
    [InlineData("주문 20241125112233 건이요", null)]
    [InlineData("전화 010-1234-5678로 주세요", null)]
    public void FindsSixteenDigitOrderNumbersToleratingSpacesAndHyphens(string text, string? expected) =>
        Assert.Equal(expected, DetailExtractor.FindOrderNumber(text));

    [Theory]
    [InlineData("myshop01 판매자인데 상품 무선이어폰 주문 건 상담 요청", "myshop01")]
    [InlineData("제 아이디는 shop.kim 이에요", "shop.kim")]
    [InlineData("seller@example.com 계정이에요", "seller@example.com")]
    [InlineData("판매자인데 정산이 안 들어와요", null)]
    [InlineData("talk to a human please", null)]
    public void FindsSellerIdsInKoreanMessages(string text, string? expected) =>
        Assert.Equal(expected, DetailExtractor.FindSellerId(text));

    [Theory]
    [InlineData("myshop_01", true)]
    [InlineData("a.b-c_d", true)]
    [InlineData("me@shop.co.kr", true)]
    [InlineData("abc", false)]
    [InlineData("한글아이디", false)]
    [InlineData("has space", false)]
    public void ValidatesTheMarketplaceIdFormat(string value, bool valid) => Assert.Equal(valid, DetailExtractor.IsValidSellerId(value));

    [Theory]
    [InlineData("myshop01 판매자인데 상품 무선이어폰 주문 건 상담 요청", "무선이어폰")]
    [InlineData("상품명은 '유기농 현미 5kg' 이에요", "유기농 현미 5kg")]
    [InlineData("상품 등록 문의요", null)]
    [InlineData("주문번호:2025031412345678 판매자ID:knit_lab 상품:캠핑 의자 2인용", "캠핑 의자 2인용")]
    public void FindsProductNamesAfterTheirLabel(string text, string? expected) =>
        Assert.Equal(expected, DetailExtractor.FindProductName(text));

    [Theory]
    [InlineData("무선 이어폰이요", "무선 이어폰")]
    [InlineData("상품명: 캠핑 의자", "캠핑 의자")]
    // Words pointing at the product are not part of its name.
    [InlineData("it's the ceramic mug set", "ceramic mug set")]
    [InlineData("This is a bamboo cutting board", "bamboo cutting board")]
    [InlineData("my linen apron", "linen apron")]
    [InlineData("그건 수제 딸기잼이에요", "수제 딸기잼")]
    [InlineData("the ceramic mug set", "ceramic mug set")]
    [InlineData("The Body Shop 바디로션", "The Body Shop 바디로션")]
    public void TakesTheWholeAnswerAsTheProductWhenAsked(string answer, string expected) =>
        Assert.Equal(expected, DetailExtractor.ParseProductName(answer));

    [Fact]
    public void ParsesAnswersGivenWhenAsked()
    {
        Assert.Equal("2024112511223344", DetailExtractor.ParseOrderNumber("2024-1125-1122-3344"));
        Assert.Null(DetailExtractor.ParseOrderNumber("12345"));
        Assert.Equal("shop_kim01", DetailExtractor.ParseSellerId("shop_kim01"));
        Assert.Equal("shop_kim01", DetailExtractor.ParseSellerId("아이디는 shop_kim01 입니다"));
        Assert.Null(DetailExtractor.ParseSellerId("몰라"));
        Assert.Equal("2024112511223344", DetailExtractor.FormatOrderNumber("2024112511223344"));
        Assert.Equal("2024112511223344", DetailExtractor.FormatOrderNumber("20241125-11223344"));
    }
}
