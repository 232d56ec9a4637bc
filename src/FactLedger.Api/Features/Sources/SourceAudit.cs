using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten.Events.Projections;

namespace FactLedger.Api.Features.Sources;

/// <summary>
/// One source and the figures it made claims about (async multi-stream projection). Only the figure keys are kept, not
/// the claims: the claims with their fates come from those figures' streams when the audit is read, so this document
/// stays small however many claims a source makes, and a rebuild does not rewrite a growing list per event.
/// </summary>
public sealed class SourceAudit
{
    public string Id { get; set; } = "";
    /// <summary>Figures the source has claims in, in the order first claimed.</summary>
    public List<string> Figures { get; set; } = [];
}

public sealed partial class SourceAuditProjection : MultiStreamProjection<SourceAudit, string>
{
    public static void Register(StoreOptions options) =>
        options.Projections.Add(new SourceAuditProjection(), ProjectionLifecycle.Async);

    public SourceAuditProjection()
    {
        Identity<SourceRegistered>(e => e.SourceKey);
        Identity<ClaimRecorded>(e => e.SourceKey);
    }

    public void Apply(SourceRegistered e, SourceAudit audit) => audit.Id = e.SourceKey;

    // Adding a key that is there already changes nothing, so applying an event twice is harmless.
    public void Apply(ClaimRecorded e, SourceAudit audit)
    {
        audit.Id = e.SourceKey;
        if (!audit.Figures.Contains(e.FigureKey)) audit.Figures.Add(e.FigureKey);
    }
}
