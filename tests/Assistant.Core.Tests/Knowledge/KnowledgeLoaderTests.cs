using Assistant.Knowledge;

namespace Assistant.Tests.Knowledge;

public sealed class KnowledgeLoaderTests
{
    private static KnowledgeError SingleError(TempKnowledge temp)
    {
        var ex = Assert.Throws<KnowledgeValidationException>(() => KnowledgeLoader.Load(temp.Directory));
        return Assert.Single(ex.Errors);
    }

    [Fact]
    public void RepositoryKnowledgeLoads()
    {
        var knowledge = KnowledgeLoader.Load(Paths.Knowledge);
        Assert.Equal(25, knowledge.Faqs.Count);
        Assert.Contains(knowledge.Intents, i => i.Decision == DecisionKind.Handoff);
    }

    [Fact]
    public void DuplicateIdNamesBothPlaces()
    {
        using var temp = new TempKnowledge();
        var text = File.ReadAllText(temp.PathOf("faq/fees.yaml"));
        File.Delete(temp.PathOf("faq/fees.yaml"));
        temp.Write("faq/fees.yaml", text.Replace("id: fees", "id: tax-invoice"));

        var ex = Assert.Throws<KnowledgeValidationException>(() => KnowledgeLoader.Load(temp.Directory));
        var error = Assert.Single(ex.Errors, e => e.Problem.Contains("already used"));
        Assert.Equal("faq/tax-invoice.yaml", error.File);
        Assert.Equal("id", error.Field);
        Assert.Contains("faq/fees.yaml:", error.Problem);
    }

    [Fact]
    public void MissingFieldIsReportedWithFileLineAndField()
    {
        using var temp = new TempKnowledge();
        var lines = File.ReadAllLines(temp.PathOf("faq/fees.yaml")).Where(l => !l.StartsWith("title:")).ToArray();
        File.WriteAllLines(temp.PathOf("faq/fees.yaml"), lines);

        var error = SingleError(temp);
        Assert.Equal(("faq/fees.yaml", "title", "is missing"), (error.File, error.Field, error.Problem));
        Assert.Equal(1, error.Line);
        Assert.StartsWith("faq/fees.yaml:1: title: is missing", error.ToString());
    }

