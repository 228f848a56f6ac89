using Assistant.Text;

namespace Assistant.Tests.Text;

public sealed class TextTests
{
    [Theory]
    [InlineData("배송 지연, 어떻게 해요??", "배송 지연 어떻게 해요")]
    [InlineData("  ＡＢＣ　정산  ", "abc 정산")]
    [InlineData("!!!", "")]
    public void NormalizeFoldsWidthCasePunctuationAndSpacing(string input, string expected) =>
        Assert.Equal(expected, TextNormalizer.Normalize(input));

    [Fact]
    public void CompactMakesSpacingIrrelevant() =>
        Assert.Equal(TextNormalizer.Compact("배송지연 어떻게해요"), TextNormalizer.Compact("배송 지연 어떻게 해요?"));

    [Fact]
    public void JamoDecompositionKeepsOneJamoTyposClose()
    {
        Assert.Equal("ㄱㅖㅈㅘ", Hangul.ToJamo("계좌"));
        Assert.Equal("ㄱㅔㅈㅘ", Hangul.ToJamo("게좌"));
        Assert.Equal("ㅈㅓㅇㅅㅏㄴ abc", Hangul.ToJamo("정산 abc"));
    }

    /// <summary>
    /// A misspelt English word one letter from a word of the English forms (left out, added or swapped, inside the word) is
    /// read as that word; an edit at the word's end ("proceed" → "proceeds"), a replaced letter ("older" → "order") and short
    /// words are not corrections.
    /// </summary>
    [Theory]
    [InlineData("how can i change the bank acount where i get paid", true)]
    [InlineData("how can i change the bank accuont", true)]
    [InlineData("how can i change the bankaccount", false)]
    [InlineData("how do I proceed", false)]
    [InlineData("my older stuff", false)]
    public void AMisspeltEnglishWordIsReadAsTheFormItIsOneLetterFrom(string message, bool account)
    {
        var lexicon = new Lexicon(new Dictionary<string, IReadOnlyList<string>>
        {
            ["계좌"] = ["bank account"],
            ["정산"] = ["proceeds"],
            ["주문"] = ["order"],
        });
        Assert.Equal(account, lexicon.Expand(message).Contains("계좌"));
        Assert.DoesNotContain("정산", lexicon.Expand(message));
        Assert.DoesNotContain("주문", lexicon.Expand(message));
    }

    [Theory]
    [InlineData("acount", "account", true)]
    [InlineData("accuont", "account", true)]
    [InlineData("recieve", "receive", true)]
    [InlineData("proceed", "proceeds", false)]
    [InlineData("xaccount", "account", false)]
    [InlineData("older", "order", false)]
    public void OneInnerEditIsALetterLeftOutAddedOrSwappedInside(string a, string b, bool apart) =>
        Assert.Equal(apart, Lexicon.OneInnerEditApart(a, b));

    [Fact]
    public void LexiconMatchesEnglishOnlyAsWholeWords()
    {
        var lexicon = new Lexicon(new Dictionary<string, IReadOnlyList<string>>
        {
            ["수수료"] = ["fee", "수수로"],
            ["정산"] = ["payout", "판매대금"],
        });
        Assert.Equal(["수수료"], lexicon.Expand("What are the seller fees?"));
        Assert.Empty(lexicon.Expand("feedback please"));
        Assert.Equal(["수수료", "정산"], lexicon.Expand("판매 대금 입금 수수로"));
        // A Korean particle written onto an English word ends the word; another Latin letter does not.
        Assert.Equal(["정산"], lexicon.Expand("payout은 언제 들어와요?"));
        Assert.Equal(["수수료"], lexicon.Expand("판매 fee가 얼마예요"));
        Assert.Empty(lexicon.Expand("payoutx 정보"));
    }

    /// <summary>
    /// English written with Korean grammar is read in Korean: a word of the mixed list followed by Korean (also after a
    /// space, in the plural, in any case) becomes its Korean word, the longest first; English not followed by Korean, a
    /// word inside a longer or hyphenated one, a message without Korean, a term's form not in the mixed list ("KC") and the
    /// English of a form written in both scripts ("business seller로") stay as written.
    /// </summary>
    [Theory]
    [InlineData("담당자분이 check 해 주세요", "담당자분이 확인 해 주세요")]
    [InlineData("fee tax invoice 금액이 안 맞아요", "fee 세금계산서 금액이 안 맞아요")]
    [InlineData("Refund는 언제 돼요?", "환불는 언제 돼요?")]
    [InlineData("이번 주 orders 는 delay 될 것 같아요", "이번 주 주문 는 지연 될 것 같아요")]
    [InlineData("buyer 가 purchase confirm 하면", "구매자 가 구매확정 하면")]
    [InlineData("정산 check please", "정산 check please")]
    [InlineData("checkout 은 어디서", "checkout 은 어디서")]
    [InlineData("Please check my refund", "Please check my refund")]
    [InlineData("KC인증 필요해요", "KC인증 필요해요")]
    [InlineData("re-review는 언제", "re-review는 언제")]
    [InlineData("개인 seller인데 business seller로 바꿀 수 있나요", "개인 seller인데 business seller로 바꿀 수 있나요")]
    [InlineData("business seller 는 뭐예요", "사업자 는 뭐예요")]
    public void EnglishWrittenWithKoreanGrammarIsReadInKorean(string message, string read)
    {
        var lexicon = new Lexicon(
            new Dictionary<string, IReadOnlyList<string>>
            {
                ["환불"] = ["refund"], ["인증"] = ["KC"], ["사업자"] = ["business seller"], ["사업자 전환"] = ["business seller로"],
            },
            new Dictionary<string, IReadOnlyList<string>>
            {
                ["세금계산서"] = ["tax invoice"], ["환불"] = ["refund"], ["주문"] = ["order"], ["구매확정"] = ["purchase confirm"],
                ["확인"] = ["check", "confirm"], ["지연"] = ["delay"], ["구매자"] = ["buyer"], ["심사"] = ["review"], ["판매자"] = ["seller"],
                ["사업자"] = ["business seller"],
            });
        Assert.Equal(read, lexicon.InKorean(message));
    }

    /// <summary>The term mentioned last, by where its form ends, in Korean or English, whatever the lexicon's order.</summary>
    [Theory]
    [InlineData("정산 수수료 얼마예요", "수수료")]
    [InlineData("수수료 빼고 정산 되나요", "정산")]
    [InlineData("판매대금에서 fee 빠져요?", "수수료")]
    [InlineData("fee가 판매 대금에서 빠져요?", "정산")]
    [InlineData("배송 언제 해요", null)]
    public void LexiconFindsTheTermMentionedLast(string message, string? last)
    {
        var lexicon = new Lexicon(new Dictionary<string, IReadOnlyList<string>>
        {
            ["수수료"] = ["fee", "수수로"],
            ["정산"] = ["payout", "판매대금"],
        });
        Assert.Equal(last, lexicon.Last(message));
    }


    [Theory]
    [InlineData("how do I change my payout account", true)]
    [InlineData("정산 계좌 변경", false)]
    [InlineData("CS 응답률 관리하는 법", false)]
    public void LatinDetection(string text, bool latin) => Assert.Equal(latin, TextNormalizer.IsMostlyLatin(text));
}
