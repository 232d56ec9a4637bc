using System.Text.Json;
using FactLedger.Domain.Reconciliation;
using FactLedger.Domain.Values;

namespace FactLedger.Domain.Tests;

/// <summary>Issue 20: the estimate's reading says what the sources said, never a point none of them gave.</summary>
public class ReadingTests
{
    private static readonly DateTimeOffset January13 = new(2022, 1, 13, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset January14 = new(2022, 1, 14, 9, 0, 0, TimeSpan.Zero);
    private long _order;

    private ReconcilableClaim Claim(string origin, ClaimValue value, DateTimeOffset? at = null) =>
        new($"c{++_order}", origin, value, at ?? January13, at ?? January13, _order);

    private static ClaimValue Count(Qualifier q, long v) => new() { Qualifier = q, Kind = FigureKind.Count, Value = v };
    private static ClaimValue Date(Qualifier q, string d) =>
        new() { Qualifier = q, Kind = FigureKind.Date, Value = Day(d) };
    private static ClaimValue CountRange(long low, long high) =>
        new() { Qualifier = Qualifier.Range, Kind = FigureKind.Count, Low = low, High = high };
    private static ClaimValue DateRange(string low, string high) =>
        new() { Qualifier = Qualifier.Range, Kind = FigureKind.Date, Low = Day(low), High = Day(high) };
    private static long Day(string date) => DateOnly.Parse(date).DayNumber;

    private Estimate Reconcile(bool cumulative, params ReconcilableClaim[] claims) =>
        Reconciler.Reconcile(claims, cumulative).Estimate;

    private Estimate Alone(ClaimValue value) => Reconcile(false, Claim("Outlet A", value));

    [Fact]
    public void Given_more_than_1000_injured_when_reconciled_then_the_reading_is_more_than_1000_not_1001()
    {
        var estimate = Alone(Count(Qualifier.MoreThan, 1000));

        Assert.Equal(1001, estimate.Best); // best keeps its meaning
        Assert.Equal(new Reading(Qualifier.MoreThan, 1000), estimate.Reading);
        Assert.False(estimate.Reading!.BestStated);
    }

    [Fact]
    public void Given_more_than_once_when_reconciled_then_the_reading_is_more_than_1()
    {
        var estimate = Alone(Count(Qualifier.MoreThan, 1));

        Assert.Equal(2, estimate.Best);
        Assert.Equal(new Reading(Qualifier.MoreThan, 1), estimate.Reading);
    }

    [Fact]
    public void Given_csto_founded_in_2002_when_reconciled_then_the_reading_is_the_year_not_its_middle()
    {
        var estimate = Alone(DateRange("2002-01-01", "2002-12-31"));

        Assert.Equal(Day("2002-07-02"), estimate.Best);
        Assert.Equal(
            new Reading(Qualifier.Range, Day("2002-01-01"), Day("2002-12-31"), Precision: DatePrecision.Year),
            estimate.Reading);
    }

    [Fact]
    public void Given_dozens_in_arabic_when_reconciled_then_the_reading_is_the_vague_term_with_its_range()
    {
        var estimate = Alone(new ClaimValue
        {
            Qualifier = Qualifier.Vague, Kind = FigureKind.Count, Term = "عشرات", CanonicalTerm = "dozens",
        });

        Assert.Equal(20, estimate.Best);
        Assert.Equal(new Reading(Qualifier.Vague, 20, 99, "dozens"), estimate.Reading);
    }

    [Fact]
    public void Given_withdrawal_within_10_days_of_the_13th_when_reconciled_then_the_reading_is_at_most_the_23rd()
    {
        var value = new ClaimValue
        {
            Qualifier = Qualifier.AtMost, Kind = FigureKind.Date,
            Relative = new RelativeDate("في غضون 10 أيام", new DateOnly(2022, 1, 13), 10),
        }.ResolveAnchor(new DateOnly(2022, 1, 12));

        var estimate = Alone(value);

        Assert.Equal(Day("2022-01-23"), estimate.Best);
        Assert.Equal(new Reading(Qualifier.AtMost, High: Day("2022-01-23"), Precision: DatePrecision.Day),
            estimate.Reading);
    }

    [Fact]
    public void Given_exactly_2298_when_reconciled_then_the_reading_is_exact_and_best_was_stated()
    {
        var estimate = Alone(Count(Qualifier.Exact, 2298));

        Assert.Equal(new Reading(Qualifier.Exact, 2298, 2298, BestStated: true), estimate.Reading);
    }

    [Fact]
    public void Given_at_least_18_alone_when_reconciled_then_the_reading_is_at_least_18()
    {
        var estimate = Alone(Count(Qualifier.AtLeast, 18));

        Assert.Equal(new Reading(Qualifier.AtLeast, 18), estimate.Reading);
    }

    [Fact]
    public void Given_at_least_18_and_at_most_25_from_two_origins_then_the_reading_is_the_range_18_to_25()
    {
        var estimate = Reconcile(false,
            Claim("Outlet A", Count(Qualifier.AtLeast, 18)), Claim("Outlet B", Count(Qualifier.AtMost, 25)));

        Assert.Equal(EstimateStatus.Consistent, estimate.Status);
        Assert.Equal(new Reading(Qualifier.Range, 18, 25), estimate.Reading);
    }

    [Fact]
    public void Given_more_than_10_and_at_least_5_then_the_reading_is_more_than_10_as_the_tighter_claim_said()
    {
        var estimate = Reconcile(false,
            Claim("Outlet A", Count(Qualifier.AtLeast, 5)), Claim("Outlet B", Count(Qualifier.MoreThan, 10)));

        Assert.Equal(new Reading(Qualifier.MoreThan, 10), estimate.Reading);
    }

    [Fact]
    public void Given_fewer_than_10_and_at_most_20_then_the_reading_is_fewer_than_10()
    {
        var estimate = Reconcile(false,
            Claim("Outlet A", Count(Qualifier.LessThan, 10)), Claim("Outlet B", Count(Qualifier.AtMost, 20)));

        Assert.Equal(new Reading(Qualifier.LessThan, High: 10), estimate.Reading);
    }

    [Fact]
    public void Given_more_than_2_fewer_than_10_and_at_least_1_then_the_reading_is_the_range_of_the_agreed_ends()
    {
        var estimate = Reconcile(false, Claim("Outlet A", Count(Qualifier.MoreThan, 2)),
            Claim("Outlet B", Count(Qualifier.LessThan, 10)), Claim("Outlet C", Count(Qualifier.AtLeast, 1)));

        Assert.Equal(new Reading(Qualifier.Range, 3, 9), estimate.Reading);
    }

    [Fact]
    public void Given_at_least_18_and_at_most_18_then_the_reading_is_exact_but_best_was_not_stated()
    {
        var estimate = Reconcile(false,
            Claim("Outlet A", Count(Qualifier.AtLeast, 18)), Claim("Outlet B", Count(Qualifier.AtMost, 18)));

        Assert.Equal(new Reading(Qualifier.Exact, 18, 18), estimate.Reading);
    }

    [Fact]
    public void Given_about_600_within_at_least_500_then_the_reading_is_about_600()
    {
        var estimate = Reconcile(false,
            Claim("Outlet A", Count(Qualifier.Approximately, 600)), Claim("Outlet B", Count(Qualifier.AtLeast, 500)));

        Assert.Equal((540L, 660L), (estimate.Low!.Value, estimate.High!.Value));
        Assert.Equal(new Reading(Qualifier.Approximately, 600, 600), estimate.Reading);
    }

    [Fact]
    public void Given_an_exact_claim_inside_a_range_then_the_reading_is_exact_and_best_was_stated()
    {
        var estimate = Reconcile(false,
            Claim("Outlet A", CountRange(10, 20)), Claim("Outlet B", Count(Qualifier.Exact, 18)));

        Assert.Equal(new Reading(Qualifier.Exact, 18, 18, BestStated: true), estimate.Reading);
    }

    [Fact]
    public void Given_after_the_2nd_and_by_the_9th_then_the_reading_is_the_day_range_3_to_9()
    {
        var estimate = Reconcile(false, Claim("Outlet A", Date(Qualifier.MoreThan, "2022-01-02")),
            Claim("Outlet B", Date(Qualifier.AtMost, "2022-01-09")));

        Assert.Equal(
            new Reading(Qualifier.Range, Day("2022-01-03"), Day("2022-01-09"), Precision: DatePrecision.Day),
            estimate.Reading);
    }

    [Fact]
    public void Given_after_the_last_of_december_and_before_the_first_of_february_then_the_reading_is_january()
    {
        var estimate = Reconcile(false, Claim("Outlet A", Date(Qualifier.MoreThan, "2021-12-31")),
            Claim("Outlet B", Date(Qualifier.LessThan, "2022-02-01")));

        Assert.Equal(
            new Reading(Qualifier.Range, Day("2022-01-01"), Day("2022-01-31"), Precision: DatePrecision.Month),
            estimate.Reading);
    }

    [Fact]
    public void Given_a_cumulative_count_of_1200_on_monday_and_at_least_1000_later_then_the_reading_is_at_least_1200()
    {
        var estimate = Reconcile(true, Claim("Outlet A", Count(Qualifier.Exact, 1200), January13),
            Claim("Outlet B", Count(Qualifier.AtLeast, 1000), January14));

        Assert.Equal(new Reading(Qualifier.AtLeast, 1200, BestStated: true), estimate.Reading);
    }

    [Fact]
    public void Given_conflicting_reports_then_the_reading_is_the_span_from_the_lowest_to_the_highest_report()
    {
        var estimate = Reconcile(false, Claim("Outlet A", Count(Qualifier.Exact, 540)),
            Claim("Outlet B", Count(Qualifier.MoreThan, 930)), Claim("Outlet C", Count(Qualifier.Exact, 700)));

        Assert.Equal(EstimateStatus.Conflicting, estimate.Status);
        Assert.Equal(new Reading(Qualifier.Range, 540, null, BestStated: true,
            From: new Reading(Qualifier.Exact, 540, 540), To: new Reading(Qualifier.MoreThan, 930), Conflicting: true),
            estimate.Reading);
    }

    [Fact]
    public void Given_no_claims_then_there_is_no_reading()
    {
        Assert.Null(Reconcile(false).Reading);
        Assert.Null(Estimate.None.Reading);
    }

    [Fact]
    public void Given_an_estimate_with_a_reading_when_stored_as_json_then_it_round_trips_and_old_json_reads_null()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        var estimate = Reconcile(false, Claim("Outlet A", Count(Qualifier.Exact, 540)),
            Claim("Outlet B", Count(Qualifier.MoreThan, 930)));

        var json = JsonSerializer.Serialize(estimate, options);
        var read = JsonSerializer.Deserialize<Estimate>(json, options)!;

        Assert.Contains("\"kind\":\"more_than\"", json);
        Assert.Equal(estimate.Reading, read.Reading);
        var old = JsonSerializer.Serialize(estimate with { Reading = null }, options).Replace(",\"reading\":null", "");
        Assert.DoesNotContain("reading", old);
        Assert.Null(JsonSerializer.Deserialize<Estimate>(old, options)!.Reading);
    }

