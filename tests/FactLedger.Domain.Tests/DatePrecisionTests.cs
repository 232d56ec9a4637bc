using System.Text.Json;
using FactLedger.Domain.Values;

namespace FactLedger.Domain.Tests;

public class DatePrecisionTests
{
    private static long Day(string date) => DateOnly.Parse(date).DayNumber;

    private static ClaimValue DateRange(string low, string high) => new()
    {
        Qualifier = Qualifier.Range, Kind = FigureKind.Date, Low = Day(low), High = Day(high),
    };

    [Theory]
    [InlineData("2002-01-01", "2002-12-31", DatePrecision.Year)]
    [InlineData("2024-01-01", "2024-12-31", DatePrecision.Year)]
    [InlineData("2022-01-01", "2022-01-31", DatePrecision.Month)]
    [InlineData("2022-04-01", "2022-04-30", DatePrecision.Month)]
    [InlineData("2024-02-01", "2024-02-29", DatePrecision.Month)]
    [InlineData("2023-02-01", "2023-02-28", DatePrecision.Month)]
    [InlineData("2022-12-01", "2022-12-31", DatePrecision.Month)]
    public void Given_a_date_range_of_exactly_one_calendar_month_or_year_then_that_is_its_precision(string low,
        string high, DatePrecision expected) =>
        Assert.Equal(expected, DateRange(low, high).Precision);

    [Theory]
    [InlineData("2024-02-01", "2024-02-28")] // leap year: February has 29 days
    [InlineData("2022-01-02", "2022-01-31")] // starts a day late
    [InlineData("2022-01-01", "2022-01-30")] // ends a day early
    [InlineData("2022-01-01", "2022-02-28")] // two months
    [InlineData("2002-01-01", "2002-12-30")] // a year less a day
    [InlineData("2001-12-31", "2002-12-31")] // a year and a day
    [InlineData("2002-01-01", "2003-12-31")] // two years
    [InlineData("2022-01-03", "2022-01-09")]
    [InlineData("2022-01-13", "2022-01-13")]
    public void Given_a_date_range_that_is_not_quite_a_month_or_year_then_its_precision_is_the_day(string low,
        string high) =>
        Assert.Equal(DatePrecision.Day, DateRange(low, high).Precision);

    [Theory]
    [InlineData(Qualifier.Exact)]
    [InlineData(Qualifier.AtMost)]
    [InlineData(Qualifier.MoreThan)]
    [InlineData(Qualifier.Approximately)]
    public void Given_a_single_date_with_any_qualifier_then_its_precision_is_the_day(Qualifier qualifier)
    {
        var value = new ClaimValue { Qualifier = qualifier, Kind = FigureKind.Date, Value = Day("2022-01-01") };

        Assert.Equal(DatePrecision.Day, value.Precision);
    }

    [Fact]
    public void Given_a_count_then_it_has_no_precision()
    {
        var value = new ClaimValue { Qualifier = Qualifier.Range, Kind = FigureKind.Count, Low = 1, High = 31 };

        Assert.Null(value.Precision);
    }

    [Fact]
    public void Given_values_with_a_precision_when_serialized_then_their_json_has_no_precision_field()
    {
        var count = new ClaimValue { Qualifier = Qualifier.MoreThan, Kind = FigureKind.Count, Value = 1000 };
        var year = DateRange("2002-01-01", "2002-12-31");

        Assert.Equal("""{"qualifier":"more_than","value":1000}""", JsonSerializer.Serialize(count));
        Assert.Equal("""{"qualifier":"range","low":"2002-01-01","high":"2002-12-31"}""",
            JsonSerializer.Serialize(year));
        Assert.Equal(DatePrecision.Year, JsonSerializer.Deserialize<ClaimValue>(JsonSerializer.Serialize(year))!
            .Precision);
    }
}
