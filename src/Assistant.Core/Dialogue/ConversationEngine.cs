using Assistant.Handoff;
using Assistant.Knowledge;
using Assistant.Understanding;
using Assistant.Text;

namespace Assistant.Dialogue;

/// <summary>
/// The channel-neutral conversation. A turn is read once (its text and its conversational act), then
/// offered to the conversation's patterns in order: while an agent owns the conversation the message
/// goes to the agent and the bot stays silent; while handoff details are being collected the form's
/// patterns (cancel, repeat, values and corrections, skip, summary, digression, ...) run; otherwise
/// the conversation patterns (hand-back follow-up, ticket status, offer reply, request for a person,
/// capabilities, repeat, other services, clarify choice, question) do. Patterns change the dialogue
/// state and make ticket changes through the <see cref="TicketLedger"/>, which announces them once,
/// after they are stored; this class only keeps the transcript and hands the replies back.
/// </summary>
public sealed class ConversationEngine
{
    private readonly DialogueKit _kit;
    private readonly IReadOnlyList<IDialoguePattern> _formPatterns;
    private readonly IReadOnlyList<IDialoguePattern> _conversationPatterns;

    public ConversationEngine(Decider decider, ContactOptions contact, DialogueOptions options, HandoffOptions handoffOptions, ITicketStore tickets, ITicketEvents events, TimeProvider time)
    {
        _kit = new DialogueKit(decider, contact, options, handoffOptions, new TicketLedger(tickets, events), time);
        var flow = new HandoffFlow(_kit);
        _formPatterns = FormPatterns.All(_kit, flow);
        _conversationPatterns = ConversationPatterns.All(_kit, flow, new QuestionReader(decider));
    }

    private KnowledgeBase Knowledge => _kit.Knowledge;
    private ReplyTexts Replies => _kit.Replies;

    public AssistantReply Welcome()
    {
        return new AssistantReply(Replies.Welcome, _kit.TitlesAndPerson(Replies.WelcomeTopics), new AssistantInfo("welcome", null, Replies.WelcomeTopics, "welcome", 1));
    }

    /// <summary>Said when the human-handoff hub reports a failure.</summary>
    public AssistantReply HandoffFailed() =>
        DialogueKit.Say(Replies.Format("handoffFailed", ("phone", _kit.Contact.Phone)), DecisionKind.Handoff, "handoff.failed", [Replies.HandoffAction]);

    /// <summary>
    /// An external handoff hub (e.g. TalkTalk's partner console) reports the human conversation
    /// finished: the open ticket is handed back, and the seller is asked whether it was solved.
    /// </summary>
    public async Task<AssistantReply> HandoffCompletedAsync(ConversationAddress conversation, CancellationToken cancellationToken = default)
    {
        var ticket = await _kit.Tickets.Store.FindLatestByConversationAsync(conversation.Channel, conversation.ConversationId, cancellationToken);
        if (ticket is { IsOpen: true }) await _kit.Tickets.CloseAsync(ticket.Number, TicketStatus.HandedBack, null, null, cancellationToken);
        return new AssistantReply(Replies["handedBack"], [Replies["solvedAction"], Replies["notSolvedAction"]],
            new AssistantInfo("handoff", null, null, "handoff.completed", 1) { Ticket = ticket?.Number });
    }

    public async Task<TurnResult> RespondAsync(TurnInput input, DialogueState state, CancellationToken cancellationToken = default)
    {
        var text = input.Text?.Trim() ?? "";
        var ticket = await _kit.Tickets.Store.FindLatestByConversationAsync(input.Conversation.Channel, input.Conversation.ConversationId, cancellationToken);
        var sellerEntry = new TranscriptEntry(MessageRole.Seller, text.Length == 0 ? "(글자가 없는 메시지)" : text, _kit.Time.GetUtcNow());
        Remember(state, sellerEntry);

        if (ticket is { Status: TicketStatus.Claimed })
        {
            // The agent owns the conversation: relay, and never answer.
            await _kit.Tickets.AppendAsync(ticket.Number, sellerEntry, cancellationToken);
            return TurnResult.Silent;
        }

        // Every pattern reads the message without its markup (a product name in <b> tags, a script injected); the transcript
        // keeps what the seller sent.
        var said = Markup.Without(text);
        var result = Guard(text, state) ?? await RunAsync(new Turn(said, ReplyActs.Read(said), state, ticket, input.Conversation), cancellationToken);

        foreach (var reply in result.Replies)
        {
            Remember(state, new TranscriptEntry(MessageRole.Bot, reply.Text, _kit.Time.GetUtcNow()));
            if (reply.Info is { Action: "answer", FaqId: { } id } && state.FaqShown.All(f => f.FaqId != id))
                state.FaqShown.Add(new FaqShown(id, Knowledge.FindFaq(id)!.Title));
        }
        // Waiting for an agent: whatever is said meanwhile joins the ticket.
        if (ticket is { Status: TicketStatus.Queued } && result.CreatedTicket is null)
            await _kit.Tickets.AppendAsync(ticket.Number, sellerEntry, cancellationToken);
        return result;
    }

    private async Task<TurnResult> RunAsync(Turn turn, CancellationToken cancellationToken)
    {
        var result = await FirstTakerAsync(turn, cancellationToken);
        // The form is closed and the seller asked something with it: that question is read as the conversation goes on.
        if (result.ContinueWith is { } rest && turn.State.Form is null)
        {
            var then = await FirstTakerAsync(new Turn(rest, ReplyActs.Read(rest), turn.State, turn.Ticket, turn.Conversation), cancellationToken);
            result = new TurnResult([.. result.Replies, .. then.Replies], result.CreatedTicket ?? then.CreatedTicket);
        }
        return result;
    }

    private async Task<TurnResult> FirstTakerAsync(Turn turn, CancellationToken cancellationToken)
    {
        var patterns = turn.State.Form is null ? _conversationPatterns : _formPatterns;
        foreach (var pattern in patterns)
            if (await pattern.TryAsync(turn, cancellationToken) is { } result)
                return result;
        throw new InvalidOperationException("the last pattern of each list always takes the turn");
    }

    /// <summary>Messages no pattern can read: nothing written, or more than the configured length.</summary>
    private TurnResult? Guard(string text, DialogueState state)
    {
        if (text.Length == 0) return Unhelpful(Replies.NonText, "non-text", state);
        if (text.Length > _kit.Options.MaxMessageLength) return Unhelpful(Replies.TooLong(_kit.Options.MaxMessageLength), "too-long", state);
        return null;
    }

    private static TurnResult Unhelpful(string text, string intent, DialogueState state)
    {
        state.Misses++;
        state.HandoffOffered = false;
        return new TurnResult([DialogueKit.Say(text, DecisionKind.Decline, intent)]);
    }

    private void Remember(DialogueState state, TranscriptEntry entry)
    {
        state.Transcript.Add(entry);
        var excess = state.Transcript.Count - _kit.HandoffOptions.TranscriptLength;
        if (excess > 0) state.Transcript.RemoveRange(0, excess);
    }
}
