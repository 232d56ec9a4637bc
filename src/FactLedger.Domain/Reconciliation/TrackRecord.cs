namespace FactLedger.Domain.Reconciliation;

/// <summary>
/// What became of the claims of one origin or source: how many stand (as stated or corrected), were replaced by a
/// later report of their origin, were withdrawn, and how many the figure's current estimate allows or rules out.
/// Shown to readers, never used as a weight: a record of having been wrong is no reason to count a report less.
/// </summary>
public sealed record TrackRecord(
    int Claims, int Current, int Corrected, int Superseded, int Retracted, int AgreeWithEstimate,
    int DisagreeWithEstimate)
{
    public static TrackRecord Of(IEnumerable<(ClaimStatus Status, bool? Agrees)> claims)
    {
        var list = claims.ToList();
        int Count(ClaimStatus status) => list.Count(c => c.Status == status);
        return new TrackRecord(list.Count, Count(ClaimStatus.Current), Count(ClaimStatus.Corrected),
            Count(ClaimStatus.Superseded), Count(ClaimStatus.Retracted), list.Count(c => c.Agrees == true),
            list.Count(c => c.Agrees == false));
    }
}
