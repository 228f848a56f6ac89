using Assistant.Handoff;

namespace Assistant.Dialogue;

/// <summary>
/// One seller message as every pattern sees it: the text, how it reads as a conversational act, the
/// conversation's state (which patterns change) and the conversation's latest ticket.
/// </summary>
public sealed class Turn(string text, ReplyActReading act, DialogueState state, Ticket? ticket, ConversationAddress conversation)
{
    public string Text { get; } = text;
    public ReplyActReading Act { get; } = act;
    public DialogueState State { get; } = state;
    public Ticket? Ticket { get; } = ticket;
    public ConversationAddress Conversation { get; } = conversation;
}

/// <summary>
/// One conversation pattern (answer, follow-up, repeat, cancel, correction, handoff, ...): it either
/// takes the turn and returns its replies, or returns null and the next pattern is tried. A pattern
/// changes only the dialogue state and, through the ticket ledger, tickets.
/// </summary>
public interface IDialoguePattern
{
    Task<TurnResult?> TryAsync(Turn turn, CancellationToken cancellationToken);
}
