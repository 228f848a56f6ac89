using System.Text.RegularExpressions;

namespace Assistant.Handoff;

/// <summary>
/// Finds and checks the three details an agent needs: the 16-digit order number (spaces and hyphens
/// tolerated), the seller ID (the marketplace's format: letters, digits, '_', '-', '.', 4-30
/// characters, or an e-mail address) and the product name (free text).
/// </summary>
public static partial class DetailExtractor
{
    public static string? FindOrderNumber(string text)
    {
        foreach (Match m in OrderCandidate().Matches(text))
        {
            var digits = new string(m.Value.Where(char.IsAsciiDigit).ToArray());
            if (digits.Length == 16) return digits;
        }
        return null;
    }

    /// <summary>The order number when the whole answer is one (after asking for it).</summary>
    public static string? ParseOrderNumber(string answer)
    {
        var digits = new string(answer.Where(char.IsAsciiDigit).ToArray());
        var others = answer.Where(c => !char.IsAsciiDigit(c) && c is not (' ' or '-')).Count();
        return digits.Length == 16 && others <= 12 ? digits : FindOrderNumber(answer);
    }

    public static bool IsValidSellerId(string value) => SellerIdPattern().IsMatch(value) || EmailPattern().IsMatch(value);

    /// <summary>A seller ID written in a message: an e-mail, a token right after "아이디/ID", or an ASCII handle with a digit or '_' in Korean text.</summary>
    public static string? FindSellerId(string text)
    {
        if (EmailPattern().Match(text) is { Success: true } email) return email.Value;
        if (LabelledId().Match(text) is { Success: true } labelled && IsValidSellerId(labelled.Groups[1].Value)) return labelled.Groups[1].Value;
        if (!text.Any(c => c is >= '가' and <= '힣')) return null;
        foreach (Match m in Handle().Matches(text))
        {
            var token = m.Value;
            if (token.All(char.IsAsciiDigit)) continue;
            if ((token.Any(char.IsAsciiDigit) || token.Contains('_')) && IsValidSellerId(token)) return token;
        }
        return null;
    }

    public static string? ParseSellerId(string answer)
    {
        var trimmed = answer.Trim().Trim('.', '!', '?', '"', '\'');
        if (IsValidSellerId(trimmed)) return trimmed;
        if (FindSellerId(answer) is { } found) return found;
        var tokens = Handle().Matches(answer).Select(m => m.Value).Where(t => t.Any(char.IsAsciiLetter) && IsValidSellerId(t)).ToArray();
        return tokens.Length == 1 ? tokens[0] : null;
    }

    /// <summary>A product named in a message: the words after "상품/상품명/제품" up to a particle or "주문/건".</summary>
    public static string? FindProductName(string text)
    {
        var m = ProductPattern().Match(text);
        if (!m.Success) return null;
        var name = m.Groups["name"].Value.Trim();
        return name.Length is >= 2 and <= 100 && !ProductStopWords.Contains(name) ? name : null;
    }

    public static string? ParseProductName(string answer)
    {
        var value = answer.Trim().Trim('"', '\'', '.');
        value = ProductPrefix().Replace(value, "").Trim();
        value = ProductSuffix().Replace(value, "").Trim();
        return value.Length is >= 1 and <= 100 ? value : null;
    }

    /// <summary>
    /// The one display form of an order number, for the seller's summary and the agent console alike:
    /// the 16 digits as the seller center lists them ("2024112512345678"), without the dashes or spaces
    /// a seller may have typed, so an agent can paste it into the order search.
    /// </summary>
    public static string FormatOrderNumber(string orderNumber) =>
        ParseOrderNumber(orderNumber) ?? orderNumber.Trim();

    private static readonly HashSet<string> ProductStopWords = new(StringComparer.Ordinal)
    {
        "등록", "문의", "관련", "주문", "판매", "정보", "페이지", "이미지", "상세", "수정", "중지", "판매중지", "노출", "가격", "건", "리뷰",
    };

    [GeneratedRegex(@"(?<![\d])\d[\d \-]{6,30}\d(?![\d])")]
    private static partial Regex OrderCandidate();

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9_.\-]{3,29}$")]
    private static partial Regex SellerIdPattern();

    [GeneratedRegex(@"[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}")]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"(?:아이디|ID|id|Id|판매자\s*ID|셀러\s*ID)\s*(?:는|은|:|：)?\s*([A-Za-z0-9][A-Za-z0-9_.\-]{3,29})")]
    private static partial Regex LabelledId();

    [GeneratedRegex(@"(?<![A-Za-z0-9_.\-@])[A-Za-z0-9][A-Za-z0-9_.\-]{3,29}(?![A-Za-z0-9_.\-@])")]
    private static partial Regex Handle();

    [GeneratedRegex(@"(?:상품명|상품|제품)\s*(?:은|는|이|가|:|：)?\s*['""“]?(?<name>[^\s,.!?'""”]+(?:\s(?!주문|건|관련|문의|상담|판매|때문)[^\s,.!?'""”]+){0,3}?)['""”]?\s*(?:주문|건|관련|문의|상담|판매|이|가|을|를|은|는|의|에|$|,|\.)")]
    private static partial Regex ProductPattern();

    [GeneratedRegex(@"^(?:상품명|상품|제품)\s*(?:은|는|이|:|：)?\s*")]
    private static partial Regex ProductPrefix();

    [GeneratedRegex(@"\s*(?:이에요|예요|입니다|이요|요)$")]
    private static partial Regex ProductSuffix();
}
