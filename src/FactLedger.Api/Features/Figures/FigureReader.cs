namespace FactLedger.Api.Features.Figures;

/// <summary>A figure with every claim and its fate, folded from its stream by the one
/// <see cref="FigureDecider"/>.</summary>
public sealed class FigureReader(FigureDecider decider)
{
    /// <summary>The figure stream (up to <paramref name="knownAt"/> on the recording clock, when given)
    /// folded.</summary>
    public async Task<Figure> LoadAsync(IQuerySession session, string key, DateTimeOffset? knownAt,
        CancellationToken ct) => await LoadAsync(session, key, knownAt, null, ct);

    /// <summary>The figure stream up to <paramref name="knownAt"/> (recording clock), as it was public at
    /// <paramref name="asOf"/> (publication clock), when given.</summary>
    public async Task<Figure> LoadAsync(IQuerySession session, string key, DateTimeOffset? knownAt,
        DateTimeOffset? asOf, CancellationToken ct)
    {
        var events = knownAt is { } at
            ? await session.Events.FetchStreamAsync(key, timestamp: at, token: ct)
            : await session.Events.FetchStreamAsync(key, token: ct);
        var data = events.Select(e => e.Data);
        var figure = asOf is { } published ? decider.FoldPublishedBy(data, published) : decider.Fold(data);
        return figure ?? throw LedgerError.NotFound(knownAt is null
            ? FigureRules.NoSuchFigure(key)
            : $"Figure '{key}' was not yet defined at {knownAt:O}.");
    }
}
