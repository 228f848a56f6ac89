using System.Text;

namespace Assistant.Text;

/// <summary>Hangul syllable decomposition, so that a one-jamo typo ("게좌" for "계좌") still shares most features.</summary>
public static class Hangul
{
    private const int SyllableBase = 0xAC00;
    private const int SyllableCount = 11172;
    private const string Initials = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ";
    private const string Medials = "ㅏㅐㅑㅒㅓㅔㅕㅖㅗㅘㅙㅚㅛㅜㅝㅞㅟㅠㅡㅢㅣ";
    private const string Finals = "\0ㄱㄲㄳㄴㄵㄶㄷㄹㄺㄻㄼㄽㄾㄿㅀㅁㅂㅄㅅㅆㅇㅈㅊㅋㅌㅍㅎ";

    public static bool IsSyllable(char ch) => ch >= SyllableBase && ch < SyllableBase + SyllableCount;

    public static bool IsHangul(char ch) => IsSyllable(ch) || ch is >= '\u3131' and <= '\u318E' || ch is >= '\u1100' and <= '\u11FF';

    /// <summary>Decomposes syllables into compatibility jamo; other characters pass through.</summary>
    public static string ToJamo(string text)
    {
        var sb = new StringBuilder(text.Length * 3);
        foreach (var ch in text)
        {
            if (!IsSyllable(ch))
            {
                sb.Append(ch);
                continue;
            }
            var index = ch - SyllableBase;
            sb.Append(Initials[index / (21 * 28)]);
            sb.Append(Medials[index % (21 * 28) / 28]);
            var final = index % 28;
            if (final != 0) sb.Append(Finals[final]);
        }
        return sb.ToString();
    }
}
