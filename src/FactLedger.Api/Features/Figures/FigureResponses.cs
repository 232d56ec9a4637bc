namespace FactLedger.Api.Features.Figures;

/// <summary>The JSON shapes of a figure: numbers for counts, yyyy-MM-dd for dates. <see cref="Origins"/>: origins whose
/// claims state a value holding <c>best</c>; <see cref="Compatible"/>: those that back or merely allow it;
/// <see cref="Conflicts"/>: the pairs of current claims that cannot both hold (at most 100; all counted in
/// <see cref="ConflictCount"/>).</summary>
/// <see cref="Reading"/>: what the current claims support, in their own terms; <see cref="Wording"/>: that reading
/// worded in English and in each label language (<c>best</c> is a machine value for ordering and comparing: when
/// <c>reading.bestStated</c> is false no source stated it).</summary>
public sealed record EstimateResponse(
    object? Low, object? Best, object? High, EstimateStatus Status, int Origins, SetBy SetBy, DateTimeOffset? For,
    int Compatible, IReadOnlyList<ClaimConflict> Conflicts, int ConflictCount, Reading? Reading,
    IReadOnlyDictionary<string, string> Wording);

/// <summary><see cref="Via"/>: the sources or agency the value came through to <see cref="Origin"/>, nearest
/// first (confirmed dependences); empty when the claim names its origin or is its origin's own report.</summary>
public sealed record ClaimResponse(
    string Id, string Source, string? Outlet, string Origin, IReadOnlyList<string> Via, string? AttributedTo,
    ClaimValue Value, string Wording,
    string Quote, string? Language, string? Note, int QuoteOffset, int QuoteLength, DateTimeOffset PublishedAt,
    DateTimeOffset RefersTo, DateTimeOffset RecordedAt, string RecordedBy, ClaimStatus Status, string? SupersededBy,
    ClaimValue? OriginalValue, IReadOnlyList<ClaimRevision> Corrections, ClaimRevision? Retraction, ClaimRole? Role);

/// <summary>The claims that come from one origin: <see cref="Described"/> says it in words ("3 reports, 1 origin:
/// Interior Ministry via AFP"); <see cref="Claims"/> are the claim ids in report order.</summary>
public sealed record OriginGroupResponse(string Key, string Origin, string Described, IReadOnlyList<string> Claims);

/// <summary><see cref="LatestReportAt"/>: when the newest report that counts was published (the story's clock);
/// <see cref="LastChangedAt"/>: when the figure last changed in the ledger (the recording clock);
/// <see cref="OriginGroups"/>: the claims by origin, what <c>estimate.origins</c> counts.</summary>
public sealed record FigureResponse(
    string Key, string Story, FigureKind Kind, bool Cumulative, IReadOnlyDictionary<string, string> Labels,
    EstimateResponse Estimate, IReadOnlyList<ClaimResponse> Claims, IReadOnlyList<OriginGroupResponse> OriginGroups,
    long Version, DateTimeOffset LastChangedAt, DateTimeOffset? AsOf, DateTimeOffset? KnownAt,
    DateTimeOffset? LatestReportAt) : IVersioned;

public sealed record FigureSummary(
    string Key, string Story, FigureKind Kind, bool Cumulative, IReadOnlyDictionary<string, string> Labels,
    EstimateResponse Estimate, int Claims, DateTimeOffset LastChangedAt, DateTimeOffset? LatestReportAt);

public static class FigureResponses
{
    public static object? Format(long? value, FigureKind kind) =>
        value is null ? null
        : kind == FigureKind.Date ? DateOnly.FromDayNumber((int)value.Value).ToString("yyyy-MM-dd")
        : value.Value;

    public static EstimateResponse ToResponse(this Estimate e, FigureKind kind, IEnumerable<string> languages) =>
        new(Format(e.Low, kind), Format(e.Best, kind), Format(e.High, kind), e.Status, e.Origins, e.SetBy, e.For,
            e.Compatible, e.Conflicts, e.ConflictCount, e.Reading, WordingOf(e.Reading, kind, languages));

    /// <summary>The reading in English and in each of <paramref name="languages"/> the wording tables know.</summary>
    private static Dictionary<string, string> WordingOf(
        Reading? reading, FigureKind kind, IEnumerable<string> languages)
    {
        if (reading is null) return [];
        return languages.Prepend("en").Distinct()
            .Where(l => l == "en" || Wording.Languages.Contains(l.Split('-')[0]))
            .ToDictionary(l => l, l => Wording.Of(reading, kind, l));
    }

    public static ClaimResponse ToResponse(this FigureClaim c, Figure figure)
    {
        var verdict = figure.VerdictOf(c.Id);
        return new ClaimResponse(c.Id, c.SourceKey, c.Outlet, c.Origin, c.Via, c.AttributedTo, c.Value,
            Wording.Of(c.Value),
            c.Quote, c.Language, c.Note, c.QuoteOffset, c.QuoteLength, c.PublishedAt, c.RefersTo, c.RecordedAt,
            c.RecordedBy, verdict.Status, verdict.SupersededBy, c.OriginalValue, c.Corrections, c.Retraction,
            verdict.Role);
    }

    public static FigureResponse ToResponse(
        this Figure f, DateTimeOffset? asOf = null, DateTimeOffset? knownAt = null) => new(
        f.Key, f.Story, f.Kind, f.Cumulative, f.Labels, f.Estimate.ToResponse(f.Kind, f.Labels.Keys),
        f.Claims.OrderBy(c => c.PublishedAt).ThenBy(c => c.RecordedOrder).Select(c => c.ToResponse(f)).ToList(),
        f.OriginGroups.Select(ToResponse).ToList(), f.Version, f.LastChangedAt, asOf, knownAt, f.LatestReportAt);

    public static OriginGroupResponse ToResponse(OriginGroup g)
    {
        var ways = g.Claims.Select(c => string.Join(" via ", c.Via.Reverse().Prepend(g.Name))).Distinct().ToList();
        var reports = g.Claims.Count == 1 ? "1 report" : $"{g.Claims.Count} reports";
        return new OriginGroupResponse(g.Key, g.Name, $"{reports}, 1 origin: {string.Join("; ", ways)}",
            g.Claims.Select(c => c.Id).ToList());
    }

    public static FigureSummary ToSummary(this FigureView v) => new(
        v.Id, v.Story, v.Kind, v.Cumulative, v.Labels, v.Estimate.ToResponse(v.Kind, v.Labels.Keys), v.ClaimCount,
        v.LastChangedAt,
        v.LatestReportAt);
}
