using FactLedger.Domain.Values;
using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten;
using Marten.Events.Projections;

namespace FactLedger.Api.Features.Sources;

/// <summary>Every claim one source made, gathered across all figure streams (async multi-stream projection).</summary>
public sealed class SourceAudit
{
    public string Id { get; set; } = "";
    public string Outlet { get; set; } = "";
    public string Title { get; set; } = "";
    public string Language { get; set; } = "";
    public DateTimeOffset PublishedAt { get; set; }
    public List<SourceAuditClaim> Claims { get; set; } = [];
}

public sealed class SourceAuditClaim
{
    public string ClaimId { get; set; } = "";
    public string FigureKey { get; set; } = "";
    public ClaimValue Value { get; set; } = null!;
    public ClaimValue? OriginalValue { get; set; }
    public string Quote { get; set; } = "";
    public int QuoteOffset { get; set; }
    public int QuoteLength { get; set; }
    public string? AttributedTo { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
    public string RecordedBy { get; set; } = "";
    public int Corrections { get; set; }
    public string? RetractionReason { get; set; }
}

public sealed partial class SourceAuditProjection : MultiStreamProjection<SourceAudit, string>
{
    public static void Register(StoreOptions options) => options.Projections.Add(new SourceAuditProjection(), ProjectionLifecycle.Async);

    public SourceAuditProjection()
    {
        Identity<SourceRegistered>(e => e.SourceKey);
        Identity<ClaimRecorded>(e => e.SourceKey);
        Identity<ClaimCorrected>(e => e.SourceKey);
        Identity<ClaimRetracted>(e => e.SourceKey);
    }

    public void Apply(SourceRegistered e, SourceAudit audit)
    {
        audit.Id = e.SourceKey;
        audit.Outlet = e.Outlet;
        audit.Title = e.Title;
        audit.Language = e.Language;
        audit.PublishedAt = e.PublishedAt;
    }

    public void Apply(ClaimRecorded e, SourceAudit audit)
    {
        audit.Id = e.SourceKey;
        if (audit.Claims.Any(c => c.ClaimId == e.ClaimId)) return;
        audit.Claims.Add(new SourceAuditClaim
        {
            ClaimId = e.ClaimId, FigureKey = e.FigureKey, Value = e.Value, Quote = e.Quote, QuoteOffset = e.QuoteOffset,
            QuoteLength = e.QuoteLength, AttributedTo = e.AttributedTo, RecordedAt = e.RecordedAt, RecordedBy = e.RecordedBy,
        });
    }

    public void Apply(ClaimCorrected e, SourceAudit audit)
    {
        var claim = audit.Claims.FirstOrDefault(c => c.ClaimId == e.ClaimId);
        if (claim is null) return;
        claim.Corrections++;
        if (e.Value is not null) { claim.OriginalValue ??= claim.Value; claim.Value = e.Value; }
        if (e.Quote is not null) { claim.Quote = e.Quote; claim.QuoteOffset = e.QuoteOffset ?? claim.QuoteOffset; claim.QuoteLength = e.QuoteLength ?? claim.QuoteLength; }
    }

    public void Apply(ClaimRetracted e, SourceAudit audit)
    {
        var claim = audit.Claims.FirstOrDefault(c => c.ClaimId == e.ClaimId);
        if (claim is not null) claim.RetractionReason = e.Reason;
    }
}
