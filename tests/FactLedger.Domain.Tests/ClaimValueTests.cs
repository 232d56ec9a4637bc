using System.Text.Json;
using FactLedger.Domain.Values;

namespace FactLedger.Domain.Tests;

public class ClaimValueTests
{
    private static ClaimValue Parse(string json)
    {
        var (value, errors) = ClaimValueParser.Parse(JsonDocument.Parse(json).RootElement);
        Assert.True(errors.Count == 0, string.Join("; ", errors));
        return value!;
    }

    private static IReadOnlyList<FieldError> Errors(string json) =>
        ClaimValueParser.Parse(JsonDocument.Parse(json).RootElement).Errors;

    private static long Day(string date) => DateOnly.Parse(date).DayNumber;

    [Theory]
    [InlineData("""{"qualifier":"exact","value":2298}""", 2298L, 2298L)]
    [InlineData("""{"qualifier":"at_least","value":18}""", 18L, null)]
    [InlineData("""{"qualifier":"more_than","value":748}""", 749L, null)]
    [InlineData("""{"qualifier":"at_most","value":100}""", null, 100L)]
    [InlineData("""{"qualifier":"less_than","value":100}""", null, 99L)]
    [InlineData("""{"qualifier":"range","low":225,"high":227}""", 225L, 227L)]
    [InlineData("""{"qualifier":"approximately","value":10000}""", 9000L, 11000L)]
    [InlineData("""{"qualifier":"approximately","value":10000,"tolerance":50}""", 9950L, 10050L)]
    [InlineData("""{"qualifier":"vague","term":"dozens"}""", 20L, 99L)]
    public void Given_a_count_wording_when_parsed_then_it_becomes_its_interval(string json, long? low, long? high)
    {
        var value = Parse(json);

        Assert.Equal(FigureKind.Count, value.Kind);
        Assert.Equal(new Interval(low, high), value.ToInterval());
    }

    [Theory]
    [InlineData("عشرات", "dozens")]
    [InlineData("مئات", "hundreds")]
    [InlineData("onlarca", "dozens")]
    [InlineData("yüzlerce", "hundreds")]
    [InlineData("Binlerce", "thousands")]
    [InlineData("several", "several")]
    [InlineData("a few", "a_few")]
    [InlineData("عشرات الآلاف", "tens_of_thousands")]
    public void Given_a_vague_word_in_any_language_when_parsed_then_it_maps_to_its_documented_term(string word,
        string canonical)
    {
        var value = Parse(JsonSerializer.Serialize(new { qualifier = "vague", term = word }));

        Assert.Equal(canonical, value.CanonicalTerm);
        Assert.Equal(word, value.Term);
        var term = VagueTerms.All.Single(t => t.Canonical == canonical);
        Assert.Equal(new Interval(term.Low, term.High), value.ToInterval());
    }

    [Fact]
    public void Given_an_exact_date_when_parsed_then_it_is_a_one_day_interval()
    {
        var value = Parse("""{"qualifier":"exact","value":"2022-01-13"}""");

        Assert.Equal(FigureKind.Date, value.Kind);
        Assert.Equal(Interval.Point(Day("2022-01-13")), value.ToInterval());
    }

    [Fact]
    public void Given_a_relative_date_with_value_and_anchor_when_parsed_then_it_keeps_expression_anchor_and_offset()
    {
        var value = Parse("""
            {"qualifier":"at_most","value":"2022-01-23",
             "relative":{"expression":"في غضون 10 أيام","anchor":"2022-01-13","days":10}}
            """);

        Assert.Equal(new RelativeDate("في غضون 10 أيام", new DateOnly(2022, 1, 13), 10), value.Relative);
        Assert.Equal(new Interval(null, Day("2022-01-23")), value.ToInterval());
    }

    [Fact]
    public void Given_in_two_days_without_anchor_when_resolved_against_publication_then_it_is_that_day_plus_two()
    {
        // Seed 002 (Tuesday 11 January 2022): "ستبدأ بالانسحاب تدريجيا بعد يومين" — the withdrawal starts in two days.
        var value = Parse("""{"qualifier":"exact","relative":{"expression":"بعد يومين","days":2}}""");
        Assert.False(value.IsResolved);

        var resolved = value.ResolveAnchor(new DateOnly(2022, 1, 11));

        Assert.Equal(Interval.Point(Day("2022-01-13")), resolved.ToInterval());
        Assert.Equal(new DateOnly(2022, 1, 11), resolved.Relative!.Anchor);
        Assert.Equal("بعد يومين", resolved.Relative.Expression);
    }

