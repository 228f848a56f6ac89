using Assistant.Text;

namespace Assistant.Tests.Text;

public sealed class JosaTests
{
    [Theory]
    [InlineData("T000001", "T000001이에요")]           // 일
    [InlineData("T000002", "T000002예요")]             // 이
    [InlineData("T000003", "T000003이에요")]           // 삼
    [InlineData("T000004", "T000004예요")]             // 사
    [InlineData("T000005", "T000005예요")]             // 오
    [InlineData("T000006", "T000006이에요")]           // 육
    [InlineData("T000007", "T000007이에요")]           // 칠
    [InlineData("T000008", "T000008이에요")]           // 팔
    [InlineData("T000009", "T000009예요")]             // 구
    [InlineData("T000010", "T000010이에요")]           // 십
    [InlineData("2024112512345678", "2024112512345678이에요")]
    [InlineData("2024112512345672", "2024112512345672예요")]
    [InlineData("상품", "상품이에요")]
    [InlineData("계좌", "계좌예요")]
    [InlineData("서울", "서울이에요")]
    [InlineData("URL", "URL이에요")]
    [InlineData("ID", "ID예요")]
    [InlineData("myshop_01", "myshop_01이에요")]
    [InlineData("email", "email이에요")]
    [InlineData("server", "server예요")]
    public void CopulaFollowsTheSound(string word, string expected) => Assert.Equal(expected, Josa.Attach(word, "(이)에요"));

    [Theory]
    [InlineData("서울", "로")]            // ㄹ takes 로
    [InlineData("계좌", "로")]
    [InlineData("상품", "으로")]
    [InlineData("URL", "로")]             // 엘
    [InlineData("https://example.com", "으로")] // 닷컴
    [InlineData("1", "로")]               // 일
    [InlineData("3", "으로")]             // 삼
    [InlineData("2", "로")]               // 이
    [InlineData("10", "으로")]            // 십
    [InlineData("1000", "으로")]          // 천
    [InlineData("SMS", "로")]             // 에스
    [InlineData("chat", "으로")]          // 챗
    public void DirectionalParticleFollowsTheSound(string word, string expected) => Assert.Equal(expected, Josa.Particle(word, "(으)로"));

    [Theory]
    [InlineData("상품", "이(가)", "이")]
    [InlineData("계좌", "이(가)", "가")]
    [InlineData("상품", "을(를)", "을")]
    [InlineData("계좌", "을(를)", "를")]
    [InlineData("서울", "은(는)", "은")]
    [InlineData("URL", "은(는)", "은")]
    [InlineData("API", "은(는)", "는")]
    [InlineData("M", "과(와)", "과")]
    [InlineData("N", "이(가)", "이")]
    [InlineData("R", "을(를)", "을")]
    [InlineData("K", "을(를)", "를")]
    [InlineData("T000001", "과(와)", "과")]
    [InlineData("T000002", "과(와)", "와")]
    [InlineData("김상담", "이(가)", "이")]
    [InlineData("이상담", "이(가)", "이")]
    [InlineData("최결제", "이(가)", "가")]
    [InlineData("smartstore", "을(를)", "를")]
    [InlineData("phone", "은(는)", "은")]
    [InlineData("kakao", "은(는)", "는")]
    [InlineData("1,000", "을(를)", "을")]      // 천
    [InlineData("1000000000000", "은(는)", "는")] // 일조
    [InlineData("0", "이(가)", "이")]           // 영
    [InlineData("서울.", "이(가)", "이")]       // trailing punctuation is skipped
    [InlineData("(주)상점", "이(가)", "이")]
    public void PairsFollowTheSound(string word, string marker, string expected) => Assert.Equal(expected, Josa.Particle(word, marker));

    [Fact]
    public void AfterAVowelTheCopulaContracts()
    {
        Assert.Equal("였어요", Josa.Particle("계좌", "(이)었어요"));
        Assert.Equal("이었어요", Josa.Particle("상품", "(이)었어요"));
        Assert.Equal("라고", Josa.Particle("계좌", "(이)라고"));
        Assert.Equal("으로는", Josa.Particle("상품", "(으)로는"));
    }

    [Theory]
    [InlineData("이(가)", true)]
    [InlineData("(이)에요", true)]
    [InlineData("(으)로", true)]
    [InlineData("가(이)", false)]
    [InlineData("(가)", false)]
    [InlineData("(이)", false)]
    public void KnowsItsMarkers(string marker, bool valid) => Assert.Equal(valid, Josa.IsMarker(marker));
}
