using System.ComponentModel.DataAnnotations;

namespace Assistant.Server.DirectLine;

/// <summary>Configuration section <c>DirectLine</c>: the self-hosted Direct Line 3.0 endpoint that Web Chat talks to.</summary>
public sealed class DirectLineOptions
{
    public const string Section = "DirectLine";

    /// <summary>Mints tokens (server side only; the page gets a token, never this). Also the key tokens are signed with.</summary>
    [Required, MinLength(32)] public string Secret { get; set; } = "";

    [Range(1, 24 * 60)] public int TokenLifetimeMinutes { get; set; } = 30;

    /// <summary>
    /// How long the web chat page's user key (kept by the widget) lets a new conversation continue as the same user,
    /// so the seller can ask about a ticket filed in an earlier conversation.
    /// </summary>
    [Range(1, 3650)] public int UserKeyLifetimeDays { get; set; } = 90;

    /// <summary>Origins allowed to call the endpoint from a browser (the seller center's).</summary>
    public string[] AllowedOrigins { get; set; } = [];

    /// <summary>Messages one conversation may post per minute; more get 429 with Retry-After.</summary>
    [Range(1, 10_000)] public int MessagesPerMinute { get; set; } = 30;

    /// <summary>
    /// Tokens and new conversations one client address may get per minute (<c>/api/webchat/token</c>,
    /// <c>/tokens/generate</c>, <c>POST /conversations</c> together); more get 429 with Retry-After.
    /// </summary>
    [Range(1, 100_000)] public int ConversationsPerMinutePerClient { get; set; } = 30;

    /// <summary>Largest activity a client may post, as JSON (bytes); also the most of a request body that is read. Larger gets 413.</summary>
    [Range(1024, 1024 * 1024)] public int MaxActivityBytes { get; set; } = 32 * 1024;

    /// <summary>Activities one conversation may hold (the bot's included); once full, new posts get 413 and the conversation stays readable.</summary>
    [Range(1, 1_000_000)] public int MaxConversationActivities { get; set; } = 2_000;

    /// <summary>Stored JSON one conversation may hold (bytes); a post that would go beyond it gets 413.</summary>
    [Range(1024, int.MaxValue)] public int MaxConversationBytes { get; set; } = 4 * 1024 * 1024;

    [Required] public string BotId { get; set; } = "assistant";

    [Required] public string BotName { get; set; } = "판매자센터 도우미";
}
