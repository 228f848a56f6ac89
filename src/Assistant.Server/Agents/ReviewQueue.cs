using Assistant.Knowledge;
using Assistant.Knowledge.Editing;
using Assistant.Review;
using Assistant.Server.Storage;
using Assistant.Understanding;

namespace Assistant.Server.Agents;

/// <summary>
/// One distinct message of the queue (every occurrence written the same way up to spacing and punctuation): how many
/// times it was sent, why it is here (<see cref="ReviewReasons"/>, with counts), the FAQ entries it touched, and the
/// agent's reply and ticket category when a person answered it.
/// </summary>
public sealed record ReviewItem(
    string Key, string Text, int Count, IReadOnlyDictionary<string, int> Reasons, DateTimeOffset LastAt,
    IReadOnlyList<string> Entries, string? AgentReply, string? Category);

public sealed record ReviewMessageView(string Key, string Text, int Count, IReadOnlyList<string> Reasons, DateTimeOffset LastAt, string? AgentReply);

public sealed record LikelyEntryView(string FaqId, string Title, string Category, string CategoryLabel);

/// <summary>A group of the queue: its messages (most frequent first), the examples to show, the reasons with counts and the likely entries.</summary>
public sealed record ReviewGroupView(
    string Id, int Count, IReadOnlyDictionary<string, int> Reasons, IReadOnlyList<string> Examples,
    IReadOnlyList<ReviewMessageView> Messages, IReadOnlyList<LikelyEntryView> Likely, string? AgentReply);

public sealed record CategoryView(string Id, string Label);

/// <summary>The queue of a period: biggest groups first, with how many messages and groups wait in all.</summary>
public sealed record ReviewQueueView(DateTimeOffset From, DateTimeOffset To, int Messages, int GroupCount, IReadOnlyList<ReviewGroupView> Groups, IReadOnlyList<CategoryView> Categories);

/// <summary>
/// The learning loop's queue: the messages the assistant could not answer well (<see cref="ReviewStore.SourcesAsync"/>),
/// less those a reviewer decided on, grouped by meaning (<see cref="MessageGrouping"/>; a message that reads like one
/// marked correctly declined stays out), each group with the entries the running <see cref="Decider"/> finds likely.
/// </summary>
public sealed class ReviewQueue(ReviewStore store, IServiceProvider services, TimeProvider time)
{
    public const int DefaultDays = 30, MaxDays = 365, DefaultGroups = 30, MaxGroups = 200, MessagesShown = 100, ExampleCount = 5, LikelyCount = 3;

    /// <summary>The least summed evidence (over the examples) for an entry to be offered as likely.</summary>
    public const float MinLikelyScore = 0.3f;

    private readonly Lock _gate = new();
    private (KnowledgeBase Knowledge, MessageGrouping Grouping)? _grouping;

    /// <summary>The running decider (its knowledge is what sellers see now).</summary>
    public Decider Decider => services.GetRequiredService<Decider>();

    /// <summary>The messages waiting for review in the last <paramref name="days"/> days, most frequent first.</summary>
    public async Task<IReadOnlyList<ReviewItem>> ItemsAsync(int days, CancellationToken cancellationToken = default)
    {
        var (from, to) = Period(days);
        var sources = await store.SourcesAsync(from, to, cancellationToken);
        var decisions = await store.DecisionsAsync(cancellationToken);
        return sources
            .GroupBy(s => ReviewKeys.Of(s.Text))
            .Where(g => !decisions.ContainsKey(g.Key))
            .Select(g => new ReviewItem(
                g.Key,
                g.GroupBy(s => s.Text.Trim()).OrderByDescending(t => t.Count()).ThenByDescending(t => t.Max(s => s.At)).First().Key,
                g.Count(),
                g.GroupBy(s => s.Reason).OrderBy(r => Rank(r.Key)).ToDictionary(r => r.Key, r => r.Count()),
                g.Max(s => s.At),
                g.SelectMany(s => s.Entries).Where(e => e.Length > 0).Distinct().ToArray(),
                g.Where(s => s.AgentReply is not null).OrderByDescending(s => s.At).FirstOrDefault()?.AgentReply,
                g.Where(s => s.Category is not null).OrderByDescending(s => s.At).FirstOrDefault()?.Category))
            .OrderByDescending(i => i.Count).ThenByDescending(i => i.LastAt)
            .ToArray();
    }

    /// <summary>The queue of the last <paramref name="days"/> days: up to <paramref name="limit"/> groups, biggest first.</summary>
    public async Task<ReviewQueueView> QueueAsync(int days, int limit, CancellationToken cancellationToken = default)
    {
        var (from, to) = Period(days);
        var items = await ItemsAsync(days, cancellationToken);
        var decisions = await store.DecisionsAsync(cancellationToken);
        var decider = Decider;
        var settled = decisions.Values.Where(d => d.Status == ReviewStatus.DeclinedOk).OrderByDescending(d => d.At).Select(d => d.Text);
        var groups = Grouping(decider.Knowledge).Group(items, i => i.Text, i => i.Count, settled);
        var views = new List<ReviewGroupView>();
        foreach (var group in groups.Take(limit))
            views.Add(await ViewAsync(group.Members, decider, cancellationToken));
        return new ReviewQueueView(from, to, groups.Sum(g => g.Count), groups.Count, views, Categories(decider.Knowledge));
    }

