using System.Text.RegularExpressions;
using Assistant.Text;

namespace Assistant.Knowledge;

/// <summary>
/// Reads and validates <c>knowledge/</c>. Any problem (a malformed file, a missing field, a duplicate
/// id, an unknown placeholder) stops loading with <see cref="KnowledgeValidationException"/> listing
/// every problem found, each as file, line and field. What loads but deserves an operator's look (an
/// entry with few phrasings) is a warning, kept in <see cref="KnowledgeBase.Warnings"/> in the same form.
/// </summary>
public static partial class KnowledgeLoader
{
    public static readonly IReadOnlySet<string> Categories = new HashSet<string>(StringComparer.Ordinal)
    {
        "shipping", "orders", "payment", "settlement", "fees-tax", "marketing", "products", "account",
        "customer-service", "support",
    };

    public static readonly IReadOnlySet<string> Placeholders = new HashSet<string>(StringComparer.Ordinal)
    {
        "contact.phone", "contact.hours", "contact.chatUrl", "contact.inquiryUrl",
    };

    /// <summary>
    /// Phrasings an entry should have for the classifier to know it well. Fewer (down to none) still load, with a
    /// warning: an imported help center starts with a title, an answer and a few phrasings, and retrieval finds
    /// such an entry by its title, answer and facts.
    /// </summary>
    public const int RecommendedQuestions = 12;
    public const int MaxTitleLength = 30;

    public static KnowledgeBase Load(string directory)
    {
        if (!Directory.Exists(directory))
            throw new KnowledgeValidationException([new KnowledgeError(directory, 0, "(directory)", "does not exist")]);

        var errors = new List<KnowledgeError>();
        var warnings = new List<KnowledgeError>();
        var declaredIds = new HashSet<string>(StringComparer.Ordinal);
        var faqs = LoadFaqs(directory, errors, warnings, declaredIds);
        var intents = LoadIntents(directory, errors);
        var lexicon = LoadLexicon(directory, errors);
        var replies = LoadReplies(directory, errors, declaredIds);
        var handoff = LoadHandoff(directory, errors);
        var scope = LoadScope(directory, errors);
        CheckIntentNamesDistinctFromFaqIds(faqs, intents, errors);
        // A file that did not parse already has its error; the intents it would define are not missing twice.
        if (errors.Count == 0) CheckIntentsTheCodeNames(intents, errors);

        if (errors.Count > 0) throw new KnowledgeValidationException(errors);
        return new KnowledgeBase(faqs, intents, lexicon, replies!, handoff, scope) { Warnings = warnings };
    }

    private static List<FaqEntry> LoadFaqs(string directory, List<KnowledgeError> errors, List<KnowledgeError> warnings, HashSet<string> declaredIds)
    {
        var faqs = new List<FaqEntry>();
        var idLines = new Dictionary<string, string>(StringComparer.Ordinal);
        var files = Directory.Exists(Path.Combine(directory, "faq"))
            ? Directory.GetFiles(Path.Combine(directory, "faq"), "*.yaml").Order(StringComparer.Ordinal).ToArray()
            : [];
        if (files.Length == 0)
            errors.Add(new KnowledgeError("faq/", 0, "(directory)", "holds no *.yaml FAQ entries"));

        foreach (var path in files)
        {
            var name = "faq/" + Path.GetFileName(path);
            var doc = YamlDocument.Load(path, name, errors);
            if (doc is null) continue;

            var id = doc.String("id");
            var category = doc.String("category");
            var title = doc.String("title", maxLength: MaxTitleLength);
            var answer = doc.String("answer");
            var facts = doc.StringList("facts", 1);
            var questions = doc.StringList("questions", 0, required: false);
            if (questions.Count < RecommendedQuestions)
                warnings.Add(new KnowledgeError(name, doc.LineOf("questions"), "questions",
                    $"has {questions.Count} phrasings; {RecommendedQuestions} or more are recommended (until then the entry is found mostly by its title, answer and facts)"));
            doc.RejectUnknownFields();

            if (id is not null)
            {
                declaredIds.Add(id);
                if (!IdPattern().IsMatch(id))
                    doc.Error("id", $"'{id}' must be lower-case letters, digits and hyphens");
                else if (id != Path.GetFileNameWithoutExtension(path))
                    doc.Error("id", $"'{id}' must equal the file name '{Path.GetFileNameWithoutExtension(path)}'");
                if (!idLines.TryAdd(id, $"{name}:{doc.LineOf("id")}"))
                    doc.Error("id", $"'{id}' is already used at {idLines[id]}");
            }
            if (category is not null) CheckCategory(doc, "category", category);
            if (answer is not null)
                CheckPlaceholders(doc, answer);
            CheckDuplicates(doc, "questions", questions);

            if (id is null || category is null || title is null || answer is null) continue;
            faqs.Add(new FaqEntry(id, category, title, answer, Values(facts), Values(questions), name));
        }
        return faqs;
    }

