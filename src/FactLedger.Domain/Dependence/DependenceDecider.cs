using System.Collections.Immutable;
using FactLedger.Domain.Ledger;
using FactLedger.Domain.Origins;

namespace FactLedger.Domain.Dependence;

public enum DependenceStatus
{
    Confirmed,
    Rejected,
    Withdrawn,
}

/// <summary>One decided dependence as its latest decision left it: the evidence and score of its confirmation (kept
/// when it is withdrawn), who decided last, when and why.</summary>
public sealed record DecidedDependence(
    string Id, string Source, string DependsOn, DependsOnKind Kind, DependenceStatus Status,
    IReadOnlyList<Evidence> Evidence, double Score, string? Reason, string DecidedBy, DateTimeOffset DecidedAt);

/// <summary>Every dependence an editor decided, by id.</summary>
public sealed record DecidedDependences(ImmutableSortedDictionary<string, DecidedDependence> ById)
{
    public static readonly DecidedDependences None =
        new(ImmutableSortedDictionary.Create<string, DecidedDependence>(StringComparer.Ordinal));

    /// <summary>What origin grouping follows: the dependences confirmed and not withdrawn.</summary>
    public IReadOnlyList<ConfirmedDependence> Confirmed => ById.Values
        .Where(d => d.Status == DependenceStatus.Confirmed)
        .Select(d => ConfirmedDependence.Of(d.Source, d.DependsOn, d.Kind, d.Evidence)).ToList();
}

public abstract record DependenceCommand(string Actor, DateTimeOffset At) : OriginCommand(Actor, At)
{
    /// <summary>Confirm a suggestion as detection made it (its evidence and score are kept).</summary>
    public sealed record Confirm(DependenceSuggestion Suggestion, string? Reason, string Actor, DateTimeOffset At)
        : DependenceCommand(Actor, At);

    /// <summary>Declare a dependence detection did not find, saying how it is known.</summary>
    public sealed record Declare(
        string Source, string DependsOn, DependsOnKind Kind, string Reason, string Actor, DateTimeOffset At)
        : DependenceCommand(Actor, At);

    /// <summary>Reject a dependence: <see cref="Suggestion"/> when it is suggested now; without one, only a
    /// dependence decided before (a withdrawn one) can be rejected, by <see cref="Id"/>.</summary>
    public sealed record Reject(
        string Id, DependenceSuggestion? Suggestion, string Reason, string Actor, DateTimeOffset At)
        : DependenceCommand(Actor, At);

    /// <summary>Undo a confirmation.</summary>
    public sealed record Withdraw(string Id, string Reason, string Actor, DateTimeOffset At)
        : DependenceCommand(Actor, At);
}

/// <summary>
/// The editors' decisions about dependences, kept in the origin rules stream (<see cref="OriginRules"/>): there are
/// few, and grouping origins needs all of them at once. The latest decision about an id stands, so people may change
/// their minds: a rejected suggestion can be confirmed later (the evidence may have grown, or the rejection was a
/// mistake), and a withdrawn one confirmed or rejected again. What would contradict the record is refused: rejecting a
/// confirmed dependence (withdraw it: undoing a confirmation is its own, visible act). Pure, like the other deciders.
/// </summary>
public static class DependenceDecider
{
    /// <summary>An editor's declaration stands for the evidence: it is scored as certain.</summary>
    public const double DeclaredScore = 1.0;

    public static DecidedDependences Evolve(DecidedDependences state, object @event) => @event switch
    {
        DependenceConfirmed c => Set(state, new DecidedDependence(c.Id, c.Source, c.DependsOn, c.Kind,
            DependenceStatus.Confirmed, c.Evidence, c.Score, c.Reason, c.RecordedBy, c.RecordedAt)),
        DependenceRejected r => Set(state, new DecidedDependence(r.Id, r.Source, r.DependsOn, r.Kind,
            DependenceStatus.Rejected, state.ById.GetValueOrDefault(r.Id)?.Evidence ?? [],
            state.ById.GetValueOrDefault(r.Id)?.Score ?? 0, r.Reason, r.RecordedBy, r.RecordedAt)),
        DependenceWithdrawn w when state.ById.TryGetValue(w.Id, out var d) => Set(state, d with
        {
            Status = DependenceStatus.Withdrawn, Reason = w.Reason, DecidedBy = w.RecordedBy,
            DecidedAt = w.RecordedAt,
        }),
        _ => state,
    };

