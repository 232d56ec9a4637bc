using System.Text.Json;
using FactLedger.Api.Features;
using FactLedger.Api.Features.Figures;
using FactLedger.Domain.Reconciliation;
using FactLedger.Domain.Values;
using JasperFx.Events;

namespace FactLedger.Api.Tests;

/// <summary>
/// The stored figure view keeps one current claim per origin; the figure read back folds every claim. Both must give
/// the same estimate for any history, however it is sliced into commits. No database: the fold is pure.
/// </summary>
public class FigureViewFoldTests
{
    private static readonly DateTimeOffset T0 = new(2022, 1, 5, 0, 0, 0, TimeSpan.Zero);
    private static readonly OriginResolver Origins = OriginResolver.FromGroups([["Interior Ministry", "MVD"]]);

    [Fact]
    public async Task Given_random_histories_in_random_slices_when_folded_compactly_then_the_estimate_matches_the_full_fold()
    {
        for (var seed = 0; seed < 400; seed++)
        {
            var random = new Random(seed);
            var cumulative = random.Next(2) == 0;
            var events = History(random, cumulative);

            var view = await FoldInSlices(events, random);
            var full = FigureDetails.Fold(events, Origins)!;

            Assert.True(Json(full.Estimate) == Json(view!.Estimate), $"seed {seed}: {Json(view.Estimate)} != {Json(full.Estimate)}");
            Assert.Equal(full.Claims.Count, view.ClaimCount);
            Assert.Equal(full.Version, view.Version);
            var currents = full.Claims.Where(c => c.Status is ClaimStatus.Current or ClaimStatus.Corrected).Select(c => c.Id).Order().ToList();
            Assert.Equal(currents, view.Origins.Where(o => o.Current is not null).Select(o => o.Current!.Id).Order().ToList());
        }
    }

    [Fact]
    public async Task Given_an_origins_current_claim_when_it_is_retracted_then_its_previous_report_counts_again_with_its_correction()
    {
        var events = Numbered(
            Defined(cumulative: false),
            Recorded("a1", "Interior Ministry", Exact(10), T0),
            Corrected("a1", Exact(12)),
            Recorded("a2", "MVD", Exact(20), T0.AddHours(1)),
            Recorded("b1", "Outlet B", AtLeast(5), T0));
        var view = await FoldInSlices(events, new Random(1));
        Assert.Equal(20, view!.Estimate.Best);

        // The retraction arrives in a slice of its own: the earlier claims come back from the stream.
        var after = await FigureViewFold.ApplyAsync(view, Numbered(events.Count, Retracted("a2")), Origins, () => Task.FromResult(events));

        Assert.Equal(12, after!.Estimate.Best);
        Assert.Equal("a1", after.Origins.Single(o => o.Key == "interior ministry").Current!.Id);
        Assert.Equal(2, after.Origins.Single(o => o.Key == "interior ministry").Claims);
    }

    /// <summary>Applies the events in random slices, the view stored as JSON between them, as Marten would.</summary>
    private static async Task<FigureView?> FoldInSlices(IReadOnlyList<IEvent> events, Random random)
    {
        FigureView? view = null;
        for (var start = 0; start < events.Count;)
        {
            var length = random.Next(1, 6);
            var slice = events.Skip(start).Take(length).ToList();
            var before = events.Take(start).ToList();
            view = await FigureViewFold.ApplyAsync(view, slice, Origins, () => Task.FromResult<IReadOnlyList<IEvent>>(before));
            view = JsonSerializer.Deserialize<FigureView>(JsonSerializer.Serialize(view, JsonSerializerOptions.Web), JsonSerializerOptions.Web);
            start += slice.Count;
        }
        return view;
    }

    private static IReadOnlyList<IEvent> History(Random random, bool cumulative)
    {
        string[] attributions = ["Interior Ministry", "MVD", "Health Ministry", ""];
        string[] outlets = ["Outlet A", "Outlet B", "Outlet C"];
        var data = new List<object> { Defined(cumulative) };
        var ids = new List<string>();
        for (var i = 0; i < random.Next(1, 25); i++)
        {
            var roll = random.Next(10);
            if (roll < 2 && ids.Count > 0) data.Add(Retracted(ids[random.Next(ids.Count)]));
            else if (roll < 4 && ids.Count > 0) data.Add(Corrected(ids[random.Next(ids.Count)], Value(random)));
            else
            {
                var id = $"c{i}";
                ids.Add(id);
                var attributed = attributions[random.Next(attributions.Length)];
                // Publication times collide often, and arrive out of order: the recording order must break ties.
                data.Add(Recorded(id, attributed, Value(random), T0.AddHours(random.Next(6)), outlets[random.Next(outlets.Length)]));
            }
        }
        return Numbered(data.ToArray());
    }

    private static ClaimValue Value(Random random) => random.Next(3) switch
    {
        0 => Exact(random.Next(5, 40)),
        1 => AtLeast(random.Next(5, 40)),
        _ => new ClaimValue { Qualifier = Qualifier.Range, Kind = FigureKind.Count, Low = random.Next(5, 20), High = random.Next(20, 40) },
    };

    private static IReadOnlyList<IEvent> Numbered(params object[] data) => Numbered(0, data);

    private static IReadOnlyList<IEvent> Numbered(int before, params object[] data) =>
        data.Select((d, i) =>
        {
            var e = (IEvent)Activator.CreateInstance(typeof(Event<>).MakeGenericType(d.GetType()), d)!;
            e.Version = before + i + 1;
            return e;
        }).ToList();

    private static FigureDefined Defined(bool cumulative) =>
        new("story.group.killed", FigureKind.Count, cumulative, new Dictionary<string, string> { ["en"] = "Killed" }, "test", T0);

    private static ClaimRecorded Recorded(string id, string attributedTo, ClaimValue value, DateTimeOffset published, string outlet = "Outlet A") =>
        new(id, "story.group.killed", "source", outlet, published, value, published, attributedTo.Length == 0 ? null : attributedTo,
            "quote", 0, 5, "hash", "test", T0);

    private static ClaimCorrected Corrected(string id, ClaimValue value) =>
        new(id, "story.group.killed", "source", value, null, null, null, "misread", "test", T0);

    private static ClaimRetracted Retracted(string id) => new(id, "story.group.killed", "source", "withdrawn", "test", T0);

    private static ClaimValue Exact(long v) => new() { Qualifier = Qualifier.Exact, Kind = FigureKind.Count, Value = v };
    private static ClaimValue AtLeast(long v) => new() { Qualifier = Qualifier.AtLeast, Kind = FigureKind.Count, Value = v };

    private static string Json(object value) => JsonSerializer.Serialize(value, JsonSerializerOptions.Web);
}
