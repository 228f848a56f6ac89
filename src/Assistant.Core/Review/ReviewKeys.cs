using System.IO.Hashing;
using System.Text;
using Assistant.Text;

namespace Assistant.Review;

/// <summary>
/// The review queue's key of a message: the same for every message written the same way up to spacing, case and
/// punctuation ("정산 언제 돼요?" and "정산언제돼요"), stable across processes (a hash of the spacing-free text).
/// </summary>
public static class ReviewKeys
{
    public static string Of(string text) =>
        "m" + XxHash64.HashToUInt64(Encoding.UTF8.GetBytes(TextNormalizer.Compact(text))).ToString("x16", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>True for a string shaped like a key (<c>m</c> and 16 hex digits); anything else is refused before a lookup.</summary>
    public static bool IsKey(string value) =>
        value.Length == 17 && value[0] == 'm' && value.AsSpan(1).IndexOfAnyExcept("0123456789abcdef") < 0;
}
