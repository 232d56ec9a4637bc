using FactLedger.Domain.Dependence;

namespace FactLedger.Api.Features.Dependencies;

/// <summary>
/// The suggestions of dependence detection, computed once per state of the ledger: detection reads every source text,
/// so it runs again only when events were appended since, and concurrent requests share one computation. The events
/// committed are counted as the sum of the streams' versions: unlike the newest sequence number, that also moves when
/// an event commits after one numbered above it (two writers commit out of sequence order). Reads are open by default;
/// without this, each request could make the server compare every text with every earlier one.
/// </summary>
public sealed class DependenceSuggestions
{
    private readonly SemaphoreSlim _computing = new(1, 1);
    private (long Events, IReadOnlyList<DependenceSuggestion> Suggestions)? _latest;

    public async Task<IReadOnlyList<DependenceSuggestion>> GetAsync(IQuerySession session, CancellationToken ct)
    {
        var events = await EventsCommittedAsync(session, ct);
        if (_latest is { } cached && cached.Events == events) return cached.Suggestions;
        await _computing.WaitAsync(ct);
        try
        {
            if (_latest is { } again && again.Events == events) return again.Suggestions;
            var suggestions = await DependenceRules.SuggestAsync(session, ct);
            _latest = (events, suggestions);
            return suggestions;
        }
        finally
        {
            _computing.Release();
        }
    }

    private static async Task<long> EventsCommittedAsync(IQuerySession session, CancellationToken ct)
    {
        var schema = session.DocumentStore.Options.Events.DatabaseSchemaName;
        var committed = await session.AdvancedSql.QueryAsync<long>(
            $"select coalesce(sum(version), 0)::bigint from {schema}.mt_streams", ct);
        return committed.Single();
    }
}
