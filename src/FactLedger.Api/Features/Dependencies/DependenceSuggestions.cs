using FactLedger.Domain.Dependence;

namespace FactLedger.Api.Features.Dependencies;

/// <summary>
/// The suggestions of dependence detection, computed once per state of the ledger: detection reads every source text,
/// so it runs again only when events were appended since (the newest event sequence moved), and concurrent requests
/// share one computation. Reads are open by default; without this, each request could make the server compare every
/// text with every earlier one.
/// </summary>
public sealed class DependenceSuggestions
{
    private readonly SemaphoreSlim _computing = new(1, 1);
    private (long Sequence, IReadOnlyList<DependenceSuggestion> Suggestions)? _latest;

    public async Task<IReadOnlyList<DependenceSuggestion>> GetAsync(IQuerySession session, CancellationToken ct)
    {
        var sequence = await NewestSequenceAsync(session, ct);
        if (_latest is { } cached && cached.Sequence == sequence) return cached.Suggestions;
        await _computing.WaitAsync(ct);
        try
        {
            if (_latest is { } again && again.Sequence == sequence) return again.Suggestions;
            var suggestions = await DependenceRules.SuggestAsync(session, ct);
            _latest = (sequence, suggestions);
            return suggestions;
        }
        finally
        {
            _computing.Release();
        }
    }

    private static async Task<long> NewestSequenceAsync(IQuerySession session, CancellationToken ct)
    {
        var schema = session.DocumentStore.Options.Events.DatabaseSchemaName;
        var newest = await session.AdvancedSql.QueryAsync<long>(
            $"select coalesce(max(seq_id), 0) from {schema}.mt_events", ct);
        return newest.Single();
    }
}
