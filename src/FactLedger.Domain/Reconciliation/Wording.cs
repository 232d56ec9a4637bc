using System.Globalization;
using System.Text.RegularExpressions;
using FactLedger.Domain.Values;

namespace FactLedger.Domain.Reconciliation;

/// <summary>
/// Words a <see cref="Reading"/> as a fact-checker would write it, in English, Arabic or Turkish (any other language:
/// English): "more than 1,000", "أكثر من 1000", "1.000'den fazla"; "in 2002", "عام 2002", "2002'de".
/// It uses only the reading's own numbers, so it never shows a point no source gave. Each language is a table: digit
/// grouping, month names, vague words and phrase templates, in which {0} and {1} are the reading's values, {t} its
/// vague term, and {0:abl}, {0:dat}, {0:loc} a value followed by its Turkish case suffix
/// (<see cref="TurkishSuffixes"/>).
/// </summary>
public static partial class Wording
{
    private sealed record Language(
        string Grouping,
        IReadOnlyList<string> Months,
        IReadOnlyDictionary<string, string> VagueWords,
        IReadOnlyDictionary<Qualifier, string> Counts,
        IReadOnlyDictionary<Qualifier, string> Dates,
        string CountConflict,
        string DateConflict,
        string InMonth,
        string InYear);

    private static readonly Dictionary<string, Language> Tables = new()
    {
        ["en"] = new(
            Grouping: ",",
            Months: ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                "November", "December"],
            VagueWords: new Dictionary<string, string>
            {
                ["a_few"] = "a few", ["several"] = "several", ["dozens"] = "dozens", ["hundreds"] = "hundreds",
                ["thousands"] = "thousands", ["tens_of_thousands"] = "tens of thousands",
                ["hundreds_of_thousands"] = "hundreds of thousands",
            },
            Counts: new Dictionary<Qualifier, string>
            {
                [Qualifier.Exact] = "{0}", [Qualifier.AtLeast] = "at least {0}",
                [Qualifier.MoreThan] = "more than {0}", [Qualifier.AtMost] = "at most {0}",
                [Qualifier.LessThan] = "fewer than {0}", [Qualifier.Approximately] = "about {0}",
                [Qualifier.Range] = "{0}–{1}", [Qualifier.Vague] = "{t} ({0}–{1})",
            },
            CountConflict: "reports conflict: {0} to {1}",
            Dates: new Dictionary<Qualifier, string>
            {
                [Qualifier.Exact] = "{0}", [Qualifier.AtLeast] = "on or after {0}",
                [Qualifier.MoreThan] = "after {0}", [Qualifier.AtMost] = "by {0}",
                [Qualifier.LessThan] = "before {0}", [Qualifier.Approximately] = "around {0}",
                [Qualifier.Range] = "between {0} and {1}",
            },
            DateConflict: "reports conflict: {0} or {1}",
            InMonth: "in {0}",
            InYear: "in {0}"),
        // Western digits without grouping, months as Egyptian and Gulf outlets name them;
        // "18 على الأقل" throughout.
        ["ar"] = new(
            Grouping: "",
            Months: ["يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو",
                "يوليو", "أغسطس", "سبتمبر", "أكتوبر",
                "نوفمبر", "ديسمبر"],
            VagueWords: new Dictionary<string, string>
            {
                ["a_few"] = "بضعة", ["several"] = "عدة", ["dozens"] = "عشرات", ["hundreds"] = "مئات",
                ["thousands"] = "آلاف", ["tens_of_thousands"] = "عشرات الآلاف",
                ["hundreds_of_thousands"] = "مئات الآلاف",
            },
            Counts: new Dictionary<Qualifier, string>
            {
                [Qualifier.Exact] = "{0}", [Qualifier.AtLeast] = "{0} على الأقل",
                [Qualifier.MoreThan] = "أكثر من {0}", [Qualifier.AtMost] = "{0} على الأكثر",
                [Qualifier.LessThan] = "أقل من {0}", [Qualifier.Approximately] = "حوالي {0}",
                [Qualifier.Range] = "{0}–{1}", [Qualifier.Vague] = "{t} ({0}–{1})",
            },
            CountConflict: "الروايات متضاربة: من {0} إلى {1}",
            Dates: new Dictionary<Qualifier, string>
            {
                [Qualifier.Exact] = "{0}", [Qualifier.AtLeast] = "في {0} أو بعده",
                [Qualifier.MoreThan] = "بعد {0}", [Qualifier.AtMost] = "بحلول {0}",
                [Qualifier.LessThan] = "قبل {0}", [Qualifier.Approximately] = "نحو {0}",
                [Qualifier.Range] = "بين {0} و{1}",
            },
            DateConflict: "الروايات متضاربة: {0} أو {1}",
            InMonth: "في {0}",
            InYear: "عام {0}"),
        ["tr"] = new(
            Grouping: ".",
            Months: ["Ocak", "Şubat", "Mart", "Nisan", "Mayıs", "Haziran", "Temmuz", "Ağustos", "Eylül", "Ekim",
                "Kasım", "Aralık"],
            VagueWords: new Dictionary<string, string>
            {
                ["a_few"] = "birkaç", ["several"] = "çeşitli", ["dozens"] = "onlarca", ["hundreds"] = "yüzlerce",
                ["thousands"] = "binlerce", ["tens_of_thousands"] = "on binlerce",
                ["hundreds_of_thousands"] = "yüz binlerce",
            },
            Counts: new Dictionary<Qualifier, string>
            {
                [Qualifier.Exact] = "{0}", [Qualifier.AtLeast] = "en az {0}",
                [Qualifier.MoreThan] = "{0:abl} fazla", [Qualifier.AtMost] = "en fazla {0}",
                [Qualifier.LessThan] = "{0:abl} az", [Qualifier.Approximately] = "yaklaşık {0}",
                [Qualifier.Range] = "{0}–{1}", [Qualifier.Vague] = "{t} ({0}–{1})",
            },
            CountConflict: "raporlar çelişiyor: {0} ila {1}",
            Dates: new Dictionary<Qualifier, string>
            {
                [Qualifier.Exact] = "{0}", [Qualifier.AtLeast] = "{0:abl} itibaren",
                [Qualifier.MoreThan] = "{0:abl} sonra", [Qualifier.AtMost] = "{0:dat} kadar",
                [Qualifier.LessThan] = "{0:abl} önce", [Qualifier.Approximately] = "{0} civarında",
                [Qualifier.Range] = "{0} ile {1} arasında",
            },
            DateConflict: "raporlar çelişiyor: {0} ya da {1}",
            InMonth: "{0:loc}",
            InYear: "{0:loc}"),
    };

    /// <summary>The languages with their own table; any other is worded in English.</summary>
    public static IReadOnlyCollection<string> Languages => Tables.Keys;

    /// <summary>
    /// <paramref name="reading"/> in <paramref name="language"/> (a tag such as "ar" or "tr-TR"; its first part
    /// counts). Values of a <see cref="FigureKind.Date"/> figure are day numbers, worded as dates at the reading's
    /// precision: "13 January 2022", "in January 2022", "in 2002".
    /// </summary>
    public static string Of(Reading reading, FigureKind kind, string? language)
    {
        var primary = (language ?? "").Split('-', '_')[0].Trim().ToLowerInvariant();
        return Word(reading, kind, Tables.GetValueOrDefault(primary) ?? Tables["en"]);
    }

    /// <summary>One claim's value as its source worded it, with a relative date's own words and anchor:
    /// "13 January 2022 — "بعد يومين" from 2022-01-11".</summary>
    public static string Of(ClaimValue value, string? language = "en")
    {
        var words = Of(Reading.Of(value), value.Kind, language);
        return value.Relative is { } r ? $"{words} — \"{r.Expression}\" from {r.Anchor:yyyy-MM-dd}" : words;
    }

    /// <summary>A value as written, and the number read aloud last (a date's year), which Turkish suffixes follow.
    /// </summary>
    private readonly record struct Written(string Text, long? Spoken);

    private static string Word(Reading r, FigureKind kind, Language l)
    {
        if (r.Conflicting)
        {
            // Each end as its report worded it; a reading built without them falls back to the span's numbers.
            var ends = new[] { (Report: r.From, Value: r.Low), (Report: r.To, Value: r.High) }
                .Select(e => e.Report is { } end ? new Written(Word(end, kind, l), null) : Plain(e.Value, kind, l));
            return Fill(kind == FigureKind.Date ? l.DateConflict : l.CountConflict, [.. ends], null);
        }
        if (kind == FigureKind.Date) return WordDate(r, l);

        if (r.Kind == Qualifier.Vague)
        {
            var term = r.Term is null ? "…" : l.VagueWords.GetValueOrDefault(r.Term) ?? r.Term;
            return r.Low is null || r.High is null ? term
                : Fill(l.Counts[r.Kind], [Count(r.Low.Value, l), Count(r.High.Value, l)], term);
        }
        return Fill(l.Counts[r.Kind], Values(r, v => Count(v, l)), null);
    }

    private static string WordDate(Reading r, Language l)
    {
        if (r is { Kind: Qualifier.Range, Low: { } low, High: { } high })
        {
            var (first, last) = (DateOnly.FromDayNumber((int)low), DateOnly.FromDayNumber((int)high));
            // Checked again rather than taken from the reading, so only a true month or year is worded as one.
            switch (DatePrecisions.Of(low, high))
            {
                case DatePrecision.Year:
                    return Fill(l.InYear, [new($"{first.Year}", first.Year)], null);
                case DatePrecision.Month:
                    return Fill(l.InMonth, [new($"{l.Months[first.Month - 1]} {first.Year}", first.Year)], null);
            }
            // "between 3 and 9 January 2022": the first day drops what it shares with the last.
            var start = first.Year != last.Year ? Date(first, l).Text
                : first.Month != last.Month ? $"{first.Day} {l.Months[first.Month - 1]}"
                : $"{first.Day}";
            return Fill(l.Dates[r.Kind], [new(start, null), Date(last, l)], null);
        }
        var template = l.Dates.GetValueOrDefault(r.Kind);
        if (template is null) return r.Term ?? "…"; // a vague date: only its word is known
        return Fill(template, Values(r, v => Date(DateOnly.FromDayNumber((int)v), l)), null);
    }

    /// <summary>The values a template uses: the one number of a one-sided or single value, both ends of a range.
    /// </summary>
    private static Written[] Values(Reading r, Func<long, Written> write)
    {
        Written Or(long? v) => v is { } x ? write(x) : new("…", null);
        return r.Kind switch
        {
            Qualifier.AtMost or Qualifier.LessThan => [Or(r.High)],
            Qualifier.Range => [Or(r.Low), Or(r.High)],
            _ => [Or(r.Low)],
        };
    }

    private static Written Plain(long? value, FigureKind kind, Language l) =>
        value is not { } v ? new("…", null)
        : kind == FigureKind.Date ? Date(DateOnly.FromDayNumber((int)v), l)
        : Count(v, l);

    private static Written Date(DateOnly d, Language l) => new($"{d.Day} {l.Months[d.Month - 1]} {d.Year}", d.Year);

    private static Written Count(long v, Language l)
    {
        var digits = Math.Abs((decimal)v).ToString(CultureInfo.InvariantCulture);
        var grouped = l.Grouping.Length == 0 ? digits
            : string.Join(l.Grouping, Enumerable.Range(0, (digits.Length + 2) / 3).Reverse()
                .Select(g => digits[Math.Max(0, digits.Length - 3 * g - 3)..(digits.Length - 3 * g)]));
        return new((v < 0 ? "-" : "") + grouped, v);
    }

    [GeneratedRegex(@"\{(?<arg>\d|t)(?::(?<case>abl|dat|loc))?\}")]
    private static partial Regex Placeholder();

    private static string Fill(string template, Written[] values, string? term) =>
        Placeholder().Replace(template, m =>
        {
            if (m.Groups["arg"].Value == "t") return term ?? "";
            var value = values[m.Groups["arg"].Value[0] - '0'];
            if (!m.Groups["case"].Success || value.Spoken is not { } spoken) return value.Text;
            return value.Text + TurkishSuffixes.Of(spoken, m.Groups["case"].Value switch
            {
                "abl" => TurkishCase.Ablative,
                "dat" => TurkishCase.Dative,
                _ => TurkishCase.Locative,
            });
        });
}
