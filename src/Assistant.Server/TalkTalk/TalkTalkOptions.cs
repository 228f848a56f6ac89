using System.ComponentModel.DataAnnotations;
using System.Net;

namespace Assistant.Server.TalkTalk;

/// <summary>Configuration section <c>TalkTalk</c>: the Naver TalkTalk chatbot channel.</summary>
public sealed class TalkTalkOptions : Storage.RetryingOptions, IValidatableObject
{
    public const string Section = "TalkTalk";

    public bool Enabled { get; set; }

    /// <summary>The unguessable path segment of the webhook URL: <c>/talktalk/{WebhookSecret}</c> (TalkTalk signs nothing).</summary>
    public string WebhookSecret { get; set; } = "";

    /// <summary>The partner key sent as <c>Authorization</c> to the send API.</summary>
    public string PartnerKey { get; set; } = "";

    [Required, Url] public string SendApiUrl { get; set; } = "https://gw.talk.naver.com/chatbot/v1/event";

    /// <summary>Source ranges (CIDR) allowed to call the webhook: TalkTalk's published ranges. None configured: this machine only.</summary>
    // No initializer: the configuration binder appends to an array's defaults instead of replacing them.
    public string[] AllowedSources { get; set; } = [];

    /// <summary><c>assistant</c>: agents answer in Assistant's console, replies go out through the send API.
    /// <c>partner</c>: on handoff the thread is passed to TalkTalk's own partner console.</summary>
    [Required, RegularExpression("^(assistant|partner)$")] public string HandoverMode { get; set; } = "assistant";

    [Range(1024, 1024 * 1024)] public int MaxPayloadBytes { get; set; } = 64 * 1024;

    public IPNetwork[] Networks
    {
        get
        {
            var configured = AllowedSources.Where(s => !string.IsNullOrWhiteSpace(s)).Select(IPNetwork.Parse).ToArray();
            return configured.Length > 0 ? configured : [IPNetwork.Parse("127.0.0.1/32"), IPNetwork.Parse("::1/128")];
        }
    }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Enabled) yield break;
        if (WebhookSecret.Length < 16) yield return new ValidationResult("TalkTalk:WebhookSecret needs at least 16 characters", [nameof(WebhookSecret)]);
        if (string.IsNullOrWhiteSpace(PartnerKey)) yield return new ValidationResult("TalkTalk:PartnerKey is required", [nameof(PartnerKey)]);
        foreach (var source in AllowedSources.Where(s => !string.IsNullOrWhiteSpace(s)))
            if (!IPNetwork.TryParse(source, out _)) yield return new ValidationResult($"TalkTalk:AllowedSources has '{source}', which is not a CIDR range", [nameof(AllowedSources)]);
    }
}
