using System.Text.RegularExpressions;

namespace Assistant.Handoff.Slots;

/// <summary>
/// A message written as a list of details ("2025 0314 1234 5678 / shop_kim / 무선 청소기"): its items,
/// split at '/', ',', '|', ';' or a line break, and whether every item is a detail (then an unlabelled
/// item is as good as labelled).
/// </summary>
internal sealed partial record DetailList(IReadOnlyList<DetailList.Item> Items, bool IsDetailsOnly)
{
    internal readonly record struct Item(int Start, string Text);

    private static readonly DetailList None = new([], false);

    [GeneratedRegex(@"[/,|;\n、]")]
    private static partial Regex Separator();

    public static DetailList Of(string text)
    {
        var items = new List<Item>();
        var start = 0;
        foreach (var end in Separator().Matches(text).Select(m => m.Index).Append(text.Length))
        {
            var part = text[start..end];
            var lead = part.Length - part.TrimStart().Length;
            var trimmed = part.Trim();
            if (trimmed.Length > 0) items.Add(new Item(start + lead, trimmed));
            start = end + 1;
        }
        return items.Count < 2 ? None : new DetailList(items, items.All(i => IsDetail(i.Text)));
    }

    private static bool IsDetail(string item) =>
        item.All(c => char.IsAsciiDigit(c) || c is ' ' or '-') && item.Count(char.IsAsciiDigit) == OrderNumbers.Digits
        || SellerIds.IsIdShaped(item)
        || SlotTable.All.Any(s => s.Labels.Match(item) is { Success: true, Index: 0 })
        || ProductNames.IsNounPhrase(item);
}
