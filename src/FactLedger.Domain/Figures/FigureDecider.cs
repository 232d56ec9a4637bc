using FactLedger.Domain.Ledger;
using FactLedger.Domain.Quotes;
using FactLedger.Domain.Reconciliation;
using FactLedger.Domain.Values;

namespace FactLedger.Domain.Figures;

/// <summary>What the ledger already holds under a claim id (any figure), if anything.</summary>
public sealed record KnownClaim(string Id, string FigureKey, string SourceKey, string ContentHash);

/// <summary>A change asked of a figure, by whom; <see cref="At"/> is set when it is written.</summary>
public abstract record FigureCommand(string Actor)
{
    public DateTimeOffset At { get; init; }

    /// <summary>Record a claim checked against its source. <see cref="Known"/>: what the id is already used
    /// for.</summary>
    public sealed record Record(ClaimRecorded Claim, KnownClaim? Known = null) : FigureCommand(Claim.RecordedBy);

    /// <summary>Correct a claim's value and/or quote (<see cref="Location"/>: where the new quote is in the text;
    /// <see cref="PublishedAt"/>: when the correction was made public, if not when it is recorded).</summary>
    public sealed record Correct(
        string ClaimId, ClaimValue? Value, string? Quote, QuoteLocation? Location, string Reason, string Actor,
        DateTimeOffset? PublishedAt = null) : FigureCommand(Actor);

    /// <summary>Withdraw a claim; <see cref="PublishedAt"/>: when that was made public, if not when it is recorded.
    /// </summary>
    public sealed record Retract(string ClaimId, string Reason, string Actor, DateTimeOffset? PublishedAt = null)
        : FigureCommand(Actor);

    /// <summary>Replace the figure's labels (by language), saying why.</summary>
    public sealed record CorrectLabels(
        string FigureKey, IReadOnlyDictionary<string, string> Labels, string Reason, string Actor)
        : FigureCommand(Actor);
}

/// <summary>
/// The one fold of a figure stream and the rules for changing it. <see cref="Evolve"/> turns events into a
/// <see cref="Figure"/>; <see cref="Decide"/> turns a command and the state into the events to append (none for a
/// repeat) or refuses it with a <see cref="LedgerError"/>. Pure: the stored view, the figure read back and the writer
/// all go through these two.
/// </summary>
public sealed class FigureDecider(OriginResolver origins)
{
    /// <summary>Whose claims are whose, as this decider folds them.</summary>
    public OriginResolver Origins => origins;

    public Figure? Fold(IEnumerable<object> events) => events.Aggregate((Figure?)null, Evolve);

    /// <summary>
    /// The figure as it was public at <paramref name="asOf"/> (the publication clock): claims published by then, and
    /// only the corrections and retractions made public by then (their <c>PublishedAt</c>, else when they were
    /// recorded). Events not yet public keep their place in the stream, so versions and report order stay those of
    /// the stream.
    /// </summary>
    public Figure? FoldPublishedBy(IEnumerable<object> events, DateTimeOffset asOf) =>
        Fold(events.Select(e => IsPublicBy(e, asOf) ? e : NotYetPublic.Instance));

    private static bool IsPublicBy(object @event, DateTimeOffset asOf) => @event switch
    {
        ClaimRecorded c => c.PublishedAt <= asOf,
        ClaimCorrected c => (c.PublishedAt ?? c.RecordedAt) <= asOf,
        ClaimRetracted r => (r.PublishedAt ?? r.RecordedAt) <= asOf,
        _ => true,
    };

    /// <summary>An event's place in a stream read on the publication clock before it was public.</summary>
    private sealed class NotYetPublic
    {
        public static readonly NotYetPublic Instance = new();
    }

