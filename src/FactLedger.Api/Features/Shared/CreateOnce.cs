using Marten.Exceptions;

namespace FactLedger.Api.Features.Shared;

/// <summary>Starting a stream whose key names one immutable thing (a source, a figure): the same thing again is a
/// repeat, other content under the key a conflict, whichever request gets there first.</summary>
internal static class CreateOnce
{
    /// <summary>Starts stream <paramref name="key"/> with <paramref name="first"/> (who and why from
    /// <paramref name="command"/>), or, when its document exists (or
    /// another request started it meanwhile), answers what <paramref name="compare"/> says of the existing
    /// one.</summary>
    public static async Task<TResult> StartAsync<TDocument, TResult>(IDocumentSession session, LedgerCommand command,
        string key, object first, TResult created, Func<TDocument, TResult> compare, CancellationToken ct)
        where TDocument : class
    {
        session.CorrelationId = command.CorrelationId;
        session.LastModifiedBy = command.RecordedBy;
        var existing = await session.LoadAsync<TDocument>(key, ct);
        if (existing is not null) return compare(existing);
        session.Events.StartStream<TDocument>(key, first);
        try
        {
            await session.SaveChangesAsync(ct);
            return created;
        }
        catch (ExistingStreamIdCollisionException)
        {
            // The failed start must not be sent again by a later save of this session (propose on register).
            session.EjectAllPendingChanges();
            await using var fresh = session.DocumentStore.QuerySession();
            return compare((await fresh.LoadAsync<TDocument>(key, ct))!);
        }
    }
}
