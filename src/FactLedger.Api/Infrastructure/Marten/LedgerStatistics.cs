using Npgsql;

namespace FactLedger.Api.Infrastructure.Marten;

/// <summary>
/// Fresh planner statistics for the tables a bulk load fills. Right after a large load PostgreSQL still plans
/// with the statistics of the small tables it had (autovacuum's analyze comes later), and reads over the events, a
/// rebuild above all, run several times slower until it does.
/// </summary>
public static class LedgerStatistics
{
    /// <summary>Claims a load must have appended before it refreshes the statistics.</summary>
    public const int AfterClaims = 10_000;

    /// <summary>The statistics target of the refresh: a sample of 300 × this many rows per table. What the planner
    /// lacks after a load is the tables' sizes and rough distributions, which such a sample gives. The histograms are
    /// coarser than at the default target (100) until autovacuum analyzes the table again, which it does once about a
    /// tenth of it has changed since. At the default target the refresh took half a second after 100,000 claims, with
    /// this one 60 ms (README, Performance).</summary>
    public const int SampleTarget = 10;

    public static async Task RefreshAsync(IDocumentStore store, CancellationToken ct)
    {
        var tables = new[]
        {
            $"{store.Options.Events.DatabaseSchemaName}.mt_events",
            $"{store.Options.Events.DatabaseSchemaName}.mt_streams",
        }.Concat(store.Options.AllKnownDocumentTypes().Select(t => t.TableName.QualifiedName)).Distinct();
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(ct);
        // In a transaction, so the smaller target (set local) ends with it and never reaches the pooled connection.
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using var command = new NpgsqlCommand(
            $"set local default_statistics_target = {SampleTarget}; analyze {string.Join(", ", tables)}",
            connection, transaction);
        await command.ExecuteNonQueryAsync(ct);
        await transaction.CommitAsync(ct);
    }
}
