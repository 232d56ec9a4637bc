using FactLedger.Domain.Reconciliation;
using FactLedger.Domain.Values;

namespace FactLedger.Domain.Dependence;

/// <summary>A later source repeating, without naming anyone, a value an earlier source attributed.</summary>
internal sealed record RepetitionFinding(string Later, string Earlier, UnattributedRepetitionEvidence Evidence);

/// <summary>
/// A claim that names no authority but states exactly the figure, value and qualifier an earlier claim of another
/// source attributed to an authority most likely took it from that report (the earliest such one): an outlet that
/// had heard the authority itself would say so.
/// </summary>
internal static class UnattributedRepetition
{
    public static IReadOnlyList<RepetitionFinding> Find(
        IReadOnlyList<ReportedClaim> claims, IReadOnlyDictionary<string, string?> outletOfSource)
    {
        var findings = new List<RepetitionFinding>();
        foreach (var figure in claims.GroupBy(c => c.FigureKey))
        {
            var ordered = figure.OrderBy(c => c.PublishedAt).ThenBy(c => c.SourceKey, StringComparer.Ordinal)
                .ThenBy(c => c.ClaimId, StringComparer.Ordinal).ToList();
            for (var i = 0; i < ordered.Count; i++)
            {
                var later = ordered[i];
                if (Named(later.AttributedTo)) continue;
                var earlier = ordered.Take(i).FirstOrDefault(e =>
                    Named(e.AttributedTo) && e.PublishedAt < later.PublishedAt && e.SourceKey != later.SourceKey
                    && ClaimValues.Same(e.Value, later.Value)
                    && !SameOrigin(outletOfSource.GetValueOrDefault(later.SourceKey), e, outletOfSource));
                if (earlier is null) continue;
                findings.Add(new RepetitionFinding(later.SourceKey, earlier.SourceKey,
                    new UnattributedRepetitionEvidence(figure.Key, later.ClaimId, earlier.ClaimId,
                        earlier.AttributedTo!.Trim(), earlier.Value)));
            }
        }
        return findings;
    }

    private static bool Named(string? authority) => !string.IsNullOrWhiteSpace(authority);

    /// <summary>The later outlet is the earlier's outlet, or the authority itself publishing its own figure.</summary>
    private static bool SameOrigin(string? laterOutlet, ReportedClaim earlier,
        IReadOnlyDictionary<string, string?> outletOfSource)
    {
        if (laterOutlet is null) return false;
        var later = OriginResolver.Normalize(laterOutlet);
        return later == OriginResolver.Normalize(earlier.AttributedTo!)
            || outletOfSource.GetValueOrDefault(earlier.SourceKey) is { } outlet
            && OriginResolver.Normalize(outlet) == later;
    }
}

/// <summary>When two claims state the same value: same kind, qualifier, numbers and vague term.</summary>
internal static class ClaimValues
{
    public static bool Same(ClaimValue a, ClaimValue b) =>
        a.Kind == b.Kind && a.Qualifier == b.Qualifier && a.Value == b.Value && a.Low == b.Low && a.High == b.High
        && string.Equals(a.CanonicalTerm ?? a.Term, b.CanonicalTerm ?? b.Term, StringComparison.OrdinalIgnoreCase);
}
