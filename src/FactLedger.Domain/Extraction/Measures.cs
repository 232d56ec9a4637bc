namespace FactLedger.Domain.Extraction;

/// <summary>
/// The closed list of measures a finding can carry, in canonical English (each a slug, so it can end a figure key).
/// The language tables map their words onto these; nothing else is ever proposed.
/// </summary>
public static class Measures
{
    /// <summary>Counts of people or events.</summary>
    public static readonly IReadOnlyList<string> Counts =
    [
        "killed", "injured", "detained", "missing", "displaced", "evacuated", "rescued", "affected", "infected",
        "recovered", "hospitalized", "destroyed", "deployed", "participated", "calls", "members", "aftershocks",
        // Tracked by disaster reporting in their own right: the critically injured (a subset of the injured),
        // people trapped under rubble, the dead buried, buildings damaged but standing.
        "critical", "trapped", "buried", "damaged",
    ];

    /// <summary>Measures that say what is counted rather than what happened: another measure in reach wins.
    /// </summary>
    public static readonly IReadOnlySet<string> Counted = new HashSet<string>(["members"], StringComparer.Ordinal);

    /// <summary>Dates of events: when something began, ended, happened, was declared, and so on. <c>occurred</c> is
    /// the measure of a dated event whose verb the tables do not name.</summary>
    public static readonly IReadOnlyList<string> Dates =
    [
        "start", "end", "occurred", "declared", "resigned", "dismissed", "requested", "founded", "signed",
    ];

    public static readonly IReadOnlySet<string> All = Counts.Concat(Dates).ToHashSet(StringComparer.Ordinal);

    public static bool IsDateMeasure(string measure) => Dates.Contains(measure);
}
