using FactLedger.Api.Features.Origins;
using FactLedger.Api.Infrastructure;
using Microsoft.Extensions.Caching.Memory;

namespace FactLedger.Api.Features.Figures;

/// <summary>
/// A figure with every claim and its fate, folded from its stream by the <see cref="FigureDecider"/> of the origin
/// rules in force (<see cref="OriginBook"/>; as known then, for <c>knownAt</c>). The figure as it is now is kept in
/// memory (a <see cref="Figure"/> is immutable, so readers share it): the next read fetches and folds only the events
/// after the version it holds, so the first read after a write costs the new events, not the whole stream; a change
/// of the origin rules folds it from the start. Only committed events are read, so a state kept is a state of the
/// ledger. Bounded by <see cref="FactLedgerOptions.FigureCacheClaims"/>; a figure not held is folded from the start.
/// </summary>
public sealed class FigureReader(OriginBook origins, IOptions<FactLedgerOptions> options) : IDisposable
{
    private readonly MemoryCache _states =
        new(new MemoryCacheOptions { SizeLimit = Math.Max(1, options.Value.FigureCacheClaims) });

    /// <summary>The figure stream (up to <paramref name="knownAt"/> on the recording clock, when given)
    /// folded.</summary>
    public Task<Figure> LoadAsync(IQuerySession session, string key, DateTimeOffset? knownAt,
        CancellationToken ct) => LoadAsync(session, key, knownAt, null, ct);

    /// <summary>The figure stream up to <paramref name="knownAt"/> (recording clock), as it was public at
    /// <paramref name="asOf"/> (publication clock), when given.</summary>
    public async Task<Figure> LoadAsync(IQuerySession session, string key, DateTimeOffset? knownAt,
        DateTimeOffset? asOf, CancellationToken ct)
    {
        if (knownAt is null && asOf is null) return await NowAsync(session, key, ct);
        var decider = (knownAt is { } known
            ? await origins.KnownAtAsync(session, known, ct)
            : await origins.NowAsync(session, ct)).Decider;
        var events = knownAt is { } at
            ? await session.Events.FetchStreamAsync(key, timestamp: at, token: ct)
            : await session.Events.FetchStreamAsync(key, token: ct);
        var data = events.Select(e => e.Data);
        var figure = asOf is { } published ? decider.FoldPublishedBy(data, published) : decider.Fold(data);
        return figure ?? throw LedgerError.NotFound(knownAt is null
            ? FigureRules.NoSuchFigure(key)
            : $"Figure '{key}' was not yet defined at {knownAt:O}.");
    }

    private sealed record Held(Figure Figure, FigureDecider Decider);

    private async Task<Figure> NowAsync(IQuerySession session, string key, CancellationToken ct)
    {
        var decider = (await origins.NowAsync(session, ct)).Decider;
        var held = _states.TryGetValue(key, out Held? state) && state!.Decider == decider ? state.Figure : null;
        var events = await session.Events.FetchStreamAsync(key, fromVersion: (held?.Version ?? 0) + 1, token: ct);
        // Each event is the stream's next version: a gap would mean the held state is not of this stream.
        if (held is not null && events.Count > 0 && events[0].Version != held.Version + 1)
        {
            held = null;
            events = await session.Events.FetchStreamAsync(key, token: ct);
        }
        var figure = events.Aggregate(held, (s, e) => decider.Evolve(s, e.Data))
            ?? throw LedgerError.NotFound(FigureRules.NoSuchFigure(key));
        if (!ReferenceEquals(figure, held))
            _states.Set(key, new Held(figure, decider), new MemoryCacheEntryOptions
            {
                Size = figure.Claims.Count + 1, SlidingExpiration = TimeSpan.FromMinutes(30),
            });
        return figure;
    }

    public void Dispose() => _states.Dispose();
}
