using FactLedger.Api.Infrastructure.Http;
using FactLedger.Domain.Keys;
using FactLedger.Domain.Reconciliation;
using FactLedger.Domain.Values;
using JasperFx.Events;
using Marten;

namespace FactLedger.Api.Features.Figures;

/// <summary>
/// One figure with every claim and its fate (current, superseded, corrected, retracted) and the reconciled estimate.
/// Folded from the figure stream when read, not stored: the stored <see cref="FigureView"/> keeps only what
/// reconciliation needs (one current claim per origin), so a write costs the same however many claims a figure has.
/// Reads of the figure as it is now are cached per stream version (<see cref="FigureReadCache"/>).
/// </summary>
public sealed class FigureDetails
{
    public string Id { get; set; } = "";
    public string Story { get; set; } = "";
    public FigureKind Kind { get; set; }
    public bool Cumulative { get; set; }
    public Dictionary<string, string> Labels { get; set; } = [];
    public DateTimeOffset LastChangedAt { get; set; }
    public long Version { get; set; }
    public List<FigureClaim> Claims { get; set; } = [];
    public Estimate Estimate { get; set; } = Estimate.None;

    /// <summary>The figure stream (up to <paramref name="knownAt"/> on the recording clock, when given) folded.</summary>
    public static async Task<FigureDetails> LoadAsync(IQuerySession session, OriginResolver origins, string key, DateTimeOffset? knownAt, CancellationToken ct)
    {
        var events = knownAt is { } at
            ? await session.Events.FetchStreamAsync(key, timestamp: at, token: ct)
            : await session.Events.FetchStreamAsync(key, token: ct);
        return Fold(events, origins) ?? throw ProblemException.NotFound(knownAt is null
            ? $"No figure has key '{key}'."
            : $"Figure '{key}' was not yet defined at {knownAt:O}.");
    }

    /// <summary>Folds a figure stream's events, in version order; null until the figure is defined.</summary>
    public static FigureDetails? Fold(IEnumerable<IEvent> events, OriginResolver origins)
    {
        FigureDetails? figure = null;
        foreach (var e in events)
        {
            switch (e.Data)
            {
                case FigureDefined d when figure is null:
                    figure = new FigureDetails
                    {
                        Id = d.FigureKey, Story = Keys.StoryOf(d.FigureKey), Kind = d.Kind, Cumulative = d.Cumulative,
                        Labels = new Dictionary<string, string>(d.Labels), LastChangedAt = d.RecordedAt, Version = e.Version,
                    };
                    break;
                case ClaimRecorded c when figure is not null:
                    figure.Claims.Add(new FigureClaim
                    {
                        Id = c.ClaimId, SourceKey = c.SourceKey, Outlet = c.Outlet, AttributedTo = c.AttributedTo,
                        Origin = origins.Resolve(c.AttributedTo, c.Outlet), OriginKey = origins.KeyOf(c.AttributedTo, c.Outlet),
                        Value = c.Value, Quote = c.Quote, Note = c.Note, Language = c.SourceLanguage, QuoteOffset = c.QuoteOffset, QuoteLength = c.QuoteLength,
                        PublishedAt = c.PublishedAt, RefersTo = c.RefersTo, RecordedAt = c.RecordedAt, RecordedBy = c.RecordedBy,
                        RecordedOrder = e.Version,
                    });
                    figure.Changed(e, c.RecordedAt);
                    break;
                case ClaimCorrected c when figure?.Find(c.ClaimId) is { } claim:
                    claim.OriginalValue ??= claim.Value;
                    claim.Corrections.Add(new ClaimRevision(c.RecordedAt, c.RecordedBy, c.Reason, c.Value, c.Quote));
                    if (c.Value is not null) claim.Value = c.Value;
                    if (c.Quote is not null)
                    {
                        claim.Quote = c.Quote;
                        claim.QuoteOffset = c.QuoteOffset ?? claim.QuoteOffset;
                        claim.QuoteLength = c.QuoteLength ?? claim.QuoteLength;
                    }
                    figure.Changed(e, c.RecordedAt);
                    break;
                case ClaimRetracted r when figure?.Find(r.ClaimId) is { } claim:
                    claim.Retraction = new ClaimRevision(r.RecordedAt, r.RecordedBy, r.Reason);
                    figure.Changed(e, r.RecordedAt);
                    break;
            }
        }
        figure?.Reconcile();
        return figure;
    }

    public FigureClaim? Find(string claimId) => Claims.FirstOrDefault(c => c.Id == claimId);

    private void Changed(IEvent e, DateTimeOffset at)
    {
        Version = e.Version;
        LastChangedAt = at;
    }

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
    public FigureDetails PublishedBy(DateTimeOffset asOf)
    {
        var copy = (FigureDetails)MemberwiseClone();
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
