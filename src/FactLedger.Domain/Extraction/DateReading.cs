using FactLedger.Domain.Values;

namespace FactLedger.Domain.Extraction;

/// <summary>How a date was written, which decides how strongly it must be tied to an event to be proposed.</summary>
internal enum DateShape
{
    /// <summary>A calendar day: "13 January", "January 13, 2022", "2 Ocak'ta",
    /// "الخامس من الشهر".</summary>
    Day,
    /// <summary>A month of a year: "November 2021".</summary>
    Month,
    /// <summary>A year: "in 2002", "2002'de".</summary>
    Year,
    /// <summary>Words relative to publication: "yesterday", "الأربعاء", "in two days", "last week".</summary>
    Relative,
}

/// <summary>A date read from tokens [Start, End). <see cref="FromStoryDay"/>: "three days after the quake",
/// "بعد ثلاثة أيام من اعتقالها" — an offset from a day the sentence states, not from
/// publication.</summary>
internal sealed record DateRead(int Start, int End, ClaimValue Value, DateShape Shape, bool FromStoryDay = false);

/// <summary>What earlier dates of the text tell later ones: the month and year "the same month" means.</summary>
internal sealed class DateContext(DateOnly published)
{
    public DateOnly Published { get; } = published;
    public int? LastMonth { get; set; }
    public int? LastYear { get; set; }
}

internal static class DateReading
{
    public static DateRead? Read(TextView view, int at, DateContext context)
    {
        var token = view[at];
        if (token.IsNumber)
            return ReadDayMonth(view, at, context) ?? ReadDuration(view, at, context) ?? ReadYear(view, at, context);
        if (!token.IsWord) return null;
        return ReadMonthFirst(view, at, context) ?? ReadMonthOnly(view, at, context)
            ?? ReadOrdinalDay(view, at, context)
            ?? ReadRelativeDay(view, at, context) ?? ReadPeriod(view, at, context)
            ?? ReadWeekday(view, at, context, 0) ?? ReadDuration(view, at, context);
    }

    /// <summary>A month name at <paramref name="at"/>; the names that are also common words (English "May") only
    /// when written with a capital.</summary>
    private static (int Count, int Value)? MonthAt(TextView view, int at)
    {
        if (view.Language.Months.MatchAt(view, at) is { } month) return month;
        return at < view.Count && view[at].IsWord && char.IsUpper(view.Text[view[at].Start])
            && view.Language.CapitalMonths.MatchAt(view, at) is { } capital
            ? capital
            : null;
    }

    private static int? DayNumber(TextView view, int at) =>
        at < view.Count && view[at] is { IsNumber: true, Glued: false } t && t.Norm.Length <= 2
        && int.TryParse(t.Norm, out var day) && day is >= 1 and <= 31 ? day : null;

    private static int? YearNumber(TextView view, int at) =>
        at < view.Count && view[at] is { IsNumber: true, Glued: false } t && t.Norm.Length == 4
        && int.TryParse(t.Norm, out var year) && year >= ClaimValue.MinDate.Year && year <= ClaimValue.MaxDate.Year
            ? year
            : null;

    /// <summary>"13 January 2022", "2 Ocak'ta", "2 يناير/كانون الثاني", "5th of January".</summary>
    private static DateRead? ReadDayMonth(TextView view, int at, DateContext context)
    {
        if (DayNumber(view, at) is not { } day) return null;
        var j = at + 1;
        if (j < view.Count && view[j].IsWord && view[j].Norm == "of") j++;
        if (MonthAt(view, j) is not { } month) return null;
        return Finish(view, at, j + month.Count, day, month.Value, context, view[j + month.Count - 1].Suffix);
    }

    /// <summary>"January 13, 2022", "Jan. 13", "November 2021", "تشرين الثاني/نوفمبر 2021".</summary>
    private static DateRead? ReadMonthFirst(TextView view, int at, DateContext context)
    {
        if (MonthAt(view, at) is not { } month || month.Value == 0) return null;
        var j = SkipAlternativeMonth(view, at + month.Count);
        if (j < view.Count && view[j].Is(".")) j++;
        if (view[j - 1].Suffix.Length == 0 && DayNumber(view, j) is { } day && view[j].Suffix is "" or "st" or "nd"
                or "rd" or "th")
            return Finish(view, at, j + 1, day, month.Value, context, view[j].Suffix);
        if (YearNumber(view, j) is { } year)
        {
            var first = new DateOnly(year, month.Value, 1);
            context.LastMonth = month.Value;
            context.LastYear = year;
            return new DateRead(at, j + 1, new ClaimValue
            {
                Qualifier = Qualifier.Range, Kind = FigureKind.Date,
                Low = first.DayNumber, High = first.AddMonths(1).AddDays(-1).DayNumber,
            }, DateShape.Month);
        }
        return null;
    }

