using Assistant.Knowledge;

namespace Assistant.Evaluation;

/// <summary>A held-out example of the knowledge base and the outcome it should get.</summary>
public sealed record HeldOutExample(string Label, string Text)
{
    public EvalCase ToCase(KnowledgeBase knowledge) => new(Text, knowledge.DecisionFor(Label) switch
    {
        DecisionKind.Handoff => EvalJudge.Handoff,
        DecisionKind.Smalltalk => EvalJudge.Smalltalk,
        DecisionKind.Decline => EvalJudge.OutOfScope,
        _ => Label,
    }, [], 0);
}

/// <summary>
/// Stratified k-fold splits of the knowledge base's question variants and intent examples (titles
/// always stay in training), so thresholds can be tuned on messages no model has seen.
/// </summary>
public static class KnowledgeFolds
{
    public static IEnumerable<(KnowledgeBase Training, IReadOnlyList<HeldOutExample> HeldOut)> Split(KnowledgeBase knowledge, int folds)
    {
        var random = new Random(1);
        var assignment = new Dictionary<(string, string), int>();
        foreach (var group in Items(knowledge).GroupBy(i => i.Label))
        {
            var shuffled = group.OrderBy(_ => random.Next()).ToArray();
            for (var k = 0; k < shuffled.Length; k++) assignment[(shuffled[k].Label, shuffled[k].Text)] = k % folds;
        }

        for (var f = 0; f < folds; f++)
        {
            var fold = f;
            bool Kept(string label, string text) => assignment[(label, text)] != fold;
            var faqs = knowledge.Faqs.Select(e => e with { Questions = e.Questions.Where(q => Kept(e.Id, q)).ToArray() }).ToArray();
            var intents = knowledge.Intents.Select(i => i with { Examples = i.Examples.Where(x => Kept(i.Intent, x)).ToArray() }).ToArray();
            var heldOut = Items(knowledge).Where(i => !Kept(i.Label, i.Text)).Select(i => new HeldOutExample(i.Label, i.Text)).ToArray();
            yield return (new KnowledgeBase(faqs, intents, knowledge.Lexicon, knowledge.Replies), heldOut);
        }
    }

    private static IEnumerable<(string Label, string Text)> Items(KnowledgeBase knowledge) =>
        knowledge.Faqs.SelectMany(f => f.Questions.Select(q => (f.Id, q)))
            .Concat(knowledge.Intents.SelectMany(i => i.Examples.Select(e => (i.Intent, e))))
            .Distinct();
}
