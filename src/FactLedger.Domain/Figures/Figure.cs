using System.Collections.Immutable;
using FactLedger.Domain.Reconciliation;
using FactLedger.Domain.Values;

namespace FactLedger.Domain.Figures;

/// <summary>A correction or retraction: who, when, why, and for a correction what changed.
/// <see cref="PublishedAt"/>: when it was made public, when that differs from <see cref="At"/>.</summary>
public sealed record ClaimRevision(
    DateTimeOffset At, string By, string Reason, ClaimValue? Value = null, string? Quote = null,
    DateTimeOffset? PublishedAt = null);

/// <summary>Claims that come from one origin (<see cref="Key"/>, shown as <see cref="Name"/>).</summary>
public sealed record OriginGroup(string Key, string Name, IReadOnlyList<FigureClaim> Claims);

/// <summary>One claim of a figure as its stream has it now: as recorded, with its corrections and retraction.</summary>
public sealed record FigureClaim
{
    public required string Id { get; init; }
    public required string SourceKey { get; init; }
    /// <summary>Null when the source does not name its outlet.</summary>
    public string? Outlet { get; init; }
    public string? AttributedTo { get; init; }
    /// <summary>Who the claim really comes from (display name) and the key origins are compared by.</summary>
    public required string Origin { get; init; }
    public required string OriginKey { get; init; }
    /// <summary>The sources or agency the value came through to <see cref="Origin"/>, nearest first; empty when the
    /// claim names its origin or is its origin's own report.</summary>
    public IReadOnlyList<string> Via { get; init; } = [];
    public required ClaimValue Value { get; init; }
    /// <summary>The value as first recorded, when a correction changed it.</summary>
    public ClaimValue? OriginalValue { get; init; }
    public required string Quote { get; init; }
    public int QuoteOffset { get; init; }
    public int QuoteLength { get; init; }
    /// <summary>How the value was read from the text, when that took judgement.</summary>
    public string? Note { get; init; }
    /// <summary>The quote's language: its source's.</summary>
    public string? Language { get; init; }
    public DateTimeOffset PublishedAt { get; init; }
    public DateTimeOffset RefersTo { get; init; }
    public DateTimeOffset RecordedAt { get; init; }
    public required string RecordedBy { get; init; }
    /// <summary>The claim's version in the figure stream: breaks publication-time ties.</summary>
    public long RecordedOrder { get; init; }
    public IReadOnlyList<ClaimRevision> Corrections { get; init; } = [];
    public ClaimRevision? Retraction { get; init; }

    public ReconcilableClaim ToReconcilable() =>
        new(Id, OriginKey, Value, PublishedAt, RefersTo, RecordedOrder, Retraction is not null, Corrections.Count > 0);
}

/// <summary>
/// The state of one figure stream, built by <see cref="FigureDecider.Evolve"/> and nothing else. Complete, it holds
/// every claim; compact (<see cref="Compact"/>), only each origin's current claim, which is all reconciliation and the
/// record decision need, so the stored view grows with origins, not claims. A compact state that loses the one thing
/// it cannot know (an origin's earlier report, when its current claim is retracted) says so in
/// <see cref="NeedsHistory"/>: the stream must then be folded from the start. Immutable, so a state can be shared.
/// </summary>
public sealed class Figure
{
    public required string Key { get; init; }
    public required FigureKind Kind { get; init; }
    public bool Cumulative { get; init; }
    public required IReadOnlyDictionary<string, string> Labels { get; init; }
    public required string DefinedBy { get; init; }
    public DateTimeOffset DefinedAt { get; init; }
    /// <summary>The figure stream's version this state was folded up to.</summary>
    public long Version { get; init; }
    public DateTimeOffset LastChangedAt { get; init; }
    /// <summary>Claims recorded, retracted ones included.</summary>
    public int ClaimCount { get; init; }
    /// <summary>Every claim in stream order; when <see cref="IsCompact"/>, only the origins' current claims.</summary>
    public ImmutableList<FigureClaim> Claims { get; init; } = [];
    /// <summary>Every origin with a claim in the figure, retracted ones included.</summary>
    public ImmutableList<string> OriginKeys { get; init; } = [];
    public bool IsCompact { get; init; }
    public bool NeedsHistory { get; init; }