    private static List<IntentDefinition> LoadIntents(string directory, List<KnowledgeError> errors)
    {
        var intents = new List<IntentDefinition>();
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        var folder = Path.Combine(directory, "intents");
        string[] files = Directory.Exists(folder) ? [.. Directory.GetFiles(folder, "*.yaml").Order(StringComparer.Ordinal)] : [];
        foreach (var path in files)
        {
            var name = "intents/" + Path.GetFileName(path);
            var doc = YamlDocument.Load(path, name, errors);
            if (doc is null) continue;

            var intent = doc.String("intent");
            var decisionText = doc.String("decision");
            var reply = doc.String("reply", required: false);
            var examples = doc.StringList("examples", 1);
            doc.RejectUnknownFields();

            DecisionKind? decision = decisionText switch
            {
                "handoff" => DecisionKind.Handoff,
                "smalltalk" => DecisionKind.Smalltalk,
                "decline" => DecisionKind.Decline,
                "clarify" => DecisionKind.Clarify,
                // Examples of a general question: what the message does is ask, the entries' evidence chooses which answer.
                "answer" => DecisionKind.Answer,
                null => null,
                _ => null,
            };
            if (decisionText is not null && decision is null)
                doc.Error("decision", $"'{decisionText}' must be handoff, smalltalk, decline, clarify or answer");
            if (decision == DecisionKind.Smalltalk && reply is null)
                doc.Error("reply", "is required for a smalltalk intent", doc.Line);
            if (decision == DecisionKind.Answer && reply is not null)
                doc.Error("reply", "must not be set for an answer intent: the FAQ entry the message is about is answered", doc.LineOf("reply"));
            if (intent is not null && !names.TryAdd(intent, $"{name}:{doc.LineOf("intent")}"))
                doc.Error("intent", $"'{intent}' is already defined at {names[intent]}");
            CheckDuplicates(doc, "examples", examples);

            if (intent is null || decision is null) continue;
            intents.Add(new IntentDefinition(intent, decision.Value, reply, Values(examples), name));
        }
        return intents;
    }

