using FactLedger.LocalPostgres;
using FactLedger.Api.Features.Activity;
using FactLedger.Api.Features.Claims;
using FactLedger.Api.Features.Dependencies;
using FactLedger.Api.Features.Figures;
using FactLedger.Api.Features.Proposals;
using FactLedger.Api.Features.Ingest;
using FactLedger.Api.Features.Live;
using FactLedger.Api.Features.Origins;
using FactLedger.Api.Features.Sources;
using FactLedger.Api.Features.Webhooks;
using FactLedger.Api.Infrastructure.Marten;
using FactLedger.Api.Infrastructure.Postgres;
using Scalar.AspNetCore;

namespace FactLedger.Api.Infrastructure;

public static class AppSetup
{
    public const string DefaultUrl = "http://127.0.0.1:5080";

    public static WebApplicationBuilder AddFactLedger(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(FactLedgerOptions.Section).Get<FactLedgerOptions>()
            ?? new FactLedgerOptions();
        builder.Services.Configure<FactLedgerOptions>(builder.Configuration.GetSection(FactLedgerOptions.Section));
        // Without a connection string the app runs its own PostgreSQL: say at once, in one message, if it cannot.
        if (string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString("FactLedger")))
            LocalCluster.BinariesOrThrow(options.LocalPostgres.BinDirectory);
        if (string.IsNullOrEmpty(builder.Configuration["urls"])) builder.WebHost.UseUrls(DefaultUrl);
        builder.WebHost.ConfigureKestrel(k =>
            k.Limits.MaxRequestBodySize = Math.Max(options.MaxRequestBodyBytes, options.MaxIngestBodyBytes));
        if (!builder.Environment.IsDevelopment() && builder.Configuration["Logging:Console:FormatterName"] is null)
            builder.Logging.AddJsonConsole(j => j.IncludeScopes = true);

        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<SourceCache>();
        builder.Services.AddSingleton<FigureReadCache>();
        builder.Services.AddSingleton<FigureReader>();
        builder.Services.AddSingleton<BundleLoader>();
        builder.Services.AddHttpContextAccessor();
        // Registered before Marten so the managed PostgreSQL starts first and stops last.
        builder.Services.AddSingleton<DatabaseConnection>();
        builder.Services.AddHostedService(p => p.GetRequiredService<DatabaseConnection>());
        // Next, so a replica that is not a standby of this primary stops the start before anything else runs.
        builder.Services.AddSingleton<ReplicaDatabase>();
        builder.Services.AddHostedService(p => p.GetRequiredService<ReplicaDatabase>());
        builder.Services.AddScoped<ReadRouting>();
        builder.Services.AddFactLedgerMarten(options);
        builder.Services.AddMediation(typeof(AppSetup).Assembly);
        builder.Services.AddHostedService<SeedLoader>();
        // After the database: stops (draining its queue) before the managed PostgreSQL does.
        builder.Services.AddSingleton<FigureWriter>();
        builder.Services.AddHostedService(p => p.GetRequiredService<FigureWriter>());
        builder.Services.AddWebhooks(options);

        builder.Services.AddProblemDetails(p => p.CustomizeProblemDetails = c =>
            c.ProblemDetails.Extensions["correlationId"] = Correlation.Of(c.HttpContext));
        builder.Services.AddExceptionHandler<ProblemHandling>();
        // A body or parameter that cannot be bound throws, so ProblemHandling answers it like any other bad input.
        builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.ConfigureHttpJsonOptions(j =>
        {
            // Bound request bodies follow ApiJson.Requests: an unknown field or a number in a string is refused.
            j.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
            j.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
            j.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
            j.SerializerOptions.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
        });
        builder.Services.AddApiKeyAuthentication(options);
        builder.Services.AddWriteRateLimit(options);
        if (options.CorsOrigins.Count > 0)
            builder.Services.AddCors(c => c.AddDefaultPolicy(p => p.WithOrigins([.. options.CorsOrigins])
                .WithMethods("GET", "POST")
                .WithHeaders("Content-Type", ApiKeyAuthenticationHandler.Header, Correlation.Header,
                    WritePosition.Header)
                .WithExposedHeaders(WritePosition.Header, ReadRouting.ServedByHeader)));
        builder.Services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database")
            .AddCheck<ProjectionLagHealthCheck>("projections", tags: ["ready"]);
        if (!string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString(ReplicaDatabase.ConnectionName)))
            builder.Services.AddHealthChecks().AddCheck<ReplicaHealthCheck>("replica", tags: ["ready"]);
        builder.Services.AddFactLedgerOpenApi();
        return builder;
    }

    public static WebApplication UseFactLedger(this WebApplication app)
    {
        app.UseCorrelation();
        app.UseWritePosition();
        app.UseSecurityHeaders();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapWebPages();
        // CORS only when origins are configured: closed by default, so no browser page elsewhere can call the API.
        if (app.Services.GetService<Microsoft.AspNetCore.Cors.Infrastructure.ICorsService>() is not null) app.UseCors();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();

        app.MapHealth();
        app.MapOpenApi();
        app.MapScalarApiReference();

        var api = app.MapGroup("/api");
        api.MapSources();
        api.MapFigures();
        api.MapClaims();
        api.MapProposals();
        api.MapDependencies();
        api.MapLive();
        api.MapWebhooks();
        api.MapOrigins();
        api.MapActivity();
        api.MapIngest();
        return app;
    }
}
