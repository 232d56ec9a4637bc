using ArabicDates = Microsoft.Recognizers.Definitions.Arabic.DateTimeDefinitions;
using ArabicNumbers = Microsoft.Recognizers.Definitions.Arabic.NumbersDefinitions;
using EnglishDates = Microsoft.Recognizers.Definitions.English.DateTimeDefinitions;
using EnglishNumbers = Microsoft.Recognizers.Definitions.English.NumbersDefinitions;
using TurkishDates = Microsoft.Recognizers.Definitions.Turkish.DateTimeDefinitions;
using TurkishNumbers = Microsoft.Recognizers.Definitions.Turkish.NumbersDefinitions;

namespace FactLedger.Domain.Extraction;

/// <summary>
/// What the extractor takes from Microsoft.Recognizers.Definitions 1.8.13 (MIT), read from the package at run time,
/// never copied: per language (English, Arabic, Turkish) the cardinal number words (<c>CardinalNumberMap</c>),
/// the multipliers among the round numbers (<c>RoundNumberMap</c>: thousand, million, bin, ألف...), the Gregorian
/// month names (<c>MonthOfYear</c>: January, يناير, كانون الثاني, Ocak) and weekday names
/// (<c>DayOfWeek</c>), and the
/// Arabic ordinal words for days of the month (<c>OrdinalNumberMap</c>: الخامس). Filtered here: digits, one- to
/// three-letter abbreviations that are common words (Turkish "ara", "kas"), Hijri months (صفر is also "zero") and
/// English names in the Arabic and Turkish maps. Everything else the extractor knows is in the language tables.
/// </summary>
internal static class RecognizerTables
{
    private static readonly HashSet<string> HijriMonths =
    [
        "محرم", "صفر", "ربيع الأول", "ربيع الثاني",
        "جمادى الأول", "جمادى الثاني",
        "رجب", "شعبان", "رمضان",
        "شوال", "ذو القعدة", "ذو الحجة",
    ];
    private static readonly string[] ArabicFractions =
        ["النصف", "الربع", "الثلث", "الخمس", "السدس", "السبع"];

    public static IEnumerable<(string, long)> Cardinals(string language) => language switch
    {
        "ar" => Words(ArabicNumbers.CardinalNumberMap),
        "tr" => Words(TurkishNumbers.CardinalNumberMap),
        "en" => Words(EnglishNumbers.CardinalNumberMap),
        _ => [],
    };

    /// <summary>Round numbers that multiply what precedes them: 1000, 1e6, 1e9, 1e12 (not "hundredth").</summary>
    public static IEnumerable<(string, long)> Scales(string language) =>
        (language switch
        {
            "ar" => ArabicNumbers.RoundNumberMap,
            "tr" => TurkishNumbers.RoundNumberMap,
            "en" => EnglishNumbers.RoundNumberMap,
            _ => new Dictionary<string, long>(),
        })
        .Where(p => p.Value is 1_000 or 1_000_000 or 1_000_000_000 or 1_000_000_000_000 && p.Key.Length >= 3
            && IsLetters(p.Key) && !p.Key.EndsWith("th") && !p.Key.EndsWith("ths") && !p.Key.EndsWith("nci")
            && !p.Key.EndsWith("ncı") && !p.Key.EndsWith("ncu"))
        .Select(p => (p.Key, p.Value));

    public static IEnumerable<(string, int)> Months(string language) => language switch
    {
        "ar" => ArabicDates.MonthOfYear.Where(p => IsLetters(p.Key) && !HijriMonths.Contains(p.Key))
            .Select(p => (p.Key, p.Value)),
        "tr" => TurkishDates.MonthOfYear.Where(p => IsLetters(p.Key) && p.Key.Length > 3)
            .Select(p => (p.Key, p.Value)),
        // "may" is a verb far more often than a month before or after a number.
        "en" => EnglishDates.MonthOfYear.Where(p => IsLetters(p.Key) && p.Key != "may")
            .Select(p => (p.Key, p.Value)),
        _ => [],
    };

    public static IEnumerable<(string, int)> Weekdays(string language) => language switch
    {
        "ar" => ArabicDates.DayOfWeek.Where(p => p.Key.Any(IsArabicLetter)).Select(p => (p.Key, p.Value)),
        "tr" => TurkishDates.DayOfWeek
            .Where(p => p.Key.Length > 3 && !EnglishDates.DayOfWeek.ContainsKey(p.Key))
            .Select(p => (p.Key, p.Value)),
        "en" => EnglishDates.DayOfWeek.Where(p => p.Key.EndsWith("day")).Select(p => (p.Key, p.Value)),
        _ => [],
    };

    public static IEnumerable<(string, int)> DayOrdinals(string language) => language switch
    {
        "ar" => ArabicNumbers.OrdinalNumberMap
            .Where(p => p.Key.StartsWith("ال") && p.Value is >= 1 and <= 31 && !ArabicFractions.Contains(p.Key))
            .Select(p => (p.Key, (int)p.Value)),
        _ => [],
    };

    private static IEnumerable<(string, long)> Words(IReadOnlyDictionary<string, long> map) =>
        map.Where(p => IsLetters(p.Key)).Select(p => (p.Key, p.Value));

    private static bool IsLetters(string key) => key.Length > 0 && key.All(c => char.IsLetter(c) || c == ' ');

    private static bool IsArabicLetter(char c) => c is >= '\u0600' and <= '\u06FF';
}
