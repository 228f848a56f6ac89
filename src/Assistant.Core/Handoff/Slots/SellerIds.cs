using System.Text.RegularExpressions;

namespace Assistant.Handoff.Slots;

/// <summary>
/// The seller ID's grammar: the seller-center login (letters, digits, '_', '-', '.', 4-30 characters,
/// possibly all digits) or an e-mail address. Unlabelled, only an e-mail or a handle that cannot be a
/// word (a digit or '_' next to letters, in Korean text) counts; an all-digit ID needs its label.
/// </summary>
internal static partial class SellerIds
{
    [GeneratedRegex(@"(?<![A-Za-z])(?:(?:판매자|셀러|seller|로그인|login)\s*)?(?:아이디|ID|계정)(?![A-Za-z])\s*(?:(?:은|는|이|가|is)(?=[\s'""“‘]|$)|[:：=])?(?:\s+(?:actually|really|just|now|still)(?=\s))?\s*['""“‘]?", RegexOptions.IgnoreCase)]
    internal static partial Regex Label();

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9_.\-]{3,29}$")]
    private static partial Regex IdPattern();

    [GeneratedRegex(@"^[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}$")]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}")]
    private static partial Regex Email();

    // A handle standing alone: not part of an e-mail or a longer token.
    [GeneratedRegex(@"(?<![A-Za-z0-9_.\-@])[A-Za-z0-9][A-Za-z0-9_.\-]*(?![A-Za-z0-9_.\-@])")]
    private static partial Regex Handle();

    // A quantity or size, never an ID: 500ml, 64GB, 2.5kg, and dimensions: 200x150, 30x40cm.
    [GeneratedRegex(@"^\d+(?:\.\d+)?(?:[xX]\d+(?:\.\d+)?)*[A-Za-z]{0,3}$")]
    private static partial Regex Quantity();

    // What may follow an ID in an answer: a copula or polite ending ("shop_kim이에요", "12345678 입니다").
    [GeneratedRegex(@"\s*(?:이에요|예요|에요|입니다|이요|요|임|이고|고|인데)?[\s.!~]*$")]
    private static partial Regex AnswerEnding();

    public static SlotMatch? ReadAt(string text, int at)
    {
        var email = Email().Match(text, at);
        if (email.Success && email.Index == at) return new SlotMatch(at, email.Length);
        var handle = Handle().Match(text, at);
        if (!handle.Success || handle.Index != at) return null;
        return Trimmed(at, handle.Value);
    }

    public static IEnumerable<SlotMatch> Scan(string text)
    {
        foreach (Match email in Email().Matches(text)) yield return new SlotMatch(email.Index, email.Length);
        // "2025 0314 1234 5678 / shopkim / 무선 청소기": a list item that is an ID, letters only or not.
        var list = DetailList.Of(text);
        foreach (var item in list.Items)
            if (IsIdShaped(item.Text) && !LooksLikeHandle(item.Text))
                yield return new SlotMatch(item.Start, item.Text.Length, list.IsDetailsOnly ? Certainty.Certain : Certainty.Uncertain);
        // A message that is nothing but a handle ("greenday_mall", "myshop01"): no other detail looks like that.
        var start = text.Length - text.TrimStart().Length;
        var whole = text.Trim().TrimEnd('.', '!', '~');
        if (whole.Length > 0 && !whole.Any(char.IsWhiteSpace) && LooksLikeHandle(whole) && !EmailPattern().IsMatch(whole))
        {
            yield return new SlotMatch(start, whole.Length);
            yield break;
        }
        if (!text.Any(IsHangulSyllable)) yield break;
        foreach (Match handle in Handle().Matches(text))
        {
            var match = Trimmed(handle.Index, handle.Value);
            var token = text.Substring(match.Start, match.Length);
            if (LooksLikeHandle(token)) yield return match;
        }
    }

    public static SlotMatch? ReadAnswer(string answer)
    {
        var start = answer.TakeWhile(c => char.IsWhiteSpace(c) || c is '"' or '\'' or '“' or '‘').Count();
        var body = AnswerEnding().Replace(answer[start..], "").TrimEnd('"', '\'', '”', '’', '.');
        return body.Length > 0 && Validate(Normalize(body)).IsValid ? new SlotMatch(start, body.Length) : null;
    }

    /// <summary>The one ID-shaped token with a letter in an answer that says more ("제 건 shopkim 이거요").</summary>
    public static SlotMatch? ReadAnswerLoosely(string answer)
    {
        var tokens = Handle().Matches(answer)
            .Select(m => Trimmed(m.Index, m.Value))
            .Where(m => answer.Substring(m.Start, m.Length) is var t && t.Any(char.IsAsciiLetter) && IdPattern().IsMatch(t) && !Quantity().IsMatch(t))
            .ToArray();
        return tokens.Length == 1 ? tokens[0] : null;
    }

    public static string Normalize(string value) => value.Trim().Trim('"', '\'', '“', '”', '‘', '’', '.', ' ').TrimEnd('-');

    public static SlotValidation Validate(string value)
    {
        if (!IdPattern().IsMatch(value) && !EmailPattern().IsMatch(value))
            return SlotValidation.Invalid("판매자 ID는 영문, 숫자, _ - . 로 된 4~30자 아이디이거나 이메일 주소예요.");
        // "the seller ID is wrong": a word that judges the ID is not one.
        if (Judgements.Contains(value))
            return SlotValidation.Invalid("판매자 ID를 알려 주세요.");
        // "2025-0314-1234-5678" is an order number, not a login.
        if (value.All(c => char.IsAsciiDigit(c) || c is '-' or '.') && value.Count(char.IsAsciiDigit) == OrderNumbers.Digits)
            return SlotValidation.Invalid("주문번호처럼 보여요. 판매자 ID를 알려 주세요.");
        return SlotValidation.Valid;
    }

    /// <summary>English words that say what is wrong or right with a detail, after "ID is" or "ID".</summary>
    private static readonly HashSet<string> Judgements = new(StringComparer.OrdinalIgnoreCase)
    {
        "wrong", "incorrect", "correct", "right", "fine", "missing", "different", "invalid", "wrongly", "mistyped", "outdated", "old", "new", "unknown", "none",
        // "oops ID typo, berlin.bakery 가 맞아요": what went wrong with it.
        "typo", "typos", "mistake", "misspelled", "misspelt", "correction", "changed",
    };

    /// <summary>A token that can be a login with a letter in it (not a quantity like 500ml).</summary>
    public static bool IsIdShaped(string token) =>
        token.Any(char.IsAsciiLetter) && (IdPattern().IsMatch(token) || EmailPattern().IsMatch(token)) && !Quantity().IsMatch(token);

    // Letters with a digit or '_' (myshop01, shop_kim): no Korean seller writes a word like that.
    internal static bool LooksLikeHandle(string token) =>
        token.Any(char.IsAsciiLetter) && (token.Any(char.IsAsciiDigit) || token.Contains('_'))
        && IdPattern().IsMatch(token) && !Quantity().IsMatch(token);

    private static SlotMatch Trimmed(int start, string token) => new(start, token.TrimEnd('.', '-').Length);

    private static bool IsHangulSyllable(char c) => c is >= '가' and <= '힣';
}
