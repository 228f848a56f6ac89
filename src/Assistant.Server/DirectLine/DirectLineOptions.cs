using System.ComponentModel.DataAnnotations;

namespace Assistant.Server.DirectLine;

/// <summary>Configuration section <c>DirectLine</c>: the self-hosted Direct Line 3.0 endpoint that Web Chat talks to.</summary>
public sealed class DirectLineOptions
{
    public const string Section = "DirectLine";

    /// <summary>Mints tokens (server side only; the page gets a token, never this). Also the key tokens are signed with.</summary>
    [Required, MinLength(32)] public string Secret { get; set; } = "";

    [Range(1, 24 * 60)] public int TokenLifetimeMinutes { get; set; } = 30;

    /// <summary>Origins allowed to call the endpoint from a browser (the seller center's).</summary>
    public string[] AllowedOrigins { get; set; } = [];

    /// <summary>Messages one conversation may post per minute; more get 429 with Retry-After.</summary>
    [Range(1, 10_000)] public int MessagesPerMinute { get; set; } = 30;

    [Required] public string BotId { get; set; } = "assistant";

    [Required] public string BotName { get; set; } = "판매자센터 도우미";
}
