namespace FactLedger.Api.Features.Claims;

/// <summary>Which claim ids exist, for which figure: the idempotency guard (its primary key makes a second
/// insert of one id fail, whatever the timing) and the way from a claim id to its figure stream, or from a source to
/// the figures a dependence touches.</summary>
public sealed class ClaimIndex
{
    public string Id { get; set; } = "";
    public string FigureKey { get; set; } = "";
    public string SourceKey { get; set; } = "";
    public string ContentHash { get; set; } = "";
    public DateTimeOffset RecordedAt { get; set; }
    public static ClaimIndex Of(ClaimRecorded c) => new()
    {
        Id = c.ClaimId, FigureKey = c.FigureKey, SourceKey = c.SourceKey, ContentHash = c.ContentHash,
        RecordedAt = c.RecordedAt,
    };

    public KnownClaim ToKnown() => new(Id, FigureKey, SourceKey, ContentHash);
}
