namespace FactLedger.Api.Features.Claims;

/// <summary>Which claim ids exist, for which figure: the idempotency guard (its primary key makes a second
/// insert of one id fail, whatever the timing) and the way from a claim id to its figure stream, or from a source or
/// a name to the figures an origin rule touches.</summary>
public sealed class ClaimIndex
{
    public string Id { get; set; } = "";
    public string FigureKey { get; set; } = "";
    public string SourceKey { get; set; } = "";
    public string ContentHash { get; set; } = "";
    public DateTimeOffset RecordedAt { get; set; }
    /// <summary>The name the claim's origin is resolved from (its authority, else its outlet), normalized; null for
    /// an unattributed claim of a source that names no outlet.</summary>
    public string? Name { get; set; }

    public static ClaimIndex Of(ClaimRecorded c) => new()
    {
        Id = c.ClaimId, FigureKey = c.FigureKey, SourceKey = c.SourceKey, ContentHash = c.ContentHash,
        RecordedAt = c.RecordedAt,
        Name = (string.IsNullOrWhiteSpace(c.AttributedTo) ? c.Outlet : c.AttributedTo) is { } name
            && !string.IsNullOrWhiteSpace(name) ? OriginResolver.Normalize(name) : null,
    };

    public KnownClaim ToKnown() => new(Id, FigureKey, SourceKey, ContentHash);
}
