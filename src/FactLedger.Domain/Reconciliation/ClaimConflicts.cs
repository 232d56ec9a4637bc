using FactLedger.Domain.Values;

namespace FactLedger.Domain.Reconciliation;

/// <summary>
/// Two current claims no single history of the figure satisfies. The earlier claim is the one about the earlier
/// moment (<c>refersTo</c>); for equal moments, the earlier report (<see cref="Reconciler.ReportOrder"/>).
/// </summary>
public sealed record ClaimConflict(
    string EarlierClaimId, DateTimeOffset EarlierRefersTo, string LaterClaimId, DateTimeOffset LaterRefersTo);

/// <summary>Finds the pairs of current claims that cannot both hold.</summary>
internal static class ClaimConflicts
{
    /// <summary>
    /// Every violated pair, ordered by the earlier claim, then the later one (moment, then report order).
    /// A cumulative count only grows, so a claim about an earlier moment conflicts with a later one when its lower
    /// bound exceeds the later upper bound; claims about the same moment, or of a figure that need not grow, conflict
    /// when their intervals do not meet.
    /// </summary>
    public static List<ClaimConflict> Find(IReadOnlyCollection<ReconcilableClaim> current, bool cumulative)
    {
        // Pairs are enough (greedy): if no pair is violated, take at each moment the largest lower bound stated about
        // it or any earlier moment (or a value below every upper bound while none is stated). That count never falls
        // and meets every lower bound; it stays under each claim's upper bound because the bound it takes comes from a
        // claim no later than that one, which the pair condition (or the claim's own non-empty interval) puts below
        // it. A violated pair rules out every non-decreasing count. Same moment: intervals meeting pairwise all meet.
        var ordered = current.OrderBy(c => c.RefersTo).ThenBy(c => c, Reconciler.ReportOrder)
            .ThenBy(c => c.Id, StringComparer.Ordinal).ToList();
        var intervals = ordered.Select(c => c.Value.ToInterval()).ToList();
        var conflicts = new List<ClaimConflict>();
        for (var i = 0; i < ordered.Count; i++)
        for (var j = i + 1; j < ordered.Count; j++)
        {
            var floorOnly = cumulative && ordered[i].RefersTo < ordered[j].RefersTo;
            if (Fit(intervals[i], intervals[j], floorOnly)) continue;
            conflicts.Add(new ClaimConflict(ordered[i].Id, ordered[i].RefersTo, ordered[j].Id, ordered[j].RefersTo));
        }
        return conflicts;
    }

    /// <summary>Whether an earlier claim and a later one can both hold. An empty interval fits nothing (the value
    /// parser rejects such values; kept so that a figure is never consistent on one).</summary>
    private static bool Fit(Interval earlier, Interval later, bool floorOnly) =>
        !earlier.IsEmpty && !later.IsEmpty
        && (floorOnly ? !(earlier.Low > later.High) : !earlier.Intersect(later).IsEmpty);
}
