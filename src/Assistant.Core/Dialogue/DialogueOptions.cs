using System.ComponentModel.DataAnnotations;

namespace Assistant.Dialogue;

/// <summary>Configuration section <c>Dialogue</c>.</summary>
public sealed class DialogueOptions
{
    public const string Section = "Dialogue";

    /// <summary>Longer messages get a polite refusal instead of being processed.</summary>
    [Range(10, 100_000)] public int MaxMessageLength { get; set; } = 2000;

    /// <summary>After this many unhelpful replies in a row the assistant offers a person.</summary>
    [Range(1, 10)] public int MissesBeforeOffer { get; set; } = 2;
}

/// <summary>Contact details shown in answers (configuration section <c>Contact</c>), never written into the knowledge text.</summary>
public sealed class ContactOptions
{
    public const string Section = "Contact";

    [Required] public string Phone { get; set; } = "";
    [Required] public string Hours { get; set; } = "";
    [Required] public string ChatUrl { get; set; } = "";
    [Required] public string InquiryUrl { get; set; } = "";

    public string Fill(string text) => text
        .Replace("{{contact.phone}}", Phone, StringComparison.Ordinal)
        .Replace("{{contact.hours}}", Hours, StringComparison.Ordinal)
        .Replace("{{contact.chatUrl}}", ChatUrl, StringComparison.Ordinal)
        .Replace("{{contact.inquiryUrl}}", InquiryUrl, StringComparison.Ordinal);
}
