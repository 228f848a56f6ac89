using Assistant.Handoff;

namespace Assistant.Dialogue;

/// <summary>What analytics and evaluation read from every reply (<c>channelData.assistant</c>).</summary>
public sealed record AssistantInfo(string Action, string? FaqId, IReadOnlyList<string>? Suggestions, string Intent, float Confidence)
{
    /// <summary>The ticket this reply is about (handoff), if any.</summary>
    public string? Ticket { get; init; }

    /// <summary>The agent's display name on an agent's message (action <c>agent</c>), so a channel can show who is writing.</summary>
    public string? Agent { get; init; }
}

/// <summary>One message to the seller, channel-neutral: text (Markdown), suggested actions and the decision behind it.</summary>
public sealed record AssistantReply(string Text, IReadOnlyList<string> SuggestedActions, AssistantInfo Info);

/// <summary>One seller message as a channel hands it over.</summary>
public sealed record TurnInput(string? Text, ConversationAddress Conversation);

/// <summary>The replies of a turn (none while an agent owns the conversation) and the ticket the turn created.</summary>
public sealed record TurnResult(IReadOnlyList<AssistantReply> Replies, Ticket? CreatedTicket = null)
{
    public static TurnResult Silent { get; } = new([]);

    /// <summary>
    /// What the seller asked along with the act this result answered ("아 됐고 정산 며칠 걸리는지만 알려줘요" cancels the
    /// form and asks): the engine reads it next, as a message of its own, and adds its replies.
    /// </summary>
    public string? ContinueWith { get; init; }
}

/// <summary>Per-conversation memory of the dialogue; the channel layer stores it between turns.</summary>
public sealed class DialogueState
{
    /// <summary>Consecutive replies that did not help (clarify or decline).</summary>
    public int Misses { get; set; }

    /// <summary>The last reply offered a person; a plain "yes" now means "connect me".</summary>
    public bool HandoffOffered { get; set; }

    /// <summary>The last messages both ways, for the agent's transcript.</summary>
    public List<TranscriptEntry> Transcript { get; set; } = [];

    /// <summary>FAQ answers this conversation has already shown.</summary>
    public List<FaqShown> FaqShown { get; set; } = [];

    /// <summary>The seller's last substantive message and the category it was about: the problem a handoff is for.</summary>
    public string? LastQuestion { get; set; }
    public string? LastCategory { get; set; }

    /// <summary>The FAQ entry answered last: a short or elliptic follow-up ("그건 어디서 해요?") is read against it, and "다시 말해 주세요" repeats it.</summary>
    public string? Topic { get; set; }

    /// <summary>
    /// What the seller told since the last answer without asking anything, that nothing here answered ("주문이 몇 건 들어왔는데
    /// 재료가 늦게 와서 아직 못 보냈어요"): a short question pointing back next ("이럴 땐 어떻게 해야 돼요?") asks about this,
    /// not about the entry answered before it. Cleared by an answer or a question of the seller's own.
    /// </summary>
    public string? Situation { get; set; }

    /// <summary>
    /// The question just declined as being about another service, without that service's name: "여기는요?" next asks it of
    /// this marketplace. Cleared by the next turn.
    /// </summary>
    public string? AskedOfAnother { get; set; }

    /// <summary>The FAQ entries the last clarifying question offered: a short reply ("보류된 거요") picks among them.</summary>
    public List<string> PendingChoices { get; set; } = [];

    /// <summary>The handoff details being collected, or null.</summary>
    public HandoffForm? Form { get; set; }

    /// <summary>The ticket whose hand-back or resolution the seller has already been asked about.</summary>
    public string? FollowedUpTicket { get; set; }

    /// <summary>The dislike whose "what was missing?" question was just asked: the next message may answer it.</summary>
    public PendingFeedback? PendingFeedback { get; set; }
}

/// <summary>A stored dislike (its id) of one FAQ answer, waiting for the seller's word on what was missing.</summary>
public sealed record PendingFeedback(long Id, string FaqId);
