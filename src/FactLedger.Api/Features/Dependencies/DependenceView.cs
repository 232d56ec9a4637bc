using FactLedger.Domain.Dependence;
using JasperFx.Events.Projections;
using Marten.Events.Projections;

namespace FactLedger.Api.Features.Dependencies;

/// <summary>One decided dependence as the lists show it, kept by an inline projection of the dependence events (one
/// document per dependence id, though all decisions share one stream). Suggestions are not stored: they are computed
/// when asked for.</summary>
public sealed class DependenceView
{
    public const string Suggested = "suggested", Confirmed = "confirmed", Rejected = "rejected",
        Withdrawn = "withdrawn";

    public string Id { get; set; } = "";
    public string Source { get; set; } = "";
    public string DependsOn { get; set; } = "";
    public DependsOnKind Kind { get; set; }
    /// <summary>confirmed, rejected or withdrawn (a string, so list filters compare what is stored).</summary>
    public string Status { get; set; } = Confirmed;
    /// <summary>The evidence of the latest confirmation; empty for one declared by hand or never confirmed.</summary>
    public List<Evidence> Evidence { get; set; } = [];
    public double Score { get; set; }
    public string? Reason { get; set; }
    public string DecidedBy { get; set; } = "";
    public DateTimeOffset DecidedAt { get; set; }
}

public sealed class DependenceViewProjection : MultiStreamProjection<DependenceView, string>
{
    public static void Register(StoreOptions options)
    {
        options.Projections.Add(new DependenceViewProjection(), ProjectionLifecycle.Inline);
        options.Schema.For<DependenceView>().Index(x => x.Status);
    }

    public DependenceViewProjection()
    {
        Identity<DependenceConfirmed>(e => e.Id);
        Identity<DependenceRejected>(e => e.Id);
        Identity<DependenceWithdrawn>(e => e.Id);
    }

    // Any of the three may come first for an id (a suggestion is rejected before anything else is recorded of it), so
    // each sets all it knows.
    public void Apply(DependenceConfirmed e, DependenceView view)
    {
        Decided(view, e.Id, e.Source, e.DependsOn, e.Kind, DependenceView.Confirmed, e.Reason, e.RecordedBy,
            e.RecordedAt);
        view.Evidence = [.. e.Evidence];
        view.Score = e.Score;
    }

    public void Apply(DependenceRejected e, DependenceView view) =>
        Decided(view, e.Id, e.Source, e.DependsOn, e.Kind, DependenceView.Rejected, e.Reason, e.RecordedBy,
            e.RecordedAt);

    public void Apply(DependenceWithdrawn e, DependenceView view) =>
        Decided(view, e.Id, e.Source, e.DependsOn, e.Kind, DependenceView.Withdrawn, e.Reason, e.RecordedBy,
            e.RecordedAt);

    private static void Decided(DependenceView view, string id, string source, string dependsOn, DependsOnKind kind,
        string status, string? reason, string by, DateTimeOffset at)
    {
        view.Id = id;
        view.Source = source;
        view.DependsOn = dependsOn;
        view.Kind = kind;
        view.Status = status;
        view.Reason = reason;
        view.DecidedBy = by;
        view.DecidedAt = at;
    }
}
