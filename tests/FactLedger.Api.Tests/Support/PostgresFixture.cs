using FactLedger.LocalPostgres;
using System.Collections.Concurrent;
using FactLedger.Api.Infrastructure.Postgres;
using Testcontainers.PostgreSql;

namespace FactLedger.Api.Tests.Support;

/// <summary>
/// One PostgreSQL server per test collection: a Testcontainers <c>postgres</c> container when a Docker engine answers,
/// else a managed local cluster from the machine's binaries in a throwaway folder, removed afterwards.
/// Each test class gets an app of its own on a fresh schema (<see cref="AppFor{T}"/>), so classes never see each
/// other's data.
/// </summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    private PostgreSqlContainer? _container;
    private LocalCluster? _local;
    private readonly ConcurrentDictionary<Type, Lazy<Task<FactLedgerApp>>> _apps = new();

    public string ConnectionString { get; private set; } = "";
    public string Kind { get; private set; } = "";

    public async Task InitializeAsync()
    {
        if (Environment.GetEnvironmentVariable("FACTLEDGER_TEST_DOCKER") != "off")
        {
            try
            {
                _container = new PostgreSqlBuilder("postgres:15-alpine").Build();
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(120));
                await _container.StartAsync(cts.Token);
                ConnectionString = _container.GetConnectionString();
                Kind = "testcontainers";
                return;
            }
            catch (Exception)
            {
                // No Docker engine here (DockerUnavailableException) or no image: fall back to the local binaries.
                if (_container is not null) await _container.DisposeAsync();
                _container = null;
            }
        }
        var root = Path.Combine(Path.GetTempPath(), $"factledger-test-{Guid.NewGuid():N}");
        _local = new LocalCluster(root);
        ConnectionString = await Task.Run(() => _local.EnsureStarted("factledger_tests"));
        Kind = "local";
    }

    /// <summary>The app for one test class, started on first use on a schema of its own.</summary>
    public Task<FactLedgerApp> AppFor<T>(Action<Dictionary<string, string?>>? configure = null) =>
        _apps.GetOrAdd(typeof(T), t => new Lazy<Task<FactLedgerApp>>(async () =>
        {
            var app = new FactLedgerApp(ConnectionString, SchemaFor(t), configure);
            await app.StartAsync();
            return app;
        })).Value;

    public static string SchemaFor(Type t) =>
        $"t_{t.Name.ToLowerInvariant()[..Math.Min(t.Name.Length, 24)]}_{Guid.NewGuid():N}";

    public async Task DisposeAsync()
    {
        foreach (var app in _apps.Values.Where(a => a.IsValueCreated))
        {
            try { await (await app.Value).DisposeAsync(); }
            catch { /* a failed start was already reported by its test */ }
        }
        if (_container is not null) await _container.DisposeAsync();
        _local?.StopAndDelete();
    }
}

[CollectionDefinition(Name)]
public sealed class LedgerCollection : ICollectionFixture<PostgresFixture> { public const string Name = "ledger"; }

[CollectionDefinition(Name)]
public sealed class ReadSideCollection : ICollectionFixture<PostgresFixture> { public const string Name = "read side"; }

[CollectionDefinition(Name)]
public sealed class SeedCollection : ICollectionFixture<PostgresFixture> { public const string Name = "seeds"; }
