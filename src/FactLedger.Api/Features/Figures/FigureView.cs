using System.Collections.Immutable;
using FactLedger.Api.Features.Origins;
using JasperFx.Events;
using JasperFx.Events.Aggregation;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten.Events.Aggregation;

namespace FactLedger.Api.Features.Figures;

/// <summary>
/// One figure as it stands, stored inline with its stream (a write and its reconciled estimate commit together): the
/// compact <see cref="Figure"/> state (each origin's current claim) and its estimate, for listing and filtering. Every
/// claim with its fate comes from folding the stream when read (<see cref="FigureReader"/>).
/// </summary>
public sealed class FigureView
{
    /// <summary>The shape of the stored state; a view of another shape is rebuilt from its stream when next
    /// written.</summary>
    public const int CurrentShape = 2;

    public string Id { get; set; } = "";
    public string Story { get; set; } = "";
    public FigureKind Kind { get; set; }
    public bool Cumulative { get; set; }
    public Dictionary<string, string> Labels { get; set; } = [];
    public string DefinedBy { get; set; } = "";
    public DateTimeOffset DefinedAt { get; set; }
    /// <summary>When the figure's stream last changed (the ledger's clock).</summary>
    public DateTimeOffset LastChangedAt { get; set; }
    /// <summary>When the newest report that counts was published (the story's clock).</summary>
    public DateTimeOffset? LatestReportAt { get; set; }
    public long Version { get; set; }
    /// <summary>Claims recorded, retracted ones included.</summary>
    public int ClaimCount { get; set; }
    public List<string> OriginKeys { get; set; } = [];
    /// <summary>Each origin's current claim.</summary>
    public List<FigureClaim> Current { get; set; } = [];
    public Estimate Estimate { get; set; } = Estimate.None;
    public int Shape { get; set; }

    public static FigureView Of(Figure figure)
    {
        var compact = figure.Compact();
        return new FigureView
        {
            Id = compact.Key, Story = compact.Story, Kind = compact.Kind, Cumulative = compact.Cumulative,
            Labels = new Dictionary<string, string>(compact.Labels), DefinedBy = compact.DefinedBy,
            DefinedAt = compact.DefinedAt, LastChangedAt = compact.LastChangedAt,
            LatestReportAt = compact.LatestReportAt, Version = compact.Version,
            ClaimCount = compact.ClaimCount, OriginKeys = [.. compact.OriginKeys], Current = [.. compact.Claims],
            Estimate = compact.Estimate, Shape = CurrentShape,
        };
    }

    /// <summary>The compact state stored here, or null when it was stored in another shape.</summary>
    public Figure? ToState() => Shape != CurrentShape ? null : new Figure
    {
        Key = Id, Kind = Kind, Cumulative = Cumulative, Labels = Labels, DefinedBy = DefinedBy, DefinedAt = DefinedAt,
        Version = Version, LastChangedAt = LastChangedAt, ClaimCount = ClaimCount, OriginKeys = [.. OriginKeys],
        Claims = [.. Current], IsCompact = true,
    };
}

/// <summary>
/// Stores <see cref="FigureView"/> from a figure stream, once per slice of events (a batch of claims, or a rebuild's
/// page of the stream): the stored compact state evolved by <see cref="FigureDecider"/>. When that state cannot go
/// on alone (an origin's current claim retracted, or a view of an older shape), the stream up to the slice is read
/// back and folded from the start; this is rare, and correct in a rebuild too.
/// </summary>
public sealed partial class FigureViewProjection(OriginBook origins) : SingleStreamProjection<FigureView, string>
{
    public static void Register(StoreOptions options, OriginBook origins) =>
        options.Projections.Add(new FigureViewProjection(origins), ProjectionLifecycle.Inline);

    public override async ValueTask<(FigureView?, ActionType)> DetermineActionAsync(IQuerySession session,
        FigureView? snapshot, string identity, IIdentitySetter<FigureView, string> identitySetter,
        IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        if (events.Count == 0) return (snapshot, ActionType.Nothing);
        // The writer made the book's rules the committed ones under the rules' lock.
        var decider = origins.Current.Decider;
        var state = snapshot?.ToState();
        if (snapshot is null || state is not null)
            state = events.Aggregate(state, (s, e) => decider.Evolve(s, e.Data));
        if (snapshot is not null && state is null or { NeedsHistory: true })
        {
            var before = events[0].Version - 1;
            var earlier = await session.Events.FetchStreamAsync(identity, version: before, token: cancellation);
            state = decider.Fold(earlier.Concat(events).Select(e => e.Data));
        }
        return state is null ? (null, ActionType.Nothing) : (FigureView.Of(state), ActionType.Store);
    }
}
