namespace FactLedger.Domain.Values;

/// <summary>
/// A closed interval over integers (counts, or dates as day numbers) whose ends may be open (<c>null</c> = unbounded).
/// </summary>
public readonly record struct Interval(long? Low, long? High)
{
    public static readonly Interval Everything = new(null, null);

    public static Interval Point(long value) => new(value, value);

    public bool IsEmpty => Low is { } l && High is { } h && l > h;

    public bool Contains(long value) => (Low is null || Low <= value) && (High is null || value <= High);

    public Interval Intersect(Interval other) => new(
        Low is null ? other.Low : other.Low is null ? Low : Math.Max(Low.Value, other.Low.Value),
        High is null ? other.High : other.High is null ? High : Math.Min(High.Value, other.High.Value));

    /// <summary>The smallest interval holding both (open when either is open on that side).</summary>
    public Interval Hull(Interval other) => new(
        Low is null || other.Low is null ? null : Math.Min(Low.Value, other.Low.Value),
        High is null || other.High is null ? null : Math.Max(High.Value, other.High.Value));

    /// <summary>
    /// Only the lower bound kept: what an earlier report of a cumulative count says about a later moment.
    /// </summary>
    public Interval LowerBoundOnly() => new(Low, null);

    public override string ToString() => $"[{Low?.ToString() ?? "-inf"}, {High?.ToString() ?? "+inf"}]";
}
