using Assistant.Text;

namespace Assistant.Knowledge;

/// <summary>The validated, immutable content of <c>knowledge/</c>.</summary>
public sealed class KnowledgeBase
{
    private readonly Dictionary<string, FaqEntry> _faqById;
    private readonly Dictionary<string, IntentDefinition> _intentByName;
    private readonly Dictionary<string, FaqEntry> _faqByTitle;

    public KnowledgeBase(IReadOnlyList<FaqEntry> faqs, IReadOnlyList<IntentDefinition> intents, Lexicon lexicon, ReplyTexts replies, HandoffScript? handoff = null, ScopeRules? scope = null)
    {
        Handoff = handoff ?? HandoffScript.Empty;
        Scope = scope ?? ScopeRules.Empty;
        Faqs = faqs;
        Intents = intents;
        Lexicon = lexicon;
        Replies = replies;
        _faqById = faqs.ToDictionary(f => f.Id, StringComparer.Ordinal);
        _intentByName = intents.ToDictionary(i => i.Intent, StringComparer.Ordinal);
        _faqByTitle = faqs
            .GroupBy(f => TextNormalizer.Compact(f.Title))
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        _titles = new(() => AnswerEvidence.Titles(faqs));
        Costs = new CostQuestions(this);
        Quantities = new QuantityQuestions(this);
    }

    public IReadOnlyList<FaqEntry> Faqs { get; }
    public IReadOnlyList<IntentDefinition> Intents { get; }
    public Lexicon Lexicon { get; }
    public ReplyTexts Replies { get; }
    public HandoffScript Handoff { get; }
    public ScopeRules Scope { get; }

    /// <summary>Which entries state the cost a question asks about (<see cref="CostQuestions"/>).</summary>
    public CostQuestions Costs { get; }

    /// <summary>Which entries state the number a question asks for (<see cref="QuantityQuestions"/>).</summary>
    public QuantityQuestions Quantities { get; }

    /// <summary>What loaded but deserves an operator's look (an entry with few phrasings), as file, line and field.</summary>
    public IReadOnlyList<KnowledgeError> Warnings { get; init; } = [];

    public FaqEntry? FindFaq(string id) => _faqById.GetValueOrDefault(id);

    /// <summary>Whether the entry's title, answer or facts contain the word (spacing ignored).</summary>
    public bool Mentions(FaqEntry faq, string word) => TextOf(faq).Contains(TextNormalizer.Compact(word), StringComparison.Ordinal);

    /// <summary>How many entries mention the word, counted up to <paramref name="enough"/>: a scan over the entries, stopped early.</summary>
    public int CountMentioning(string word, int enough)
    {
        var compact = TextNormalizer.Compact(word);
        var count = 0;
        foreach (var faq in Faqs)
            if (TextOf(faq).Contains(compact, StringComparison.Ordinal) && ++count >= enough) break;
        return count;
    }

    private string TextOf(FaqEntry faq) =>
        _mentionText.GetOrAdd(faq.Id, _ => TextNormalizer.Compact(string.Join(' ', [faq.Title, faq.Answer, .. faq.Facts])));

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> _mentionText = new(StringComparer.Ordinal);

    public IntentDefinition? FindIntent(string name) => _intentByName.GetValueOrDefault(name);

    /// <summary>An FAQ whose title is exactly the message (a clicked suggestion), ignoring spacing and punctuation.</summary>
    public FaqEntry? FindByTitle(string message) => _faqByTitle.GetValueOrDefault(TextNormalizer.Compact(message));

    /// <summary>
    /// What the classifier learns from: every FAQ question and title, and every intent example. An entry with fewer
    /// phrasings than <see cref="KnowledgeLoader.RecommendedQuestions"/> (a cold start) also teaches its facts and
    /// answer sentences, so the classifier knows its words and does not read every long question as a case for a person.
    /// </summary>
    public IEnumerable<(string Label, string Text)> TrainingExamples()
    {
        foreach (var faq in Faqs)
        {
            yield return (faq.Id, faq.Title);
            foreach (var q in faq.Questions) yield return (faq.Id, q);
            if (faq.Questions.Count >= KnowledgeLoader.RecommendedQuestions) continue;
            foreach (var fact in faq.Facts) yield return (faq.Id, fact);
            foreach (var sentence in AnswerSentences(faq)) yield return (faq.Id, sentence);
        }
        foreach (var intent in Intents)
        {
            if (intent.Decision == DecisionKind.Answer && !TeachesGeneralQuestions) continue;
            foreach (var e in intent.Examples) yield return (intent.Intent, e);
        }
    }

    /// <summary>
    /// Whether the general-question examples (an intent with <c>decision: answer</c>) are taught: only while the entries
    /// have fewer phrasings than recommended on average (a help center just imported). Then the entries' few phrasings
    /// are all the classifier would learn of what a general question looks like, against the many examples of a case or
    /// of something out of scope, and a situation told before a general question reads as a case. With the recommended
    /// phrasings the entries teach that themselves, and the examples would only move the balance they were tuned at.
    /// </summary>
    public bool TeachesGeneralQuestions =>
        Faqs.Count > 0 && Faqs.Sum(f => f.Questions.Count) < KnowledgeLoader.RecommendedQuestions * Faqs.Count;

    /// <summary>
    /// Whether each of the entries leaves a specific selling word of the message unmentioned (<see cref="ScopeRules.NoneCovers"/>),
    /// its answer read as its evidence sentences: a pointer to another entry does not cover that entry's words.
    /// </summary>
    public bool NoneCovers(IReadOnlyList<FaqEntry> entries, string message) => Scope.NoneCovers(entries, message, AnswerSentences);

    /// <summary>An entry's title as lexicon terms, read once: what a question names beyond the title is what it asks of the entry.</summary>
    public IReadOnlyList<string> TitleTerms(FaqEntry faq) => _titleTerms.GetOrAdd(faq.Id, _ => Lexicon.Expand(faq.Title));

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, IReadOnlyList<string>> _titleTerms = new(StringComparer.Ordinal);

    /// <summary>The sentences of an entry's answer that are evidence for it (<see cref="AnswerEvidence"/>).</summary>
    public IReadOnlyList<string> AnswerSentences(FaqEntry faq) =>
        _answerSentences.GetOrAdd(faq.Id, _ => AnswerEvidence.Sentences(faq, _titles.Value));

    /// <summary>Every entry's title as compared, made once: each entry's answer is checked against all of them.</summary>
    private readonly Lazy<(string Id, string Title)[]> _titles;

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, IReadOnlyList<string>> _answerSentences = new(StringComparer.Ordinal);

    /// <summary>The decision a classifier label stands for: an FAQ id answers, an intent decides its own way.</summary>
    public DecisionKind DecisionFor(string label) =>
        _intentByName.TryGetValue(label, out var intent) ? intent.Decision : DecisionKind.Answer;
}