    public string Story => Keys.LedgerKeys.StoryOf(Key);

    private ReconciliationResult? _reconciled;

    /// <summary>The claims reconciled (computed once per state).</summary>
    public ReconciliationResult Reconciled => _reconciled ??= Reconciler.Reconcile(
        Claims.Select(c => c.ToReconcilable()).ToList(), Cumulative);

    public Estimate Estimate => Reconciled.Estimate;

    /// <summary>When the newest report that counts (a current or corrected claim) was published: the story's clock,
    /// not the ledger's.</summary>
    public DateTimeOffset? LatestReportAt => Claims
        .Where(c => VerdictOf(c.Id).Status is ClaimStatus.Current or ClaimStatus.Corrected)
        .Select(c => (DateTimeOffset?)c.PublishedAt).Max();

    public FigureClaim? Find(string claimId) => Claims.Find(c => c.Id == claimId);

    /// <summary>The claims by origin: what <see cref="Estimate.Origins"/> counts groups of, ordered by key; members
    /// in report order.</summary>
    public IReadOnlyList<OriginGroup> OriginGroups => Claims.GroupBy(c => c.OriginKey)
        .OrderBy(g => g.Key, StringComparer.Ordinal)
        .Select(g => new OriginGroup(g.Key, g.First().Origin,
            g.OrderBy(c => c.PublishedAt).ThenBy(c => c.RecordedOrder).ToList()))
        .ToList();

    private Dictionary<string, ClaimVerdict>? _verdicts;

    /// <summary>A claim's fate (current, superseded, corrected, retracted) and what replaced it.</summary>
    public ClaimVerdict VerdictOf(string claimId) =>
        (_verdicts ??= Reconciled.Claims.ToDictionary(v => v.Id))[claimId];

    /// <summary>This state with only the origins' current claims.</summary>
    public Figure Compact()
    {
        if (IsCompact) return this;
        var current = Reconciled.Claims.Where(v => v.Status is ClaimStatus.Current or ClaimStatus.Corrected)
            .Select(v => v.Id).ToHashSet();
        return With(Claims.RemoveAll(c => !current.Contains(c.Id)), compact: true);
    }

    /// <summary>A copy with other labels (the claims and their reconciliation unchanged).</summary>
    internal Figure WithLabels(IReadOnlyDictionary<string, string> labels, long version, DateTimeOffset changedAt) =>
        new()
        {
            Key = Key, Kind = Kind, Cumulative = Cumulative, Labels = labels, DefinedBy = DefinedBy,
            DefinedAt = DefinedAt, Version = version, LastChangedAt = changedAt, ClaimCount = ClaimCount,
            Claims = Claims, OriginKeys = OriginKeys, IsCompact = IsCompact, NeedsHistory = NeedsHistory,
            _reconciled = _reconciled,
        };

    /// <summary>A copy with other claims, reconciled anew (records' <c>with</c> would copy the cached
    /// result).</summary>
    internal Figure With(ImmutableList<FigureClaim> claims, bool compact, long? version = null,
        DateTimeOffset? changedAt = null, int? claimCount = null, ImmutableList<string>? originKeys = null,
        bool? needsHistory = null) => new()
    {
        Key = Key, Kind = Kind, Cumulative = Cumulative, Labels = Labels, DefinedBy = DefinedBy, DefinedAt = DefinedAt,
        Version = version ?? Version, LastChangedAt = changedAt ?? LastChangedAt, ClaimCount = claimCount ?? ClaimCount,
        Claims = claims, OriginKeys = originKeys ?? OriginKeys, IsCompact = compact,
        NeedsHistory = needsHistory ?? NeedsHistory,
    };
}
