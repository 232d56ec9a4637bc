using FactLedger.Api.Features.Origins;
using FactLedger.Api.Infrastructure;

namespace FactLedger.Api.Features.Ingest;

/// <summary>On first start against an empty store, loads the seed bundles (seeds/*.json) so the app has a story to
/// show.</summary>
public sealed class SeedLoader(
    IServiceScopeFactory scopes, IDocumentStore store, IOptions<FactLedgerOptions> options, ILogger<SeedLoader> logger)
    : IHostedService
{
    public const string Actor = "seed-loader";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.Seeds.LoadOnStart) return;
        await using (var session = store.QuerySession())
        {
            // The origin identities configuration seeds at start-up do not make a store non-empty; an editor's do.
            var schema = store.Options.Events.DatabaseSchemaName;
            var recorded = await session.AdvancedSql.QueryAsync<bool>(
                $"select exists (select 1 from {schema}.mt_events " +
                "where not (stream_id = ? and coalesce(user_name, '') = ?))",
                cancellationToken, OriginRules.StreamKey, OriginIdentitySeeding.Actor);
            if (recorded.Single()) return;
        }
        var path = options.Value.Seeds.Path ?? FindSeedsFolder();
        if (path is null)
        {
            logger.LogWarning(
                "The store is empty and no seeds folder was found; set FactLedger:Seeds:Path to load one");
            return;
        }
        logger.LogInformation("Empty store: loading seeds from {Path}", path);
        await using var scope = scopes.CreateAsyncScope();
        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
        foreach (var file in BundleFiles.In(path))
        {
            var result = await BundleFiles.IngestAsync(mediator, file, Actor, null, cancellationToken);
            logger.LogInformation("Seeds {File}: {Created} created, {Present} already present, {Rejected} rejected",
                Path.GetFileName(file), result.Created, result.AlreadyPresent, result.Rejected);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The repository's seeds/ folder: looked for upwards from the working folder and from the app's
    /// folder.</summary>
    public static string? FindSeedsFolder()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var seeds = Path.Combine(dir.FullName, "seeds");
                if (Directory.Exists(seeds) && Directory.EnumerateFiles(seeds, "*.json").Any()) return seeds;
            }
        }
        return null;
    }
}