    /// <summary>A month without its day: "mid-June", "early April", "منتصف يونيو/حزيران",
    /// "Haziran ortasında" (a third of the month), or after a cue, "since March", "منذ مارس",
    /// "Mart'tan bu yana" (the whole month). The year is the one stated, else the nearest to publication.</summary>
    private static DateRead? ReadMonthOnly(TextView view, int at, DateContext context)
    {
        var language = view.Language;
        var j = at;
        string? part = null;
        if (language.MonthPartsBefore.MatchAt(view, at) is { } before)
        {
            part = before.Value;
            j += before.Count;
            if (j < view.Count && (view[j].Is("-") || view[j].Is("–"))) j++;
        }
        if (MonthAt(view, j) is not { Value: > 0 } month) return null;
        var end = SkipAlternativeMonth(view, j + month.Count);
        var named = view[end - 1];
        if (part is null && language.MonthPartsAfter.MatchAt(view, end) is { } after)
        {
            part = after.Value;
            end += after.Count;
        }
        var since = view.MatchEndingAt(language.DateCues, at, 2) is { Value: "since" }
            || language.DateCues.MatchAt(view, end) is { Value: "since" };
        var cued = since || view.MatchEndingAt(language.DateCues, at, 2) is { Value: "year" }
            || named.Suffix.Length > 0 || language.DateCues.MatchAt(view, end) is { Value: "month" };
        if (part is null && !cued) return null;
        if (language.DateCues.MatchAt(view, end) is { Value: "month" } monthWord) end += monthWord.Count;
        int year;
        if (named.Suffix.Length == 0 && YearNumber(view, end) is { } stated)
        {
            year = stated;
            end++;
        }
        // "since March" looks back: the last March begun by publication.
        else if (since) year = month.Value <= context.Published.Month ? context.Published.Year
            : context.Published.Year - 1;
        else if (NearestYear(context.Published, month.Value, 15) is { } nearest) year = nearest.Year;
        else return null;
        var first = new DateOnly(year, month.Value, 1);
        var last = first.AddMonths(1).AddDays(-1);
        (first, last) = part switch
        {
            "early" => (first, first.AddDays(9)),
            "mid" => (first.AddDays(10), first.AddDays(19)),
            "late" => (first.AddDays(20), last),
            _ => (first, last),
        };
        context.LastMonth = month.Value;
        context.LastYear = year;
        return new DateRead(at, end, new ClaimValue
        {
            Qualifier = Qualifier.Range, Kind = FigureKind.Date, Low = first.DayNumber, High = last.DayNumber,
        }, DateShape.Month);
    }

    /// <summary>Arabic "الخامس من الشهر ذاته", "الخامس من يناير".</summary>
    private static DateRead? ReadOrdinalDay(TextView view, int at, DateContext context)
    {
        if (view.Language.DayOrdinals.MatchAt(view, at) is not { } ordinal) return null;
        var j = at + ordinal.Count;
        if (j < view.Count && view[j].IsWord && view[j].Norm == "من") j++;
        if (MonthAt(view, j) is not { } month) return null;
        return Finish(view, at, j + month.Count, ordinal.Value, month.Value, context, "");
    }

    private static int SkipAlternativeMonth(TextView view, int j)
    {
        // "2 يناير/كانون الثاني", "13 كانون الثاني/يناير":
        // the same month in two calendars' names.
        if (j + 1 < view.Count && view[j].Is("/") && MonthAt(view, j + 1) is { } other)
            return j + 1 + other.Count;
        return j;
    }

