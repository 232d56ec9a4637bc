using System.Text.Json.Serialization;

namespace FactLedger.Domain.Values;

/// <summary>
/// How precise a date is as the source gave it: a day, a whole calendar month ("in January 2022") or a whole calendar
/// year ("in 2002"). Serialized in snake case: <c>day</c>, <c>month</c>, <c>year</c>.
/// </summary>
[JsonConverter(typeof(SnakeCaseEnumConverter<DatePrecision>))]
public enum DatePrecision
{
    Day,
    Month,
    Year,
}

public static class DatePrecisions
{
    /// <summary>
    /// The precision of the dates <paramref name="low"/>…<paramref name="high"/> (day numbers, both included):
    /// <see cref="DatePrecision.Year"/> when they are exactly one calendar year, <see cref="DatePrecision.Month"/>
    /// when exactly one calendar month, else <see cref="DatePrecision.Day"/>.
    /// </summary>
    public static DatePrecision Of(long low, long high)
    {
        if (!IsDay(low) || !IsDay(high)) return DatePrecision.Day;
        var (first, last) = (DateOnly.FromDayNumber((int)low), DateOnly.FromDayNumber((int)high));
        if (first.Day != 1 || first.Year != last.Year) return DatePrecision.Day;
        if (first.Month == 1 && last == new DateOnly(first.Year, 12, 31)) return DatePrecision.Year;
        return first.Month == last.Month && last.Day == DateTime.DaysInMonth(last.Year, last.Month)
            ? DatePrecision.Month
            : DatePrecision.Day;
    }

    private static bool IsDay(long dayNumber) =>
        dayNumber >= DateOnly.MinValue.DayNumber && dayNumber <= DateOnly.MaxValue.DayNumber;
}
