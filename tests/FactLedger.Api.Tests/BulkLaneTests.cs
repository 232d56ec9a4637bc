using FactLedger.Api.Features.Claims;
using FactLedger.Api.Features.Ingest;

namespace FactLedger.Api.Tests;

/// <summary>How a slice of a bulk ingest is split into lanes written side by side (no database needed).</summary>
public class BulkLaneTests
{
    private static BundleLoader.PendingClaim Claim(int index, string figure, string? id = null) =>
        new(index, new RecordClaim.Command(id, figure, "s", null, null, null, "q"), index);

    [Fact]
    public void Given_claims_about_several_figures_when_split_then_each_figure_is_in_one_lane_in_input_order()
    {
        var claims = Enumerable.Range(0, 40).Select(i => Claim(i, $"f{i % 7}")).ToList();

        var lanes = BundleLoader.Lanes(claims, 3);

        Assert.Equal(3, lanes.Count);
        Assert.Equal(claims.Select(c => c.Index).Order(), lanes.SelectMany(l => l).Select(c => c.Index).Order());
        foreach (var figure in claims.Select(c => c.Claim.Figure).Distinct())
        {
            var holding = lanes.Where(l => l.Any(c => c.Claim.Figure == figure)).ToList();
            var lane = Assert.Single(holding);
            var order = lane.Where(c => c.Claim.Figure == figure).Select(c => c.Index).ToList();
            Assert.Equal(order.Order(), order);
        }
        // Dealt to the least loaded lane: no lane holds more than the others by more than the largest figure.
        Assert.True(lanes.Max(l => l.Count) - lanes.Min(l => l.Count) <= 6);
    }

    [Fact]
    public void Given_an_id_named_about_two_figures_when_split_then_both_figures_share_a_lane_in_first_seen_order()
    {
        var claims = new[]
        {
            Claim(0, "a"), Claim(1, "b", "shared"), Claim(2, "c"), Claim(3, "d", "shared"), Claim(4, "e"),
            Claim(5, "b"), Claim(6, "f", "other"), Claim(7, "d"),
        };

        var lanes = BundleLoader.Lanes(claims, 4);

        var lane = Assert.Single(lanes, l => l.Any(c => c.Claim.Figure == "b"));
        Assert.Equal([1, 5, 3, 7], lane.Where(c => c.Claim.Figure is "b" or "d").Select(c => c.Index));
        Assert.Equal(4, lanes.Count);
    }

    [Fact]
    public void Given_one_lane_or_fewer_figures_than_lanes_when_split_then_no_lane_is_empty()
    {
        var claims = Enumerable.Range(0, 5).Select(i => Claim(i, "only")).ToList();

        Assert.Single(BundleLoader.Lanes(claims, 1));
        Assert.Single(BundleLoader.Lanes(claims, 4));
        Assert.Empty(BundleLoader.Lanes([], 2));
    }
}