    private static DateRead? Finish(TextView view, int start, int afterMonth, int day, int month, DateContext context,
        string suffix)
    {
        var j = SkipAlternativeMonth(view, afterMonth);
        int? year = null;
        if (suffix.Length == 0)
        {
            var k = j < view.Count && view[j].Is(",") ? j + 1 : j;
            if (YearNumber(view, k) is { } y)
            {
                year = y;
                j = k + 1;
            }
        }
        if (month == 0)
        {
            month = context.LastMonth ?? context.Published.Month;
            year ??= context.LastYear ?? context.Published.Year;
        }
        var date = year is { } stated ? Make(stated, month, day) : NearestYear(context.Published, month, day);
        if (date is null) return null;
        context.LastMonth = date.Value.Month;
        context.LastYear = date.Value.Year;
        return new DateRead(start, j, new ClaimValue
        {
            Qualifier = Qualifier.Exact, Kind = FigureKind.Date, Value = date.Value.DayNumber,
        }, DateShape.Day);
    }

    private static DateOnly? Make(int year, int month, int day) =>
        month is >= 1 and <= 12 && day <= DateTime.DaysInMonth(year, month) ? new DateOnly(year, month, day) : null;

    /// <summary>A day with no year is the one nearest publication: "28 December" in a January article is last
    /// year's, "19 January" in a late-December one next year's.</summary>
    private static DateOnly? NearestYear(DateOnly published, int month, int day) =>
        new[] { published.Year - 1, published.Year, published.Year + 1 }
            .Select(y => Make(y, month, day))
            .Where(d => d is not null)
            .OrderBy(d => Math.Abs(d!.Value.DayNumber - published.DayNumber))
            .FirstOrDefault();

    /// <summary>"in 2002", "عام 2002", "2002'de", "2002 yılında": a whole year.</summary>
    private static DateRead? ReadYear(TextView view, int at, DateContext context)
    {
        if (YearNumber(view, at) is not { } year || year < 1900 || year > context.Published.Year + 10) return null;
        var end = at + 1;
        var cued = view.Language.YearSuffixes.Contains(view[at].Suffix)
            || view.MatchEndingAt(view.Language.DateCues, at, 2) is { Value: "year" or "since" };
        if (!cued && view[at].Suffix.Length == 0 && view.Language.DateCues.MatchAt(view, end) is { Value: "year" } c)
        {
            cued = true;
            end += c.Count;
        }
        if (!cued) return null;
        var first = new DateOnly(year, 1, 1);
        return new DateRead(at, end, new ClaimValue
        {
            Qualifier = Qualifier.Range, Kind = FigureKind.Date,
            Low = first.DayNumber, High = new DateOnly(year, 12, 31).DayNumber,
        }, DateShape.Year);
    }

    /// <summary>"yesterday", "أمس", "dün", "اليوم الخميس" (today, Thursday: the weekday only
    /// confirms it).</summary>
    private static DateRead? ReadRelativeDay(TextView view, int at, DateContext context)
    {
        if (view.Language.RelativeDays.MatchAt(view, at) is not { } relative) return null;
        var end = at + relative.Count;
        var next = end < view.Count && view[end].Is(",") ? end + 1 : end;
        if (view.Language.Weekdays.MatchAt(view, next) is { } weekday) end = next + weekday.Count;
        // "اليوم الموافق 13 كانون الثاني": the stated day is read on its own.
        if (view.Language.DateCues.MatchAt(view, end) is { Value: "same" }) return null;
        if (DayNumber(view, end) is not null && MonthAt(view, end + 1) is not null) return null;
        return Relative(view, at, end, context, relative.Value, Qualifier.Exact, null);
    }

    /// <summary>"last week", "الأسبوع الماضي", "geçen hafta": that calendar week (Monday to Sunday)
    /// or month.
    /// </summary>
    private static DateRead? ReadPeriod(TextView view, int at, DateContext context)
    {
        if (view.Language.Periods.MatchAt(view, at) is not { } period) return null;
        var published = context.Published;
        DateOnly first, last;
        if (period.Value.Unit == "week")
        {
            var monday = published.AddDays(-(((int)published.DayOfWeek + 6) % 7));
            first = monday.AddDays(7 * period.Value.Shift);
            last = first.AddDays(6);
        }
        else
        {
            first = new DateOnly(published.Year, published.Month, 1).AddMonths(period.Value.Shift);
            last = first.AddMonths(1).AddDays(-1);
        }
        return new DateRead(at, at + period.Count, new ClaimValue
        {
            Qualifier = Qualifier.Range, Kind = FigureKind.Date, Low = first.DayNumber, High = last.DayNumber,
        }, DateShape.Relative);
    }

