using FactLedger.Domain.Reconciliation;
using FactLedger.Domain.Values;

namespace FactLedger.Domain.Tests;

public class ReconcilerTests
{
    private static readonly DateTimeOffset Thursday = new(2022, 1, 6, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Friday = new(2022, 1, 7, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Saturday = new(2022, 1, 8, 9, 0, 0, TimeSpan.Zero);
    private long _order;

    private ReconcilableClaim Claim(string id, string origin, ClaimValue value, DateTimeOffset published,
        DateTimeOffset? refersTo = null, bool retracted = false, bool corrected = false) =>
        new(id, OriginResolver.Normalize(origin), value, published, refersTo ?? published, ++_order, retracted,
            corrected);

    private static ClaimValue Exact(long v) =>
        new() { Qualifier = Qualifier.Exact, Kind = FigureKind.Count, Value = v };
    private static ClaimValue AtLeast(long v) =>
        new() { Qualifier = Qualifier.AtLeast, Kind = FigureKind.Count, Value = v };
    private static ClaimValue MoreThan(long v) =>
        new() { Qualifier = Qualifier.MoreThan, Kind = FigureKind.Count, Value = v };
    private static ClaimValue Vague(string term) =>
        new() { Qualifier = Qualifier.Vague, Kind = FigureKind.Count, Term = term, CanonicalTerm = term };
    private static ClaimValue Date(string date) =>
        new() { Qualifier = Qualifier.Exact, Kind = FigureKind.Date, Value = DateOnly.Parse(date).DayNumber };

    private static ClaimVerdict Verdict(ReconciliationResult r, string id) => r.Claims.Single(c => c.Id == id);

    [Fact]
    public void Given_one_origin_revising_13_to_at_least_18_when_reconciled_then_the_later_supersedes_the_earlier()
    {
        var claims = new[]
        {
            Claim("early", "Kazakh Interior Ministry", Exact(13), Thursday),
            Claim("late", "Kazakh Interior Ministry", AtLeast(18), Friday),
        };

        var result = Reconciler.Reconcile(claims, cumulative: true);

        Assert.Equal(new ClaimVerdict("early", ClaimStatus.Superseded, "late", null, null), Verdict(result, "early"));
        Assert.Equal(ClaimStatus.Current, Verdict(result, "late").Status);
        Assert.Equal(EstimateStatus.SingleOrigin, result.Estimate.Status);
        Assert.Equal((18L, 18L, (long?)null),
            (result.Estimate.Low!.Value, result.Estimate.Best!.Value, result.Estimate.High));
        Assert.Equal(["late"], result.Estimate.SetBy.Best);
        Assert.Equal(1, result.Estimate.Origins);
    }

    [Fact]
    public void Given_a_cumulative_count_when_an_earlier_lower_report_meets_a_later_higher_one_then_they_agree()
    {
        // "1,200 detained on Monday" and "more than 2,000 by Thursday".
        var claims = new[]
        {
            Claim("monday", "Outlet A", Exact(1200), Thursday.AddDays(-3)),
            Claim("thursday", "Outlet B", MoreThan(2000), Thursday),
        };

        var result = Reconciler.Reconcile(claims, cumulative: true);

        Assert.Equal(EstimateStatus.Consistent, result.Estimate.Status);
        Assert.Equal(2001, result.Estimate.Best);
        // Monday's 1,200 does not state 2,001 for Thursday: it allows it without backing it.
        Assert.Equal((1, 2), (result.Estimate.Origins, result.Estimate.Compatible));
        Assert.Equal(["thursday"], result.Estimate.SetBy.Best);
        Assert.Equal((ClaimRole.Allows, ClaimRole.Backs),
            (Verdict(result, "monday").Role, Verdict(result, "thursday").Role));
        Assert.Equal(Thursday, result.Estimate.For);
    }

    [Fact]
    public void Given_a_cumulative_count_when_a_later_report_falls_below_an_earlier_exact_one_then_they_conflict()
    {
        var claims = new[]
        {
            Claim("earlier", "Outlet A", Exact(20), Thursday),
            Claim("later", "Outlet B", Exact(15), Friday),
        };

        var result = Reconciler.Reconcile(claims, cumulative: true);

        Assert.Equal(EstimateStatus.Conflicting, result.Estimate.Status);
        Assert.Equal(15, result.Estimate.Low);
        Assert.Null(result.Estimate.High); // the earlier report only floors the later moment
        Assert.Equal(["later"], result.Estimate.SetBy.Low);
        Assert.Equal([new ClaimConflict("earlier", Thursday, "later", Friday)], result.Estimate.Conflicts);
    }

    [Fact]
    public void Given_origins_that_disagree_on_a_non_cumulative_figure_then_best_is_the_value_more_origins_back()
    {
        var claims = new[]
        {
            Claim("a", "Outlet A", Exact(10), Thursday),
            Claim("b", "Outlet B", Exact(12), Thursday),
            Claim("c", "Outlet C", Exact(12), Thursday),
        };

        var result = Reconciler.Reconcile(claims, cumulative: false);

        Assert.Equal(EstimateStatus.Conflicting, result.Estimate.Status);
        Assert.Equal((10L, 12L, 12L),
            (result.Estimate.Low!.Value, result.Estimate.Best!.Value, result.Estimate.High!.Value));
        Assert.Equal(2, result.Estimate.Origins);
        Assert.Equal(["c", "b"], result.Estimate.SetBy.Best);
        Assert.Equal(["a"], result.Estimate.SetBy.Low);
    }

    [Fact]
    public void Given_a_tie_between_origins_then_best_goes_to_the_most_recent_report()
    {
        var claims = new[]
        {
            Claim("older", "Outlet A", Exact(10), Thursday),
            Claim("newer", "Outlet B", Exact(12), Friday),
        };

        var result = Reconciler.Reconcile(claims, cumulative: false);

        Assert.Equal(12, result.Estimate.Best);
        Assert.Equal(1, result.Estimate.Origins);
    }

    [Fact]
    public void Given_a_retraction_of_the_claim_behind_best_when_reconciled_then_best_moves_to_what_remains()
    {
        var claims = new List<ReconcilableClaim>
        {
            Claim("a", "Outlet A", Exact(10), Thursday),
            Claim("b", "Outlet B", Exact(12), Friday),
        };
        Assert.Equal(12, Reconciler.Reconcile(claims, false).Estimate.Best);

        claims[1] = claims[1] with { Retracted = true };
        var result = Reconciler.Reconcile(claims, cumulative: false);

        Assert.Equal(10, result.Estimate.Best);
        Assert.Equal(EstimateStatus.SingleOrigin, result.Estimate.Status);
        Assert.Equal(ClaimStatus.Retracted, Verdict(result, "b").Status);
    }

    [Fact]
    public void Given_a_corrected_claim_when_reconciled_then_it_counts_with_its_corrected_value()
    {
        var claims = new[]
        {
            Claim("a", "Outlet A", Exact(12), Thursday) with { Value = Exact(14), Corrected = true },
            Claim("b", "Outlet B", Exact(14), Thursday),
        };

        var result = Reconciler.Reconcile(claims, cumulative: false);

        Assert.Equal(ClaimStatus.Corrected, Verdict(result, "a").Status);
        Assert.Equal(EstimateStatus.Consistent, result.Estimate.Status);
        Assert.Equal(14, result.Estimate.Best);
        Assert.Equal(2, result.Estimate.Origins);
    }

    [Fact]
    public void Given_a_vague_term_and_a_number_inside_its_range_then_they_agree_and_best_is_the_number()
    {
        var claims = new[]
        {
            Claim("vague", "Outlet A", Vague("dozens"), Thursday),
            Claim("number", "Outlet B", Exact(44), Thursday),
        };

        var result = Reconciler.Reconcile(claims, cumulative: false);

        Assert.Equal(EstimateStatus.Consistent, result.Estimate.Status);
        Assert.Equal((44L, 44L, 44L),
            (result.Estimate.Low!.Value, result.Estimate.Best!.Value, result.Estimate.High!.Value));
        Assert.Equal(2, result.Estimate.Origins);
    }

    [Fact]
    public void Given_a_vague_term_and_a_number_outside_its_range_then_they_conflict()
    {
        var claims = new[]
        {
            Claim("vague", "Outlet A", Vague("dozens"), Thursday),
            Claim("number", "Outlet B", Exact(300), Thursday),
        };

        Assert.Equal(EstimateStatus.Conflicting, Reconciler.Reconcile(claims, cumulative: false).Estimate.Status);
    }

    [Fact]
    public void Given_a_relative_date_and_an_explicit_date_for_the_same_day_then_they_agree()
    {
        // Seed 002 "بعد يومين" from 11 January and seed 003 "13 كانون الثاني".
        var inTwoDays = new ClaimValue
        {
            Qualifier = Qualifier.Exact, Kind = FigureKind.Date, Relative = new RelativeDate("بعد يومين", null, 2),
        }.ResolveAnchor(new DateOnly(2022, 1, 11));
        var claims = new[]
        {
            Claim("relative", "Kassym-Jomart Tokayev", inTwoDays,
                new DateTimeOffset(2022, 1, 11, 12, 0, 0, TimeSpan.Zero)),
            Claim("explicit", "CSTO", Date("2022-01-13"), new DateTimeOffset(2022, 1, 13, 12, 0, 0, TimeSpan.Zero)),
        };

        var result = Reconciler.Reconcile(claims, cumulative: false);

        Assert.Equal(EstimateStatus.Consistent, result.Estimate.Status);
        Assert.Equal(new DateOnly(2022, 1, 13).DayNumber, result.Estimate.Best);
        Assert.Equal(2, result.Estimate.Origins);
    }

    [Fact]
    public void Given_ten_outlets_repeating_one_authority_then_they_are_one_origin()
    {
        var aliases = OriginResolver.FromGroups([[
            "Kazakh Interior Ministry", "Ministry of Internal Affairs of Kazakhstan", "وزارة الداخلية الكازاخستانية",
        ]]);
        var claims = Enumerable.Range(0, 10).Select(i => Claim($"c{i}",
            aliases.KeyOf(
                i % 2 == 0 ? "Ministry of Internal Affairs of  KAZAKHSTAN" : "وزارة الداخلية الكازاخستانية",
                $"Outlet {i}"),
            AtLeast(18), Friday.AddMinutes(i))).ToList();
        claims = claims.Select(c => c with { OriginKey = c.OriginKey }).ToList();

        var result = Reconciler.Reconcile(claims, cumulative: true);

        Assert.Equal(EstimateStatus.SingleOrigin, result.Estimate.Status);
        Assert.Equal(1, result.Estimate.Origins);
        Assert.Single(result.Claims, c => c.Status == ClaimStatus.Current);
        Assert.Equal(9, result.Claims.Count(c => c.Status == ClaimStatus.Superseded));
    }

    [Fact]
    public void Given_intervals_that_overlap_without_a_shared_stated_value_then_best_lies_in_the_overlap()
    {
        var claims = new[]
        {
            Claim("a", "Outlet A",
                new ClaimValue { Qualifier = Qualifier.Range, Kind = FigureKind.Count, Low = 10, High = 20 }, Thursday),
            Claim("b", "Outlet B",
                new ClaimValue { Qualifier = Qualifier.Range, Kind = FigureKind.Count, Low = 16, High = 30 }, Friday),
        };

        var result = Reconciler.Reconcile(claims, cumulative: false);

        Assert.Equal(EstimateStatus.Consistent, result.Estimate.Status);
        Assert.Equal((16L, 20L), (result.Estimate.Low!.Value, result.Estimate.High!.Value));
        Assert.InRange(result.Estimate.Best!.Value, 16, 20);
        Assert.Equal(2, result.Estimate.Origins);
    }

    [Fact]
    public void Given_no_claims_or_only_retracted_ones_then_there_is_no_estimate()
    {
        Assert.Equal(Estimate.None, Reconciler.Reconcile([], cumulative: false).Estimate);
        var retracted = Claim("a", "Outlet A", Exact(3), Thursday, retracted: true);
        Assert.Equal(EstimateStatus.NoClaims, Reconciler.Reconcile([retracted], cumulative: false).Estimate.Status);
    }

    [Theory]
    [InlineData(true, true)]
    [InlineData(false, false)]
    public void Given_an_earlier_lower_exact_report_it_agrees_with_a_later_higher_estimate_if_cumulative(
        bool cumulative, bool agrees)
    {
        var claims = new[]
        {
            Claim("early", "Outlet A", Exact(13), Thursday),
            Claim("late", "Outlet B", AtLeast(18), Friday),
        };
        var estimate = Reconciler.Reconcile(claims, cumulative).Estimate;

        Assert.Equal(agrees, Reconciler.Agrees(Exact(13), Thursday, retracted: false, cumulative, estimate));
        Assert.Equal(true, Reconciler.Agrees(AtLeast(18), Friday, retracted: false, cumulative, estimate));
        Assert.Equal(false, Reconciler.Agrees(AtLeast(18), Friday, retracted: true, cumulative, estimate));
    }

    [Fact]
    public void Given_same_origin_reports_published_at_the_same_moment_then_the_one_recorded_later_is_current()
    {
        var claims = new[]
        {
            Claim("first", "Outlet A", Exact(3), Saturday),
            Claim("second", "Outlet A", Exact(4), Saturday),
        };

        var result = Reconciler.Reconcile(claims, cumulative: false);

        Assert.Equal("second", Verdict(result, "first").SupersededBy);
        Assert.Equal(4, result.Estimate.Best);
    }
}
