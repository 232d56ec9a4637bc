using FactLedger.Domain.Reconciliation;
using FactLedger.Domain.Values;

namespace FactLedger.Domain.Tests;

/// <summary>
/// Random histories of claims over small integers, checked against brute force. Each case has its own seed, named in
/// the failure message, so a failure reproduces.
/// </summary>
public class ReconcilerPropertyTests
{
    private const int Cases = 400;
    private const int MaxValue = 12;
    private static readonly DateTimeOffset Day0 = new(2022, 1, 5, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Several origins, some reporting more than once, some reports retracted or corrected.</summary>
    private static List<ReconcilableClaim> History(Random random, int maxOrigins = 6)
    {
        var claims = new List<ReconcilableClaim>();
        var origins = random.Next(1, maxOrigins + 1);
        for (var o = 0; o < origins; o++)
        for (var k = random.Next(1, 4); k > 0; k--)
            claims.Add(RandomClaim(random, $"origin {o}", claims.Count));
        return claims;
    }

    private static ReconcilableClaim RandomClaim(Random random, string origin, int order)
    {
        var claim = new ReconcilableClaim($"c{order}", origin, RandomValue(random),
            Day0.AddHours(random.Next(0, 4)), Day0.AddDays(random.Next(0, 4)), order);
        return random.Next(10) switch
        {
            0 => claim with { Retracted = true },
            1 => claim with { Value = RandomValue(random), Corrected = true },
            _ => claim,
        };
    }

    /// <summary>A value whose finite bounds lie within 0..12.</summary>
    private static ClaimValue RandomValue(Random random)
    {
        ClaimValue Of(Qualifier q, long v) => new() { Qualifier = q, Kind = FigureKind.Count, Value = v };
        return random.Next(7) switch
        {
            0 or 1 => Of(Qualifier.Exact, random.Next(0, MaxValue + 1)),
            2 => Of(Qualifier.AtLeast, random.Next(0, MaxValue + 1)),
            3 => Of(Qualifier.AtMost, random.Next(0, MaxValue + 1)),
            4 => Of(Qualifier.MoreThan, random.Next(0, MaxValue)),
            5 => Of(Qualifier.Approximately, random.Next(1, MaxValue)), // ±1
            _ => RandomRange(random),
        };
    }

    private static ClaimValue RandomRange(Random random)
    {
        var (a, b) = (random.Next(0, MaxValue + 1), random.Next(0, MaxValue + 1));
        return new()
        {
            Qualifier = Qualifier.Range, Kind = FigureKind.Count, Low = Math.Min(a, b), High = Math.Max(a, b),
        };
    }

    /// <summary>Each origin's latest report not retracted, worked out here, not taken from the reconciler.</summary>
    private static List<ReconcilableClaim> Current(IEnumerable<ReconcilableClaim> claims) =>
        claims.Where(c => !c.Retracted).GroupBy(c => c.OriginKey)
            .Select(g => g.OrderBy(c => c.PublishedAt).ThenBy(c => c.RecordedOrder).Last()).ToList();

    /// <summary>
    /// Whether some count over 0..12, non-decreasing in time when cumulative (else one value for all moments), fits
    /// every claim; with <paramref name="last"/>, also taking that value at the latest moment.
    /// </summary>
    private static bool Fits(IReadOnlyList<ReconcilableClaim> claims, bool cumulative, long? last = null)
    {
        if (!cumulative)
            return Enumerable.Range(0, MaxValue + 1).Where(v => last is null || v == last)
                .Any(v => claims.All(c => c.Value.ToInterval().Contains(v)));
        var moments = claims.Select(c => c.RefersTo).Distinct().Order().ToList();
        var at = moments
            .Select(m => claims.Where(c => c.RefersTo == m).Select(c => c.Value.ToInterval()).ToList()).ToList();

        bool From(int moment, long floor)
        {
            if (moment == moments.Count) return true;
            for (var v = floor; v <= MaxValue; v++)
            {
                if (moment == moments.Count - 1 && last is { } l && v != l) continue;
                if (at[moment].All(i => i.Contains(v)) && From(moment + 1, v)) return true;
            }
            return false;
        }
        return From(0, 0);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Given_random_histories_then_the_figure_conflicts_exactly_when_no_count_fits_every_current_claim(
        bool cumulative)
    {
        for (var seed = 0; seed < Cases; seed++)
        {
            var random = new Random(seed);
            var claims = History(random);
            var because = $"seed {seed}, cumulative {cumulative}";

            var result = Reconciler.Reconcile(claims, cumulative);

            var current = Current(claims);
            var estimate = result.Estimate;
            var expected = current.Count switch
            {
                0 => EstimateStatus.NoClaims,
                1 => EstimateStatus.SingleOrigin,
                _ => Fits(current, cumulative) ? EstimateStatus.Consistent : EstimateStatus.Conflicting,
            };
            Assert.True(expected == estimate.Status, $"{because}: {estimate.Status}, expected {expected}");
            if (current.Count == 0) continue;

            // The named conflicts are exactly the pairs no count fits, earlier claim first.
            var pairs = current.SelectMany(a => current.Where(b => string.CompareOrdinal(a.Id, b.Id) < 0)
                    .Where(b => !Fits([a, b], cumulative)).Select(b => Ordered(a, b))).ToHashSet();
            Assert.True(pairs.SetEquals(estimate.Conflicts), $"{because}: conflicts");
            Assert.Equal(pairs.Count, estimate.ConflictCount);

            var best = estimate.Best!.Value;
            Assert.True((estimate.Low ?? long.MinValue) <= best && best <= (estimate.High ?? long.MaxValue), because);
            if (estimate.Status != EstimateStatus.Conflicting)
            {
                // Low/high are exactly the counts the claims allow at the estimate's moment; every origin allows best.
                for (var v = 0; v <= MaxValue; v++)
                    Assert.True(Fits(current, cumulative, v) == ((estimate.Low ?? 0) <= v && v <= (estimate.High ?? v)),
                        $"{because}: {v} against [{estimate.Low}, {estimate.High}]");
                Assert.Equal(current.Count, estimate.Compatible);
            }

            var roles = current.Select(c => result.Claims.Single(v => v.Id == c.Id).Role!.Value).ToList();
            Assert.Equal(roles.Count(r => r == ClaimRole.Backs), estimate.Origins);
            Assert.Equal(roles.Count(r => r != ClaimRole.Contradicts), estimate.Compatible);
            Assert.True(estimate.Origins >= 1, because);
            Assert.All(result.Claims.Where(v => current.All(c => c.Id != v.Id)), v => Assert.Null(v.Role));
            foreach (var claim in current)
                Assert.Equal(result.Claims.Single(v => v.Id == claim.Id).Role != ClaimRole.Contradicts,
                    Reconciler.Agrees(claim.Value, claim.RefersTo, retracted: false, cumulative, estimate));

            // The input's order does not matter.
            var shuffled = Reconciler.Reconcile(claims.OrderBy(_ => random.Next()).ToList(), cumulative).Estimate;
            Assert.Equal(estimate with { SetBy = SetBy.None, Conflicts = [] },
                shuffled with { SetBy = SetBy.None, Conflicts = [] });
            Assert.Equal(estimate.SetBy.Best, shuffled.SetBy.Best);
            Assert.Equal(estimate.Conflicts, shuffled.Conflicts);
        }
    }

    private static ClaimConflict Ordered(ReconcilableClaim a, ReconcilableClaim b)
    {
        var aFirst = a.RefersTo != b.RefersTo ? a.RefersTo < b.RefersTo : Reconciler.ReportOrder.Compare(a, b) < 0;
        var (earlier, later) = aFirst ? (a, b) : (b, a);
        return new ClaimConflict(earlier.Id, earlier.RefersTo, later.Id, later.RefersTo);
    }

    [Fact]
    public void Given_a_conflicting_cumulative_figure_when_a_new_origin_reports_then_every_conflict_remains()
    {
        var conflicting = 0;
        for (var seed = 0; seed < Cases; seed++)
        {
            var random = new Random(1_000_000 + seed);
            var claims = History(random);
            var before = Reconciler.Reconcile(claims, cumulative: true).Estimate;

            claims.Add(RandomClaim(random, "a new origin", claims.Count) with { Retracted = false });
            var after = Reconciler.Reconcile(claims, cumulative: true).Estimate;

            if (before.Status != EstimateStatus.Conflicting) continue;
            conflicting++;
            Assert.True(after.Status == EstimateStatus.Conflicting, $"seed {1_000_000 + seed}");
            Assert.All(before.Conflicts, c => Assert.Contains(c, after.Conflicts));
        }
        Assert.True(conflicting >= Cases / 10, $"only {conflicting} conflicting histories: the generator needs a look");
    }
}
