using System.Text.RegularExpressions;

namespace Assistant.Text;

/// <summary>
/// HTML in a seller's message, pasted or injected ("상품은 &lt;b&gt;양모 러그&lt;/b&gt;", "&lt;script&gt;alert(1)&lt;/script&gt;"): no part of
/// what the seller says. Tags are read as spaces, and what a script or style element holds (code, never shown on a page)
/// is dropped with it.
/// </summary>
public static partial class Markup
{
    /// <summary>Whether the text holds a tag.</summary>
    public static bool IsIn(string text) => Tag().IsMatch(text);

    /// <summary>The text without its markup (the text itself when it has none); empty when it was nothing but markup.</summary>
    public static string Without(string text)
    {
        if (!IsIn(text)) return text;
        var plain = Tag().Replace(CodeElement().Replace(text, " "), " ");
        return Spaces().Replace(plain, " ").Trim();
    }

    /// <summary>An HTML tag: "&lt;" then a letter or "/", up to the next "&gt;" ("a &lt; b" and "&lt;3" are no tags).</summary>
    [GeneratedRegex(@"<\s*/?\s*[A-Za-z][^<>]{0,300}>")]
    private static partial Regex Tag();

    /// <summary>A script or style element with what it holds (up to its end tag, or the end of the text).</summary>
    [GeneratedRegex(@"<\s*(script|style)\b[^<>]{0,300}>[\s\S]*?(?:<\s*/\s*\1\s*>|$)", RegexOptions.IgnoreCase)]
    private static partial Regex CodeElement();

    [GeneratedRegex(@"[ \t]{2,}")]
    private static partial Regex Spaces();
}
