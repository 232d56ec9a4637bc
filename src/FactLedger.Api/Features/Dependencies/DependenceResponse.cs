using FactLedger.Api.Features.Figures;
using FactLedger.Api.Features.Sources;
using FactLedger.Domain.Dependence;

namespace FactLedger.Api.Features.Dependencies;

/// <summary>A dependence as every dependence endpoint answers it: <see cref="Source"/> took its reporting from
/// <see cref="DependsOn"/> (a source key when <see cref="Kind"/> is <c>source</c>, an agency's name when
/// <c>agency</c>). <see cref="Status"/>: suggested (found by detection now, not decided), confirmed, rejected or
/// withdrawn; the decision's author, time and reason are null while it is suggested.</summary>
public sealed record DependenceResponse(
    string Id, string Source, string DependsOn, string Kind, IReadOnlyList<EvidenceResponse> Evidence, double Score,
    string Status, string? DecidedBy, DateTimeOffset? DecidedAt, string? Reason)
{
    public static DependenceResponse Of(DependenceSuggestion s) => new(s.Id, s.Source, s.DependsOn, KindName(s.Kind),
        s.Evidence.Select(EvidenceResponse.Of).ToList(), s.Score, DependenceView.Suggested, null, null, null);

    public static DependenceResponse Of(DependenceView v) => new(v.Id, v.Source, v.DependsOn, KindName(v.Kind),
        v.Evidence.Select(EvidenceResponse.Of).ToList(), v.Score, v.Status, v.DecidedBy, v.DecidedAt, v.Reason);

    public static DependenceResponse Of(DecidedDependence d) => new(d.Id, d.Source, d.DependsOn, KindName(d.Kind),
        d.Evidence.Select(EvidenceResponse.Of).ToList(), d.Score, StatusName(d.Status), d.DecidedBy, d.DecidedAt,
        d.Reason);

    public static string KindName(DependsOnKind kind) => kind == DependsOnKind.Source ? "source" : "agency";

    public static string StatusName(DependenceStatus status) => status switch
    {
        DependenceStatus.Confirmed => DependenceView.Confirmed,
        DependenceStatus.Rejected => DependenceView.Rejected,
        _ => DependenceView.Withdrawn,
    };
}

/// <summary>
/// Why a dependence is thought to hold; <see cref="Type"/> says which fields are set:
/// <c>shared-text</c>: the later text keeps passages of <see cref="EarlierSource"/> (<see cref="Share"/> of its word
/// shingles, <see cref="Passages"/> separate passages, the longest in <see cref="Span"/>);
/// <c>copy-marker</c>: the text credits <see cref="Agency"/> (<see cref="Marker"/>: dateline, credit or mention; the
/// first credit in <see cref="Span"/>, <see cref="Occurrences"/> in all);
/// <c>unattributed-repetition</c>: claim <see cref="ClaimId"/> of <see cref="FigureKey"/> states, naming no
/// authority, the value the earlier claim <see cref="EarlierClaimId"/> attributed to <see cref="Authority"/>.
/// <see cref="Strength"/>: how strongly this alone suggests dependence, 0..1. Spans are UTF-16 offsets in the
/// source's stored text.
/// </summary>
public sealed record EvidenceResponse(
    string Type, double Strength, string? EarlierSource = null, double? Share = null, int? Passages = null,
    TextSpan? Span = null, string? Agency = null, string? Marker = null, int? Occurrences = null,
    string? FigureKey = null, string? ClaimId = null, string? EarlierClaimId = null, string? Authority = null)
{
    public static EvidenceResponse Of(Evidence evidence) => evidence switch
    {
        SharedTextEvidence s => new("shared-text", s.Strength(), EarlierSource: s.EarlierSource, Share: s.Share,
            Passages: s.Passages, Span: s.Longest),
        CopyMarkerEvidence m => new("copy-marker", m.Strength(), Agency: m.Agency,
            Marker: JsonNamingPolicy.KebabCaseLower.ConvertName(m.Marker.ToString()), Span: m.Span,
            Occurrences: m.Occurrences),
        UnattributedRepetitionEvidence r => new("unattributed-repetition", r.Strength(), FigureKey: r.FigureKey,
            ClaimId: r.ClaimId, EarlierClaimId: r.EarlierClaimId, Authority: r.Authority),
        _ => new("unknown", evidence.Strength()),
    };
}

/// <summary>What detection suggests now, from the registered sources and the figures' current claims, and where the
/// editors' decisions are read and written: shared by the dependence requests.</summary>
internal static partial class DependenceRules
{
    public static string NoSuchSuggestion(string id) =>
        $"No dependence with id '{id[..Math.Min(id.Length, 200)]}' is suggested now.";

    /// <summary>dep.{source}.{source|agency}.{slug}, as <see cref="DependenceSuggestion.IdOf"/> makes them.</summary>
    public static bool IsId(string? id) => id is { Length: <= 300 } && IdPattern().IsMatch(id);

    [System.Text.RegularExpressions.GeneratedRegex(
        @"^dep\.[a-z0-9]+(-[a-z0-9]+)*\.(source|agency)\.[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial System.Text.RegularExpressions.Regex IdPattern();

    /// <summary>
    /// Every dependence detection suggests now, decided ones included (the caller skips those): the suggester over
    /// every registered source and each figure's current claims (one per origin, as the figure views keep them; a
    /// second claim of an origin, superseded, is not compared). All texts are read: shared text is only found by
    /// comparing a text with every earlier one, and repeated values cross languages.
    /// </summary>
    public static async Task<IReadOnlyList<DependenceSuggestion>> SuggestAsync(IQuerySession session,
        CancellationToken ct)
    {
        var sources = await session.Query<Source>().ToListAsync(ct);
        var figures = await session.Query<FigureView>().ToListAsync(ct);
        var registered = sources.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        var claims = figures.SelectMany(f => f.Current.Select(c => (Figure: f.Id, Claim: c)))
            .Where(x => registered.Contains(x.Claim.SourceKey))
            .Select(x => new ReportedClaim(x.Claim.Id, x.Figure, x.Claim.SourceKey, x.Claim.PublishedAt,
                x.Claim.Value, string.IsNullOrWhiteSpace(x.Claim.AttributedTo) ? null : x.Claim.Origin))
            .ToList();
        return DependenceSuggester.Suggest(
            sources.Select(s => new SourceText(s.Id, s.Language, s.PublishedAt, s.Outlet, s.Text)).ToList(), claims);
    }
}

/// <summary>The answer to a decision: the dependence as it stands, and whether this request changed it (false: the
/// same decision was there already).</summary>
public sealed record DependenceDecision(DependenceResponse Dependence, bool Changed);
