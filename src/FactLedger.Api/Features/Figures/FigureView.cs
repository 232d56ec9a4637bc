using FactLedger.Domain.Keys;
using FactLedger.Domain.Reconciliation;
using FactLedger.Domain.Values;
using JasperFx.Events;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Marten.Events.Aggregation;

namespace FactLedger.Api.Features.Figures;

/// <summary>
/// One figure as it stands: its definition, every claim with its fate, and the reconciled estimate.
/// Kept inline with the figure stream, so a write and its reconciled view commit together.
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
    public List<FigureClaim> Claims { get; set; } = [];
    public Estimate Estimate { get; set; } = Estimate.None;

    /// <summary>Re-runs reconciliation over the claims and writes each claim's fate and the estimate back.</summary>
    public void Reconcile()
    {
        var result = Reconcile(Claims, Cumulative);
        Estimate = result.Estimate;
        var verdicts = result.Claims.ToDictionary(c => c.Id);
        foreach (var claim in Claims)
        {
            var verdict = verdicts[claim.Id];
            claim.Status = verdict.Status;
            claim.SupersededBy = verdict.SupersededBy;
            claim.EffectiveLow = verdict.EffectiveLow;
            claim.EffectiveHigh = verdict.EffectiveHigh;
        }
    }

    public static ReconciliationResult Reconcile(IEnumerable<FigureClaim> claims, bool cumulative) =>
        Reconciler.Reconcile(claims.Select(c => c.ToReconcilable()).ToList(), cumulative);

    /// <summary>A copy holding only the claims published by <paramref name="asOf"/>, reconciled anew.</summary>
    public FigureView PublishedBy(DateTimeOffset asOf)
    {
        var copy = (FigureView)MemberwiseClone();
        copy.Claims = Claims.Where(c => c.PublishedAt <= asOf).Select(c => c.Copy()).ToList();
        copy.Reconcile();
        return copy;
    }
}

public sealed class FigureClaim
{
    public string Id { get; set; } = "";
    public string SourceKey { get; set; } = "";
    public string Outlet { get; set; } = "";
    public string? AttributedTo { get; set; }
    public string Origin { get; set; } = "";
    public string OriginKey { get; set; } = "";
    public ClaimValue Value { get; set; } = null!;
    public ClaimValue? OriginalValue { get; set; }
    public string Quote { get; set; } = "";
    /// <summary>How the value was read from the text, when that took judgement.</summary>
    public string? Note { get; set; }
    /// <summary>The quote's language: its source's.</summary>
    public string? Language { get; set; }
    public int QuoteOffset { get; set; }
    public int QuoteLength { get; set; }
    public DateTimeOffset PublishedAt { get; set; }
    public DateTimeOffset RefersTo { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
    public string RecordedBy { get; set; } = "";
    /// <summary>The event's version in the figure stream: breaks publication-time ties.</summary>
    public long RecordedOrder { get; set; }
    public ClaimStatus Status { get; set; }
    public string? SupersededBy { get; set; }
    public long? EffectiveLow { get; set; }
    public long? EffectiveHigh { get; set; }
    public List<ClaimRevision> Corrections { get; set; } = [];
    public ClaimRevision? Retraction { get; set; }

    public ReconcilableClaim ToReconcilable() =>
        new(Id, OriginKey, Value, PublishedAt, RefersTo, RecordedOrder, Retraction is not null, Corrections.Count > 0);

    public FigureClaim Copy() => (FigureClaim)MemberwiseClone();
}

/// <summary>A correction or retraction: who, when, why, and for a correction what changed.</summary>
public sealed record ClaimRevision(DateTimeOffset At, string By, string Reason, ClaimValue? Value = null, string? Quote = null);

/// <summary>Builds <see cref="FigureView"/> from a figure stream. Origins resolve through the configured alias table
/// (a change to it takes effect for stored claims after a projection rebuild). Reconciles once per slice of events
/// (a batch of claims, or a rebuild's page of the stream), not once per event.</summary>
public sealed partial class FigureViewProjection(OriginResolver origins) : SingleStreamProjection<FigureView, string>
{
    public static void Register(StoreOptions options, OriginResolver origins) =>
        options.Projections.Add(new FigureViewProjection(origins), ProjectionLifecycle.Inline);

