using FactLedger.Api.Infrastructure.Postgres;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace FactLedger.Api.Infrastructure.Http;

/// <summary>
/// The database check behind <c>GET /health</c>: a round trip to PostgreSQL through Marten's connection.
/// </summary>
public sealed class DatabaseHealthCheck(IDocumentStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context,
        CancellationToken cancellationToken = default)
    {
        try
        {
            await using var session = store.QuerySession();
            var version = await session.QueryAsync<string>("select version()", cancellationToken);
            return HealthCheckResult.Healthy(version.FirstOrDefault());
        }
        catch (Exception e)
        {
            return HealthCheckResult.Unhealthy("PostgreSQL is not reachable.", e);
        }
    }
}

/// <summary>
/// Readiness: the async projection (the activity log) and the figure change feed are no more than
/// <c>FactLedger:MaxProjectionLag</c> events behind the newest event. A node whose reads would be stale answers 503
/// on <c>/health/ready</c>.
/// </summary>
public sealed class ProjectionLagHealthCheck(
    IDocumentStore store, Microsoft.Extensions.Options.IOptionsMonitor<FactLedgerOptions> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context,
        CancellationToken cancellationToken = default)
    {
        try
        {
            var highest = await store.Storage.Database.FetchHighestEventSequenceNumber(cancellationToken);
            var progress = await store.Advanced.AllProjectionProgress(token: cancellationToken);
            var asyncProjections = store.Options.Events.Projections()
                .Where(p => p.Lifecycle == JasperFx.Events.Projections.ProjectionLifecycle.Async)
                .Select(p => p.Name + ":").Append(Features.Live.FigureChangeFeed.FeedName + ":").ToList();
            // Only the projections and the feed this version runs: one dropped from the code leaves its progress row
            // behind.
            var shards = progress
                .Where(p => asyncProjections.Any(n => p.ShardName.StartsWith(n, StringComparison.Ordinal))).ToList();
            // A shard with no row yet has processed nothing.
            var slowest = shards.Count < asyncProjections.Count
                ? 0 : shards.Select(s => s.Sequence).DefaultIfEmpty(highest).Min();
            var lag = Math.Max(0, highest - slowest);
            var data = new Dictionary<string, object>
            {
                ["highestEvent"] = highest, ["slowestProjection"] = slowest, ["lag"] = lag,
            };
            var max = options.CurrentValue.MaxProjectionLag;
            return lag <= max
                ? HealthCheckResult.Healthy($"async projections are {lag} events behind (allowed: {max})", data)
                : HealthCheckResult.Unhealthy($"async projections are {lag} events behind (allowed: {max})",
                    data: data);
        }
        catch (Exception e)
        {
            return HealthCheckResult.Unhealthy("Projection progress could not be read.", e);
        }
    }
}

/// <summary>
/// Readiness, with a replica configured: how far the replica trails the primary (bytes of WAL, seconds), whether its
/// replay is paused. Degraded (still 200) when it trails by more than <c>FactLedger:Replica:MaxLagBytes</c> or does not
/// answer: reads are still right then, as reads that need newer data go to the primary.
/// </summary>
public sealed class ReplicaHealthCheck(ReplicaDatabase replica, IOptionsMonitor<FactLedgerOptions> options)
    : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context,
        CancellationToken cancellationToken = default)
    {
        try
        {
            var status = await replica.StatusAsync(cancellationToken);
            var data = new Dictionary<string, object>
            {
                ["primaryLsn"] = status.Primary.ToString(), ["receivedLsn"] = status.Received.ToString(),
                ["replayedLsn"] = status.Replayed.ToString(), ["lagBytes"] = status.LagBytes,
                ["lagSeconds"] = status.LagSeconds ?? 0, ["replayPaused"] = status.ReplayPaused,
            };
            var max = options.CurrentValue.Replica.MaxLagBytes;
            var description = $"the replica trails the primary by {status.LagBytes} bytes of WAL " +
                $"({status.LagSeconds ?? 0:0.###} s){(status.ReplayPaused ? ", replay paused" : "")} (allowed: {max})";
            return status.LagBytes <= max
                ? HealthCheckResult.Healthy(description, data)
                : HealthCheckResult.Degraded(description, data: data);
        }
        catch (Exception e) when (e is Npgsql.NpgsqlException or TimeoutException)
        {
            return HealthCheckResult.Degraded("The replica (or the primary) does not answer: reads go to the primary.",
                e);
        }
    }
}

public static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/health", new HealthCheckOptions
        {
            ResponseWriter = WriteJson, Predicate = c => !c.Tags.Contains("ready"),
        }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { ResponseWriter = WriteJson }).AllowAnonymous();
        return app;
    }

    private static Task WriteJson(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            status = report.Status.ToString().ToLowerInvariant(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new
            {
                status = e.Value.Status.ToString().ToLowerInvariant(),
                description = e.Value.Description,
                durationMs = e.Value.Duration.TotalMilliseconds,
                data = e.Value.Data.Count == 0 ? null : e.Value.Data,
            }),
        }, JsonSerializerOptions.Web));
    }
}