    /// <summary>The state after one more event of the stream. Each event is the stream's next version.</summary>
    public Figure? Evolve(Figure? state, object @event)
    {
        if (state is null)
            return @event is FigureDefined d
                ? new Figure
                {
                    Key = d.FigureKey, Kind = d.Kind, Cumulative = d.Cumulative, Labels = d.Labels,
                    DefinedBy = d.RecordedBy, DefinedAt = d.RecordedAt, Version = 1, LastChangedAt = d.RecordedAt,
                }
                : null;

        var version = state.Version + 1;
        switch (@event)
        {
            case ClaimRecorded c:
                var claim = Claim(c, version);
                var origins = state.OriginKeys.Contains(claim.OriginKey)
                    ? state.OriginKeys : state.OriginKeys.Add(claim.OriginKey);
                var claims = state.Claims;
                if (state.IsCompact)
                {
                    // Only the origin's latest report is kept: an older one arriving late is superseded at once.
                    // Claims stay in stream order, as in a complete state.
                    var current = claims.Find(x => x.OriginKey == claim.OriginKey);
                    if (current is null) claims = claims.Add(claim);
                    else if (Reconciler.ReportOrder.Compare(claim.ToReconcilable(), current.ToReconcilable()) > 0)
                        claims = claims.Remove(current).Add(claim);
                }
                else claims = claims.Add(claim);
                return state.With(claims, state.IsCompact, version, c.RecordedAt, state.ClaimCount + 1, origins);

            case ClaimCorrected c when state.Find(c.ClaimId) is { } corrected:
                var revised = corrected with
                {
                    Value = c.Value ?? corrected.Value,
                    OriginalValue = corrected.OriginalValue ?? (c.Value is null ? null : corrected.Value),
                    Quote = c.Quote ?? corrected.Quote,
                    QuoteOffset = c.Quote is null ? corrected.QuoteOffset : c.QuoteOffset ?? corrected.QuoteOffset,
                    QuoteLength = c.Quote is null ? corrected.QuoteLength : c.QuoteLength ?? corrected.QuoteLength,
                    Corrections =
                    [
                        .. corrected.Corrections,
                        new ClaimRevision(c.RecordedAt, c.RecordedBy, c.Reason, c.Value, c.Quote, c.PublishedAt),
                    ],
                };
                return state.With(state.Claims.Replace(corrected, revised), state.IsCompact, version, c.RecordedAt);

            case ClaimRetracted r when state.Find(r.ClaimId) is { } retracted:
                if (state.IsCompact)
                    // The origin's next-latest report takes over, and a compact state does not hold it.
                    return state.With(state.Claims.Remove(retracted), true, version, r.RecordedAt, needsHistory: true);
                var withdrawn = retracted with
                {
                    Retraction = new ClaimRevision(r.RecordedAt, r.RecordedBy, r.Reason, PublishedAt: r.PublishedAt),
                };
                return state.With(state.Claims.Replace(retracted, withdrawn), false, version, r.RecordedAt);

            case FigureLabelsCorrected l:
                return state.WithLabels(l.Labels, version, l.RecordedAt);

            // A correction or retraction of a claim a compact state does not hold (not current): no bearing on it.
            case ClaimCorrected c: return state.With(state.Claims, state.IsCompact, version, c.RecordedAt);
            case ClaimRetracted r: return state.With(state.Claims, state.IsCompact, version, r.RecordedAt);
            default: return state.With(state.Claims, state.IsCompact, version);
        }
    }

    /// <summary>The events a command appends to the figure (none when it repeats what is recorded), or a refusal.
    /// Correcting and retracting need the complete state: a compact one does not hold superseded claims.</summary>
    public IReadOnlyList<object> Decide(FigureCommand command, Figure? state) => command switch
    {
        FigureCommand.Record record => DecideRecord(record, state),
        FigureCommand.Correct correct => DecideCorrect(correct, Complete(state, correct.ClaimId)),
        FigureCommand.Retract retract => DecideRetract(retract, Complete(state, retract.ClaimId)),
        FigureCommand.CorrectLabels labels => DecideLabels(labels, state),
        _ => throw new ArgumentOutOfRangeException(nameof(command), command.GetType().Name, "not a figure command"),
    };

