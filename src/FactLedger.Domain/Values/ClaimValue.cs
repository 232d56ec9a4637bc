using System.Text.Json.Serialization;

namespace FactLedger.Domain.Values;

/// <summary>
/// A relative date as the source worded it ("in two days", "في غضون 10 أيام"): resolved as anchor + days.
/// The anchor is the day stated in the text, else the source's publication day.
/// </summary>
public sealed record RelativeDate(string Expression, DateOnly? Anchor, int Days);

/// <summary>
/// A claim's value with its wording kept. Counts are whole numbers; dates are calendar days.
/// <see cref="ToInterval"/> turns it into the interval reconciliation works with.
/// </summary>
[JsonConverter(typeof(ClaimValueJsonConverter))]
public sealed record ClaimValue
{
    public const long MaxCount = 1_000_000_000_000;
    public static readonly DateOnly MinDate = new(1000, 1, 1);
    public static readonly DateOnly MaxDate = new(2999, 12, 31);

    public required Qualifier Qualifier { get; init; }
    public required FigureKind Kind { get; init; }
    /// <summary>The stated number, or a date as its day number (<see cref="DateOnly.DayNumber"/>).</summary>
    public long? Value { get; init; }
    public long? Low { get; init; }
    public long? High { get; init; }
    /// <summary>For <see cref="Qualifier.Vague"/>: the word as the source used it, and its canonical term.</summary>
    public string? Term { get; init; }
    public string? CanonicalTerm { get; init; }
    /// <summary>For <see cref="Qualifier.Approximately"/>: the stated tolerance, else the default one.</summary>
    public long? Tolerance { get; init; }
    public RelativeDate? Relative { get; init; }

    /// <summary>Default tolerance of "approximately": 10 % of a count (at least 1), one day for a date.</summary>
    public long EffectiveTolerance =>
        Tolerance ?? (Kind == FigureKind.Date ? 1 : Math.Max(1, (long)Math.Round(Math.Abs(Value ?? 0) * 0.10)));

    public bool IsResolved => Relative is null || Relative.Anchor is not null;

    /// <summary>
    /// For a date: <see cref="DatePrecision.Month"/> or <see cref="DatePrecision.Year"/> for a range that is exactly
    /// one calendar month or year ("in 2002" is 2002-01-01…2002-12-31), else <see cref="DatePrecision.Day"/>. Null
    /// for a count. Computed, not part of the JSON form.
    /// </summary>
    public DatePrecision? Precision =>
        Kind != FigureKind.Date ? null
        : Qualifier == Qualifier.Range && Low is { } low && High is { } high ? DatePrecisions.Of(low, high)
        : DatePrecision.Day;

    /// <summary>
    /// Fills in a missing anchor of a relative date (the source's publication day) and computes its value.
    /// </summary>
    public ClaimValue ResolveAnchor(DateOnly defaultAnchor)
    {
        if (Relative is null) return this;
        var anchor = Relative.Anchor ?? defaultAnchor;
        return this with
        {
            Relative = Relative with { Anchor = anchor },
            Value = anchor.AddDays(Relative.Days).DayNumber,
        };
    }

    public Interval ToInterval()
    {
        if (!IsResolved)
            throw new InvalidOperationException("A relative date must be resolved against its anchor first.");
        return Qualifier switch
        {
            Qualifier.Exact => Interval.Point(Value!.Value),
            Qualifier.AtLeast => new Interval(Value!.Value, null),
            Qualifier.MoreThan => new Interval(Value!.Value + 1, null),
            Qualifier.AtMost => new Interval(null, Value!.Value),
            Qualifier.LessThan => new Interval(null, Value!.Value - 1),
            Qualifier.Approximately => new Interval(
                Math.Max(Kind == FigureKind.Count ? 0 : long.MinValue, Value!.Value - EffectiveTolerance),
                Value!.Value + EffectiveTolerance),
            Qualifier.Range => new Interval(Low!.Value, High!.Value),
            Qualifier.Vague => VagueTerms.TryFind(CanonicalTerm ?? Term ?? "", out var t)
                ? new Interval(t.Low, t.High)
                : Interval.Everything,
            _ => Interval.Everything,
        };
    }

    /// <summary>
    /// One number that stands for the claim when picking the best estimate: the stated value, the smallest value an
    /// "at least"/"more than"/vague claim allows, the largest an "at most" allows, a range's middle.
    /// </summary>
    public long RepresentativePoint()
    {
        var interval = ToInterval();
        return Qualifier switch
        {
            Qualifier.Exact or Qualifier.Approximately => Value!.Value,
            Qualifier.Range => Low!.Value + (High!.Value - Low!.Value) / 2,
            Qualifier.AtMost or Qualifier.LessThan => interval.High!.Value,
            _ => interval.Low ?? interval.High ?? 0,
        };
    }
}
