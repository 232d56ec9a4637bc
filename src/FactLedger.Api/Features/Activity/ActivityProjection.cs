using FactLedger.Api.Features.Figures;
using FactLedger.Domain.Dependence;
using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten.Events.Projections;

namespace FactLedger.Api.Features.Activity;

/// <summary>One line of the activity log: who did what to which stream, when.</summary>
public sealed class ActivityEntry
{
    public Guid Id { get; set; }
    public DateTimeOffset At { get; set; }
    /// <summary>The event's place in the whole ledger: orders entries recorded in the same instant.</summary>
    public long Sequence { get; set; }
    public string By { get; set; } = "";
    public string Action { get; set; } = "";
    public string Stream { get; set; } = "";
    public string? ClaimId { get; set; }
    public string? SourceKey { get; set; }
    public string Summary { get; set; } = "";
    public string? CorrelationId { get; set; }
}

/// <summary>Writes an <see cref="ActivityEntry"/> per ledger event. Async (run by the daemon):
/// inline it was nearly half the time of committing a batch of claims, and an audit log may trail the ledger by the
/// daemon's poll (under a second) where a figure's estimate may not. Entries are inserted, not upserted: an event is
/// projected once (its entry commits with the daemon's checkpoint, and a rebuild starts from an empty table), and a
/// rebuild writes inserts with binary COPY.</summary>
public sealed partial class ActivityProjection : EventProjection
{
    public ActivityProjection()
    {
        Name = "Activity";
        // Entries are inserted by hand (not returned from Create methods): say which documents this projection owns, so
        // a rebuild starts by deleting them.
        RegisterPublishedType(typeof(ActivityEntry));
    }

    public static void Register(StoreOptions options)
    {
        options.Projections.Add(new ActivityProjection(), ProjectionLifecycle.Async);
        options.Schema.For<ActivityEntry>().Index(x => x.By).Index(x => x.At);
    }

    private static ActivityEntry Entry(IEvent e, string by, DateTimeOffset at, string action, string stream,
        string summary, string? claim = null, string? source = null) => new()
    {
        Id = e.Id, At = at, Sequence = e.Sequence, By = by, Action = action, Stream = stream, Summary = summary,
        ClaimId = claim, SourceKey = source, CorrelationId = e.CorrelationId,
    };

    public void Project(IEvent<SourceRegistered> e, IDocumentOperations operations) =>
        operations.Insert(Entry(e, e.Data.RecordedBy, e.Data.RecordedAt, "source_registered", e.Data.SourceKey,
            $"registered source {e.Data.SourceKey} ({e.Data.Outlet ?? "unnamed outlet"})", source: e.Data.SourceKey));

    public void Project(IEvent<FigureDefined> e, IDocumentOperations operations) =>
        operations.Insert(Entry(e, e.Data.RecordedBy, e.Data.RecordedAt, "figure_defined", e.Data.FigureKey,
            $"defined figure {e.Data.FigureKey}"));

    public void Project(IEvent<FigureLabelsCorrected> e, IDocumentOperations operations) =>
        operations.Insert(Entry(e, e.Data.RecordedBy, e.Data.RecordedAt, "figure_labels_corrected", e.Data.FigureKey,
            $"corrected the labels of {e.Data.FigureKey}: {e.Data.Reason}"));

    public void Project(IEvent<ClaimRecorded> e, IDocumentOperations operations) =>
        operations.Insert(Entry(e, e.Data.RecordedBy, e.Data.RecordedAt, "claim_recorded", e.Data.FigureKey,
            $"recorded {Wording.Of(e.Data.Value)} for {e.Data.FigureKey} from {e.Data.SourceKey}",
            e.Data.ClaimId, e.Data.SourceKey));

    public void Project(IEvent<ClaimCorrected> e, IDocumentOperations operations) =>
        operations.Insert(Entry(e, e.Data.RecordedBy, e.Data.RecordedAt, "claim_corrected", e.Data.FigureKey,
            $"corrected {e.Data.ClaimId}" +
            $"{(e.Data.Value is { } v ? $" to {Wording.Of(v)}" : "")}: {e.Data.Reason}",
            e.Data.ClaimId, e.Data.SourceKey));

    public void Project(IEvent<ClaimRetracted> e, IDocumentOperations operations) =>
        operations.Insert(Entry(e, e.Data.RecordedBy, e.Data.RecordedAt, "claim_retracted", e.Data.FigureKey,
            $"retracted {e.Data.ClaimId}: {e.Data.Reason}", e.Data.ClaimId, e.Data.SourceKey));

    public void Project(IEvent<DependenceConfirmed> e, IDocumentOperations operations) =>
        operations.Insert(Entry(e, e.Data.RecordedBy, e.Data.RecordedAt, "dependence_confirmed",
            OriginRules.StreamKey,
            $"confirmed that {e.Data.Source} depends on {e.Data.DependsOn}" +
            (e.Data.Reason is { } reason ? $": {reason}" : ""), source: e.Data.Source));

    public void Project(IEvent<DependenceRejected> e, IDocumentOperations operations) =>
        operations.Insert(Entry(e, e.Data.RecordedBy, e.Data.RecordedAt, "dependence_rejected",
            OriginRules.StreamKey,
            $"rejected that {e.Data.Source} depends on {e.Data.DependsOn}: {e.Data.Reason}", source: e.Data.Source));

    public void Project(IEvent<DependenceWithdrawn> e, IDocumentOperations operations) =>
        operations.Insert(Entry(e, e.Data.RecordedBy, e.Data.RecordedAt, "dependence_withdrawn",
            OriginRules.StreamKey,
            $"withdrew that {e.Data.Source} depends on {e.Data.DependsOn}: {e.Data.Reason}", source: e.Data.Source));

    public void Project(IEvent<OriginIdentityDeclared> e, IDocumentOperations operations) =>
        operations.Insert(Entry(e, e.Data.RecordedBy, e.Data.RecordedAt, "origin_identity_declared",
            OriginRules.StreamKey, $"declared that {e.Data.Name} is the same as {e.Data.SameAs}: {e.Data.Reason}"));

    public void Project(IEvent<OriginIdentityWithdrawn> e, IDocumentOperations operations) =>
        operations.Insert(Entry(e, e.Data.RecordedBy, e.Data.RecordedAt, "origin_identity_withdrawn",
            OriginRules.StreamKey, $"withdrew that {e.Data.Name} is the same as {e.Data.SameAs}: {e.Data.Reason}"));
}
