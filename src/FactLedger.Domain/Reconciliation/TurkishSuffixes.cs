namespace FactLedger.Domain.Reconciliation;

/// <summary>A grammatical case a Turkish suffix marks after a number: dative ('e), locative ('de), ablative ('den).
/// </summary>
public enum TurkishCase
{
    Dative,
    Locative,
    Ablative,
}

/// <summary>
/// Turkish case suffixes after a number written in digits: they follow the number as it is read aloud, so they go by
/// its last spoken word ("1.000'den": bin; "748'den": sekiz; "40'tan": kırk). That word's last vowel picks e or a
/// (vowel harmony: e i ö ü front, a ı o u back); a final voiceless consonant (f s t k ç ş h p) turns d into t
/// ("3'ten", üç), and after a final vowel the dative takes a buffer y ("2022'ye", iki).
/// </summary>
public static class TurkishSuffixes
{
    private static readonly string[] Units =
        ["", "bir", "iki", "üç", "dört", "beş", "altı", "yedi", "sekiz", "dokuz"];
    private static readonly string[] Tens =
        ["", "on", "yirmi", "otuz", "kırk", "elli", "altmış", "yetmiş", "seksen", "doksan"];
    private const string Hundred = "yüz";
    private static readonly string[] Thousands = ["bin", "milyon", "milyar", "trilyon", "katrilyon", "kentilyon"];
    private const string Zero = "sıfır";

    private const string FrontVowels = "eiöü";
    private const string BackVowels = "aıou";
    private const string Voiceless = "fstkçşhp";

    /// <summary>The last word of <paramref name="number"/> read aloud: 748 → sekiz, 40 → kırk, 1000 → bin.
    /// </summary>
    public static string LastSpokenWord(long number)
    {
        var n = number < 0 ? (ulong)(-(number + 1)) + 1 : (ulong)number;
        if (n == 0) return Zero;
        if (n % 10 != 0) return Units[n % 10];
        if (n % 100 != 0) return Tens[n / 10 % 10];
        if (n % 1000 != 0) return Hundred;
        foreach (var scale in Thousands)
        {
            n /= 1000;
            if (n % 1000 != 0) return scale;
        }
        return Thousands[^1];
    }

    /// <summary>The suffix, apostrophe included, that <paramref name="case"/> takes after
    /// <paramref name="number"/>: 1000 ablative → 'den, 3 ablative → 'ten, 2022 dative → 'ye, 10 dative → 'a.
    /// </summary>
    public static string Of(long number, TurkishCase @case)
    {
        var word = LastSpokenWord(number);
        var back = BackVowels.Contains(word.Last(c => FrontVowels.Contains(c) || BackVowels.Contains(c)));
        var (last, vowel) = (word[^1], back ? 'a' : 'e');
        var endsInVowel = FrontVowels.Contains(last) || BackVowels.Contains(last);
        var d = Voiceless.Contains(last) ? 't' : 'd';
        return @case switch
        {
            TurkishCase.Dative => endsInVowel ? $"'y{vowel}" : $"'{vowel}",
            TurkishCase.Locative => $"'{d}{vowel}",
            _ => $"'{d}{vowel}n",
        };
    }
}
