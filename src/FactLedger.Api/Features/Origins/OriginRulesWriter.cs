using FactLedger.Api.Features.Claims;
using FactLedger.Api.Features.Figures;
using FactLedger.Domain.Origins;

namespace FactLedger.Api.Features.Origins;

/// <summary>
/// The one way the origin rules change (identities, dependences). In one transaction, holding the rules' exclusive
/// lock (no figure is written meanwhile): the stream is folded, the command decided, its events appended, and every
/// figure whose claims the change regroups is folded again with the new rules and its stored view replaced, so the
/// list, the figure and the estimate never disagree about who said what. Then this process takes the new rules;
/// other processes read them at their next write or read.
/// </summary>
public sealed class OriginRulesWriter(OriginBook book, ILogger<OriginRulesWriter> logger)
{
    /// <summary>The rules as stored now, and their version.</summary>
    public static async Task<(OriginRules Rules, long Version)> LoadAsync(IQuerySession session, CancellationToken ct)
    {
        var events = await session.Events.FetchStreamAsync(OriginRules.StreamKey, token: ct);
        return (OriginRulesDecider.Fold(events.Select(e => e.Data)), events.Count == 0 ? 0 : events[^1].Version);
    }

    /// <summary>Decides <paramref name="command"/> (built from the rules as they stand) and commits its events with
    /// the figures they regroup; returns the rules after it and the events appended (none for a repeat).</summary>
    public async Task<(OriginRules Rules, IReadOnlyList<object> Appended)> DecideAsync(IDocumentSession session,
        Func<OriginRules, OriginCommand> command, CancellationToken ct)
    {
        await session.BeginTransactionAsync(ct);
        await OriginRulesLock.ExclusiveAsync(session, ct);
        var (rules, version) = await LoadAsync(session, ct);
        var events = OriginRulesDecider.Decide(command(rules), rules);
        if (events.Count == 0) return (rules, events);

        session.Events.Append(OriginRules.StreamKey, version + events.Count, events.ToArray());
        var after = events.Aggregate(rules, OriginRulesDecider.Evolve);
        var before = await OriginBook.DeciderAsync(session, rules, ct);
        var decider = await OriginBook.DeciderAsync(session, after, ct);
        var figures = await RegroupedFiguresAsync(session, rules, after, before, decider, ct);
        foreach (var key in figures)
        {
            var stream = await session.Events.FetchStreamAsync(key, token: ct);
            if (decider.Fold(stream.Select(e => e.Data)) is { } figure) session.Store(FigureView.Of(figure));
        }
        await session.SaveChangesAsync(ct);
        book.Committed(new OriginRulesAt(version + events.Count, after, decider));
        if (figures.Count > 0)
            logger.LogInformation("Origin rules changed to version {Version}: {Count} figures regrouped",
                version + events.Count, figures.Count);
        return (after, events);
    }

    /// <summary>
    /// The figures with a claim whose origin the change may move: a claim naming (or, unattributed, from an outlet
    /// named) a name that now resolves otherwise, or of a source that depends on another before or after. Sources
    /// with dependences are few (each one an editor's decision), so all of them count rather than comparing routes.
    /// </summary>
    private static async Task<IReadOnlyList<string>> RegroupedFiguresAsync(IQuerySession session, OriginRules before,
        OriginRules after, FigureDecider oldDecider, FigureDecider newDecider, CancellationToken ct)
    {
        var names = before.Identities.Values.Concat(after.Identities.Values)
            .SelectMany(i => new[] { i.Name, i.SameAs })
            .Where(n => oldDecider.Origins.Resolve(n, n) != newDecider.Origins.Resolve(n, n))
            .Select(OriginResolver.Normalize).Distinct().ToArray();
        var identitiesMoved = names.Length > 0;
        var sources = before.Dependences.ById.Values.Concat(after.Dependences.ById.Values)
            .Where(d => identitiesMoved || !Equals(before.Dependences.ById.GetValueOrDefault(d.Id)?.Status,
                after.Dependences.ById.GetValueOrDefault(d.Id)?.Status))
            .Select(d => d.Source).ToHashSet();
        // A source's route runs through the sources it depends on: a change for one moves every source routed
        // through it, so take all sources with a dependence when any moved.
        if (sources.Count > 0)
            sources.UnionWith(before.Dependences.Confirmed.Concat(after.Dependences.Confirmed).Select(d => d.Source));
        if (names.Length == 0 && sources.Count == 0) return [];
        var sourceKeys = sources.ToArray();
        return await session.Query<ClaimIndex>()
            .Where(c => c.SourceKey.IsOneOf(sourceKeys) || c.Name.IsOneOf(names))
            .Select(c => c.FigureKey).Distinct().ToListAsync(ct);
    }
}
