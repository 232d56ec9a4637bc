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

/// <summary>How a current claim stands to the estimate's <c>best</c>, the count at the estimate's moment.</summary>
[JsonConverter(typeof(KebabCaseEnumConverter<ClaimRole>))]
public enum ClaimRole
{
    /// <summary>Its own interval holds best: it states a value compatible with it.</summary>
    Backs,
    /// <summary>It does not state best but does not rule it out either: a cumulative count's report about an earlier
    /// moment whose lower bound is at most best (or, read by <see cref="Reconciler.Agrees"/>, about a later moment
    /// whose upper bound is at least best).</summary>
    Allows,
    /// <summary>It rules best out.</summary>
    Contradicts,
}

/// <summary>A claim's fate; <see cref="EffectiveLow"/>/<see cref="EffectiveHigh"/> its interval as it bears on the
/// estimate's moment. <see cref="Role"/> is null for a claim that is not current.</summary>
public sealed record ClaimVerdict(
    string Id, ClaimStatus Status, string? SupersededBy, long? EffectiveLow, long? EffectiveHigh,
    ClaimRole? Role = null);

/// <summary>The claim ids behind each number of an estimate.</summary>
public sealed record SetBy(IReadOnlyList<string> Low, IReadOnlyList<string> Best, IReadOnlyList<string> High)
{
    public static readonly SetBy None = new([], [], []);
}

/// <summary>
/// The reconciled estimate for the moment <see cref="For"/> (the latest one a current claim refers to). Values are
/// counts, or dates as day numbers. When consistent, <see cref="Low"/> and <see cref="High"/> are what every current
/// claim allows at that moment (null = open) and <see cref="Best"/> lies between them; when conflicting, they span
/// what any of them allows, and <see cref="Conflicts"/> names the pairs that cannot both hold. <see cref="Origins"/>
/// counts the origins whose claim backs best, <see cref="Compatible"/> those whose claim backs or allows it.
/// <see cref="Conflicts"/> lists at most <see cref="Reconciler.MaxConflictsListed"/> pairs (an estimate is stored
/// with every write of its figure); <see cref="ConflictCount"/> counts them all. <see cref="Reading"/> says what the
/// claims support in their own terms ("more than 1,000", "in 2002"), never a point none of them gave: word it with
/// <see cref="Wording.Of"/>. Documents stored before these members existed read as 0, no conflicts and no reading.
/// </summary>
public sealed record Estimate(
    long? Low, long? Best, long? High, EstimateStatus Status, int Origins, SetBy SetBy, DateTimeOffset? For,
    int Compatible = 0, IReadOnlyList<ClaimConflict>? Conflicts = null, int ConflictCount = 0, Reading? Reading = null)
{
    public static readonly Estimate None = new(null, null, null, EstimateStatus.NoClaims, 0, SetBy.None, null);

    public IReadOnlyList<ClaimConflict> Conflicts { get; init; } = Conflicts ?? [];
}

public sealed record ReconciliationResult(Estimate Estimate, IReadOnlyList<ClaimVerdict> Claims);

/// <summary>
/// Reconciles a figure's claims (the rules are listed in the README, "Reconciliation"):
/// 1. retracted claims drop out; corrected claims count with their corrected value;
/// 2. within one origin the latest report (publication time, then recording order) supersedes the earlier ones;
/// 3. conflicts: a cumulative count only grows, so two current claims conflict when the earlier one's lower bound
///    exceeds the later one's upper bound (same moment: their intervals do not meet); for other figures, when their
///    intervals do not meet. None: consistent; any: conflicting, the pairs named; one origin: single-origin;
/// 4. the estimate is for the latest moment a current claim refers to; read at that moment, a cumulative claim about
///    an earlier moment only bounds the count from below;
/// 5. low/high: the intersection of the claims read at that moment when consistent, else their hull;
/// 6. a claim backs a value its own interval holds, allows one it only holds read at the estimate's moment (an
///    earlier cumulative report's floor), and contradicts the rest;
/// 7. best: of the claims' representative values (and, when consistent, the intersection's ends; only values within
///    it), the one most origins back, then most allow, ties to the most recent report. Origins counts the backers,
///    Compatible those that back or allow it;
/// 8. reading: under conflict, the span with the lowest and highest reports; else a claim stating exactly the bounds
///    is read as it was worded (vague term, "about", a month or year), else each side as the claim setting it worded
///    it (more than / at least, fewer than / at most), two bounded sides a range (one value: exact). It never changes
///    best; it only says whether some current claim stated best exactly.
/// </summary>
public static class Reconciler
{
    /// <summary>Conflicting pairs an estimate lists at most; <see cref="Estimate.ConflictCount"/> counts all.</summary>
    public const int MaxConflictsListed = 100;