    /// <summary>The entries the running assistant finds likely for these messages, best first.</summary>
    public async Task<IReadOnlyList<LikelyEntryView>> LikelyAsync(IReadOnlyList<ReviewItem> items, Decider decider, CancellationToken cancellationToken = default)
    {
        var knowledge = decider.Knowledge;
        var scores = new Dictionary<string, float>(StringComparer.Ordinal);
        void Add(string? id, float score)
        {
            if (id is not null && knowledge.FindFaq(id) is not null) scores[id] = scores.GetValueOrDefault(id) + score;
        }
        foreach (var item in items.Take(ExampleCount))
        {
            var decision = await decider.DecideAsync(item.Text, cancellationToken);
            Add(decision.FaqId, decision.Confidence);
            for (var i = 0; i < decision.Suggestions.Count; i++) Add(decision.Suggestions[i], 0.5f / (i + 1));
            foreach (var intent in decision.Intents) Add(intent.Label, intent.Probability);
            foreach (var candidate in decision.Candidates.Take(LikelyCount)) Add(candidate.FaqId, candidate.Score * 0.5f);
        }
        foreach (var item in items)
            foreach (var entry in item.Entries) Add(entry, 0.25f);
        // Weak evidence is noise, not a suggestion: an entry must reach an absolute floor and a share of the best.
        var best = scores.Count == 0 ? 0 : scores.Values.Max();
        return scores.Where(s => s.Value >= MinLikelyScore && s.Value >= best * 0.35f)
            .OrderByDescending(s => s.Value).ThenBy(s => s.Key, StringComparer.Ordinal).Take(LikelyCount)
            .Select(s => knowledge.FindFaq(s.Key)!)
            .Select(f => new LikelyEntryView(f.Id, f.Title, f.Category, knowledge.Handoff.CategoryLabel(f.Category)))
            .ToArray();
    }

    /// <summary>
    /// A new entry started from messages: an unused id in the guessed category, the most frequent message as the title,
    /// the agent's reply as the answer (empty when nobody answered), every message as a question.
    /// </summary>
    public static FaqEntryDraft Draft(IReadOnlyList<ReviewItem> items, IReadOnlyList<LikelyEntryView> likely, KnowledgeBase knowledge)
    {
        var category = items.Select(i => i.Category).FirstOrDefault(c => c is not null && KnowledgeLoader.Categories.Contains(c))
            ?? likely.FirstOrDefault()?.Category
            ?? "support";
        var id = Enumerable.Range(1, 10_000).Select(n => $"{category}-new-{n}").First(candidate => knowledge.FindFaq(candidate) is null);
        var title = items[0].Text.Trim().TrimEnd('?', '？', '.', '!', '~').Trim();
        var answer = items.Select(i => i.AgentReply).FirstOrDefault(r => !string.IsNullOrWhiteSpace(r)) ?? "";
        var questions = items.Select(i => i.Text.Trim()).Distinct(StringComparer.Ordinal).ToArray();
        return new FaqEntryDraft(id, category, title, answer, [], questions);
    }

    public static IReadOnlyList<CategoryView> Categories(KnowledgeBase knowledge) =>
        KnowledgeLoader.Categories.Order(StringComparer.Ordinal).Select(c => new CategoryView(c, knowledge.Handoff.CategoryLabel(c))).ToArray();

    private async Task<ReviewGroupView> ViewAsync(IReadOnlyList<ReviewItem> members, Decider decider, CancellationToken cancellationToken)
    {
        var reasons = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (reason, count) in members.SelectMany(m => m.Reasons)) reasons[reason] = reasons.GetValueOrDefault(reason) + count;
        return new ReviewGroupView(
            members[0].Key,
            members.Sum(m => m.Count),
            reasons.OrderBy(r => Rank(r.Key)).ToDictionary(r => r.Key, r => r.Value),
            members.Take(ExampleCount).Select(m => m.Text).ToArray(),
            members.Take(MessagesShown).Select(m => new ReviewMessageView(m.Key, m.Text, m.Count, m.Reasons.Keys.ToArray(), m.LastAt, m.AgentReply)).ToArray(),
            await LikelyAsync(members, decider, cancellationToken),
            members.Select(m => m.AgentReply).FirstOrDefault(r => r is not null));
    }

    private MessageGrouping Grouping(KnowledgeBase knowledge)
    {
        lock (_gate)
        {
            if (_grouping is { } cached && ReferenceEquals(cached.Knowledge, knowledge)) return cached.Grouping;
            var grouping = new MessageGrouping(UnderstandingFactory.CreateEmbeddings(knowledge), knowledge.Lexicon, knowledge.Scope);
            _grouping = (knowledge, grouping);
            return grouping;
        }
    }

    private (DateTimeOffset From, DateTimeOffset To) Period(int days)
    {
        var to = time.GetUtcNow();
        return (to.AddDays(-days), to.AddSeconds(1));
    }

    private static int Rank(string reason)
    {
        var index = ReviewReasons.All.ToList().IndexOf(reason);
        return index < 0 ? int.MaxValue : index;
    }
}
