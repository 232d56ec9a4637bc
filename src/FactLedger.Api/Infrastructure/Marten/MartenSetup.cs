using FactLedger.Api.Features.Activity;
using FactLedger.Api.Features.Claims;
using FactLedger.Api.Features.Dependencies;
using FactLedger.Api.Features.Figures;
using FactLedger.Api.Features.Live;
using FactLedger.Api.Features.Origins;
using FactLedger.Api.Features.Proposals;
using FactLedger.Api.Features.Sources;
using FactLedger.Api.Features.Webhooks;
using FactLedger.Api.Infrastructure.Postgres;
using JasperFx;
using JasperFx.Events;
using JasperFx.Events.Daemon;
using Weasel.Core;

namespace FactLedger.Api.Infrastructure.Marten;

public static class MartenSetup
{
    /// <summary>Events a projection reads at once when it is behind (a rebuild, a daemon catching up).</summary>
    public const int ProjectionPageSize = 20_000;

    public static IServiceCollection AddFactLedgerMarten(this IServiceCollection services, FactLedgerOptions options)
    {
        services.AddSingleton<OriginBook>();
        services.AddSingleton<OriginRulesWriter>();
        services.AddSingleton<FigureChangeHub>();
        services.AddSingleton<Features.Dependencies.DependenceSuggestions>();
        services.AddMarten(provider =>
            {
                var store = new StoreOptions();
                Configure(store, provider.GetRequiredService<DatabaseConnection>().ConnectionString,
                    provider.GetRequiredService<IOptions<FactLedgerOptions>>().Value.Schema,
                    provider.GetRequiredService<OriginBook>());
                // The webhooks' deliveries are made in the feed's transaction, with the changes they carry.
                store.Events.Subscribe(new FigureChangeFeed(provider.GetRequiredService<OriginBook>(),
                    provider.GetRequiredService<FigureChangeHub>(),
                    provider.GetRequiredService<WebhookDeliveries>().StoreAsync,
                    provider.GetRequiredService<IOptions<FactLedgerOptions>>().Value.Live.FeedPageSize));
                return store;
            })
            // Lightweight sessions, with the queries of reads routed to the replica (when configured) served there.
            .BuildSessionsWith<ReadRoutingSessionFactory>(ServiceLifetime.Scoped)
            .ApplyAllDatabaseChangesOnStartup()
            .AddAsyncDaemon(options.EffectiveDaemon switch
            {
                DaemonRole.HotCold => DaemonMode.HotCold,
                DaemonRole.Solo => DaemonMode.Solo,
                _ => DaemonMode.Disabled,
            });
        // After Marten's own start-up work (the schema), before requests are served.
        services.AddHostedService<OriginIdentitySeeding>();
        if (options.EffectiveDaemon == DaemonRole.HotCold) services.AddHostedService<DaemonLeadership>();
        if (options.EffectiveDaemon == DaemonRole.HotCold && !LeaderLockAvailable())
            throw new InvalidOperationException(
                "FactLedger:Daemon is HotCold, but the lock package Marten elects its leader with " +
                "(Patched.DistributedLock.Postgres) has no code here: a metadata-only stand-in is in the NuGet " +
                "packages folder. Remove ~/.nuget/packages/patched.distributedlock.postgres/1.3.3 and restore again, " +
                "or run with FactLedger:Daemon=Solo.");
        return services;
    }

    /// <summary>Whether the advisory-lock package HotCold needs is the real one (the stand-in has no types).</summary>
    private static bool LeaderLockAvailable()
    {
        try
        {
            return System.Reflection.Assembly.Load("DistributedLock.Postgres").GetTypes().Length > 0;
        }
        catch (Exception e) when (e is FileNotFoundException or FileLoadException or BadImageFormatException
            or System.Reflection.ReflectionTypeLoadException)
        {
            return false;
        }
    }

    /// <param name="asyncProjections">false for a store that only reads (the replica's): the daemon's projections
    /// are run by the primary's store, and their documents are read like any other.</param>
    public static void Configure(StoreOptions o, string connectionString, string schema, OriginBook origins,
        bool asyncProjections = true)
    {
        o.Connection(connectionString);
        o.DatabaseSchemaName = schema;
        o.Events.DatabaseSchemaName = schema;
        o.AutoCreateSchemaObjects = AutoCreate.CreateOrUpdate;
        // Evidence is polymorphic, told apart by its "type" property; jsonb stores keys in its own order (shortest
        // first), so the discriminator may come after other properties when read back.
        o.UseSystemTextJsonForSerialization(EnumStorage.AsString, Casing.CamelCase,
            json => json.AllowOutOfOrderMetadataProperties = true);

        o.Events.StreamIdentity = StreamIdentity.AsString;
        o.Events.MetadataConfig.CorrelationIdEnabled = true;
        o.Events.MetadataConfig.HeadersEnabled = true;
        o.Events.MetadataConfig.UserNameEnabled = true;
        // Inline projections start from the aggregate FetchForWriting already loaded instead of loading it again
        // (safe: nothing mutates a fetched view outside the projections).
        o.Projections.UseIdentityMapForAggregates = true;
        foreach (var (type, name) in EventTypeNames.All) o.Events.MapEventType(type, name);

        // By source: a source's claims, and the figures a dependence between sources may regroup.
        o.Schema.For<ClaimIndex>().Index(x => x.SourceKey);
        o.Schema.For<FigureView>().Index(x => x.Story);

        SourceProjection.Register(o);
        FigureViewProjection.Register(o, origins);
        if (asyncProjections) ActivityProjection.Register(o);
        ProposalViewProjection.Register(o);
        DependenceViewProjection.Register(o);
        // Rebuilds (and a daemon far behind) read the events in large pages and write each page's documents with
        // binary COPY: the page size is what a rebuild after a bulk load spends its round trips on.
        o.Projections.RebuildWithBulkCopy = true;
        foreach (var projection in o.Projections.All) projection.Options.BatchSize = ProjectionPageSize;
        o.Schema.For<FigureChange>().Index(x => x.Story).Index(x => x.Figure);
        // The dispatcher records attempts while an admin may resume or delete: neither overwrites the other.
        o.Schema.For<Webhook>().UseOptimisticConcurrency(true);
        o.Schema.For<WebhookDelivery>().Index(x => x.WebhookId).Index(x => x.Status);
    }
}
