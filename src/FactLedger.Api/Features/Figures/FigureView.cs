using FactLedger.Domain.Keys;
using FactLedger.Domain.Reconciliation;
using FactLedger.Domain.Values;
using JasperFx.Events;
using JasperFx.Events.Aggregation;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Marten.Events.Aggregation;

namespace FactLedger.Api.Features.Figures;

/// <summary>
/// One figure as it stands, stored inline with its stream (a write and its reconciled estimate commit together):
/// the definition, the estimate, and per origin only its current claim, which is all reconciliation needs. Its size
/// grows with the number of origins, not of claims, so a write costs the same for the 10th claim as for the 10,000th.
/// Every claim with its fate is in <see cref="FigureDetails"/>, folded from the stream on read.
/// </summary>
public sealed class FigureView
{
    public string Id { get; set; } = "";
    public string Story { get; set; } = "";
    public FigureKind Kind { get; set; }
    public bool Cumulative { get; set; }
    public Dictionary<string, string> Labels { get; set; } = [];
    public string DefinedBy { get; set; } = "";
    public DateTimeOffset DefinedAt { get; set; }
    public DateTimeOffset LastChangedAt { get; set; }
    public long Version { get; set; }
    /// <summary>Claims recorded, retracted ones included.</summary>
    public int ClaimCount { get; set; }
    public List<OriginState> Origins { get; set; } = [];
    public Estimate Estimate { get; set; } = Estimate.None;

    public void Reconcile() =>
        Estimate = Reconciler.Reconcile(Origins.Where(o => o.Current is not null).Select(o => o.Current!).ToList(), Cumulative).Estimate;
}

/// <summary>One origin of a figure's claims: how many it made, and its current claim (its latest report not
/// retracted, with a correction applied), or none when all are retracted.</summary>
public sealed class OriginState
{
    public string Key { get; set; } = "";
    public string Name { get; set; } = "";
    public int Claims { get; set; }
    public ReconcilableClaim? Current { get; set; }
}

/// <summary>
/// Builds <see cref="FigureView"/> from a figure stream. Origins resolve through the configured alias table (a change
/// to it takes effect for stored claims after a projection rebuild). Reconciles once per slice of events (a batch of
/// claims, or a rebuild's page of the stream), not once per event. Only retracting an origin's current claim needs the
/// origin's earlier claims: then the stream so far is read back and folded whole (rare, and correct in a rebuild too,
/// as it reads only the versions before the slice).
/// </summary>
public sealed partial class FigureViewProjection(OriginResolver origins) : SingleStreamProjection<FigureView, string>
{
    public static void Register(StoreOptions options, OriginResolver origins) =>
        options.Projections.Add(new FigureViewProjection(origins), ProjectionLifecycle.Inline);

    public override async ValueTask<(FigureView?, ActionType)> DetermineActionAsync(IQuerySession session, FigureView? snapshot, string identity,
        IIdentitySetter<FigureView, string> identitySetter, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        var view = await FigureViewFold.ApplyAsync(snapshot, events, origins, async () =>
            snapshot is null || events.Count == 0 ? [] : await session.Events.FetchStreamAsync(identity, version: events[0].Version - 1, token: cancellation));
        return view is null ? (null, ActionType.Nothing) : (view, ActionType.Store);
    }
}

/// <summary>The fold behind <see cref="FigureViewProjection"/>, apart from Marten so it can be checked against
/// <see cref="FigureDetails"/> without a database.</summary>
public static class FigureViewFold
{
    /// <param name="earlier">The stream's events before <paramref name="events"/> (those <paramref name="snapshot"/> was
    /// built from); read only when an origin's current claim is retracted.</param>
    public static async Task<FigureView?> ApplyAsync(FigureView? snapshot, IReadOnlyList<IEvent> events, OriginResolver origins,
        Func<Task<IReadOnlyList<IEvent>>> earlier)
    {
        var view = snapshot;
        var changed = false;
        IReadOnlyList<IEvent>? before = null;
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            switch (e.Data)
            {
                case FigureDefined d when view is null:
                    view = new FigureView
                    {
                        Id = d.FigureKey, Story = Keys.StoryOf(d.FigureKey), Kind = d.Kind, Cumulative = d.Cumulative,
                        Labels = new Dictionary<string, string>(d.Labels), DefinedBy = d.RecordedBy, DefinedAt = d.RecordedAt,
                        LastChangedAt = d.RecordedAt, Version = e.Version,
                    };
                    break;
                case ClaimRecorded c when view is not null:
                    var key = origins.KeyOf(c.AttributedTo, c.Outlet);
                    var origin = view.Origins.FirstOrDefault(o => o.Key == key);
                    if (origin is null) view.Origins.Add(origin = new OriginState { Key = key, Name = origins.Resolve(c.AttributedTo, c.Outlet) });
                    origin.Claims++;
                    view.ClaimCount++;
                    var claim = new ReconcilableClaim(c.ClaimId, key, c.Value, c.PublishedAt, c.RefersTo, e.Version);
                    // The latest report of an origin is its current claim; an older one arriving late changes nothing.
                    if (origin.Current is not { } current || Reconciler.ReportOrder.Compare(claim, current) > 0) origin.Current = claim;
                    changed = Changed(view, e, c.RecordedAt);
                    break;
                case ClaimCorrected c when view is not null:
                    if (CurrentOf(view, c.ClaimId) is { } corrected)
                        corrected.Current = corrected.Current! with { Value = c.Value ?? corrected.Current.Value, Corrected = true };
                    changed = Changed(view, e, c.RecordedAt);
                    break;
                case ClaimRetracted r when view is not null:
                    if (CurrentOf(view, r.ClaimId) is not null)
                    {
                        // The origin's next-latest claim takes over: fold the stream up to here to find it.
                        before ??= await earlier();
                        var upToHere = before.Concat(events.Take(i + 1)).ToList();
                        view = FromDetails(FigureDetails.Fold(upToHere, origins)!, view);
                    }
                    changed = Changed(view, e, r.RecordedAt);
                    break;
            }
        }
        if (changed) view!.Reconcile();
        return view;
    }

    /// <summary>The compact view of a fully folded figure (keeping the definition's who and when).</summary>
    public static FigureView FromDetails(FigureDetails details, FigureView definition) => new()
    {
        Id = details.Id, Story = details.Story, Kind = details.Kind, Cumulative = details.Cumulative, Labels = details.Labels,
        DefinedBy = definition.DefinedBy, DefinedAt = definition.DefinedAt, LastChangedAt = details.LastChangedAt, Version = details.Version,
        ClaimCount = details.Claims.Count,
        Origins = details.Claims.GroupBy(c => c.OriginKey).Select(g => new OriginState
        {
            Key = g.Key, Name = g.First().Origin, Claims = g.Count(),
            Current = g.Where(c => c.Status is ClaimStatus.Current or ClaimStatus.Corrected).Select(c => c.ToReconcilable()).SingleOrDefault(),
        }).ToList(),
    };

    private static OriginState? CurrentOf(FigureView view, string claimId) => view.Origins.FirstOrDefault(o => o.Current?.Id == claimId);

    private static bool Changed(FigureView view, IEvent e, DateTimeOffset at)
    {
        view.Version = e.Version;
        view.LastChangedAt = at;
        return true;
    }
}