    private static Lexicon LoadLexicon(string directory, List<KnowledgeError> errors)
    {
        var path = Path.Combine(directory, "lexicon.yaml");
        if (!File.Exists(path)) return Lexicon.Empty;
        var doc = YamlDocument.Load(path, "lexicon.yaml", errors);
        if (doc is null) return Lexicon.Empty;

        var terms = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        var owner = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, line, values) in doc.MapOfLists("terms"))
        {
            if (string.IsNullOrWhiteSpace(key))
            {
                doc.Error("terms", "a term must be non-empty text", line);
                continue;
            }
            foreach (var (form, formLine) in values)
            {
                var normalized = TextNormalizer.Compact(form);
                if (owner.TryGetValue(normalized, out var other) && other != key)
                    doc.Error($"terms.{key}", $"form '{form}' is already listed under '{other}'", formLine);
                owner[normalized] = key;
            }
            if (!terms.TryAdd(key, values.Select(v => v.Value).ToArray()))
                doc.Error($"terms.{key}", "is listed twice", line);
        }
        // English words read in Korean when written with Korean grammar ("check 해 주세요"): a Korean word, English forms. A
        // term's English form may be listed under that term only ("refund" under 환불).
        var mixed = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var (key, line, values) in doc.MapOfLists("mixed", required: false))
        {
            if (string.IsNullOrWhiteSpace(key) || !key.Any(Hangul.IsHangul))
            {
                doc.Error("mixed", $"'{key}' must be a Korean word", line);
                continue;
            }
            foreach (var (form, formLine) in values)
            {
                var normalized = TextNormalizer.Compact(form);
                if (form.Any(Hangul.IsHangul) || !form.Any(char.IsAsciiLetter))
                    doc.Error($"mixed.{key}", $"'{form}' must be an English word", formLine);
                else if (owner.TryGetValue(normalized, out var other) && other != key)
                    doc.Error($"mixed.{key}", $"'{form}' is already listed under '{other}'", formLine);
                else owner[normalized] = key;
            }
            if (!mixed.TryAdd(key, values.Select(v => v.Value).ToArray()))
                doc.Error($"mixed.{key}", "is listed twice", line);
        }
        doc.RejectUnknownFields();
        return new Lexicon(terms, mixed);
    }

    private static ReplyTexts? LoadReplies(string directory, List<KnowledgeError> errors, IReadOnlySet<string> ids)
    {
        var path = Path.Combine(directory, "replies.yaml");
        if (!File.Exists(path))
        {
            errors.Add(new KnowledgeError("replies.yaml", 0, "(file)", "is missing"));
            return null;
        }
        var doc = YamlDocument.Load(path, "replies.yaml", errors);
        if (doc is null) return null;

        var topics = doc.StringList("welcomeTopics", 1);
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, line, value) in doc.Scalars())
        {
            if (key == "welcomeTopics") continue;
            if (string.IsNullOrWhiteSpace(value)) doc.Error(key, "must be non-empty text", line);
            else if (!ReplyTexts.RequiredKeys.Contains(key)) doc.Error(key, "is not a known reply", line);
            else
            {
                texts[key] = value.Trim();
                var allowed = ReplyTexts.PlaceholdersOf.GetValueOrDefault(key) ?? [];
                var block = value.Trim().Contains('\n'); // a block scalar starts on the line after its key
                foreach (var (offset, problem) in ReplyTemplate.Check(value.Trim(), allowed))
                    doc.Error(key, problem, line + (block ? 1 + offset : 0));
            }
        }
        foreach (var key in ReplyTexts.RequiredKeys.Where(k => !texts.ContainsKey(k)))
            doc.Error(key, "is missing", doc.Line);
        foreach (var (topic, line) in topics.Where(t => !ids.Contains(t.Value)))
            doc.Error("welcomeTopics", $"'{topic}' is not an FAQ id", line);
        return new ReplyTexts(texts, Values(topics));
    }

    private static HandoffScript LoadHandoff(string directory, List<KnowledgeError> errors)
    {
        var path = Path.Combine(directory, "handoff.yaml");
        if (!File.Exists(path))
        {
            errors.Add(new KnowledgeError("handoff.yaml", 0, "(file)", "is missing"));
            return HandoffScript.Empty;
        }
        var doc = YamlDocument.Load(path, "handoff.yaml", errors);
        if (doc is null) return HandoffScript.Empty;

        string[] Words(string field) => Values(doc.StringList(field, 1));
        var script = (Cancel: Words("cancelWords"), Unknown: Words("unknownWords"), Confirm: Words("confirmWords"),
            Solved: Words("solvedWords"), NotSolved: Words("notSolvedWords"));
        var categories = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, line, value) in doc.MappingOfScalars("categories"))
            if (string.IsNullOrWhiteSpace(value)) doc.Error($"categories.{key}", "must be non-empty text", line);
            else categories[key] = value;
        foreach (var missing in Categories.Append("general").Where(c => !categories.ContainsKey(c)))
            doc.Error("categories", $"has no label for '{missing}'");
        var rules = doc.ListOfMappings("urgency").Select(m =>
        {
            var area = m.String("category", required: false);
            if (area is not null) CheckCategory(m, "category", area, m.LineOf("category"));
            return new UrgencyRule(m.String("reason") ?? "", Values(m.StringList("keywords", 1)), area);
        }).ToArray();
        doc.RejectUnknownFields();
        return new HandoffScript(script.Cancel, script.Unknown, script.Confirm, script.Solved, script.NotSolved, categories, rules);
    }

    private static ScopeRules LoadScope(string directory, List<KnowledgeError> errors)
    {
        var path = Path.Combine(directory, "scope.yaml");
        if (!File.Exists(path)) return ScopeRules.Empty;
        var doc = YamlDocument.Load(path, "scope.yaml", errors);
        if (doc is null) return ScopeRules.Empty;
        var lists = new Dictionary<string, IReadOnlyList<(string Value, int Line)>>();
        foreach (var field in new[] { "otherServices", "notOurs", "sellingWords", "sellingWithStore" })
        {
            var names = doc.StringList(field, 0, required: false);
            CheckDuplicates(doc, field, names);
            foreach (var (name, line) in names.Where(n => TextNormalizer.Compact(n.Value).Length < 2))
                doc.Error(field, $"'{name}' is too short to match safely (2 letters or more)", line);
            lists[field] = names;
        }
        var areas = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var (area, line, words) in doc.MappingOfLists("sellingAreas"))
            if (CheckCategory(doc, $"sellingAreas.{area}", area, line)) areas[area] = words;
        doc.RejectUnknownFields();
        return new ScopeRules(Values(lists["otherServices"]), Values(lists["notOurs"]), Values(lists["sellingWords"]), Values(lists["sellingWithStore"]), areas);
    }

    /// <summary>Whether <paramref name="category"/> is one of <see cref="Categories"/>; if not, an error naming the field (and line) is recorded.</summary>
    private static bool CheckCategory(YamlDocument doc, string field, string category, int? line = null)
    {
        if (Categories.Contains(category)) return true;
        doc.Error(field, $"'{category}' is not one of: {string.Join(", ", Categories)}", line);
        return false;
    }

    /// <summary>The intents the conversation code names itself must exist, so a renamed file fails at load, not in a conversation.</summary>
    public static readonly IReadOnlyList<string> IntentsTheCodeNames = ["smalltalk.identity", "smalltalk.thanks", "smalltalk.bye", "smalltalk.greeting", "smalltalk.complaint", "handoff.request", "handoff.case"];

    private static void CheckIntentsTheCodeNames(List<IntentDefinition> intents, List<KnowledgeError> errors)
    {
        var names = intents.Select(i => i.Intent).ToHashSet(StringComparer.Ordinal);
        foreach (var missing in IntentsTheCodeNames.Where(n => !names.Contains(n)))
            errors.Add(new KnowledgeError("intents/", 0, "intent", $"'{missing}' is used by the conversation code but no intent file defines it"));
    }

    private static void CheckIntentNamesDistinctFromFaqIds(List<FaqEntry> faqs, List<IntentDefinition> intents, List<KnowledgeError> errors)
    {
        var ids = faqs.Select(f => f.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var intent in intents.Where(i => ids.Contains(i.Intent)))
            errors.Add(new KnowledgeError(intent.SourceFile, 1, "intent", $"'{intent.Intent}' is also an FAQ id"));
    }

    private static void CheckPlaceholders(YamlDocument doc, string answer)
    {
        foreach (Match m in PlaceholderPattern().Matches(answer))
            if (!Placeholders.Contains(m.Groups[1].Value))
                doc.Error("answer", $"unknown placeholder {m.Value}; known: {string.Join(", ", Placeholders.Select(p => "{{" + p + "}}"))}");
    }

    private static void CheckDuplicates(YamlDocument doc, string field, IReadOnlyList<(string Value, int Line)> items)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (value, line) in items)
        {
            var normalized = TextNormalizer.Compact(value);
            if (normalized.Length == 0)
                doc.Error(field, $"'{value}' has no letter or digit; such messages are declined without the classifier", line);
            else if (!seen.Add(normalized))
                doc.Error(field, $"'{value}' is listed twice", line);
        }
    }

    private static string[] Values(IReadOnlyList<(string Value, int Line)> items) => items.Select(i => i.Value).ToArray();

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex IdPattern();

    [GeneratedRegex(@"\{\{\s*([^}]*?)\s*\}\}")]
    internal static partial Regex PlaceholderPattern();
}
