using System.Text;

namespace Assistant.Text;

/// <summary>
/// Folds the surface variation of sellers' messages: width (NFKC), case, punctuation and, in
/// <see cref="Compact"/>, spacing, which Korean writers often drop or misplace.
/// </summary>
public static class TextNormalizer
{
    public static string Normalize(string text)
    {
        if (string.IsNullOrEmpty(text)) return string.Empty;
        var folded = text.Normalize(NormalizationForm.FormKC);
        var sb = new StringBuilder(folded.Length);
        var lastWasSpace = true;
        foreach (var ch in folded)
        {
            if (char.IsLetterOrDigit(ch))
            {
                sb.Append(char.ToLowerInvariant(ch));
                lastWasSpace = false;
            }
            else if (!lastWasSpace)
            {
                sb.Append(' ');
                lastWasSpace = true;
            }
        }
        if (sb.Length > 0 && sb[^1] == ' ') sb.Length--;
        return sb.ToString();
    }

    /// <summary>Normalized text with every space removed: "배송 지연" and "배송지연" become one.</summary>
    public static string Compact(string text) => Normalize(text).Replace(" ", string.Empty, StringComparison.Ordinal);

    /// <summary>True when most letters are Latin: the seller wrote in English (or another Latin-script language).</summary>
    public static bool IsMostlyLatin(string text)
    {
        int latin = 0, hangul = 0;
        foreach (var ch in text)
        {
            if (ch is >= 'a' and <= 'z' or >= 'A' and <= 'Z') latin++;
            else if (Hangul.IsHangul(ch)) hangul++;
        }
        return latin > 0 && latin >= 3 * hangul;
    }

    public static int CountLetters(string text)
    {
        var n = 0;
        foreach (var rune in text.EnumerateRunes())
            if (Rune.IsLetterOrDigit(rune)) n++;
        return n;
    }

}
