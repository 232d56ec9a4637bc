using FactLedger.Domain.Extraction.Languages;
using FactLedger.Domain.Values;

namespace FactLedger.Domain.Extraction;

/// <summary>A language's words (<see cref="LanguageWords"/>, completed from <see cref="RecognizerTables"/>) compiled
/// into phrase tables the engine matches. A language the extractor has no table for is read with all of them.
/// </summary>
internal sealed class LanguageTable
{
    public required string Code { get; init; }
    public required string GroupSeparators { get; init; }
    public required string DecimalSeparators { get; init; }
    public required IReadOnlyList<string[]> PrefixGroups { get; init; }
    public required IReadOnlyList<string> Suffixes { get; init; }
    public required IReadOnlySet<string> YearSuffixes { get; init; }
    public required PhraseTable<long> Numbers { get; init; }
    public required PhraseTable<long> Scales { get; init; }
    public required PhraseTable<long> QualifiedOnly { get; init; }
    public required PhraseTable<string> Joiners { get; init; }
    public required PhraseTable<VagueTerms.Term> Vague { get; init; }
    public required PhraseTable<int> Months { get; init; }
    public required PhraseTable<int> Weekdays { get; init; }
    public required PhraseTable<int> CapitalMonths { get; init; }
    public required PhraseTable<string> MonthPartsBefore { get; init; }
    public required PhraseTable<string> MonthPartsAfter { get; init; }
    public required PhraseTable<string> FutureMarkers { get; init; }
    public required PhraseTable<int> StoryDayAfter { get; init; }
    public required PhraseTable<string> StoryDayLinks { get; init; }
    public required PhraseTable<int> DayOrdinals { get; init; }
    public required PhraseTable<Qualifier> QualifiersBefore { get; init; }
    public required PhraseTable<(Qualifier Qualifier, int Gap)> QualifiersAfter { get; init; }
    public required PhraseTable<string> Range { get; init; }
    public required PhraseTable<string> CountMeasures { get; init; }
    public required PhraseTable<string> DateEvents { get; init; }
    public required PhraseTable<string> Subjects { get; init; }
    public required PhraseTable<string> Attribution { get; init; }
    public required PhraseTable<string> NotCountsBefore { get; init; }
    public required PhraseTable<string> NotCountsAfter { get; init; }
    public required PhraseTable<string> Ratios { get; init; }
    public required PhraseTable<int> RelativeDays { get; init; }
    public required PhraseTable<(int Days, bool NeedsNumber)> DurationUnits { get; init; }
    public required PhraseTable<(int Sign, Qualifier Qualifier)> RelativeBefore { get; init; }
    public required PhraseTable<(int Sign, Qualifier Qualifier)> RelativeAfter { get; init; }
    public required PhraseTable<(string Unit, int Shift)> Periods { get; init; }
    public required PhraseTable<int> WeekdayShiftBefore { get; init; }
    public required PhraseTable<int> WeekdayShiftAfter { get; init; }
    public required PhraseTable<string> DateCues { get; init; }

    private static readonly LanguageWords[] Known = [English.Words, Arabic.Words, Turkish.Words];
    // Turkish number words that are common English words: left out when a text's language is unknown.
    private static readonly HashSet<string> UnionExcluded = ["on", "bin", "bir", "ay", "ev", "az", "kat"];

    private static readonly Dictionary<string, LanguageTable> Tables =
        Known.ToDictionary(w => w.Code, w => Build([w]), StringComparer.Ordinal);
    private static readonly Lazy<LanguageTable> Union = new(() => Build(Known));

    public static LanguageTable For(string? language)
    {
        var code = (language ?? "").Trim().ToLowerInvariant();
        var dash = code.IndexOfAny(['-', '_']);
        if (dash > 0) code = code[..dash];
        return Tables.TryGetValue(code, out var table) ? table : Union.Value;
    }

