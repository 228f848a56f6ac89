using System.Text.RegularExpressions;
using Assistant.Text;

namespace Assistant.Knowledge.Editing;

/// <summary>What applying edits to a knowledge version gave: the new files (null when there are problems) and what they add and change.</summary>
public sealed record KnowledgeEditOutcome(KnowledgeFiles? Files, KnowledgeBase? Knowledge, IReadOnlyList<string> Problems, IReadOnlyList<string> Added, IReadOnlyList<string> Changed);

/// <summary>
/// Applies <see cref="KnowledgeEdit"/>s to a knowledge version's files and validates the result with
/// <see cref="KnowledgeLoader.Load"/> (the errors <c>validate</c> prints). An entry's file is written whole
/// (<see cref="FaqYaml"/>); an upserted entry without facts keeps the facts of the entry it replaces, or takes
/// the first sentences of its answer.
/// </summary>
public static partial class KnowledgeEditor
{
    /// <summary>Facts taken from an answer when an entry is written without any.</summary>
    public const int DerivedFacts = 3;

    public static KnowledgeEditOutcome Apply(KnowledgeFiles files, KnowledgeBase current, IReadOnlyList<KnowledgeEdit> edits)
    {
        var problems = new List<string>();
        var drafts = new Dictionary<string, FaqEntryDraft>(StringComparer.Ordinal);
        for (var i = 0; i < edits.Count; i++)
        {
            var where = $"(edit {i + 1})";
            switch (edits[i])
            {
                case UpsertEntry { Entry: var entry }:
                    if (string.IsNullOrWhiteSpace(entry.Id) || !IdPattern().IsMatch(entry.Id))
                    {
                        problems.Add($"{where}: id: '{entry.Id}' must be lower-case letters, digits and hyphens");
                        continue;
                    }
                    var facts = entry.Facts.Where(f => !string.IsNullOrWhiteSpace(f)).ToArray();
                    if (facts.Length == 0)
                        facts = Current(entry.Id)?.Facts.ToArray() is { Length: > 0 } kept ? kept : FactsFrom(entry.Answer);
                    drafts[entry.Id] = entry with { Facts = facts, Questions = Distinct(entry.Questions) };
                    break;
                case AddPhrasings { FaqId: var id, Phrasings: var phrasings }:
                    if (Current(id) is not { } existing)
                    {
                        problems.Add($"{where}: faqId: '{id}' is not an FAQ id");
                        continue;
                    }
                    drafts[id] = existing with { Questions = Distinct(existing.Questions.Concat(phrasings)) };
                    break;
                default:
                    problems.Add($"{where}: (edit): unknown kind of edit");
                    break;
            }
        }
        if (problems.Count > 0) return new KnowledgeEditOutcome(null, null, problems, [], []);

        var added = new List<string>();
        var changed = new List<string>();
        var writes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (id, draft) in drafts)
        {
            var path = FaqYaml.PathOf(id);
            var text = FaqYaml.Write(draft);
            if (!files.Files.TryGetValue(path, out var old)) added.Add(id);
            else if (old != text && !SameEntry(current.FindFaq(id), draft)) changed.Add(id);
            else continue;
            writes[path] = text;
        }
        var next = files.With(writes);
        try
        {
            return new KnowledgeEditOutcome(next, next.Load(), [], added, changed);
        }
        catch (KnowledgeValidationException ex)
        {
            return new KnowledgeEditOutcome(null, null, ex.Errors.Select(e => e.ToString()).ToArray(), added, changed);
        }

        FaqEntryDraft? Current(string id) =>
            drafts.GetValueOrDefault(id) ?? (current.FindFaq(id) is { } faq ? Draft(faq) : null);
    }

    public static FaqEntryDraft Draft(FaqEntry faq) => new(faq.Id, faq.Category, faq.Title, faq.Answer, faq.Facts, faq.Questions);

    private static bool SameEntry(FaqEntry? faq, FaqEntryDraft draft) =>
        faq is not null && faq.Category == draft.Category && faq.Title == draft.Title.Trim() && faq.Answer.Trim() == draft.Answer.Trim()
        && faq.Facts.SequenceEqual(draft.Facts) && faq.Questions.SequenceEqual(draft.Questions);

    /// <summary>Phrasings trimmed, without empty ones and without repeats (ignoring spacing and punctuation, as validation does).</summary>
    private static string[] Distinct(IEnumerable<string> phrasings)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        return phrasings.Select(p => p.Trim()).Where(p => p.Length > 0 && seen.Add(TextNormalizer.Compact(p) is { Length: > 0 } c ? c : p)).ToArray();
    }

    /// <summary>The first sentences of an answer as facts: list marks, emphasis and placeholders' lines kept as written.</summary>
    public static string[] FactsFrom(string answer) =>
        answer.ReplaceLineEndings("\n").Split('\n')
            .Select(l => l.Trim().TrimStart('-', '*', '#', ' ').Replace("**", "").Trim())
            .Where(l => TextNormalizer.CountLetters(l) > 0)
            .Take(DerivedFacts)
            .ToArray();

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex IdPattern();
}
