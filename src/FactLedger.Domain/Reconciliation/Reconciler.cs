using System.Text.Json.Serialization;
using FactLedger.Domain.Values;

namespace FactLedger.Domain.Reconciliation;

/// <summary>A claim's fate in the reconciled view.</summary>
[JsonConverter(typeof(KebabCaseEnumConverter<ClaimStatus>))]
public enum ClaimStatus
{
    /// <summary>The latest report of its origin, counted as stated.</summary>
    Current,
    /// <summary>The latest report of its origin, counted with its corrected value.</summary>
    Corrected,
    /// <summary>A later report of the same origin replaced it.</summary>
    Superseded,
    /// <summary>Withdrawn; it no longer counts.</summary>
    Retracted,
}

[JsonConverter(typeof(KebabCaseEnumConverter<EstimateStatus>))]
public enum EstimateStatus
{
    /// <summary>No claim counts (none recorded, or all retracted).</summary>
    NoClaims,
    /// <summary>Only one independent origin reports the figure.</summary>
    SingleOrigin,
    /// <summary>Several origins, and some value satisfies all of them.</summary>
    Consistent,
    /// <summary>Several origins, and no value satisfies all of them.</summary>
    Conflicting,
}

/// <summary>What reconciliation needs to know of one claim. <see cref="RecordedOrder"/> breaks ties between
/// reports published at the same moment: the one recorded later wins.</summary>
public sealed record ReconcilableClaim(
    string Id,
    string OriginKey,
    ClaimValue Value,
    DateTimeOffset PublishedAt,
    DateTimeOffset RefersTo,
    long RecordedOrder,
    bool Retracted = false,
    bool Corrected = false);

public sealed record ClaimVerdict(string Id, ClaimStatus Status, string? SupersededBy, long? EffectiveLow, long? EffectiveHigh);

/// <summary>The claim ids behind each number of an estimate.</summary>
public sealed record SetBy(IReadOnlyList<string> Low, IReadOnlyList<string> Best, IReadOnlyList<string> High)
{
    public static readonly SetBy None = new([], [], []);
}

/// <summary>
/// The reconciled estimate: <see cref="Low"/> and <see cref="High"/> bound what the current claims allow
/// (null = open), <see cref="Best"/> is the value most independent origins allow, <see cref="Origins"/> how many.
/// Values are counts, or dates as day numbers. <see cref="For"/> is the moment the estimate describes.
/// </summary>
public sealed record Estimate(long? Low, long? Best, long? High, EstimateStatus Status, int Origins, SetBy SetBy, DateTimeOffset? For)
{
    public static readonly Estimate None = new(null, null, null, EstimateStatus.NoClaims, 0, SetBy.None, null);
}

public sealed record ReconciliationResult(Estimate Estimate, IReadOnlyList<ClaimVerdict> Claims);

/// <summary>
/// Reconciles a figure's claims (the rules are listed in the README, "Reconciliation"):
/// 1. retracted claims drop out; corrected claims count with their corrected value;
/// 2. within one origin the latest report (publication time, then recording order) supersedes the earlier ones;
/// 3. for a cumulative count, a claim about an earlier moment than the latest one only bounds it from below;
/// 4. the current claims' intervals are intersected: non-empty is consistent, empty conflicting, one origin single-origin;
/// 5. low/high: the intersection when consistent, else the hull of the current intervals;
/// 6. best: of the claims' representative values (and the intersection's ends), the one the most origins allow,
///    ties to the most recent report.
/// </summary>
public static class Reconciler
{
    /// <summary>The order of one origin's reports: by publication time, then by recording order (later wins).</summary>
    public static readonly IComparer<ReconcilableClaim> ReportOrder = Comparer<ReconcilableClaim>.Create((a, b) =>
        a.PublishedAt != b.PublishedAt ? a.PublishedAt.CompareTo(b.PublishedAt) : a.RecordedOrder.CompareTo(b.RecordedOrder));

