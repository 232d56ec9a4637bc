using System.Collections.Immutable;
using FactLedger.Domain.Dependence;
using FactLedger.Domain.Ledger;
using FactLedger.Domain.Reconciliation;

namespace FactLedger.Domain.Origins;

/// <summary>One declared identity as its latest decision left it: <see cref="Name"/> is another name of
/// <see cref="SameAs"/> while it <see cref="Stands"/>; who decided last, when and why.</summary>
public sealed record DecidedIdentity(
    string Id, string Name, string SameAs, bool Stands, string Reason, string DecidedBy, DateTimeOffset DecidedAt);

/// <summary>
/// Everything the ledger says about who claims really come from: which names are one authority (identities) and
/// which sources took their reporting from others (dependences). One stream holds both (<see cref="StreamKey"/>), so
/// one version names one set of rules, and reconciliation resolves origins with exactly the rules of a version.
/// </summary>
public sealed record OriginRules(
    ImmutableSortedDictionary<string, DecidedIdentity> Identities, DecidedDependences Dependences)
{
    /// <summary>One dot: never a figure key (two dots), a source key (none) nor a dependence id (three).</summary>
    public const string StreamKey = "ledger.origins";

    public static readonly OriginRules None = new(
        ImmutableSortedDictionary.Create<string, DecidedIdentity>(StringComparer.Ordinal), DecidedDependences.None);

    public IEnumerable<DecidedIdentity> Standing => Identities.Values.Where(i => i.Stands);

    /// <summary>The resolver these rules make, given the outlets and publication times of the sources the
    /// dependences name.</summary>
    public OriginResolver Resolver(IReadOnlyDictionary<string, SourceOutlet> sources) => new(
        Standing.ToDictionary(i => i.Name, i => i.SameAs), SourceRoutes.Of(Dependences.Confirmed, sources));

    /// <summary>The sources a resolver needs to know (outlet, publication): those the dependences name.</summary>
    public IEnumerable<string> SourcesNamed => Dependences.ById.Values
        .SelectMany(d => d.Kind == DependsOnKind.Source ? new[] { d.Source, d.DependsOn } : [d.Source]).Distinct();

    /// <summary>The id of the identity declaring <paramref name="name"/> another name: one per name.</summary>
    public static string IdentityIdOf(string name) => "same." + DependenceSuggestion.Slug(
        OriginResolver.Normalize(name));
}

/// <summary>A change asked of the origin rules, by whom and when.</summary>
public abstract record OriginCommand(string Actor, DateTimeOffset At);

public abstract record IdentityCommand(string Actor, DateTimeOffset At) : OriginCommand(Actor, At)
{
    /// <summary>Declare <see cref="Name"/> another name of <see cref="SameAs"/>, saying how it is known.</summary>
    public sealed record Declare(string Name, string SameAs, string Reason, string Actor, DateTimeOffset At)
        : IdentityCommand(Actor, At);

    /// <summary>Undo a standing identity.</summary>
    public sealed record Withdraw(string Id, string Reason, string Actor, DateTimeOffset At)
        : IdentityCommand(Actor, At);

    /// <summary>Declare the configured groups of names (the first of each being the name shown), except names the
    /// ledger has decided about before: configuration seeds the identities, it never overrides an editor.</summary>
    public sealed record Seed(IReadOnlyList<IReadOnlyList<string>> Groups, string Actor, DateTimeOffset At)
        : IdentityCommand(Actor, At);
}

/// <summary>
/// The one fold of the origin rules stream, and the rules for changing it: identities here, dependences by
/// <see cref="DependenceDecider"/> on their part of the state. An identity is refused when it would contradict the
/// record: a name already declared another's (withdraw that first), or a cycle of names. Pure.
/// </summary>
public static class OriginRulesDecider
{
    public const string SeedReason = "seeded from configuration (FactLedger:OriginAliases)";

    public static OriginRules Fold(IEnumerable<object> events) => events.Aggregate(OriginRules.None, Evolve);

    public static OriginRules Evolve(OriginRules state, object @event) => @event switch
    {
        OriginIdentityDeclared d => state with
        {
            Identities = state.Identities.SetItem(d.Id,
                new DecidedIdentity(d.Id, d.Name, d.SameAs, true, d.Reason, d.RecordedBy, d.RecordedAt)),
        },
        OriginIdentityWithdrawn w when state.Identities.TryGetValue(w.Id, out var identity) => state with
        {
            Identities = state.Identities.SetItem(w.Id, identity with
            {
                Stands = false, Reason = w.Reason, DecidedBy = w.RecordedBy, DecidedAt = w.RecordedAt,
            }),
        },
        DependenceConfirmed or DependenceRejected or DependenceWithdrawn =>
            state with { Dependences = DependenceDecider.Evolve(state.Dependences, @event) },
        _ => state,
    };

