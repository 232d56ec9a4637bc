namespace FactLedger.Api.Features.Claims;

/// <summary>Which claim ids exist, for which figure: the idempotency guard (its primary key makes a second
/// insert of one id fail, whatever the timing) and the way from a claim id to its figure stream.</summary>
public sealed class ClaimIndex
{
    public string Id { get; set; } = "";
    public string FigureKey { get; set; } = "";
    public string SourceKey { get; set; } = "";
    public string ContentHash { get; set; } = "";
    public DateTimeOffset RecordedAt { get; set; }

    public KnownClaim ToKnown() => new(Id, FigureKey, SourceKey, ContentHash);
}
