namespace FactLedger.Api.Features.Shared;

/// <summary>
/// A stream that a pure decider owns (a source's proposals, the dependence decisions): folded as stored, decided,
/// and appended with the version it was decided on, so a concurrent decision is noticed (Marten's concurrency check,
/// or, for a stream's first two appends, the collision creating it) and this one decided again.
/// </summary>
internal sealed class DecidedStream<TState, TCommand>(
    string key, Func<IEnumerable<object>, TState> fold, Func<TCommand, TState, IReadOnlyList<object>> decide,
    Func<TState, object, TState> evolve)
{
    public async Task<(TState State, long Version)> LoadAsync(IQuerySession session, CancellationToken ct)
    {
        var events = await session.Events.FetchStreamAsync(key, token: ct);
        return (fold(events.Select(e => e.Data)), events.Count == 0 ? 0 : events[^1].Version);
    }

    public async Task<(TState State, IReadOnlyList<object> Appended)> DecideAsync(IDocumentSession session,
        Func<TState, TCommand> command, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var (state, version) = await LoadAsync(session, ct);
            var events = decide(command(state), state);
            if (events.Count == 0) return (state, events);
            session.Events.Append(key, version + events.Count, events.ToArray());
            try
            {
                await session.SaveChangesAsync(ct);
                return (events.Aggregate(state, evolve), events);
            }
            catch (Exception e) when (attempt < 3
                && e is JasperFx.ConcurrencyException or Marten.Exceptions.ExistingStreamIdCollisionException)
            {
                session.EjectAllPendingChanges();
            }
        }
    }
}
