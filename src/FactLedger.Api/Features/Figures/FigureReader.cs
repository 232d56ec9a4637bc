namespace FactLedger.Api.Features.Figures;

/// <summary>A figure with every claim and its fate, folded from its stream by the one
/// <see cref="FigureDecider"/>.</summary>
public sealed class FigureReader(FigureDecider decider)
{
    /// <summary>The figure stream (up to <paramref name="knownAt"/> on the recording clock, when given)
    /// folded.</summary>
    public async Task<Figure> LoadAsync(IQuerySession session, string key, DateTimeOffset? knownAt,
        CancellationToken ct)
    {
        var events = knownAt is { } at
            ? await session.Events.FetchStreamAsync(key, timestamp: at, token: ct)
            : await session.Events.FetchStreamAsync(key, token: ct);
        return decider.Fold(events.Select(e => e.Data)) ?? throw LedgerError.NotFound(knownAt is null
            ? FigureRules.NoSuchFigure(key)
            : $"Figure '{key}' was not yet defined at {knownAt:O}.");
    }
}