    /// <summary>The order of one origin's reports: by publication time, then by recording order (later wins).</summary>
    public static readonly IComparer<ReconcilableClaim> ReportOrder = Comparer<ReconcilableClaim>.Create((a, b) =>
        a.PublishedAt != b.PublishedAt
            ? a.PublishedAt.CompareTo(b.PublishedAt)
            : a.RecordedOrder.CompareTo(b.RecordedOrder));

    public static ReconciliationResult Reconcile(IReadOnlyCollection<ReconcilableClaim> claims, bool cumulative)
    {
        var verdicts = new Dictionary<string, (ClaimStatus Status, string? SupersededBy)>();
        var current = new List<ReconcilableClaim>();

        foreach (var claim in claims.Where(c => c.Retracted)) verdicts[claim.Id] = (ClaimStatus.Retracted, null);

        foreach (var origin in claims.Where(c => !c.Retracted).GroupBy(c => c.OriginKey))
        {
            var ordered = origin.Order(ReportOrder).ToList();
            for (var i = 0; i < ordered.Count - 1; i++)
                verdicts[ordered[i].Id] = (ClaimStatus.Superseded, ordered[i + 1].Id);
            var latest = ordered[^1];
            verdicts[latest.Id] = (latest.Corrected ? ClaimStatus.Corrected : ClaimStatus.Current, null);
            current.Add(latest);
        }

        var moment = current.Count == 0 ? (DateTimeOffset?)null : current.Max(c => c.RefersTo);
        var claimed = current.ToDictionary(c => c.Id, c =>
        {
            var stated = c.Value.ToInterval();
            return (Stated: stated, AtMoment: AtMoment(stated, c.RefersTo, moment, cumulative));
        });
        var estimate = EstimateOf(current, claimed, cumulative, moment);
        var verdictList = claims.Select(c =>
        {
            var (status, by) = verdicts[c.Id];
            if (!claimed.TryGetValue(c.Id, out var interval)) return new ClaimVerdict(c.Id, status, by, null, null);
            var role = estimate.Best is { } best ? RoleOf(interval.Stated, interval.AtMoment, best) : (ClaimRole?)null;
            return new ClaimVerdict(c.Id, status, by, interval.AtMoment.Low, interval.AtMoment.High, role);
        }).ToList();

        return new ReconciliationResult(estimate, verdictList);
    }

    /// <summary>
    /// What a claim allows at <paramref name="moment"/>. A cumulative count only grows: what was true of an earlier
    /// moment is a floor for a later one, and what is true of a later moment a ceiling for an earlier one.
    /// </summary>
    private static Interval AtMoment(Interval stated, DateTimeOffset refersTo, DateTimeOffset? moment,
        bool cumulative) =>
        !cumulative || moment is not { } m || refersTo == m ? stated
        : refersTo < m ? stated.LowerBoundOnly()
        : new Interval(null, stated.High);

    private static ClaimRole RoleOf(Interval stated, Interval atMoment, long best) =>
        stated.Contains(best) ? ClaimRole.Backs : atMoment.Contains(best) ? ClaimRole.Allows : ClaimRole.Contradicts;

