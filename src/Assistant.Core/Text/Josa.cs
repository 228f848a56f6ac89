namespace Assistant.Text;

/// <summary>
/// Korean particles (조사) chosen by how the preceding word is read aloud: "T000001이에요" (일),
/// "T000002예요" (이), "URL로" (엘), "서울로" (ㄹ takes 로), "계좌를", "상품을". Hangul is judged by its
/// final consonant, digits by their Korean reading (10 십, 1000 천, 10000 만…), Latin letters by their
/// usual Korean letter names (L 엘, M 엠, N 엔, R 알) and English words by a rough pronunciation rule.
/// </summary>
public static class Josa
{
    /// <summary>How a word ends when read aloud.</summary>
    public enum Ending
    {
        /// <summary>A vowel (또는 읽을 수 없는 기호): 가, 는, 를, 와, 로, 예요.</summary>
        Vowel,
        /// <summary>A consonant other than ㄹ: 이, 은, 을, 과, 으로, 이에요.</summary>
        Consonant,
        /// <summary>ㄹ: like a consonant, except 로 instead of 으로.</summary>
        Rieul,
    }

    /// <summary>The particle pairs written consonant form first, vowel form in brackets.</summary>
    public static readonly IReadOnlyList<string> Pairs = ["이(가)", "은(는)", "을(를)", "과(와)", "아(야)"];

    /// <summary>Markers accepted after a placeholder, for messages: the pairs and the (이)…/(으)로… forms.</summary>
    public const string MarkerHelp = "이(가), 은(는), 을(를), 과(와), 아(야), (이)에요, (이)라고 …, (으)로 …";

    // Letter names as Koreans read them: only L 엘, M 엠, N 엔 and R 알 end in a consonant.
    private static Ending LetterEnding(char letter) => char.ToUpperInvariant(letter) switch
    {
        'L' or 'R' => Ending.Rieul,
        'M' or 'N' => Ending.Consonant,
        _ => Ending.Vowel,
    };

    // 영 일 이 삼 사 오 육 칠 팔 구
    private static readonly Ending[] DigitEndings =
    [
        Ending.Consonant, Ending.Rieul, Ending.Vowel, Ending.Consonant, Ending.Vowel,
        Ending.Vowel, Ending.Consonant, Ending.Rieul, Ending.Rieul, Ending.Vowel,
    ];

    /// <summary>How <paramref name="word"/> ends when read aloud, ignoring trailing punctuation and spaces.</summary>
    public static Ending EndingOf(string word)
    {
        var end = word.Length - 1;
        while (end >= 0 && !char.IsLetterOrDigit(word[end])) end--;
        if (end < 0) return Ending.Vowel;
        var last = word[end];

        if (Hangul.IsSyllable(last))
        {
            var final = (last - 0xAC00) % 28;
            return final == 0 ? Ending.Vowel : final == 8 ? Ending.Rieul : Ending.Consonant;
        }
        if (last is >= '\u3131' and <= '\u314E') return last == 'ㄹ' ? Ending.Rieul : Ending.Consonant; // a lone consonant jamo
        if (last is >= '0' and <= '9') return NumberEnding(word, end);
        if (last is >= 'A' and <= 'Z' or >= 'a' and <= 'z') return LatinEnding(word, end);
        return Ending.Vowel;
    }

    private static Ending NumberEnding(string word, int end)
    {
        if (word[end] != '0') return DigitEndings[word[end] - '0'];
        var zeros = 0;
        var allZero = true;
        for (var i = end; i >= 0 && (char.IsAsciiDigit(word[i]) || word[i] == ','); i--)
        {
            if (word[i] == ',') continue;
            if (word[i] != '0') { allZero = false; break; }
            zeros++;
        }
        if (allZero) return Ending.Consonant; // 영
        // 십 백 천 만 (4-7 zeros: …만), 억 (8-11), 조 (12-15), 경 (16+).
        return zeros is >= 12 and < 16 ? Ending.Vowel : Ending.Consonant;
    }

    private static Ending LatinEnding(string word, int end)
    {
        var start = end;
        while (start > 0 && char.IsAsciiLetter(word[start - 1])) start--;
        var token = word[start..(end + 1)];

        // A single letter, an acronym (URL, ID, SMS) or a vowelless run (kr, www) is read letter by letter.
        var acronym = token.Length == 1 || token.Length <= 5 && token.All(char.IsAsciiLetterUpper);
        if (acronym || !token.Any(c => "aeiouyAEIOUY".Contains(c))) return LetterEnding(token[^1]);

        var w = token.ToLowerInvariant();
        bool Vowel(int fromEnd) => w.Length >= fromEnd && "aeiou".Contains(w[^fromEnd]);
        if (w.EndsWith("ng", StringComparison.Ordinal) || w.EndsWith('m') || w.EndsWith('n')) return Ending.Consonant; // 쇼핑, 닷컴, 스캔
        if (w.EndsWith('l')) return Ending.Rieul;                                                                   // 이메일, 엑셀
        if ((w.EndsWith("me", StringComparison.Ordinal) || w.EndsWith("ne", StringComparison.Ordinal)) && Vowel(3))
            return Ending.Consonant;                                                                                // 타임, 폰
        if ((w.EndsWith("le", StringComparison.Ordinal)) && Vowel(3)) return Ending.Rieul;                          // 파일
        if (w.EndsWith("ck", StringComparison.Ordinal) || (w.EndsWith('k') || w.EndsWith('p') || w.EndsWith('t') || w.EndsWith('b')) && Vowel(2))
            return Ending.Consonant;                                                                                // 클릭, 북, 앱, 챗, 웹
        return Ending.Vowel;                                                                                        // 서버, 카카오, 스토어
    }

    /// <summary>True when <paramref name="marker"/> is a particle marker <see cref="Attach"/> understands.</summary>
    public static bool IsMarker(string marker) =>
        Pairs.Contains(marker)
        || marker.StartsWith("(이)", StringComparison.Ordinal) && marker.Length > 3 && marker[3..].All(Hangul.IsSyllable)
        || marker.StartsWith("(으)로", StringComparison.Ordinal) && marker[3..].All(Hangul.IsSyllable);

    /// <summary>The particle for <paramref name="word"/>: "이(가)" gives 이 or 가, "(으)로" 으로 or 로, "(이)에요" 이에요 or 예요.</summary>
    public static string Particle(string word, string marker)
    {
        if (!IsMarker(marker)) throw new ArgumentException($"'{marker}' is not a particle marker ({MarkerHelp}).", nameof(marker));
        var ending = EndingOf(word);
        var consonant = ending != Ending.Vowel;
        if (marker.StartsWith("(으)", StringComparison.Ordinal))
            return (ending == Ending.Consonant ? "으" : "") + marker[3..];
        if (marker.StartsWith("(이)", StringComparison.Ordinal))
        {
            var rest = marker[3..];
            if (consonant) return "이" + rest;
            // 이 + 에 → 예, 이 + 었 → 였 after a vowel: 예요, 였어요.
            return rest[0] switch
            {
                '에' => "예" + rest[1..],
                '었' => "였" + rest[1..],
                _ => rest,
            };
        }
        var open = marker.IndexOf('(');
        return consonant ? marker[..open] : marker[(open + 1)..^1];
    }

    /// <summary><paramref name="word"/> followed by the particle <paramref name="marker"/> chosen for it.</summary>
    public static string Attach(string word, string marker) => word + Particle(word, marker);
}