    /// <summary>"الأربعاء" (the last Wednesday up to publication), "last Monday",
    /// "الخميس المقبل".</summary>
    private static DateRead? ReadWeekday(TextView view, int at, DateContext context, int shift)
    {
        var start = at;
        if (view.Language.WeekdayShiftBefore.MatchAt(view, at) is { } before
            && view.Language.Weekdays.MatchAt(view, at + before.Count) is not null)
        {
            shift = before.Value;
            at += before.Count;
        }
        if (view.Language.Weekdays.MatchAt(view, at) is not { } weekday) return null;
        var end = at + weekday.Count;
        if (view.Language.WeekdayShiftAfter.MatchAt(view, end) is { } after)
        {
            shift = after.Value;
            end += after.Count;
        }
        var published = context.Published;
        var back = ((int)published.DayOfWeek - weekday.Value + 7) % 7; // 0..6 days back
        // "will step down on Wednesday": a bare weekday after a future marker is the coming one.
        var future = shift == 0 && FutureBefore(view, start);
        var days = shift switch
        {
            < 0 => back == 0 ? -7 : -back,
            > 0 => 7 - back,
            _ when future => back == 0 ? 0 : 7 - back,
            _ => -back,
        };
        return Relative(view, start, end, context, days, Qualifier.Exact, null);
    }

    private static bool FutureBefore(TextView view, int start)
    {
        for (var k = start - 1; k >= Math.Max(0, start - 6); k--)
        {
            if (view.IsClauseEnd(k)) return false;
            if (view.Language.FutureMarkers.MatchAt(view, k) is not null) return true;
        }
        return false;
    }

    /// <summary>"in two days", "بعد يومين", "iki gün sonra", "within 10 days", "في غضون 10 أيام",
    /// "لمدة أسبوعين",
    /// "three days ago". "Within" and "for" give an end at most that far.</summary>
    private static DateRead? ReadDuration(TextView view, int at, DateContext context)
    {
        var language = view.Language;
        if (language.RelativeBefore.MatchAt(view, at) is { } marker)
        {
            var j = at + marker.Count;
            // "in a day", "within a week" (but "in the day's clashes" is no length of time).
            if (j < view.Count && view[j].IsWord && view[j].Norm is "a" or "an") j++;
            if (Amount(view, j) is not { } amount) return null;
            // "بعد ثلاثة أيام من اعتقالها": three days after the arrest, so the arrest is
            // three days before the day the sentence speaks of.
            if (marker.Value.Qualifier == Qualifier.Exact && language.StoryDayLinks.MatchAt(view, amount.End) is { } of)
                return Relative(view, at, amount.End + of.Count, context, -marker.Value.Sign * amount.Days,
                    Qualifier.Exact, null) with { FromStoryDay = true };
            return Relative(view, at, amount.End, context, marker.Value.Sign * amount.Days, marker.Value.Qualifier,
                null);
        }
        if (Amount(view, at) is { Number: true } story
            && language.StoryDayAfter.MatchAt(view, story.End) is { } link)
            return Relative(view, at, story.End + link.Count, context, link.Value * story.Days, Qualifier.Exact, null)
                with { FromStoryDay = true };
        if (Amount(view, at) is { Number: true } counted
            && language.RelativeAfter.MatchAt(view, counted.End) is { } following)
            return Relative(view, at, counted.End + following.Count, context,
                following.Value.Sign * counted.Days, following.Value.Qualifier, null);
        return null;
    }

    private static (int End, int Days, bool Number)? Amount(TextView view, int at)
    {
        var number = NumberReading.Read(view, at, allowVague: false);
        var j = number is { Value: > 0 and <= 400, Decimal: false } ? number.End : at;
        if (view.Language.DurationUnits.MatchAt(view, j) is not { } unit) return null;
        if (j == at && unit.Value.NeedsNumber) return null;
        var days = (int)((j == at ? 1 : number!.Value!.Value) * unit.Value.Days);
        return days is > 0 and <= 3660 ? (j + unit.Count, days, j != at) : null;
    }

    private static DateRead Relative(TextView view, int start, int end, DateContext context, int days,
        Qualifier qualifier, DateOnly? anchor)
    {
        var value = new ClaimValue
        {
            Qualifier = qualifier, Kind = FigureKind.Date,
            Relative = new RelativeDate(view.Slice(start, end), anchor, days),
        }.ResolveAnchor(context.Published);
        return new DateRead(start, end, value, DateShape.Relative);
    }
}