    [Fact]
    public void MalformedYamlNamesTheLine()
    {
        using var temp = new TempKnowledge();
        temp.Write("intents/smalltalk-bye.yaml", "intent: smalltalk.bye\ndecision: smalltalk\nreply: 안녕히 가세요\nexamples:\n  - \"잘 가요\n  - 수고하세요\n");

        var error = SingleError(temp);
        Assert.Equal("intents/smalltalk-bye.yaml", error.File);
        Assert.Equal("(syntax)", error.Field);
        Assert.InRange(error.Line, 5, 7);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    public void FewPhrasingsLoadWithAWarningNamingTheList(int phrasings)
    {
        using var temp = new TempKnowledge();
        temp.Write("faq/fees.yaml", """
            id: fees
            category: fees-tax
            title: 수수료
            answer: 수수료 안내
            facts:
              - 결제 수수료
            questions:

            """ + string.Concat(Enumerable.Range(1, phrasings).Select(i => $"  - 수수료 질문 {i}\n")));

        var knowledge = KnowledgeLoader.Load(temp.Directory);
        Assert.Equal(phrasings, knowledge.FindFaq("fees")!.Questions.Count);
        var warning = Assert.Single(knowledge.Warnings);
        Assert.Equal(("faq/fees.yaml", 7, "questions"), (warning.File, warning.Line, warning.Field));
        Assert.Contains($"has {phrasings} phrasings", warning.Problem);
        Assert.StartsWith("faq/fees.yaml:7: questions:", warning.ToString());
    }

    [Fact]
    public void RepositoryKnowledgeHasNoWarnings() => Assert.Empty(KnowledgeLoader.Load(Paths.Knowledge).Warnings);

    [Fact]
    public void MisspeltFieldAndUnknownPlaceholderAreBothReported()
    {
        using var temp = new TempKnowledge();
        var text = File.ReadAllText(temp.PathOf("faq/contact-support.yaml"));
        temp.Write("faq/contact-support.yaml", text.Replace("{{contact.phone}}", "{{contact.fax}}") + "\nquestoins:\n  - 오타\n");

        var ex = Assert.Throws<KnowledgeValidationException>(() => KnowledgeLoader.Load(temp.Directory));
        Assert.Contains(ex.Errors, e => e.Field == "answer" && e.Problem.Contains("{{contact.fax}}"));
        Assert.Contains(ex.Errors, e => e.Field == "questoins" && e.Problem == "is not a known field");
        Assert.Contains("faq/contact-support.yaml:", ex.Message);
    }

    [Fact]
    public void IdMustMatchFileNameAndCategoryMustBeKnown()
    {
        using var temp = new TempKnowledge();
        var text = File.ReadAllText(temp.PathOf("faq/fees.yaml"));
        temp.Write("faq/fees.yaml", text.Replace("id: fees", "id: fee").Replace("category: fees-tax", "category: money"));

        var ex = Assert.Throws<KnowledgeValidationException>(() => KnowledgeLoader.Load(temp.Directory));
        Assert.Contains(ex.Errors, e => e.Field == "id" && e.Problem.Contains("file name"));
        Assert.Contains(ex.Errors, e => e.Field == "category" && e.Problem.Contains("'money'"));
    }

    /// <summary>A ticket category named outside the FAQ files (an urgency rule's, a selling area's) must exist; the error names file, line and field.</summary>
    [Theory]
    [InlineData("handoff.yaml", "    category: account\n    keywords: [해킹", "    category: acount\n    keywords: [해킹", "category", "acount")]
    [InlineData("scope.yaml", "  settlement: [선정산]", "  setlement: [선정산]", "sellingAreas.setlement", "setlement")]
    public void ACategoryNamedInTheScriptsMustBeATicketCategory(string file, string from, string to, string field, string wrong)
    {
        using var temp = new TempKnowledge();
        temp.Write(file, File.ReadAllText(temp.PathOf(file)).Replace(from, to));

        var error = SingleError(temp);
        Assert.Equal((file, field), (error.File, error.Field));
        Assert.Contains($"'{wrong}'", error.Problem);
        Assert.Equal(File.ReadAllLines(temp.PathOf(file)).ToList().FindIndex(l => l.Contains(to.Trim().Split('\n')[0])) + 1, error.Line);
    }

    [Theory]
    [InlineData("검색광고 하루 예산은 얼마부터 돼요?", "marketing")]
    [InlineData("리뷰 이벤트는 어떻게 열어요?", "marketing")]
    [InlineData("악성 리뷰를 지우고 싶어요", "customer-service")]
    [InlineData("해외배송으로도 팔 수 있나요?", "shipping")]
    // Words are matched without spaces, but a word that merely spans two ("제 휴대폰") is not listed.
    [InlineData("구매자가 리뷰에 제 휴대폰 번호를 올렸어요", "customer-service")]
    [InlineData("정산은 언제 들어와요?", null)]
    public void TheMostSpecificSellingWordNamesTheArea(string message, string? area) =>
        Assert.Equal(area, KnowledgeLoader.Load(Paths.Knowledge).Scope.AreaIn(message));

    [Fact]
    public void MissingReplyTextStopsLoading()
    {
        using var temp = new TempKnowledge();
        var lines = File.ReadAllLines(temp.PathOf("replies.yaml")).Where(l => !l.StartsWith("handoffAction:"));
        File.WriteAllLines(temp.PathOf("replies.yaml"), lines);

        var error = SingleError(temp);
        Assert.Equal(("replies.yaml", "handoffAction", "is missing"), (error.File, error.Field, error.Problem));
    }

    /// <summary>A word of the mixed list must be English, under a Korean word, and not also a term's form.</summary>
    [Theory]
    [InlineData("terms:\n  환불: [refund]\nmixed:\n  확인: [check, 체크]\n", 4, "mixed.확인", "must be an English word")]
    [InlineData("terms:\n  환불: [refund]\nmixed:\n  확인: [check]\n  취소: [refund]\n", 5, "mixed.취소", "already listed under '환불'")]
    [InlineData("terms:\n  환불: [refund]\nmixed:\n  check: [verify]\n", 4, "mixed", "must be a Korean word")]
    public void AMixedWordThatIsNoEnglishWordOfAKoreanOneIsRejected(string yaml, int line, string field, string problem)
    {
        using var temp = new TempKnowledge();
        temp.Write("lexicon.yaml", yaml);

        var error = SingleError(temp);
        Assert.Equal(("lexicon.yaml", line, field), (error.File, error.Line, error.Field));
        Assert.Contains(problem, error.Problem);
    }

    [Fact]
    public void LexiconFormUnderTwoTermsIsRejected()
    {
        using var temp = new TempKnowledge();
        temp.Write("lexicon.yaml", "terms:\n  정산: [payout]\n  환불:\n    - refund\n    - payout\n");

        var error = SingleError(temp);
        Assert.Equal(("lexicon.yaml", 5, "terms.환불"), (error.File, error.Line, error.Field));
        Assert.Contains("'정산'", error.Problem);
    }
}