    public override (FigureView?, ActionType) DetermineAction(FigureView? snapshot, string identity, IReadOnlyList<IEvent> events)
    {
        var view = snapshot;
        var changed = false;
        foreach (var e in events)
        {
            switch (e)
            {
                case IEvent<FigureDefined> defined when view is null:
                    view = Defined(defined);
                    break;
                case IEvent<ClaimRecorded> recorded when view is not null:
                    changed |= Record(recorded, view);
                    break;
                case IEvent<ClaimCorrected> corrected when view is not null:
                    changed |= Correct(corrected, view);
                    break;
                case IEvent<ClaimRetracted> retracted when view is not null:
                    changed |= Retract(retracted, view);
                    break;
            }
        }
        if (view is null) return (null, ActionType.Nothing);
        if (changed) view.Reconcile();
        return (view, ActionType.Store);
    }

    private static FigureView Defined(IEvent<FigureDefined> e) => new()
    {
        Id = e.Data.FigureKey, Story = Keys.StoryOf(e.Data.FigureKey), Kind = e.Data.Kind, Cumulative = e.Data.Cumulative,
        Labels = new Dictionary<string, string>(e.Data.Labels), DefinedBy = e.Data.RecordedBy, DefinedAt = e.Data.RecordedAt,
        LastChangedAt = e.Data.RecordedAt, Version = e.Version,
    };

    private bool Record(IEvent<ClaimRecorded> e, FigureView view)
    {
        var c = e.Data;
        view.Claims.Add(new FigureClaim
        {
            Id = c.ClaimId, SourceKey = c.SourceKey, Outlet = c.Outlet, AttributedTo = c.AttributedTo,
            Origin = origins.Resolve(c.AttributedTo, c.Outlet), OriginKey = origins.KeyOf(c.AttributedTo, c.Outlet),
            Value = c.Value, Quote = c.Quote, Note = c.Note, Language = c.SourceLanguage, QuoteOffset = c.QuoteOffset, QuoteLength = c.QuoteLength,
            PublishedAt = c.PublishedAt, RefersTo = c.RefersTo, RecordedAt = c.RecordedAt, RecordedBy = c.RecordedBy,
            RecordedOrder = e.Version,
        });
        return Changed(view, e, c.RecordedAt);
    }

    private static bool Correct(IEvent<ClaimCorrected> e, FigureView view)
    {
        var claim = view.Claims.FirstOrDefault(x => x.Id == e.Data.ClaimId);
        if (claim is null) return false;
        claim.OriginalValue ??= claim.Value;
        claim.Corrections.Add(new ClaimRevision(e.Data.RecordedAt, e.Data.RecordedBy, e.Data.Reason, e.Data.Value, e.Data.Quote));
        if (e.Data.Value is not null) claim.Value = e.Data.Value;
        if (e.Data.Quote is not null)
        {
            claim.Quote = e.Data.Quote;
            claim.QuoteOffset = e.Data.QuoteOffset ?? claim.QuoteOffset;
            claim.QuoteLength = e.Data.QuoteLength ?? claim.QuoteLength;
        }
        return Changed(view, e, e.Data.RecordedAt);
    }

    private static bool Retract(IEvent<ClaimRetracted> e, FigureView view)
    {
        var claim = view.Claims.FirstOrDefault(x => x.Id == e.Data.ClaimId);
        if (claim is null) return false;
        claim.Retraction = new ClaimRevision(e.Data.RecordedAt, e.Data.RecordedBy, e.Data.Reason);
        return Changed(view, e, e.Data.RecordedAt);
    }

    private static bool Changed(FigureView view, IEvent e, DateTimeOffset at)
    {
        view.Version = e.Version;
        view.LastChangedAt = at;
        return true;
    }
}
