using System.Diagnostics;
using FactLedger.Api.Features.Claims;
using FactLedger.Api.Features.Figures;

namespace FactLedger.Api.Features.Origins;

/// <summary>
/// The one way the origin rules change (identities, dependences). In one transaction of its own, holding the rules'
/// exclusive lock (no figure is written meanwhile): the stream is folded, the command decided, its events appended,
/// and every figure whose claims the change may regroup is folded again with the new rules and its stored view
/// replaced, so the list, the figure and the estimate never disagree about who said what. Then this process takes
/// the new rules; other processes read them at their next write or read. A command that changes nothing (a repeat,
/// a seed with nothing new) is answered without taking the lock.
/// </summary>
public sealed class OriginRulesWriter(IDocumentStore store, OriginBook book, ILogger<OriginRulesWriter> logger)
{
    /// <summary>Figure streams read back in one round trip when regrouping.</summary>
    private const int FiguresPerRead = 100;

    /// <summary>Decides <paramref name="command"/> (built from the rules as they stand) and commits its events with
    /// the figures they regroup; returns the rules after it and the events appended (none for a repeat). A refusal is
    /// a <see cref="LedgerError"/>.</summary>
    public async Task<(OriginRules Rules, IReadOnlyList<object> Appended)> DecideAsync(
        Func<OriginRules, OriginCommand> command, string? correlationId, string actor, CancellationToken ct)
    {
        await using (var query = store.QuerySession())
        {
            var (current, _) = await OriginBook.LoadAsync(query, null, ct);
            if (OriginRulesDecider.Decide(command(current), current).Count == 0) return (current, []);
        }

        await using var session = store.LightweightSession();
        session.CorrelationId = correlationId;
        session.LastModifiedBy = actor;
        await session.BeginTransactionAsync(ct);
        await OriginRulesLock.ExclusiveAsync(session, ct);
        var (rules, version) = await OriginBook.LoadAsync(session, null, ct);
        var events = OriginRulesDecider.Decide(command(rules), rules);
        if (events.Count == 0) return (rules, events);

        var clock = Stopwatch.StartNew();
        session.Events.Append(OriginRules.StreamKey, version + events.Count, events.ToArray());
        var after = events.Aggregate(rules, OriginRulesDecider.Evolve);
        var before = await OriginBook.DeciderAsync(session, rules, ct);
        var decider = await OriginBook.DeciderAsync(session, after, ct);
        var figures = await RegroupedFiguresAsync(session, rules, after, before, decider, ct);
        foreach (var chunk in figures.Chunk(FiguresPerRead))
        {
            var read = session.CreateBatchQuery();
            var streams = chunk.Select(key => read.Events.FetchStream(key)).ToList();
            await read.Execute(ct);
            foreach (var stream in streams)
                if (decider.Fold((await stream).Select(e => e.Data)) is { } figure)
                    session.Store(FigureView.Of(figure));
        }
        await session.SaveChangesAsync(ct);
        book.Committed(new OriginRulesAt(version + events.Count, after, decider));
        logger.LogInformation("Origin rules now at version {Version}: {Count} figures regrouped in {Ms} ms",
            version + events.Count, figures.Count, clock.ElapsedMilliseconds);
        return (after, events);
    }

    /// <summary>
    /// The figures with a claim whose origin the change may move: one whose stored view counts an origin key that a
    /// moved name resolved to before or resolves to now (the views hold every claim's key, retracted ones included),
    /// or a claim of a source that depends on another before or after. Sources with dependences are few (each one an
    /// editor's decision), so all of them count rather than comparing routes.
    /// </summary>
    private static async Task<IReadOnlyList<string>> RegroupedFiguresAsync(IQuerySession session, OriginRules before,
        OriginRules after, FigureDecider oldDecider, FigureDecider newDecider, CancellationToken ct)
    {
        var moved = before.Identities.Values.Concat(after.Identities.Values)
            .SelectMany(i => new[] { i.Name, i.SameAs })
            .Where(n => oldDecider.Origins.Resolve(n, n) != newDecider.Origins.Resolve(n, n)).ToList();
        var keys = moved.SelectMany(n => new[] { oldDecider.Origins.KeyOf(n, n), newDecider.Origins.KeyOf(n, n) })
            .Distinct().ToList();
        var sources = before.Dependences.ById.Values.Concat(after.Dependences.ById.Values)
            .Where(d => keys.Count > 0 || !Equals(before.Dependences.ById.GetValueOrDefault(d.Id)?.Status,
                after.Dependences.ById.GetValueOrDefault(d.Id)?.Status))
            .Select(d => d.Source).ToHashSet();
        // A source's route runs through the sources it depends on: a change for one moves every source routed
        // through it, so take all sources with a dependence when any moved.
        if (sources.Count > 0)
            sources.UnionWith(before.Dependences.Confirmed.Concat(after.Dependences.Confirmed).Select(d => d.Source));

        var figures = new HashSet<string>(StringComparer.Ordinal);
        foreach (var key in keys)
            figures.UnionWith(await session.Query<FigureView>().Where(f => f.OriginKeys.Contains(key))
                .Select(f => f.Id).ToListAsync(ct));
        if (sources.Count > 0)
        {
            var sourceKeys = sources.ToArray();
            figures.UnionWith(await session.Query<ClaimIndex>().Where(c => c.SourceKey.IsOneOf(sourceKeys))
                .Select(c => c.FigureKey).Distinct().ToListAsync(ct));
        }
        return figures.Order(StringComparer.Ordinal).ToList();
    }
}