    private static Estimate EstimateOf(List<ReconcilableClaim> current,
        Dictionary<string, (Interval Stated, Interval AtMoment)> claimed, bool cumulative, DateTimeOffset? moment)
    {
        if (current.Count == 0) return Estimate.None;

        var conflicts = ClaimConflicts.Find(current, cumulative);
        var intersection = current.Aggregate(Interval.Everything, (acc, c) => acc.Intersect(claimed[c.Id].AtMoment));
        var status = current.Count == 1 ? EstimateStatus.SingleOrigin
            : conflicts.Count > 0 ? EstimateStatus.Conflicting
            : EstimateStatus.Consistent;
        var bounds = status == EstimateStatus.Conflicting
            ? current.Select(c => claimed[c.Id].AtMoment).Aggregate((a, b) => a.Hull(b))
            : intersection;

        var recency = current.OrderDescending(ReportOrder).ToList();
        var candidates = recency.Select(c => Clamp(c.Value.RepresentativePoint(), claimed[c.Id].AtMoment)).ToList();
        // When the claims agree, the best value is one they all allow: a claim's own value may lie outside what the
        // others allow (an earlier cumulative report below a later floor), and a value every origin accepts may be
        // stated by none of them (10–20 and 16–30 agree on 16–20), so the intersection's ends are candidates too.
        if (status != EstimateStatus.Conflicting)
        {
            candidates.RemoveAll(v => !intersection.Contains(v));
            if (intersection.Low is { } l) candidates.Add(l);
            if (intersection.High is { } h) candidates.Add(h);
        }
        // Backing (stating a compatible value) ranks before merely allowing. Candidates are ordered most recent first,
        // so the first maximum wins ties.
        long best = candidates[0];
        (int Backing, int Allowing) bestSupport = (-1, -1);
        foreach (var candidate in candidates)
        {
            var support = (current.Count(c => claimed[c.Id].Stated.Contains(candidate)),
                current.Count(c => claimed[c.Id].AtMoment.Contains(candidate)));
            if (support.CompareTo(bestSupport) > 0) (best, bestSupport) = (candidate, support);
        }

        var backers = recency.Where(c => claimed[c.Id].Stated.Contains(best)).ToList();
        var compatible = recency.Where(c => claimed[c.Id].AtMoment.Contains(best)).ToList();
        // Each list most recent report first, so it does not depend on the order the claims came in.
        var setBy = new SetBy(
            recency.Where(c => claimed[c.Id].AtMoment.Low == bounds.Low).Select(c => c.Id).ToList(),
            backers.Select(c => c.Id).ToList(),
            recency.Where(c => claimed[c.Id].AtMoment.High == bounds.High).Select(c => c.Id).ToList());
        var reading = Reading.Of(status, bounds, best, current[0].Value.Kind,
            recency.Select(c => (c.Value, claimed[c.Id].Stated, claimed[c.Id].AtMoment)).ToList());
        return new Estimate(bounds.Low, best, bounds.High, status, OriginCount(backers), setBy, moment,
            OriginCount(compatible), conflicts.Take(MaxConflictsListed).ToList(), conflicts.Count, reading);
    }

    private static int OriginCount(IEnumerable<ReconcilableClaim> claims) =>
        claims.Select(c => c.OriginKey).Distinct().Count();

    /// <summary>
    /// Whether a claim agrees with an estimate: it backs or allows <c>best</c>, read at the moment it refers to (for a
    /// cumulative count, a report about an earlier moment only floors the estimate's moment, one about a later moment
    /// only caps it). Retracted claims agree with nothing.
    /// </summary>
    public static bool? Agrees(ClaimValue value, DateTimeOffset refersTo, bool retracted, bool cumulative,
        Estimate estimate)
    {
        if (estimate.Best is not { } best) return null;
        if (retracted) return false;
        var stated = value.ToInterval();
        return RoleOf(stated, AtMoment(stated, refersTo, estimate.For, cumulative), best) != ClaimRole.Contradicts;
    }

    private static long Clamp(long value, Interval interval) =>
        interval.Low is { } l && value < l ? l : interval.High is { } h && value > h ? h : value;
}
