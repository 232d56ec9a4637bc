using System.Globalization;
using FactLedger.Domain.Quotes;

namespace FactLedger.Domain.Values;

/// <summary>
/// The documented ranges for vague quantity words, in English, Arabic and Turkish. Each word maps to a canonical term
/// and every canonical term to one range; the README lists the table. Ranges are deliberately wide: "dozens" is read
/// as tens (20–99) because Arabic عشرات and Turkish onlarca mean "tens", and the wider reading never
/// manufactures a conflict.
/// </summary>
public static class VagueTerms
{
    public sealed record Term(string Canonical, long Low, long High, IReadOnlyList<string> Words);

    public static readonly IReadOnlyList<Term> All =
    [
        new("a_few", 2, 9, ["a few", "few", "a handful", "بضعة", "بضع", "بعض", "birkaç", "bir kaç", "az sayıda"]),
        new("several", 3, 20, ["several", "a number of", "عدة", "عدد من", "çeşitli", "bazı"]),
        new("dozens", 20, 99, ["dozens", "tens", "scores", "عشرات", "onlarca", "düzinelerce"]),
        new("hundreds", 200, 999, ["hundreds", "مئات", "مئات من", "yüzlerce"]),
        new("thousands", 2000, 9999, ["thousands", "آلاف", "الآلاف", "binlerce"]),
        new("tens_of_thousands", 20000, 99999, ["tens of thousands", "عشرات الآلاف", "عشرات آلاف", "on binlerce"]),
        new("hundreds_of_thousands", 200000, 999999, ["hundreds of thousands", "مئات الآلاف", "yüz binlerce"]),
    ];

    private static readonly Dictionary<string, Term> ByWord = All
        .SelectMany(t => t.Words
            .Append(t.Canonical)
            .Append(t.Canonical.Replace('_', ' '))
            .Select(w => (word: Normalize(w), term: t)))
        .DistinctBy(x => x.word)
        .ToDictionary(x => x.word, x => x.term);

    public static bool TryFind(string word, out Term term) => ByWord.TryGetValue(Normalize(word), out term!);

    /// <summary>
    /// NFC, whitespace folded, lower case (invariant, then Turkish dotted/dotless i folded to plain i).
    /// </summary>
    private static string Normalize(string word) =>
        TextFolding.FoldSpaces(word).ToLower(CultureInfo.InvariantCulture).Replace('ı', 'i').Replace("i̇", "i");
}
