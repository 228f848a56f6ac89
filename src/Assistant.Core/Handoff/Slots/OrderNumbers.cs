using System.Text;
using System.Text.RegularExpressions;

namespace Assistant.Handoff.Slots;

/// <summary>The order number's grammar: 16 digits, in groups separated by single spaces or hyphens.</summary>
internal static partial class OrderNumbers
{
    public const int Digits = 16;

    [GeneratedRegex(@"(?<![A-Za-z])(?:주문\s*번호|주문\s*no\.?|order\s*(?:no\.?|number|num|id|#))\s*(?:(?:은|는|이|가|is)(?=\s|\d|$)|[:：=#])?\s*", RegexOptions.IgnoreCase)]
    internal static partial Regex Label();

    // Digit groups joined by one space or hyphen: "2025 0314 1234 5678", "20250314-12345678".
    [GeneratedRegex(@"(?<!\d)\d+(?:[ \-]\d+)*(?!\d)")]
    private static partial Regex DigitRun();

    [GeneratedRegex(@"\d+")]
    private static partial Regex Group();

    public static SlotMatch? ReadAt(string text, int at)
    {
        var run = DigitRun().Match(text, at);
        if (!run.Success || run.Index != at) return null;
        return Windows(run).FirstOrDefault(w => w.Start == at) is { Length: > 0 } first ? first : null;
    }

    public static IEnumerable<SlotMatch> Scan(string text) =>
        DigitRun().Matches(text).SelectMany(Windows);

    public static SlotMatch? ReadAnswer(string answer)
    {
        var digits = answer.Count(char.IsAsciiDigit);
        var others = answer.Count(c => !char.IsAsciiDigit(c) && c is not (' ' or '-'));
        if (digits != Digits || others > 12) return null;
        var first = answer.TakeWhile(c => !char.IsAsciiDigit(c)).Count();
        var last = answer.Length - answer.Reverse().TakeWhile(c => !char.IsAsciiDigit(c)).Count();
        return new SlotMatch(first, last - first);
    }

    public static string Normalize(string value)
    {
        var folded = value.Normalize(NormalizationForm.FormKC);
        var digits = new string(folded.Where(char.IsAsciiDigit).ToArray());
        return digits.Length == Digits ? digits : folded.Trim();
    }

    public static SlotValidation Validate(string value) =>
        value.Length == Digits && value.All(char.IsAsciiDigit)
            ? SlotValidation.Valid
            : SlotValidation.Invalid("주문번호는 숫자 16자리예요.");

    public static string Format(string value) => Normalize(value);

    // Consecutive groups of a run whose digits add up to 16: "12345678 2025031412345678" holds one, at its second group.
    private static IEnumerable<SlotMatch> Windows(Match run)
    {
        var groups = Group().Matches(run.Value).ToArray();
        for (var i = 0; i < groups.Length; i++)
        {
            var sum = 0;
            for (var j = i; j < groups.Length && sum < Digits; j++)
            {
                sum += groups[j].Length;
                if (sum != Digits) continue;
                var start = run.Index + groups[i].Index;
                yield return new SlotMatch(start, run.Index + groups[j].Index + groups[j].Length - start);
                i = j;
                break;
            }
        }
    }
}