    public static ReconciliationResult Reconcile(IReadOnlyCollection<ReconcilableClaim> claims, bool cumulative)
    {
        var verdicts = new Dictionary<string, (ClaimStatus Status, string? SupersededBy)>();
        var current = new List<ReconcilableClaim>();

        foreach (var claim in claims.Where(c => c.Retracted)) verdicts[claim.Id] = (ClaimStatus.Retracted, null);

        foreach (var origin in claims.Where(c => !c.Retracted).GroupBy(c => c.OriginKey))
        {
            var ordered = origin.Order(ReportOrder).ToList();
            for (var i = 0; i < ordered.Count - 1; i++) verdicts[ordered[i].Id] = (ClaimStatus.Superseded, ordered[i + 1].Id);
            var latest = ordered[^1];
            verdicts[latest.Id] = (latest.Corrected ? ClaimStatus.Corrected : ClaimStatus.Current, null);
            current.Add(latest);
        }

        var effective = Effective(current, cumulative);
        var verdictList = claims.Select(c =>
        {
            var (status, by) = verdicts[c.Id];
            var interval = effective.TryGetValue(c.Id, out var e) ? e : (Interval?)null;
            return new ClaimVerdict(c.Id, status, by, interval?.Low, interval?.High);
        }).ToList();

        return new ReconciliationResult(EstimateOf(current, effective), verdictList);
    }

    /// <summary>Each current claim's interval as it bears on the latest moment any of them refers to.</summary>
    private static Dictionary<string, Interval> Effective(List<ReconcilableClaim> current, bool cumulative)
    {
        if (current.Count == 0) return [];
        var latestMoment = current.Max(c => c.RefersTo);
        return current.ToDictionary(c => c.Id, c =>
        {
            var interval = c.Value.ToInterval();
            // A cumulative count only grows: what was true of an earlier moment is a floor for later ones.
            return cumulative && c.RefersTo < latestMoment ? interval.LowerBoundOnly() : interval;
        });
    }

    private static Estimate EstimateOf(List<ReconcilableClaim> current, Dictionary<string, Interval> effective)
    {
        if (current.Count == 0) return Estimate.None;

        var intersection = current.Aggregate(Interval.Everything, (acc, c) => acc.Intersect(effective[c.Id]));
        var status = current.Count == 1 ? EstimateStatus.SingleOrigin
            : intersection.IsEmpty ? EstimateStatus.Conflicting
            : EstimateStatus.Consistent;
        var bounds = status == EstimateStatus.Conflicting
            ? current.Select(c => effective[c.Id]).Aggregate((a, b) => a.Hull(b))
            : intersection;

        var recency = current.OrderDescending(ReportOrder).ToList();
        var candidates = recency.Select(c => Clamp(c.Value.RepresentativePoint(), effective[c.Id])).ToList();
        // When the claims agree, the ends of what they jointly allow are candidates too: a value every origin accepts
        // may be stated by none of them (10–20 and 16–30 agree on 16–20).
        if (status != EstimateStatus.Conflicting)
        {
            if (intersection.Low is { } l) candidates.Add(l);
            if (intersection.High is { } h) candidates.Add(h);
        }
        // Support = claims whose interval holds the candidate; candidates are ordered most recent first, so the first
        // maximum wins ties.
        long best = candidates[0];
        var bestSupport = -1;
        foreach (var candidate in candidates)
        {
            var support = current.Count(c => effective[c.Id].Contains(candidate));
            if (support > bestSupport) (best, bestSupport) = (candidate, support);
        }

        var backers = recency.Where(c => effective[c.Id].Contains(best)).Select(c => c.Id).ToList();
        // Each list most recent report first, so it does not depend on the order the claims came in.
        var setBy = new SetBy(
            recency.Where(c => effective[c.Id].Low == bounds.Low).Select(c => c.Id).ToList(),
            backers,
            recency.Where(c => effective[c.Id].High == bounds.High).Select(c => c.Id).ToList());
        var origins = current.Where(c => backers.Contains(c.Id)).Select(c => c.OriginKey).Distinct().Count();
        return new Estimate(bounds.Low, best, bounds.High, status, origins, setBy, current.Max(c => c.RefersTo));
    }

    /// <summary>
    /// Whether a claim agrees with an estimate: its interval, read as at the estimate's moment (for a cumulative count,
    /// a report about an earlier moment only floors it), holds <c>best</c>. Retracted claims agree with nothing.
    /// </summary>
    public static bool? Agrees(ClaimValue value, DateTimeOffset refersTo, bool retracted, bool cumulative, Estimate estimate)
    {
        if (estimate.Best is not { } best) return null;
        if (retracted) return false;
        var interval = value.ToInterval();
        if (cumulative && estimate.For is { } moment && refersTo < moment) interval = interval.LowerBoundOnly();
        return interval.Contains(best);
    }

    private static long Clamp(long value, Interval interval) =>
        interval.Low is { } l && value < l ? l : interval.High is { } h && value > h ? h : value;
}