    public static IReadOnlyList<object> Decide(OriginCommand command, OriginRules state) => command switch
    {
        DependenceCommand d => DependenceDecider.Decide(d, state.Dependences),
        IdentityCommand.Declare d => Declare(d, state),
        IdentityCommand.Withdraw w => Withdraw(w, state),
        IdentityCommand.Seed s => Seed(s, state),
        _ => throw new ArgumentOutOfRangeException(nameof(command), command.GetType().Name, "not an origin command"),
    };

    private static IReadOnlyList<object> Declare(IdentityCommand.Declare command, OriginRules state)
    {
        if (string.IsNullOrWhiteSpace(command.Reason))
            throw LedgerError.Invalid("reason", "is required: how it is known that the names are one authority");
        return Identity(command.Name, command.SameAs, command.Reason.Trim(), command, state) is { } declared
            ? [declared]
            : [];
    }

    private static OriginIdentityDeclared? Identity(
        string name, string sameAs, string reason, OriginCommand command, OriginRules state)
    {
        name = name.Trim();
        sameAs = sameAs.Trim();
        if (OriginResolver.Normalize(name) == OriginResolver.Normalize(sameAs))
            throw LedgerError.Invalid("sameAs", "must be another name than name");
        var id = OriginRules.IdentityIdOf(name);
        if (state.Identities.GetValueOrDefault(id) is { Stands: true } standing)
            return OriginResolver.Normalize(standing.SameAs) == OriginResolver.Normalize(sameAs)
                ? null
                : throw LedgerError.Conflict(
                    $"'{standing.Name}' is already declared the same as '{standing.SameAs}' (identity '{id}'); " +
                    "withdraw that first.");
        var names = state.Standing.ToDictionary(i => OriginResolver.Normalize(i.Name), i => i.SameAs);
        var seen = new HashSet<string>();
        for (var current = sameAs; seen.Add(OriginResolver.Normalize(current)); current = names[
                 OriginResolver.Normalize(current)])
        {
            if (OriginResolver.Normalize(current) == OriginResolver.Normalize(name))
                throw LedgerError.Conflict($"'{sameAs}' is already another name of '{name}': that would make a cycle.");
            if (!names.ContainsKey(OriginResolver.Normalize(current))) break;
        }
        return new OriginIdentityDeclared(id, name, sameAs, reason, command.Actor, command.At);
    }

    private static IReadOnlyList<object> Withdraw(IdentityCommand.Withdraw command, OriginRules state)
    {
        var identity = state.Identities.GetValueOrDefault(command.Id)
            ?? throw LedgerError.NotFound(NoSuchIdentity(command.Id));
        if (!identity.Stands) return [];
        if (string.IsNullOrWhiteSpace(command.Reason))
            throw LedgerError.Invalid("reason", "is required: why the names are not one authority after all");
        return
        [
            new OriginIdentityWithdrawn(identity.Id, identity.Name, identity.SameAs, command.Reason.Trim(),
                command.Actor, command.At),
        ];
    }

    private static IReadOnlyList<object> Seed(IdentityCommand.Seed command, OriginRules state)
    {
        var events = new List<object>();
        foreach (var group in command.Groups.Where(g => g.Count > 1 && !string.IsNullOrWhiteSpace(g[0])))
            foreach (var name in group.Skip(1).Where(n => !string.IsNullOrWhiteSpace(n)))
            {
                if (OriginResolver.Normalize(name) == OriginResolver.Normalize(group[0])) continue;
                if (state.Identities.ContainsKey(OriginRules.IdentityIdOf(name))) continue;
                try
                {
                    if (Identity(name, group[0], SeedReason, command, state) is not { } declared) continue;
                    events.Add(declared);
                    state = Evolve(state, declared);
                }
                catch (LedgerError)
                {
                    // A configured name that would contradict the ledger (a cycle an editor's decision made) is left
                    // out: the ledger's decisions stand.
                }
            }
        return events;
    }

    public static string NoSuchIdentity(string id) => $"No identity has id '{id[..Math.Min(id.Length, 200)]}'.";
}
