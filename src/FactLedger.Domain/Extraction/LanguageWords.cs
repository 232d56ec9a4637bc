namespace FactLedger.Domain.Extraction;

/// <summary>
/// Everything the extractor knows about one language, as words: each property is a table in the
/// <see cref="PhraseTable{T}"/> format (<c>key: phrase | phrase</c>). The engine (<see cref="Extractor"/>) has no
/// language in it; adding a language is writing one of these. Number words, month and weekday names come from
/// Microsoft.Recognizers.Definitions (<see cref="RecognizerTables"/>) and are only completed here.
/// </summary>
internal sealed record LanguageWords
{
    public required string Code { get; init; }
    /// <summary>Digit grouping and decimal marks: Turkish 1.541 and 2,5; English 1,541 and 1.5.</summary>
    public required string GroupSeparators { get; init; }
    public required string DecimalSeparators { get; init; }
    /// <summary>Clitics tried off the front of a word, in groups that stack in this order (Arabic: و ف, then
    /// ب ل ك س, then ال: "وبالمئة").</summary>
    public string WordPrefixes { get; init; } = "";
    /// <summary>Case and plural endings tried off the end of a word written without an apostrophe
    /// (Turkish "birden", "kişiden").</summary>
    public string WordSuffixes { get; init; } = "";
    /// <summary>Endings after a bare year that make it a year ("2002'de").</summary>
    public string YearSuffixes { get; init; } = "";

    /// <summary>Number words the package lacks (value: words), e.g. Arabic accusative forms.</summary>
    public string NumberWords { get; init; } = "";
    /// <summary>Multipliers after a number: thousand, million ("13 ألفاً", "9 bin 733", "1.5 million").</summary>
    public string ScaleWords { get; init; } = "";
    /// <summary>Words that are numbers only after a qualifier: "more than once", "birden fazla",
    /// "أكثر من مرة".
    /// </summary>
    public string QualifiedOnlyNumberWords { get; init; } = "";
    /// <summary>Number words the package lists but that are no count in running text ("a", "dozens").</summary>
    public string NotNumberWords { get; init; } = "";
    /// <summary>Words joining number words: "hundred and fifty".</summary>
    public string NumberJoiners { get; init; } = "";
    public string MonthsExtra { get; init; } = "";
    /// <summary>Month names that are also common words (English "May": a verb), read only when capitalised.
    /// </summary>
    public string CapitalMonths { get; init; } = "";
    /// <summary>Parts of a month (early/mid/late: phrases) before its name ("mid-June", "منتصف يونيو") or
    /// after it ("Haziran ortasında").</summary>
    public string MonthPartsBefore { get; init; } = "";
    public string MonthPartsAfter { get; init; } = "";
    /// <summary>Ordinal day words, for "the fifth of the month" (ordinal: words).</summary>
    public string DayOrdinals { get; init; } = "";

    /// <summary>Qualifiers before a number (qualifier: phrases).</summary>
    public string QualifiersBefore { get; init; } = "";
    /// <summary>Qualifiers after a number (qualifier/most words between: phrases),
    /// e.g. "18 ... على الأقل".</summary>
    public string QualifiersAfter { get; init; } = "";
    /// <summary>Ranges: open: "between"; join: "and", "to"; close: "arasında".</summary>
    public string RangeWords { get; init; } = "";

    /// <summary>Words tying a count to a measure (measure: phrases).</summary>
    public required string CountMeasures { get; init; }
    /// <summary>Words tying a date to an event (measure: phrases).</summary>
    public required string DateEvents { get; init; }
    /// <summary>Who or what a figure is about (subject key: phrases).</summary>
    public required string Subjects { get; init; }

    /// <summary>before: the source follows ("according to X", "بحسب X"); verb: a reporting verb, the source
    /// follows or (English, Turkish) comes first ("X said", "said X"); after: the source precedes ("X'e göre").
    /// </summary>
    public required string Attribution { get; init; }

    /// <summary>Words around a number that make it no figure (before/after: phrases): units, money, percent, age,
    /// magnitude, clock time, list or article numbers; ratio: "one in seven".</summary>
    public required string NotCounts { get; init; }

    /// <summary>Days from the publication day (days: words): yesterday -1, today 0.</summary>
    public required string RelativeDays { get; init; }
    /// <summary>Lengths of time in days (days: words); a dual carries its count (Arabic يومين: 2); "N+": a plural
    /// that needs a number before it ("10 days", never "days" alone).</summary>
    public required string DurationUnits { get; init; }
    /// <summary>Markers of a relative date around a duration (sign qualifier: phrases): "in" +1 exact,
    /// "ago" -1 exact, "within" +1 at_most. Before: they precede the duration; after: they follow it.</summary>
    public string RelativeBefore { get; init; } = "";
    public string RelativeAfter { get; init; } = "";
    /// <summary>Calendar weeks and months around publication (week/month and shift: phrases): "last week".</summary>
    public string Periods { get; init; } = "";
    /// <summary>Words before a bare weekday that put it ahead of publication (future: phrases): "will step down
    /// on Wednesday".</summary>
    public string FutureMarkers { get; init; } = "";
    /// <summary>An offset from a day the story names rather than from publication: after a duration, the words
    /// that make it "N days after X" (sign: phrases, English "after" -1), and the links after a marked duration
    /// that name X (of: phrases, Arabic "بعد ثلاثة أيام من اعتقالها").</summary>
    public string StoryDayAfter { get; init; } = "";
    public string StoryDayLinks { get; init; } = "";
    /// <summary>Words moving a weekday (shift: words), before or after it: "last" -1, "next" +1.</summary>
    public string WeekdayShiftBefore { get; init; } = "";
    public string WeekdayShiftAfter { get; init; } = "";
    /// <summary>Words around a date (role: phrases): until → end, as of → start, after → later than (before the
    /// date; post-after: after it, Turkish "sonra"), following → on or after, before/post-before → earlier than,
    /// since → began then ("since March", "bu yana"), year → a bare year follows ("in 2002"), month → a month
    /// name's own word ("Mart ayında"), deadline → a limit the event ends by, stamp → when a count was made
    /// ("as of Tuesday evening"), dateline → a publication stamp.
    /// </summary>
    public string DateCues { get; init; } = "";
}