    private static LanguageTable Build(IReadOnlyList<LanguageWords> languages)
    {
        var union = languages.Count > 1;
        string All(Func<LanguageWords, string> property) => string.Join('\n', languages.Select(property));
        bool Keep(string phrase) => !union || !UnionExcluded.Contains(Folding.Fold(phrase));
        var notNumbers = new HashSet<string>(
            Lines(All(w => w.NotNumberWords), k => k).Select(p => Folding.Fold(p.Phrase)), StringComparer.Ordinal);
        var scales = languages.SelectMany(w => RecognizerTables.Scales(w.Code))
            .Concat(Lines(All(w => w.ScaleWords), long.Parse))
            .Where(p => !notNumbers.Contains(Folding.Fold(p.Item1)) && Keep(p.Item1)).ToList();
        var scaleWords = scales.Select(p => Folding.Fold(p.Item1)).ToHashSet(StringComparer.Ordinal);
        var vagueWords = VagueTerms.All.SelectMany(t => t.Words.Append(t.Canonical.Replace('_', ' '))
            .Select(w => (w, t)));
        return new LanguageTable
        {
            Code = union ? "*" : languages[0].Code,
            GroupSeparators = union ? ",٬\u202F\u00A0" : languages[0].GroupSeparators,
            DecimalSeparators = union ? ".٫" : languages[0].DecimalSeparators,
            PrefixGroups = All(w => w.WordPrefixes).Split(['|', '\n'], StringSplitOptions.RemoveEmptyEntries)
                .Select(g => g.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(Folding.Fold).ToArray())
                .Where(g => g.Length > 0).ToList(),
            Suffixes = All(w => w.WordSuffixes).Split([' ', '\n'], StringSplitOptions.RemoveEmptyEntries)
                .Select(Folding.Fold).Distinct().OrderByDescending(s => s.Length).ToList(),
            YearSuffixes = All(w => w.YearSuffixes).Split([' ', '\n'], StringSplitOptions.RemoveEmptyEntries)
                .Select(Folding.Fold).ToHashSet(),
            // Multipliers ("آلاف", "thousand") are read as such, not as plain numbers.
            Numbers = new(languages.SelectMany(w => RecognizerTables.Cardinals(w.Code))
                .Concat(Lines(All(w => w.NumberWords), long.Parse))
                .Where(p => !notNumbers.Contains(Folding.Fold(p.Item1)) && !scaleWords.Contains(Folding.Fold(p.Item1))
                    && Keep(p.Item1))),
            Scales = new(scales),
            QualifiedOnly = new(Lines(All(w => w.QualifiedOnlyNumberWords), long.Parse)),
            Joiners = new(Lines(All(w => w.NumberJoiners), k => k)),
            Vague = new(vagueWords),
            Months = new(languages.SelectMany(w => RecognizerTables.Months(w.Code))
                .Concat(Lines(All(w => w.MonthsExtra), int.Parse))),
            Weekdays = new(languages.SelectMany(w => RecognizerTables.Weekdays(w.Code))),
            CapitalMonths = new(Lines(All(w => w.CapitalMonths), int.Parse)),
            MonthPartsBefore = new(Lines(All(w => w.MonthPartsBefore), MonthPart)),
            MonthPartsAfter = new(Lines(All(w => w.MonthPartsAfter), MonthPart)),
            FutureMarkers = new(Lines(All(w => w.FutureMarkers), k => k)),
            StoryDayAfter = new(Lines(All(w => w.StoryDayAfter), int.Parse)),
            StoryDayLinks = new(Lines(All(w => w.StoryDayLinks), k => k)),
            DayOrdinals = new(languages.SelectMany(w => RecognizerTables.DayOrdinals(w.Code))
                .Concat(Lines(All(w => w.DayOrdinals), int.Parse))),
            QualifiersBefore = new(Lines(All(w => w.QualifiersBefore), QualifierOf)),
            QualifiersAfter = new(Lines(All(w => w.QualifiersAfter), k =>
            {
                var parts = k.Split('/');
                return (QualifierOf(parts[0]), parts.Length > 1 ? int.Parse(parts[1]) : 0);
            })),
            Range = new(Lines(All(w => w.RangeWords), k => k)),
            CountMeasures = Measured(All(w => w.CountMeasures)),
            DateEvents = Measured(All(w => w.DateEvents)),
            Subjects = new(Lines(All(w => w.Subjects), k => k).Where(p => Keep(p.Phrase))),
            Attribution = new(Lines(All(w => w.Attribution), k => k)),
            NotCountsBefore = new(Lines(All(w => w.NotCounts), k => k).Where(p => p.Value == "before")),
            NotCountsAfter = new(Lines(All(w => w.NotCounts), k => k)
                .Where(p => p.Value == "after" && Keep(p.Phrase))),
            Ratios = new(Lines(All(w => w.NotCounts), k => k).Where(p => p.Value == "ratio")),
            RelativeDays = new(Lines(All(w => w.RelativeDays), int.Parse)),
            DurationUnits = new(Lines(All(w => w.DurationUnits), k => (int.Parse(k.TrimEnd('+')), k.EndsWith('+')))
                .Where(p => Keep(p.Phrase))),
            RelativeBefore = new(Lines(All(w => w.RelativeBefore), Relative)),
            RelativeAfter = new(Lines(All(w => w.RelativeAfter), Relative)),
            Periods = new(Lines(All(w => w.Periods), k =>
            {
                var parts = k.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                return (parts[0], int.Parse(parts[1]));
            })),
            WeekdayShiftBefore = new(Lines(All(w => w.WeekdayShiftBefore), int.Parse)),
            WeekdayShiftAfter = new(Lines(All(w => w.WeekdayShiftAfter), int.Parse)),
            DateCues = new(Lines(All(w => w.DateCues), k => k)),
        };
    }

    private static IEnumerable<(string Phrase, T Value)> Lines<T>(string table, Func<string, T> key) =>
        PhraseTable<T>.Lines(table, key).Select(p => (p.Item1, p.Item2));

    private static PhraseTable<string> Measured(string table) =>
        new(Lines(table, k => Measures.All.Contains(k)
            ? k
            : throw new InvalidOperationException($"'{k}' is not in Measures.All")));

    private static string MonthPart(string key) =>
        key is "early" or "mid" or "late" ? key : throw new FormatException($"not a part of a month: {key}");

    private static Qualifier QualifierOf(string key) =>
        ClaimValueParser.ParseQualifier(key.Trim()) ?? throw new FormatException($"not a qualifier: {key}");

    private static (int, Qualifier) Relative(string key)
    {
        var parts = key.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return (int.Parse(parts[0]), QualifierOf(parts[1]));
    }
}
