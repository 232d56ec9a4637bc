using FactLedger.Domain.Values;

namespace FactLedger.Domain.Reconciliation;

/// <summary>
/// What the current claims say of a figure, worded as they worded it, with no point they did not give ("more than
/// 1,000", not 1,001). <see cref="Low"/>/<see cref="High"/> hold the numbers the wording uses (counts, or dates as
/// day numbers): the stated value for exact and approximately (both), the stated bound for at least / more than
/// (<see cref="Low"/>) and at most / less than (<see cref="High"/>), so "more than 1,000" is MoreThan with Low 1000;
/// both ends, included, for a range, a vague term's range and, under conflict, the span of the reports.
/// <see cref="Term"/>: a vague claim's canonical term. <see cref="Precision"/>: day, or month/year for a date range
/// that is exactly one; null for counts. <see cref="BestStated"/>: some current claim stated the estimate's best
/// exactly. <see cref="Conflicting"/>: the reports conflict; the reading is then the range of what they span, and
/// <see cref="From"/> and <see cref="To"/> read the lowest and the highest report.
/// </summary>
public sealed record Reading(
    Qualifier Kind, long? Low = null, long? High = null, string? Term = null, DatePrecision? Precision = null,
    bool BestStated = false, Reading? From = null, Reading? To = null, bool Conflicting = false)
{
    /// <summary>A value on its own, as its source worded it (a relative date must be resolved first).</summary>
    public static Reading Of(ClaimValue value)
    {
        if (!value.IsResolved)
            throw new InvalidOperationException("A relative date must be resolved against its anchor first.");
        var precision = value.Precision;
        return value.Qualifier switch
        {
            Qualifier.Exact => new(Qualifier.Exact, value.Value, value.Value, Precision: precision),
            Qualifier.AtLeast => new(Qualifier.AtLeast, value.Value, Precision: precision),
            Qualifier.MoreThan => new(Qualifier.MoreThan, value.Value, Precision: precision),
            Qualifier.AtMost => new(Qualifier.AtMost, High: value.Value, Precision: precision),
            Qualifier.LessThan => new(Qualifier.LessThan, High: value.Value, Precision: precision),
            Qualifier.Approximately => new(Qualifier.Approximately, value.Value, value.Value, Precision: precision),
            Qualifier.Range when value.Low == value.High =>
                new(Qualifier.Exact, value.Low, value.High, Precision: precision),
            Qualifier.Range => new(Qualifier.Range, value.Low, value.High, Precision: precision),
            _ => VagueTerms.TryFind(value.CanonicalTerm ?? value.Term ?? "", out var term)
                ? new(Qualifier.Vague, term.Low, term.High, term.Canonical, precision)
                : new(Qualifier.Vague, Term: value.CanonicalTerm ?? value.Term, Precision: precision),
        };
    }

    /// <summary>
    /// An estimate's reading, from its bounds and the current claims (most recent report first, each with its stated
    /// interval and its interval at the estimate's moment); see <see cref="Reconciler"/>, rule 8.
    /// </summary>
    internal static Reading Of(EstimateStatus status, Interval bounds, long best, FigureKind kind,
        IReadOnlyList<(ClaimValue Value, Interval Stated, Interval AtMoment)> claims)
    {
        var bestStated = claims.Any(c => c.Value.Qualifier == Qualifier.Exact && c.Value.Value == best);
        var dayPrecision = kind == FigureKind.Date ? DatePrecision.Day : (DatePrecision?)null;
        if (status == EstimateStatus.Conflicting)
        {
            // The lowest report starts lowest (open below first), the highest ends highest (open above first);
            // ties go to the most recent report.
            var lowest = claims.MinBy(c => (c.Stated.Low ?? long.MinValue, c.Stated.High ?? long.MaxValue));
            var highest = claims.MaxBy(c => (c.Stated.High ?? long.MaxValue, c.Stated.Low ?? long.MinValue));
            return new(Qualifier.Range, bounds.Low, bounds.High, null, dayPrecision, bestStated,
                Of(lowest.Value), Of(highest.Value), Conflicting: true);
        }

        // A claim that says exactly what all of them allow is worded as it was: a vague term, "about 600", a year.
        var own = claims.FirstOrDefault(c => c.Stated == bounds);
        if (own.Value is not null) return Of(own.Value) with { BestStated = bestStated };

        // Otherwise each side as the claim that sets it worded it: "more than v" for a more_than v (low = v + 1),
        // "fewer than v" for a less_than v (high = v - 1), else at least / at most. Two bounded sides make a range of
        // the agreed ends ("at least 18" and "at most 25": 18–25), not two phrases.
        var (low, high) = (bounds.Low, bounds.High);
        var lowSetter = low is null ? null : claims.First(c => c.AtMoment.Low == low).Value;
        var highSetter = high is null ? null : claims.First(c => c.AtMoment.High == high).Value;
        return (low, high) switch
        {
            ({ } l, { } h) when l == h => new(Qualifier.Exact, l, h, null, dayPrecision, bestStated),
            ({ } l, { } h) => new(Qualifier.Range, l, h, null,
                kind == FigureKind.Date ? DatePrecisions.Of(l, h) : null, bestStated),
            ({ } l, null) when lowSetter!.Qualifier == Qualifier.MoreThan =>
                new(Qualifier.MoreThan, l - 1, null, null, dayPrecision, bestStated),
            ({ } l, null) => new(Qualifier.AtLeast, l, null, null, dayPrecision, bestStated),
            (null, { } h) when highSetter!.Qualifier == Qualifier.LessThan =>
                new(Qualifier.LessThan, null, h + 1, null, dayPrecision, bestStated),
            (null, { } h) => new(Qualifier.AtMost, null, h, null, dayPrecision, bestStated),
            _ => new(Qualifier.Range, null, null, null, dayPrecision, bestStated),
        };
    }
}
