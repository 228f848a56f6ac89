namespace Assistant.Dialogue;

/// <summary>What analytics and evaluation read from every reply (<c>channelData.assistant</c>).</summary>
public sealed record AssistantInfo(string Action, string? FaqId, IReadOnlyList<string>? Suggestions, string Intent, float Confidence);

/// <summary>One message to the seller, channel-neutral: text (Markdown), suggested actions and the decision behind it.</summary>
public sealed record AssistantReply(string Text, IReadOnlyList<string> SuggestedActions, AssistantInfo Info);

/// <summary>Per-conversation memory of the dialogue; the channel layer stores it between turns.</summary>
public sealed class DialogueState
{
    /// <summary>Consecutive replies that did not help (clarify or decline).</summary>
    public int Misses { get; set; }

    /// <summary>The last reply offered a person; a plain "yes" now means "connect me".</summary>
    public bool HandoffOffered { get; set; }
}
