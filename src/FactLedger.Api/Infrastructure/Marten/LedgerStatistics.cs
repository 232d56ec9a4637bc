using Npgsql;

namespace FactLedger.Api.Infrastructure.Marten;

/// <summary>
/// Fresh planner statistics for the tables a bulk load fills. Right after a large load PostgreSQL still plans
/// with the statistics of the small tables it had (autovacuum's analyze comes later), and reads over the events, a
/// rebuild above all, run several times slower until it does.
/// </summary>
public static class LedgerStatistics
{
    /// <summary>Claims a load must have appended before it refreshes the statistics (an analyze samples a few
    /// thousand rows per table: cheap next to such a load, not next to a small one).</summary>
    public const int AfterClaims = 10_000;

    public static async Task RefreshAsync(IDocumentStore store, CancellationToken ct)
    {
        var tables = new[]
        {
            $"{store.Options.Events.DatabaseSchemaName}.mt_events",
            $"{store.Options.Events.DatabaseSchemaName}.mt_streams",
        }.Concat(store.Options.AllKnownDocumentTypes().Select(t => t.TableName.QualifiedName)).Distinct();
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand($"analyze {string.Join(", ", tables)}", connection);
        await command.ExecuteNonQueryAsync(ct);
    }
}
