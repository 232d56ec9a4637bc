using System.Text.Json;
using FactLedger.Domain.Reconciliation;
using FactLedger.Domain.Values;

namespace FactLedger.Domain.Tests;

/// <summary>Issue 21: a cumulative count is consistent only if some non-decreasing count fits every current claim;
/// backing best is told apart from merely allowing it, and conflicts are named.</summary>
public class CumulativeReconcilerTests
{
    private static readonly DateTimeOffset Thursday = new(2022, 1, 6, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Friday = new(2022, 1, 7, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Saturday = new(2022, 1, 8, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset February6 = new(2023, 2, 6, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset April1 = new(2023, 4, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset AYearLater = new(2024, 4, 1, 12, 0, 0, TimeSpan.Zero);
    private long _order;

    private ReconcilableClaim Claim(string id, string origin, ClaimValue value, DateTimeOffset published,
        DateTimeOffset? refersTo = null) =>
        new(id, OriginResolver.Normalize(origin), value, published, refersTo ?? published, ++_order);

    private static ClaimValue Exact(long v) => Value(Qualifier.Exact, v);
    private static ClaimValue AtLeast(long v) => Value(Qualifier.AtLeast, v);
    private static ClaimValue Approximately(long v) => Value(Qualifier.Approximately, v);
    private static ClaimValue Value(Qualifier q, long v) => new() { Qualifier = q, Kind = FigureKind.Count, Value = v };

    private static ClaimVerdict Verdict(ReconciliationResult r, string id) => r.Claims.Single(c => c.Id == id);

    private static ClaimRole?[] Roles(ReconciliationResult r, params string[] ids) =>
        ids.Select(id => Verdict(r, id).Role).ToArray();

    [Fact]
    public void Given_a_toll_reported_at_least_930_then_about_600_then_at_least_850_then_it_stays_conflicting()
    {
        // Given agency W's 6 February report of at least 930 killed,
        var claims = new List<ReconcilableClaim> { Claim("w", "Agency W", AtLeast(930), February6) };
        var first = Reconciler.Reconcile(claims, cumulative: true);
        Assert.Equal(EstimateStatus.SingleOrigin, first.Estimate.Status);
        Assert.Equal(930, first.Estimate.Best);

        // when the UN puts it at about 600 on 1 April, a toll cannot have fallen from at least 930:
        claims.Add(Claim("un", "UN", Approximately(600), April1));
        var second = Reconciler.Reconcile(claims, cumulative: true);
        Assert.Equal(EstimateStatus.Conflicting, second.Estimate.Status);
        Assert.Equal([new ClaimConflict("w", February6, "un", April1)], second.Estimate.Conflicts);
        Assert.Equal((540L, (long?)null), (second.Estimate.Low!.Value, second.Estimate.High));
        Assert.Equal(600, second.Estimate.Best); // one backer each: the more recent report wins
        Assert.Equal([ClaimRole.Contradicts, ClaimRole.Backs], Roles(second, "w", "un"));

        // and when paper X, a year later, says at least 850, the conflict is not hidden.
        claims.Add(Claim("x", "Paper X", AtLeast(850), AYearLater));
        var third = Reconciler.Reconcile(claims, cumulative: true);

        Assert.Equal(EstimateStatus.Conflicting, third.Estimate.Status);
        Assert.Equal([new ClaimConflict("w", February6, "un", April1)], third.Estimate.Conflicts);
        Assert.Equal(1, third.Estimate.ConflictCount);
        Assert.Equal(AYearLater, third.Estimate.For);
        Assert.Equal((540L, (long?)null), (third.Estimate.Low!.Value, third.Estimate.High));
        Assert.Equal(930, third.Estimate.Best);
        Assert.Equal((2, 3), (third.Estimate.Origins, third.Estimate.Compatible));
        Assert.Equal(["x", "w"], third.Estimate.SetBy.Best);
        Assert.Equal([ClaimRole.Backs, ClaimRole.Allows, ClaimRole.Backs], Roles(third, "w", "un", "x"));
    }

    [Fact]
    public void Given_the_UN_said_about_1000_instead_then_the_three_reports_are_consistent()
    {
        var claims = new[]
        {
            Claim("w", "Agency W", AtLeast(930), February6),
            Claim("un", "UN", Approximately(1000), April1),
            Claim("x", "Paper X", AtLeast(850), AYearLater),
        };

        var result = Reconciler.Reconcile(claims, cumulative: true);

        Assert.Equal(EstimateStatus.Consistent, result.Estimate.Status);
        Assert.Empty(result.Estimate.Conflicts);
        Assert.Equal(0, result.Estimate.ConflictCount);
        Assert.Equal((930L, (long?)null), (result.Estimate.Low!.Value, result.Estimate.High));
        Assert.Equal(1000, result.Estimate.Best);
        Assert.Equal((3, 3), (result.Estimate.Origins, result.Estimate.Compatible));
    }

    [Fact]
    public void Given_exactly_13_on_Thursday_and_at_least_18_on_Friday_then_13_allows_18_without_backing_it()
    {
        var claims = new[]
        {
            Claim("thursday", "Outlet A", Exact(13), Thursday),
            Claim("friday", "Outlet B", AtLeast(18), Friday),
        };

        var result = Reconciler.Reconcile(claims, cumulative: true);

        Assert.Equal(EstimateStatus.Consistent, result.Estimate.Status);
        Assert.Equal(18, result.Estimate.Best);
        Assert.Equal((1, 2), (result.Estimate.Origins, result.Estimate.Compatible));
        Assert.Equal(["friday"], result.Estimate.SetBy.Best);
        Assert.Equal([ClaimRole.Allows, ClaimRole.Backs], Roles(result, "thursday", "friday"));
        Assert.Equal(true, Reconciler.Agrees(Exact(13), Thursday, retracted: false, cumulative: true, result.Estimate));
    }

    [Fact]
    public void Given_earlier_reports_outnumber_the_latest_when_consistent_then_best_is_still_a_value_all_allow()
    {
        // Two origins stating 13 on Thursday back 13, but Friday's "at least 18" rules 13 out for Friday.
        var claims = new[]
        {
            Claim("a", "Outlet A", Exact(13), Thursday),
            Claim("b", "Outlet B", Exact(13), Thursday),
            Claim("c", "Outlet C", AtLeast(18), Friday),
        };

        var result = Reconciler.Reconcile(claims, cumulative: true);

        Assert.Equal(EstimateStatus.Consistent, result.Estimate.Status);
        Assert.Equal((18L, 18L), (result.Estimate.Low!.Value, result.Estimate.Best!.Value));
        Assert.Equal((1, 3), (result.Estimate.Origins, result.Estimate.Compatible));
    }

    [Fact]
    public void Given_two_reports_about_the_same_moment_that_do_not_meet_then_the_conflict_is_in_report_order()
    {
        var claims = new[]
        {
            Claim("later-report", "Outlet B", Exact(15), Saturday, refersTo: Friday),
            Claim("earlier-report", "Outlet A", Exact(20), Saturday.AddHours(-1), refersTo: Friday),
        };

        var result = Reconciler.Reconcile(claims, cumulative: true);

        Assert.Equal(EstimateStatus.Conflicting, result.Estimate.Status);
        Assert.Equal([new ClaimConflict("earlier-report", Friday, "later-report", Friday)], result.Estimate.Conflicts);
    }

    [Fact]
    public void Given_a_non_cumulative_figure_in_conflict_then_each_pair_of_claims_that_do_not_meet_is_named()
    {
        var claims = new[]
        {
            Claim("a", "Outlet A", Exact(10), Thursday),
            Claim("b", "Outlet B", Exact(12), Thursday),
            Claim("c", "Outlet C", AtLeast(11), Friday),
        };

        var result = Reconciler.Reconcile(claims, cumulative: false);

        Assert.Equal(EstimateStatus.Conflicting, result.Estimate.Status);
        Assert.Equal([new ClaimConflict("a", Thursday, "b", Thursday), new ClaimConflict("a", Thursday, "c", Friday)],
            result.Estimate.Conflicts);
        // Without growth, an earlier lower value contradicts a later higher one.
        Assert.Equal([ClaimRole.Contradicts, ClaimRole.Backs, ClaimRole.Backs], Roles(result, "a", "b", "c"));
    }

    [Fact]
    public void Given_superseded_and_retracted_claims_then_they_have_no_role()
    {
        var claims = new[]
        {
            Claim("old", "Outlet A", Exact(10), Thursday),
            Claim("new", "Outlet A", Exact(12), Friday),
            Claim("gone", "Outlet B", Exact(12), Friday) with { Retracted = true },
        };

        var result = Reconciler.Reconcile(claims, cumulative: true);

        Assert.Equal([null, ClaimRole.Backs, null], Roles(result, "old", "new", "gone"));
    }

    [Theory]
    [InlineData(20L, "saturday", true)]   // a later moment only caps Friday's count: 20 then does not rule out 18
    [InlineData(15L, "saturday", false)]  // a count of 15 on Saturday rules out 18 on Friday
    [InlineData(20L, "thursday", false)]  // nor can the count fall from 20 on Thursday
    [InlineData(13L, "thursday", true)]
    [InlineData(18L, "friday", true)]
    [InlineData(19L, "friday", false)]
    public void Given_an_estimate_for_Friday_then_a_claim_agrees_when_it_backs_or_allows_best_at_its_moment(
        long value, string day, bool agrees)
    {
        var estimate = Reconciler.Reconcile([Claim("friday", "Outlet A", Exact(18), Friday)], true).Estimate;
        var moment = day switch { "thursday" => Thursday, "friday" => Friday, _ => Saturday };

        Assert.Equal(agrees, Reconciler.Agrees(Exact(value), moment, retracted: false, cumulative: true, estimate));
    }

    [Fact]
    public void Given_many_conflicting_pairs_then_the_estimate_lists_a_bounded_number_and_counts_them_all()
    {
        // 30 origins, each reporting a lower count than the one before: every pair conflicts.
        var claims = Enumerable.Range(0, 30)
            .Select(i => Claim($"c{i}", $"Outlet {i}", Exact(100 - i), Thursday.AddHours(i))).ToList();

        var estimate = Reconciler.Reconcile(claims, cumulative: true).Estimate;

        Assert.Equal(30 * 29 / 2, estimate.ConflictCount);
        Assert.Equal(Reconciler.MaxConflictsListed, estimate.Conflicts.Count);
        Assert.Equal(new ClaimConflict("c0", Thursday, "c1", Thursday.AddHours(1)), estimate.Conflicts[0]);
    }

    [Fact]
    public void Given_an_estimate_stored_before_conflicts_were_named_when_read_then_the_new_members_have_defaults()
    {
        // As Marten stores it (System.Text.Json, camel case), without compatible, conflicts and conflictCount.
        const string stored = """
            {"low":13,"best":18,"high":null,"status":"consistent","origins":2,
             "setBy":{"low":["a"],"best":["b","a"],"high":[]},"for":"2022-01-07T09:00:00+00:00"}
            """;

        var estimate = JsonSerializer.Deserialize<Estimate>(stored, JsonSerializerOptions.Web)!;

        Assert.Equal((18L, EstimateStatus.Consistent, 2), (estimate.Best!.Value, estimate.Status, estimate.Origins));
        Assert.Equal(0, estimate.Compatible);
        Assert.NotNull(estimate.Conflicts);
        Assert.Empty(estimate.Conflicts);
        Assert.Equal(0, estimate.ConflictCount);
    }

    [Fact]
    public void Given_a_conflicting_estimate_when_stored_and_read_back_then_its_conflicts_and_roles_survive()
    {
        var result = Reconciler.Reconcile([
            Claim("w", "Agency W", AtLeast(930), February6),
            Claim("un", "UN", Approximately(600), April1),
        ], cumulative: true);

        var json = JsonSerializer.Serialize(result, JsonSerializerOptions.Web);
        var back = JsonSerializer.Deserialize<ReconciliationResult>(json, JsonSerializerOptions.Web)!;

        Assert.Contains("\"role\":\"contradicts\"", json);
        Assert.Equal(result.Estimate.Conflicts, back.Estimate.Conflicts);
        Assert.Equal((1, 1), (back.Estimate.Compatible, back.Estimate.ConflictCount));
        Assert.Equal(result.Claims, back.Claims);
    }
}
