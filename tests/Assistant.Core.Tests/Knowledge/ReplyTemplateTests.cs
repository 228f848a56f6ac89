using System.Text.RegularExpressions;
using Assistant.Handoff;
using Assistant.Knowledge;

namespace Assistant.Tests.Knowledge;

[Collection(RepoCollection.Name)]
public sealed class ReplyTemplateTests(RepoFixture repo)
{
    [Fact]
    public void TicketNumberTakesTheParticleOfItsSound()
    {
        var replies = repo.Knowledge.Replies;
        Assert.Contains("접수번호는 T000001이에요.", replies.Format("ticketCreated", ("number", "T000001"), ("wait", "")));
        Assert.Contains("접수번호는 T000002예요.", replies.Format("ticketCreated", ("number", "T000002"), ("wait", "")));
    }

    // Sample values whose sound differs: every reply must read right with each set.
    public static TheoryData<string> Samples() => ["consonant", "vowel"];

    [Theory]
    [MemberData(nameof(Samples))]
    public void EveryReplyRendersWithNoLeftoverPlaceholderOrMarker(string sample)
    {
        var consonant = sample == "consonant";
        var values = new Dictionary<string, string>
        {
            ["orderNumber"] = consonant ? "2024112512345678" : "2024112512345672", ["sellerId"] = consonant ? "myshop_01" : "seller@example.com",
            ["product"] = consonant ? "무선이어폰 세트" : "유기농 현미 5kg", ["description"] = "정산금이 안 들어와요", ["confirm"] = "접수하기",
            ["number"] = consonant ? "T000001" : "T000002", ["wait"] = "보통 몇 시간 안에 답변드려요.", ["hours"] = "평일 09:00~18:00",
            ["next"] = "12월 2일(수)", ["opens"] = "오전 9시", ["days"] = consonant ? "3" : "2", ["name"] = consonant ? "김상담" : "최결제", ["phone"] = "1588-0000", ["max"] = "2,000",
            ["details"] = consonant ? "주문번호 2024112512345678, 판매자 ID myshop_01" : "상품명 유기농 현미 5kg", ["value"] = consonant ? "무선이어폰 세트" : "myshop_01",
        };
        var replies = repo.Knowledge.Replies;
        foreach (var key in ReplyTexts.RequiredKeys)
        {
            var names = ReplyTexts.PlaceholdersOf.GetValueOrDefault(key) ?? [];
            var text = replies.Format(key, names.Select(n => (n, values[n])).ToArray());
            Assert.DoesNotMatch(new Regex(@"[{}]|\((이|으)\)|[이은을과아]\([가는를와야]\)"), text);
            foreach (var name in names)
                Assert.Contains(values[name], text);
            // A particle glued to a value must be the one its sound takes.
            foreach (var name in names)
                foreach (Match m in Regex.Matches(text, Regex.Escape(values[name]) + "(이에요|예요|으로|로|은|는|을|를|과|와|이|가)(?![가-힣])"))
                    Assert.Equal(Assistant.Text.Josa.Particle(values[name], Marker(m.Groups[1].Value)), m.Groups[1].Value);
        }
    }

    private static string Marker(string particle) => particle switch
    {
        "이에요" or "예요" => "(이)에요", "으로" or "로" => "(으)로", "은" or "는" => "은(는)", "을" or "를" => "을(를)", "과" or "와" => "과(와)", _ => "이(가)",
    };

    [Fact]
    public void SummaryNamesTheButtonItOffers()
    {
        var replies = repo.Knowledge.Replies;
        var text = replies.Format("summary", ("orderNumber", "2024112512345678"), ("sellerId", "a"), ("product", "b"), ("description", "c"), ("confirm", replies["summaryConfirm"]));
        Assert.Contains(replies["summaryConfirm"], text);
    }

    [Theory]
    [InlineData("접수번호는 {number}예요.", 1, "particle '예요' after {number} must be chosen by sound")]
    [InlineData("접수번호는 {number}(가)요.", 1, "particle marker '(가)요'")]
    [InlineData("접수번호는 {number}가(이) 있어요.", 1, "particle marker '가(이)'")]
    [InlineData("접수번호는 {numbr}(이)에요.", 1, "placeholder {numbr} is not known")]
    [InlineData("접수번호는 {number(이)에요.", 1, "'{' is not part of a placeholder")]
    [InlineData("|-\n  상담 요청이 접수됐어요.\n  접수번호는 {number}예요.", 3, "particle '예요'")]
    public void MalformedTemplatesStopLoadingWithFileLineAndField(string ticketCreated, int lineInText, string problem)
    {
        using var temp = new TempKnowledge();
        var text = File.ReadAllText(temp.PathOf("replies.yaml"));
        var start = text.IndexOf("ticketCreated:", StringComparison.Ordinal);
        var end = text.IndexOf("\nwaitInHours:", StringComparison.Ordinal);
        var keyLine = text[..start].Count(c => c == '\n') + 1;
        temp.Write("replies.yaml", text[..start] + "ticketCreated: " + ticketCreated + "\n  {wait}" + text[end..]);

        var ex = Assert.Throws<KnowledgeValidationException>(() => KnowledgeLoader.Load(temp.Directory));
        var error = Assert.Single(ex.Errors);
        Assert.Equal(("replies.yaml", "ticketCreated"), (error.File, error.Field));
        Assert.Contains(problem, error.Problem);
        Assert.Equal(keyLine + lineInText - 1, error.Line);
        Assert.Contains($"replies.yaml:{error.Line}: ticketCreated: ", ex.Message);
    }

    // Seoul is UTC+9. 2026-12-02 is a Wednesday, 2026-12-04 a Friday, 2026-12-25 (Friday) a holiday.
    [Theory]
    [InlineData("2026-12-01T23:39:00Z", "오늘 오전 9시부터")]                          // Wed 08:39
    [InlineData("2026-12-02T01:00:00Z", "보통 몇 시간 안에")]                           // Wed 10:00
    [InlineData("2026-12-02T10:00:00Z", "다음 영업일인 12월 3일(목) 오전 9시부터")]     // Wed 19:00
    [InlineData("2026-12-04T11:00:00Z", "다음 영업일인 12월 7일(월) 오전 9시부터")]     // Fri 20:00
    [InlineData("2026-12-05T23:39:00Z", "다음 영업일인 12월 7일(월) 오전 9시부터")]     // Sun 08:39: not today
    [InlineData("2026-12-24T10:00:00Z", "다음 영업일인 12월 28일(월) 오전 9시부터")]    // Thu 19:00 before a Friday holiday
    [InlineData("2026-12-24T23:39:00Z", "다음 영업일인 12월 28일(월) 오전 9시부터")]    // the holiday itself, 08:39
    public void WaitPromisesTodayBeforeOpeningOnABusinessDay(string utc, string expected)
    {
        var calendar = new BusinessCalendar(new HandoffOptions { Holidays = ["2026-12-25"] });
        var text = ResponsePromise.WaitText(repo.Knowledge.Replies, calendar, DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains(expected, text);
        if (expected.StartsWith("오늘", StringComparison.Ordinal)) Assert.DoesNotContain("다음 영업일", text);
    }

    [Fact]
    public void OpeningTimeIsSaidInKorean()
    {
        Assert.Equal("오전 9시", BusinessCalendar.KoreanTime(new TimeOnly(9, 0)));
        Assert.Equal("오후 1시 30분", BusinessCalendar.KoreanTime(new TimeOnly(13, 30)));
        Assert.Equal("오후 12시", BusinessCalendar.KoreanTime(new TimeOnly(12, 0)));
    }
}
