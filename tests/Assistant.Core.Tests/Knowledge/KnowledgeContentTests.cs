using Assistant.Knowledge;

namespace Assistant.Tests.Knowledge;

/// <summary>The shipped knowledge base covers what the product promises (shared/spec/faq-topics.md).</summary>
[Collection(RepoCollection.Name)]
public sealed class KnowledgeContentTests(RepoFixture repo)
{
    public static readonly string[] SpecIds =
    [
        "shipping-delay", "tracking-number", "dispatch-deadline", "payment-error", "refund-process", "return-exchange",
        "order-cancel", "purchase-confirmation", "settlement-schedule", "settlement-hold", "settlement-account", "fees",
        "tax-invoice", "promotion-coupon", "product-registration", "product-suspended", "prohibited-items", "seller-signup",
        "business-info-change", "account-login", "seller-grade-penalty", "customer-inquiry-reply", "contact-support",
        "support-response-time", "inquiry-preparation",
    ];

    [Fact]
    public void EveryTopicOfTheSpecHasAnEntryWithEnoughVariants()
    {
        Assert.Equal(SpecIds.Order(), repo.Knowledge.Faqs.Select(f => f.Id).Order());
        Assert.All(repo.Knowledge.Faqs, f => Assert.True(f.Questions.Count >= 12, $"{f.Id} has {f.Questions.Count} questions"));
        Assert.All(repo.Knowledge.Faqs, f => Assert.True(f.Questions.Count(q => Assistant.Text.TextNormalizer.IsMostlyLatin(q)) >= 2, $"{f.Id} needs English variants"));
    }

    [Fact]
    public void NonFaqDecisionsHaveAtLeastFortyExamplesEach()
    {
        int Count(Func<IntentDefinition, bool> which) => repo.Knowledge.Intents.Where(which).Sum(i => i.Examples.Count);
        Assert.True(Count(i => i.Intent == "handoff.request") >= 40);
        Assert.True(Count(i => i.Intent == "handoff.case") >= 40);
        Assert.True(Count(i => i.Decision == DecisionKind.Smalltalk) >= 40);
        Assert.True(Count(i => i.Intent == "out-of-scope") >= 40);
    }

    [Fact]
    public void AnswersCarryNoContactDetailsOfTheirOwn()
    {
        var phone = new System.Text.RegularExpressions.Regex(@"\d{2,4}-\d{3,4}-\d{4}|https?://");
        Assert.All(repo.Knowledge.Faqs, f => Assert.False(phone.IsMatch(f.Answer), $"{f.SourceFile} writes a phone number or URL; use {{{{contact.*}}}}"));
    }

    [Fact]
    public void AnswersThatSendSellersToSupportSayHowToReachIt()
    {
        var sendsToSupport = new System.Text.RegularExpressions.Regex(@"고객센터에 (문의|확인|도움)");
        foreach (var faq in repo.Knowledge.Faqs)
            foreach (var line in faq.Answer.Split('\n').Where(l => sendsToSupport.IsMatch(l)))
                Assert.True(line.Contains("{{contact.", StringComparison.Ordinal), $"{faq.SourceFile}: '{line.Trim()}' names no contact; use {{{{contact.*}}}}");
    }

    [Fact]
    public void PolicyNumbersOfTheSpecAppearInTheAnswers()
    {
        string Answer(string id) => repo.Knowledge.FindFaq(id)!.Answer;
        Assert.Contains("3영업일", Answer("dispatch-deadline"));
        Assert.Contains("8일", Answer("purchase-confirmation"));
        Assert.Contains("2%", Answer("fees"));
        Assert.Contains("100자", Answer("product-registration"));
        Assert.Contains("1000", Answer("product-registration"));
        Assert.Contains("10%", Answer("seller-grade-penalty"));
    }

    /// <summary>
    /// An answer that warns of a penalty says how many points it is, as the penalty entry counts them: a seller asking
    /// "그게 몇 점이에요?" or "기한 넘기면요?" right after it reads it there.
    /// </summary>
    [Theory]
    [InlineData("order-cancel", "페널티 2점")]
    [InlineData("return-exchange", "페널티 1점")]
    public void AnAnswerWarningOfAPenaltySaysItsPoints(string id, string points)
    {
        Assert.Contains(points, repo.Knowledge.FindFaq(id)!.Answer);
        var counted = repo.Knowledge.FindFaq("seller-grade-penalty")!.Answer;
        Assert.Contains(points[^2..], counted);
    }
}
