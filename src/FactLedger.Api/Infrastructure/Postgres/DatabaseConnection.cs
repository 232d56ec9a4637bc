using FactLedger.LocalPostgres;

namespace FactLedger.Api.Infrastructure.Postgres;

/// <summary>
/// The app's PostgreSQL: <c>ConnectionStrings:FactLedger</c> when set, else a managed local cluster started on first
/// use and stopped when the host stops.
/// </summary>
public sealed class DatabaseConnection(
    IConfiguration configuration, IOptions<FactLedgerOptions> options, ILogger<DatabaseConnection> logger)
    : IHostedService, IDisposable
{
    private LocalCluster? _local;
    private string? _connectionString;
    private readonly Lock _gate = new();

    public string ConnectionString
    {
        get
        {
            lock (_gate) return _connectionString ??= Resolve(configuration, options.Value, logger, out _local);
        }
    }

    private static string Resolve(IConfiguration configuration, FactLedgerOptions options, ILogger logger,
        out LocalCluster? local)
    {
        local = null;
        var configured = configuration.GetConnectionString("FactLedger");
        if (!string.IsNullOrWhiteSpace(configured)) return configured;
        var root = options.LocalPostgres.DataDirectory ?? LocalCluster.DefaultRootDirectory();
        local = new LocalCluster(root, options.LocalPostgres.BinDirectory,
            message => logger.LogInformation("{Message}", message));
        return local.EnsureStarted(options.LocalPostgres.Database);
    }

    // Started first and stopped last among hosted services, so the cluster outlives Marten's daemon.
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = ConnectionString;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _local?.Stop();
            _local = null;
        }
    }
}
