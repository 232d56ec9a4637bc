using FactLedger.Api.Features;
using FactLedger.Api.Features.Activity;
using FactLedger.Api.Features.Claims;
using FactLedger.Api.Features.Figures;
using FactLedger.Api.Features.Sources;
using FactLedger.Api.Infrastructure.Postgres;
using FactLedger.Domain.Reconciliation;
using JasperFx;
using JasperFx.Events;
using JasperFx.Events.Daemon;
using Marten;
using Microsoft.Extensions.Options;
using Weasel.Core;

namespace FactLedger.Api.Infrastructure.Marten;

public static class MartenSetup
{
    public static IServiceCollection AddFactLedgerMarten(this IServiceCollection services, FactLedgerOptions options)
    {
        services.AddSingleton(OriginResolver.FromGroups(options.OriginAliases));
        services.AddMarten(provider =>
            {
                var store = new StoreOptions();
                Configure(store, provider.GetRequiredService<DatabaseConnection>().ConnectionString,
                    provider.GetRequiredService<IOptions<FactLedgerOptions>>().Value.Schema,
                    provider.GetRequiredService<OriginResolver>());
                return store;
            })
            .UseLightweightSessions()
            .BuildSessionsWith<CorrelatedSessionFactory>()
            .ApplyAllDatabaseChangesOnStartup()
            .AddAsyncDaemon(options.RunDaemon ? DaemonMode.Solo : DaemonMode.Disabled);
        return services;
    }

    public static void Configure(StoreOptions o, string connectionString, string schema, OriginResolver origins)
    {
        o.Connection(connectionString);
        o.DatabaseSchemaName = schema;
        o.Events.DatabaseSchemaName = schema;
        o.AutoCreateSchemaObjects = AutoCreate.CreateOrUpdate;
        o.UseSystemTextJsonForSerialization(EnumStorage.AsString, Casing.CamelCase);

        o.Events.StreamIdentity = StreamIdentity.AsString;
        o.Events.MetadataConfig.CorrelationIdEnabled = true;
        o.Events.MetadataConfig.CausationIdEnabled = true;
        o.Events.MetadataConfig.HeadersEnabled = true;
        o.Events.MetadataConfig.UserNameEnabled = true;
        // Inline projections start from the aggregate FetchForWriting already loaded instead of loading it again
        // (safe: nothing mutates a fetched view outside the projections).
        o.Projections.UseIdentityMapForAggregates = true;
        foreach (var (type, name) in EventTypeNames.All) o.Events.MapEventType(type, name);

        o.Schema.For<ClaimIndex>().Index(x => x.FigureKey);
        o.Schema.For<FigureView>().Index(x => x.Story);

        SourceProjection.Register(o);
        FigureViewProjection.Register(o, origins);
        SourceAuditProjection.Register(o);
        ActivityProjection.Register(o);
    }
}

/// <summary>Sessions that stamp every event with the request's correlation id and the API key's name.</summary>
public sealed class CorrelatedSessionFactory(IDocumentStore store, IHttpContextAccessor http) : ISessionFactory
{
    public IQuerySession QuerySession() => store.QuerySession();

    public IDocumentSession OpenSession()
    {
        var session = store.LightweightSession();
        if (http.HttpContext is { } context)
        {
            session.CorrelationId = Http.Correlation.Of(context);
            session.LastModifiedBy = context.User.Identity?.Name ?? "anonymous";
        }
        return session;
    }
}