    private static DecidedDependences Set(DecidedDependences state, DecidedDependence dependence) =>
        new(state.ById.SetItem(dependence.Id, dependence));

    /// <summary>The events a command appends: none for a repeat (a confirmed dependence confirmed or declared again,
    /// a rejected one rejected again, a withdrawn one withdrawn again); a <see cref="LedgerError"/> when it cannot
    /// be.</summary>
    public static IReadOnlyList<object> Decide(DependenceCommand command, DecidedDependences state) => command switch
    {
        DependenceCommand.Confirm c => Confirm(c, state),
        DependenceCommand.Declare d => Declare(d, state),
        DependenceCommand.Reject r => Reject(r, state),
        DependenceCommand.Withdraw w => Withdraw(w, state),
        _ => throw new ArgumentOutOfRangeException(nameof(command)),
    };

    private static object[] Confirm(DependenceCommand.Confirm command, DecidedDependences state)
    {
        var s = command.Suggestion;
        RefuseSelf(s.Source, s.DependsOn, s.Kind);
        if (Status(state, s.Id) == DependenceStatus.Confirmed) return [];
        return
        [
            new DependenceConfirmed(s.Id, s.Source, s.DependsOn, s.Kind, s.Evidence, s.Score, command.Reason,
                command.Actor, command.At),
        ];
    }

    private static object[] Declare(DependenceCommand.Declare command, DecidedDependences state)
    {
        RefuseSelf(command.Source, command.DependsOn, command.Kind);
        if (string.IsNullOrWhiteSpace(command.Reason))
            throw LedgerError.Invalid("reason", "is required: how the dependence is known");
        var id = DependenceSuggestion.IdOf(command.Source, command.Kind, command.DependsOn);
        if (Status(state, id) == DependenceStatus.Confirmed) return [];
        return
        [
            new DependenceConfirmed(id, command.Source, command.DependsOn, command.Kind, [], DeclaredScore,
                command.Reason, command.Actor, command.At),
        ];
    }

    private static object[] Reject(DependenceCommand.Reject command, DecidedDependences state)
    {
        var decided = state.ById.GetValueOrDefault(command.Id);
        switch (decided?.Status)
        {
            case DependenceStatus.Rejected: return [];
            case DependenceStatus.Confirmed:
                throw LedgerError.Conflict($"Dependence '{command.Id}' is confirmed; withdraw it instead.");
        }
        var (source, dependsOn, kind) = command.Suggestion is { } s ? (s.Source, s.DependsOn, s.Kind)
            : decided is not null ? (decided.Source, decided.DependsOn, decided.Kind)
            : throw LedgerError.NotFound(NoSuchDependence(command.Id));
        RefuseSelf(source, dependsOn, kind);
        return [new DependenceRejected(command.Id, source, dependsOn, kind, command.Reason, command.Actor, command.At)];
    }

    private static object[] Withdraw(DependenceCommand.Withdraw command, DecidedDependences state)
    {
        var decided = state.ById.GetValueOrDefault(command.Id)
            ?? throw LedgerError.NotFound(NoSuchDependence(command.Id));
        return decided.Status switch
        {
            DependenceStatus.Withdrawn => [],
            DependenceStatus.Rejected => throw LedgerError.Conflict(
                $"Dependence '{command.Id}' was rejected, not confirmed; there is nothing to withdraw."),
            _ =>
            [
                new DependenceWithdrawn(decided.Id, decided.Source, decided.DependsOn, decided.Kind, command.Reason,
                    command.Actor, command.At),
            ],
        };
    }

    public static string NoSuchDependence(string id) =>
        $"No dependence has id '{id[..Math.Min(id.Length, 200)]}'.";

    private static DependenceStatus? Status(DecidedDependences state, string id) =>
        state.ById.GetValueOrDefault(id)?.Status;

    private static void RefuseSelf(string source, string dependsOn, DependsOnKind kind)
    {
        if (kind == DependsOnKind.Source && source == dependsOn)
            throw LedgerError.Invalid("dependsOn", "must be another source: a source cannot depend on itself");
    }
}
