using Assistant.Handoff;
using Assistant.Knowledge;
using Assistant.Text;
using Assistant.Understanding;

namespace Assistant.Dialogue;

/// <summary>
/// The channel-neutral conversation. Each turn: while an agent owns the conversation the seller's
/// message goes to the agent and the bot stays silent; while handoff details are being collected the
/// form continues; otherwise the message is decided (answer, clarify, handoff, smalltalk, decline),
/// and two unhelpful replies in a row lead to an offer of a person.
/// </summary>
public sealed class ConversationEngine(
    Decider decider,
    ContactOptions contact,
    DialogueOptions options,
    HandoffOptions handoffOptions,
    ITicketStore tickets,
    ITicketEvents events,
    TimeProvider time)
{
    private readonly HandoffFlow _handoff = new(decider.Knowledge, tickets, events, new BusinessCalendar(handoffOptions), contact.Phone);

    private KnowledgeBase Knowledge => decider.Knowledge;
    private ReplyTexts Replies => Knowledge.Replies;

    public AssistantReply Welcome()
    {
        var topics = Replies.WelcomeTopics.Select(id => Knowledge.FindFaq(id)!.Title).Append(Replies.HandoffAction).ToArray();
        return new AssistantReply(Replies.Welcome, topics, new AssistantInfo("welcome", null, Replies.WelcomeTopics, "welcome", 1));
    }

    /// <summary>Said when the human-handoff hub reports a failure.</summary>
    public AssistantReply HandoffFailed() =>
        new(Replies.Format("handoffFailed", ("phone", contact.Phone)), [Replies.HandoffAction], new AssistantInfo("handoff", null, null, "handoff.failed", 1));

    /// <summary>
    /// An external handoff hub (e.g. TalkTalk's partner console) reports the human conversation
    /// finished: the open ticket is handed back, and the seller is asked whether it was solved.
    /// </summary>
    public async Task<AssistantReply> HandoffCompletedAsync(ConversationAddress conversation, CancellationToken cancellationToken = default)
    {
        var ticket = await tickets.FindLatestByConversationAsync(conversation.Channel, conversation.ConversationId, cancellationToken);
        if (ticket is { IsOpen: true } && await tickets.SetStatusAsync(ticket.Number, TicketStatus.HandedBack, null, cancellationToken) is { } updated)
            await events.PublishAsync(new TicketEvent(TicketEvent.HandedBack, updated), cancellationToken);
        return new AssistantReply(Replies["handedBack"], [Replies["solvedAction"], Replies["notSolvedAction"]],
            new AssistantInfo("handoff", null, null, "handoff.completed", 1) { Ticket = ticket?.Number });
    }

    public async Task<TurnResult> RespondAsync(TurnInput input, DialogueState state, CancellationToken cancellationToken = default)
    {
        var text = input.Text?.Trim() ?? "";
        var ticket = await tickets.FindLatestByConversationAsync(input.Conversation.Channel, input.Conversation.ConversationId, cancellationToken);
        var sellerEntry = new TranscriptEntry(MessageRole.Seller, text.Length == 0 ? "(글자가 없는 메시지)" : text, time.GetUtcNow());

        if (ticket is { Status: TicketStatus.Claimed })
        {
            // The agent owns the conversation: relay, and never answer.
            var updated = await tickets.AppendAsync(ticket.Number, sellerEntry, cancellationToken);
            await events.PublishAsync(new TicketEvent(TicketEvent.Message_, updated, sellerEntry), cancellationToken);
            Remember(state, sellerEntry);
            return TurnResult.Silent;
        }

        Remember(state, sellerEntry);
        var result = await DecideTurnAsync(text, input.Conversation, ticket, state, cancellationToken);

        foreach (var reply in result.Replies)
        {
            Remember(state, new TranscriptEntry(MessageRole.Bot, reply.Text, time.GetUtcNow()));
            if (reply.Info is { Action: "answer", FaqId: { } id } && state.FaqShown.All(f => f.FaqId != id))
                state.FaqShown.Add(new FaqShown(id, Knowledge.FindFaq(id)!.Title));
        }
        if (ticket is { Status: TicketStatus.Queued } && result.CreatedTicket is null)
        {
            // Waiting for an agent: whatever is said meanwhile joins the ticket.
            var updated = await tickets.AppendAsync(ticket.Number, sellerEntry, cancellationToken);
            await events.PublishAsync(new TicketEvent(TicketEvent.Message_, updated, sellerEntry), cancellationToken);
        }
        return result;
    }

    private async Task<TurnResult> DecideTurnAsync(string text, ConversationAddress conversation, Ticket? ticket, DialogueState state, CancellationToken cancellationToken)
    {
        if (text.Length == 0) return One(Fixed(Replies.NonText, "non-text", state));
        if (text.Length > options.MaxMessageLength) return One(Fixed(Replies.TooLong(options.MaxMessageLength), "too-long", state));

        if (state.Form is not null) return await _handoff.ContinueAsync(state, text, conversation, cancellationToken);

        if (ticket is { Status: TicketStatus.HandedBack or TicketStatus.Resolved } && state.FollowedUpTicket != ticket.Number)
        {
            state.FollowedUpTicket = ticket.Number;
            if (Knowledge.Handoff.IsSolved(text) || text == Replies["solvedAction"])
                return One(Say(Replies["solvedThanks"], "smalltalk", "handoff.solved"));
            if (Knowledge.Handoff.IsNotSolved(text) || text == Replies["notSolvedAction"])
            {
                state.HandoffOffered = true;
                return One(Say(Replies["notSolved"], "handoff", "handoff.not-solved", [Replies.HandoffAction]));
            }
        }

        if (TextNormalizer.CountLetters(text) == 0) return One(Fixed(Replies.DeclineNoise, "noise", state));

        var compact = TextNormalizer.Compact(text);
        var accepted = state.HandoffOffered && Knowledge.Handoff.IsConfirm(text);
        var decision = compact == TextNormalizer.Compact(Replies.HandoffAction) || accepted
            ? new Decision(DecisionKind.Handoff, accepted ? "handoff.accepted" : "handoff.request", 1f, null, [], "explicit request")
            : await decider.DecideAsync(text, cancellationToken);

        if (decision.Kind == DecisionKind.Handoff)
        {
            state.HandoffOffered = false;
            state.Misses = 0;
            if (ticket is { Status: TicketStatus.Queued })
                return One(Say(Replies.Format("alreadyQueued", ("number", ticket.Number)), "handoff", "handoff.already-queued") with
                {
                    Info = new AssistantInfo("handoff", null, null, "handoff.already-queued", 1) { Ticket = ticket.Number },
                });
            var describes = decision.Intent == "handoff.case";
            return await _handoff.StartAsync(state, text, describes, CategoryOf(decision), conversation, cancellationToken);
        }

        if (decision.Kind is DecisionKind.Answer or DecisionKind.Clarify || decision.Intent is "handoff.case" or "unknown")
        {
            state.LastQuestion = text;
            state.LastCategory = CategoryOf(decision);
        }
        return One(Reply(decision, text, state));
    }

    private AssistantReply Reply(Decision decision, string message, DialogueState state)
    {
        var suggestions = decision.Suggestions.Select(id => Knowledge.FindFaq(id)!.Title).ToList();
        var body = decision.Kind switch
        {
            DecisionKind.Answer => AnswerText(Knowledge.FindFaq(decision.FaqId!)!, message),
            DecisionKind.Clarify => Replies.Clarify,
            DecisionKind.Smalltalk => Knowledge.FindIntent(decision.Intent)?.Reply ?? Replies.DeclineNoise,
            _ => decision.Intent switch
            {
                "noise" => Replies.DeclineNoise,
                "out-of-scope" => Replies.Decline,
                _ => Replies.NotUnderstood,
            },
        };

        var missed = decision.Kind is DecisionKind.Clarify or DecisionKind.Decline;
        state.Misses = missed ? state.Misses + 1 : 0;
        state.HandoffOffered = false;
        // Every answer and every choice keeps a way to a person one tap away.
        if (decision.Kind is DecisionKind.Clarify or DecisionKind.Answer) suggestions.Add(Replies.HandoffAction);
        if (missed && state.Misses >= options.MissesBeforeOffer)
        {
            body += "\n\n" + Replies.OfferHandoff;
            if (!suggestions.Contains(Replies.HandoffAction)) suggestions.Add(Replies.HandoffAction);
            state.HandoffOffered = true;
        }

        var info = new AssistantInfo(decision.Action, decision.FaqId, decision.Kind == DecisionKind.Clarify ? decision.Suggestions : null, decision.Intent, decision.Confidence);
        return new AssistantReply(body, suggestions, info);
    }

    /// <summary>
    /// The FAQ category the message is about: the decided entry, else the FAQ with the most combined
    /// evidence (classifier and retrieval). For a handoff, "support" (how to reach a person) is
    /// skipped: asking for a person says nothing about what the problem is.
    /// </summary>
    private string CategoryOf(Decision decision)
    {
        if ((decision.FaqId ?? decision.Suggestions.FirstOrDefault()) is { } id && Knowledge.FindFaq(id) is { } chosen) return chosen.Category;
        var retrieval = decision.Candidates.ToDictionary(c => c.FaqId, c => c.Score);
        var best = decision.Intents
            .Select(i => (Faq: Knowledge.FindFaq(i.Label), Score: i.Probability + retrieval.GetValueOrDefault(i.Label)))
            .Where(x => x.Faq is not null && (decision.Kind != DecisionKind.Handoff || x.Faq.Category != "support"))
            .OrderByDescending(x => x.Score)
            .FirstOrDefault();
        return best.Faq is not null && best.Score >= 0.15f ? best.Faq.Category : "general";
    }

    private string AnswerText(FaqEntry faq, string message)
    {
        var answer = contact.Fill(faq.Answer).TrimEnd();
        if (TextNormalizer.IsMostlyLatin(message)) answer = Replies.EnglishPreface + "\n\n" + answer;
        return answer + "\n\n" + Replies.AnswerFooter;
    }

    private void Remember(DialogueState state, TranscriptEntry entry)
    {
        state.Transcript.Add(entry);
        var excess = state.Transcript.Count - handoffOptions.TranscriptLength;
        if (excess > 0) state.Transcript.RemoveRange(0, excess);
    }

    private static AssistantReply Fixed(string text, string intent, DialogueState state)
    {
        state.Misses++;
        state.HandoffOffered = false;
        return new AssistantReply(text, [], new AssistantInfo("decline", null, null, intent, 1));
    }

    private static AssistantReply Say(string text, string action, string intent, IReadOnlyList<string>? suggestions = null) =>
        new(text, suggestions ?? [], new AssistantInfo(action, null, null, intent, 1));

    private static TurnResult One(AssistantReply reply) => new([reply]);
}
