using System.Text;
using System.Text.RegularExpressions;
using Assistant.Text;

namespace Assistant.Knowledge;

/// <summary>
/// The small template language of <c>replies.yaml</c>: <c>{name}</c> is replaced by a value, and a
/// particle marker right after it (<c>{number}(이)에요</c>, <c>{name}이(가)</c>, <c>{url}(으)로</c>)
/// by the particle that fits the value's sound. A particle written bare after a placeholder
/// (<c>{number}예요</c>) is rejected at load time, since it is right for some values only.
/// </summary>
public static partial class ReplyTemplate
{
    // A placeholder with an optional marker: anything shaped like 이(가) or (이)에요 right after it,
    // so that a misspelt marker is reported rather than printed.
    [GeneratedRegex(@"\{(?<name>[A-Za-z][A-Za-z0-9]*)\}(?<marker>[가-힣]?\([가-힣]+\)[가-힣]*)?")]
    private static partial Regex PlaceholderPattern();

    // Particles that, attached directly to a value, depend on how the value ends.
    private static readonly string[] BareParticles = ["이에요", "예요", "이었", "였", "으로", "로", "은", "는", "이", "가", "을", "를", "과", "와", "이나", "이라", "라고"];

    /// <summary>Fills <paramref name="template"/>; a placeholder with no value is left as written.</summary>
    public static string Render(string template, IReadOnlyList<(string Name, string Value)> values) =>
        PlaceholderPattern().Replace(template, m =>
        {
            var name = m.Groups["name"].Value;
            foreach (var (n, value) in values)
                if (n == name)
                    return m.Groups["marker"].Success ? Josa.Attach(value, m.Groups["marker"].Value) : value;
            return m.Value;
        });

    /// <summary>The problems in <paramref name="template"/>, each with its 0-based line within the text.</summary>
    public static IEnumerable<(int Line, string Problem)> Check(string template, IReadOnlyCollection<string> allowed)
    {
        int LineAt(int index) => template.AsSpan(0, index).Count('\n');
        var covered = new bool[template.Length];
        foreach (Match m in PlaceholderPattern().Matches(template))
        {
            for (var i = m.Index; i < m.Index + m.Length; i++) covered[i] = true;
            var name = m.Groups["name"].Value;
            if (!allowed.Contains(name))
            {
                yield return (LineAt(m.Index), allowed.Count == 0
                    ? $"placeholder {{{name}}} is not known: this reply takes no placeholders"
                    : $"placeholder {{{name}}} is not known: use {string.Join(", ", allowed.Select(a => "{" + a + "}"))}");
                continue;
            }
            var marker = m.Groups["marker"];
            if (marker.Success && !Josa.IsMarker(marker.Value))
                yield return (LineAt(marker.Index), $"particle marker '{marker.Value}' after {{{name}}} is not known: use {Josa.MarkerHelp}");
            if (!marker.Success)
            {
                var after = template[(m.Index + m.Length)..];
                var bare = BareParticles.FirstOrDefault(p => after.StartsWith(p, StringComparison.Ordinal));
                if (bare is not null)
                    yield return (LineAt(m.Index), $"particle '{bare}' after {{{name}}} must be chosen by sound: write a marker such as {{{name}}}(이)에요, {{{name}}}이(가), {{{name}}}(으)로");
            }
        }
        for (var i = 0; i < template.Length; i++)
            if (!covered[i] && template[i] is '{' or '}')
                yield return (LineAt(i), $"'{template[i]}' is not part of a placeholder: write {{name}} with a letter-and-digit name");
    }
}
