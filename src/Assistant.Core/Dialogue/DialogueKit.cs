using Assistant.Handoff;
using Assistant.Knowledge;
using Assistant.Text;
using Assistant.Understanding;

namespace Assistant.Dialogue;

/// <summary>
/// What every conversation pattern shares: the understanding pipeline, the knowledge and its
/// replies, the ticket ledger, the business calendar, and the few ways a reply is put together.
/// Patterns compose replies here and never format channel text themselves.
/// </summary>
public sealed class DialogueKit(
    Decider decider,
    ContactOptions contact,
    DialogueOptions options,
    HandoffOptions handoffOptions,
    TicketLedger tickets,
    TimeProvider time)
{
    public Decider Decider => decider;
    public KnowledgeBase Knowledge => decider.Knowledge;
    public ReplyTexts Replies => Knowledge.Replies;
    public ContactOptions Contact => contact;
    public DialogueOptions Options => options;
    public HandoffOptions HandoffOptions => handoffOptions;
    public TicketLedger Tickets => tickets;
    public TimeProvider Time => time;
    public BusinessCalendar Calendar { get; } = new(handoffOptions);

    /// <summary>A reply with a fixed decision: <paramref name="kind"/> is kept typed until the channel edge reads <see cref="AssistantInfo.Action"/>.</summary>
    public static AssistantReply Say(string text, DecisionKind kind, string intent, IReadOnlyList<string>? suggestions = null, string? ticket = null) =>
        new(text, suggestions ?? [], new AssistantInfo(ActionOf(kind), null, null, intent, 1) { Ticket = ticket });

    /// <summary>The FAQ entry's answer, contact details filled in, with an English preface for an English message.</summary>
    public AssistantReply Answer(FaqEntry faq, string message, float confidence, string intent = "answer", bool offerPerson = true)
    {
        var text = contact.Fill(faq.Answer).TrimEnd();
        if (TextNormalizer.IsMostlyLatin(message)) text = Replies.EnglishPreface + "\n\n" + text;
        text += "\n\n" + Replies.AnswerFooter;
        IReadOnlyList<string> actions = offerPerson ? [Replies.HandoffAction] : [];
        return new AssistantReply(text, actions, new AssistantInfo("answer", faq.Id, null, intent == "answer" ? faq.Id : intent, confidence));
    }

    /// <summary>The entry's facts as a short list (asked for a shorter answer), a person one tap away.</summary>
    public AssistantReply ShortAnswer(FaqEntry faq, string intent) =>
        new(Replies["shortAnswer"] + "\n" + string.Join("\n", faq.Facts.Select(f => "- " + contact.Fill(f))), [Replies.HandoffAction],
            new AssistantInfo("answer", faq.Id, null, intent, 1f));

    /// <summary>
    /// A choice among FAQ entries (their titles as buttons), a person one tap away: a clarifying question,
    /// or, as <see cref="DecisionKind.Handoff"/>, the offer of a person with the possible entries beside it.
    /// </summary>
    public AssistantReply Choice(string text, IReadOnlyList<string> faqIds, string intent, float confidence, DecisionKind kind = DecisionKind.Clarify) =>
        new(text, TitlesAndPerson(faqIds), new AssistantInfo(ActionOf(kind), null, faqIds.Count > 0 ? faqIds : null, intent, confidence));

    /// <summary>The entries' titles as buttons, then "상담원 연결".</summary>
    public IReadOnlyList<string> TitlesAndPerson(IEnumerable<string> faqIds) =>
        faqIds.Select(id => Knowledge.FindFaq(id)!.Title).Append(Replies.HandoffAction).ToArray();

    /// <summary>
    /// The given entries ranked by the evidence a decision holds for each (classifier probability plus
    /// retrieval score), best first: how a short reply is matched against the entries on offer or shown.
    /// </summary>
    public static IReadOnlyList<(string Id, float Score)> RankAmong(Decision decision, IEnumerable<string> ids)
    {
        var retrieval = decision.Candidates.ToDictionary(c => c.FaqId, c => c.Score);
        return ids
            .Select(id => (Id: id, Score: (decision.Intents.FirstOrDefault(i => i.Label == id)?.Probability ?? 0) + retrieval.GetValueOrDefault(id)))
            .OrderByDescending(x => x.Score)
            .ToArray();
    }

    public static string ActionOf(DecisionKind kind) => kind switch
    {
        DecisionKind.Answer => "answer",
        DecisionKind.Clarify => "clarify",
        DecisionKind.Handoff => "handoff",
        DecisionKind.Smalltalk => "smalltalk",
        _ => "decline",
    };
}
