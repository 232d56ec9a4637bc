using FactLedger.Api.Features.Figures;

namespace FactLedger.Api.Features.Live;

/// <summary>
/// A change of one figure's reconciled estimate, as the live feed, the server-sent events and the webhooks carry it.
/// <see cref="Sequence"/> is the Marten event sequence of the last event it covers: monotonic, so it orders the feed
/// and is where a client resumes. <see cref="Before"/> is null for a figure's first estimate.
/// </summary>
public sealed class FigureChange
{
    /// <summary>The sequence, as the document's id.</summary>
    public long Id { get; set; }
    public string Figure { get; set; } = "";
    public string Story { get; set; } = "";
    public DateTimeOffset RecordedAt { get; set; }
    public EstimateResponse? Before { get; set; }
    public EstimateResponse After { get; set; } = null!;
    /// <summary>Which of best, low, high, status and origins moved (empty: only who backs it or how it is worded).
    /// </summary>
    public List<string> Changes { get; set; } = [];
    /// <summary>The claims recorded, corrected or retracted by the events it covers.</summary>
    public List<string> ClaimIds { get; set; } = [];

    public long Sequence => Id;

    /// <summary>Whether a follower of <paramref name="figure"/>, else of <paramref name="story"/>, else of
    /// everything, wants this change.</summary>
    public bool IsFor(string? story, string? figure) =>
        figure is not null ? Figure == figure : story is null || Story == story;
}

/// <summary>A change as the API answers it.</summary>
public sealed record FigureChangeResponse(
    long Sequence, string Figure, string Story, DateTimeOffset RecordedAt, EstimateResponse? Before,
    EstimateResponse After, IReadOnlyList<string> Changes, IReadOnlyList<string> ClaimIds)
{
    public static FigureChangeResponse Of(FigureChange c) =>
        new(c.Id, c.Figure, c.Story, c.RecordedAt, c.Before, c.After, c.Changes, c.ClaimIds);
}