    /// <summary>
    /// Random consistent histories: the reading allows exactly the estimate's bounds, and best counts as stated
    /// exactly when a current claim gave it exactly.
    /// </summary>
    [Fact]
    public void Given_random_claims_then_the_reading_allows_exactly_the_bounds_and_best_stated_means_stated()
    {
        var kinds = new HashSet<(Qualifier, bool)>();
        for (var seed = 0; seed < 500; seed++)
        {
            var random = new Random(seed);
            var claims = Enumerable.Range(0, random.Next(1, 5))
                .Select(i => Claim($"Outlet {i}", RandomValue(random), January13.AddDays(random.Next(0, 3))))
                .ToArray();
            var cumulative = random.Next(2) == 0;

            var estimate = Reconcile(cumulative, claims);

            var reading = estimate.Reading!;
            kinds.Add((reading.Kind, reading.Conflicting));
            var because = $"seed {seed}: {reading}";
            Assert.True(claims.Any(c => c.Value.Qualifier == Qualifier.Exact && c.Value.Value == estimate.Best)
                == reading.BestStated, because);
            if (reading.Conflicting)
            {
                Assert.Equal((estimate.Low, estimate.High), (reading.Low, reading.High));
                Assert.NotNull(reading.From);
                Assert.NotNull(reading.To);
            }
            else if (reading.Kind == Qualifier.Approximately)
                Assert.Contains(claims, c => c.Value.Qualifier == Qualifier.Approximately
                    && c.Value.Value == reading.Low
                    && c.Value.ToInterval() == new Interval(estimate.Low, estimate.High));
            else Assert.True(Allows(reading) == new Interval(estimate.Low, estimate.High), because);
        }
        Assert.True(kinds.Count == 8, $"only {string.Join(", ", kinds)}: the generator needs a look");
    }

    private static Interval Allows(Reading r) => r.Kind switch
    {
        Qualifier.MoreThan => new(r.Low + 1, null),
        Qualifier.LessThan => new(null, r.High - 1),
        _ => new(r.Low, r.High),
    };

    private static ClaimValue RandomValue(Random random) => random.Next(7) switch
    {
        0 => Count(Qualifier.Exact, random.Next(0, 13)),
        1 => Count(Qualifier.AtLeast, random.Next(0, 13)),
        2 => Count(Qualifier.MoreThan, random.Next(0, 13)),
        3 => Count(Qualifier.AtMost, random.Next(0, 13)),
        4 => Count(Qualifier.LessThan, random.Next(1, 13)),
        5 => Count(Qualifier.Approximately, random.Next(1, 12)),
        _ => CountRange(random.Next(0, 6), random.Next(6, 13)),
    };
}