    private static IReadOnlyList<object> DecideRecord(FigureCommand.Record command, Figure? state)
    {
        var claim = command.Claim;
        if (command.Known is { } known)
            return known.ContentHash == claim.ContentHash
                ? []
                : throw LedgerError.Conflict($"Claim id '{known.Id}' is already used by a different claim " +
                    $"(figure '{known.FigureKey}', source '{known.SourceKey}').");
        if (state is null)
            throw LedgerError.Unprocessable("figure",
                $"figure '{claim.FigureKey}' is not defined; POST /api/figures first");
        CheckKind(state, claim.Value);
        return [claim with { RecordedAt = command.At }];
    }

    private static IReadOnlyList<object> DecideCorrect(
        FigureCommand.Correct command, (Figure State, FigureClaim Claim) found)
    {
        var (state, claim) = found;
        if (claim.Retraction is not null)
            throw LedgerError.Conflict($"Claim '{claim.Id}' is retracted and cannot be corrected.");
        if (command.Value is { } value) CheckKind(state, value);
        return
        [
            new ClaimCorrected(claim.Id, state.Key, claim.SourceKey, command.Value,
                command.Quote is null ? null : QuoteLocator.Fold(command.Quote), command.Location?.Offset,
                command.Location?.Length, command.Reason.Trim(), command.Actor, command.At, command.PublishedAt),
        ];
    }

    private static IReadOnlyList<object> DecideRetract(
        FigureCommand.Retract command, (Figure State, FigureClaim Claim) found)
    {
        var (state, claim) = found;
        if (claim.Retraction is not null) return [];
        return
        [
            new ClaimRetracted(claim.Id, state.Key, claim.SourceKey, command.Reason.Trim(), command.Actor, command.At,
                command.PublishedAt),
        ];
    }

    private static IReadOnlyList<object> DecideLabels(FigureCommand.CorrectLabels command, Figure? state)
    {
        if (state is null) throw LedgerError.NotFound($"No figure has key '{command.FigureKey}'.");
        var same = state.Labels.Count == command.Labels.Count
            && command.Labels.All(l => state.Labels.TryGetValue(l.Key, out var label) && label == l.Value);
        if (same) return [];
        return [new FigureLabelsCorrected(state.Key, command.Labels, command.Reason.Trim(), command.Actor, command.At)];
    }

    private static (Figure, FigureClaim) Complete(Figure? state, string claimId)
    {
        if (state is { IsCompact: true })
            throw new InvalidOperationException("Correcting or retracting a claim needs the figure's complete state.");
        return state?.Find(claimId) is { } claim
            ? (state, claim)
            : throw LedgerError.NotFound($"No claim has id '{claimId}'.");
    }

    private static void CheckKind(Figure figure, ClaimValue value)
    {
        if (value.Kind != figure.Kind)
            throw LedgerError.Unprocessable("value",
                $"is a {Name(value.Kind)} but figure '{figure.Key}' is a {Name(figure.Kind)}");
    }

    private static string Name(FigureKind kind) => kind.ToString().ToLowerInvariant();

    private FigureClaim Claim(ClaimRecorded c, long version)
    {
        var origin = origins.OriginOf(c.AttributedTo, c.Outlet, c.SourceKey, c.FigureKey);
        return new FigureClaim
        {
            Id = c.ClaimId, SourceKey = c.SourceKey, Outlet = c.Outlet, AttributedTo = c.AttributedTo,
            Origin = origin.Name, OriginKey = origin.Key, Via = origin.Via,
            Value = c.Value, Quote = c.Quote, QuoteOffset = c.QuoteOffset, QuoteLength = c.QuoteLength,
            Note = c.Note, Language = c.SourceLanguage, PublishedAt = c.PublishedAt, RefersTo = c.RefersTo,
            RecordedAt = c.RecordedAt, RecordedBy = c.RecordedBy, RecordedOrder = version,
        };
    }
}