    [Fact]
    public void Given_a_relative_date_with_a_stated_anchor_when_resolved_then_the_stated_anchor_wins()
    {
        // Seed 003: the withdrawal starts "اعتبارا من اليوم الموافق 13 كانون الثاني" and lasts "في غضون 10 أيام".
        var value = Parse("""
            {"qualifier":"at_most","relative":{"expression":"في غضون 10 أيام","anchor":"2022-01-13","days":10}}
            """);

        var resolved = value.ResolveAnchor(new DateOnly(2022, 1, 12));

        Assert.Equal(new Interval(null, Day("2022-01-23")), resolved.ToInterval());
    }

    [Fact]
    public void Given_a_value_when_written_and_read_as_json_then_it_round_trips()
    {
        foreach (var json in new[]
                 {
                     """{"qualifier":"at_least","value":18}""",
                     """{"qualifier":"more_than","value":748}""",
                     """{"qualifier":"range","low":225,"high":227}""",
                     """{"qualifier":"vague","term":"dozens"}""",
                     """{"qualifier":"exact","value":"2022-01-13"}""",
                     """
                     {"qualifier":"at_most","value":"2022-01-23",
                      "relative":{"expression":"في غضون 10 أيام","anchor":"2022-01-13","days":10}}
                     """,
                 })
        {
            var value = Parse(json);
            var written = JsonSerializer.Serialize(value);
            Assert.Equal(value, JsonSerializer.Deserialize<ClaimValue>(written));
            Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(System.Text.Json.Nodes.JsonNode.Parse(json),
                System.Text.Json.Nodes.JsonNode.Parse(written)), written);
        }
    }

    [Theory]
    [InlineData("""{"qualifier":"exact","value":-3}""", "value.value", "negative")]
    [InlineData("""{"qualifier":"exact","value":2.5}""", "value.value", "whole number")]
    [InlineData("""{"qualifier":"exact","value":1e300}""", "value.value", "whole number")]
    [InlineData("""{"qualifier":"exact","value":99999999999999999}""", "value.value", "plausible")]
    [InlineData("""{"qualifier":"range","low":227,"high":225}""", "value", "low ≤ high")]
    [InlineData("""{"qualifier":"vague","term":"zillions"}""", "value.term", "not a known vague term")]
    [InlineData("""{"qualifier":"roughly","value":3}""", "value.qualifier", "not a qualifier")]
    [InlineData("""{"value":3}""", "value.qualifier", "required")]
    [InlineData("""{"qualifier":"exact","value":"2022-13-45"}""", "value.value", "yyyy-MM-dd")]
    [InlineData("""{"qualifier":"exact","value":"0001-01-01"}""", "value.value", "outside the supported dates")]
    [InlineData("""{"qualifier":"exact","value":"twelve"}""", "value.value", "yyyy-MM-dd")]
    [InlineData("""{"qualifier":"exact","value":true}""", "value.value", "whole number")]
    [InlineData("""{"qualifier":"exact"}""", "value.value", "required")]
    [InlineData("""{"qualifier":"range","low":1,"high":"2022-01-01"}""", "value", "mixes numbers and dates")]
    [InlineData("""
        {"qualifier":"at_most","value":"2022-01-20","relative":{"expression":"x","anchor":"2022-01-13","days":10}}
        """, "value.value", "not 10 days after")]
    [InlineData("""{"qualifier":"exact","value":3,"colour":"red"}""", "value.colour", "not a field")]
    [InlineData("""[1,2]""", "value", "must be an object")]
    public void Given_a_bad_value_when_parsed_then_the_error_names_the_field_and_the_reason(string json, string field,
        string reason)
    {
        var errors = Errors(json);

        Assert.Contains(errors,
            e => e.Field == field && e.Message.Contains(reason, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Given_approximately_a_date_when_no_tolerance_is_stated_then_it_spans_a_day_either_side()
    {
        var value = Parse("""{"qualifier":"approximately","value":"2022-01-13"}""");

        Assert.Equal(new Interval(Day("2022-01-12"), Day("2022-01-14")), value.ToInterval());
    }
}
