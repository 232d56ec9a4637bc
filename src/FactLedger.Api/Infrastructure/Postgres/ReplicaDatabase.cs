using FactLedger.Api.Features.Origins;
using FactLedger.Api.Infrastructure.Marten;
using JasperFx;
using Npgsql;
using NpgsqlTypes;

namespace FactLedger.Api.Infrastructure.Postgres;

/// <summary>
/// The streaming replica that reads may go to (<c>ConnectionStrings:FactLedgerReplica</c>), when one is configured.
/// Checked at start-up to be a standby of this primary (a string pointing at the primary itself, at another server or
/// at nothing stops the start with a message saying so), then watched once a second (reachable, position replayed),
/// with a read-only Marten store over it for the reads routed there (<see cref="ReadRouting"/>).
/// </summary>
public sealed class ReplicaDatabase : BackgroundService
{
    public const string ConnectionName = "FactLedgerReplica";
    private static readonly TimeSpan WatchInterval = TimeSpan.FromSeconds(1);

    private readonly DatabaseConnection _primary;
    private readonly ReplicaOptions _settings;
    private readonly ILogger<ReplicaDatabase> _logger;
    private readonly Lazy<NpgsqlDataSource> _replicaSource;
    private readonly Lazy<NpgsqlDataSource> _primarySource;
    private readonly Lazy<DocumentStore> _store;
    private volatile bool _reachable = true;

    public ReplicaDatabase(IConfiguration configuration, DatabaseConnection primary,
        IOptions<FactLedgerOptions> options, OriginBook origins, ILogger<ReplicaDatabase> logger)
    {
        _primary = primary;
        _settings = options.Value.Replica;
        _logger = logger;
        var configured = configuration.GetConnectionString(ConnectionName);
        if (!string.IsNullOrWhiteSpace(configured))
            ConnectionString = new NpgsqlConnectionStringBuilder(configured)
            {
                // A replica that does not answer must not hold a read (or the start) for long.
                Timeout = Math.Max(1, _settings.ConnectTimeoutSeconds),
            }.ConnectionString;
        _replicaSource = new(() => NpgsqlDataSource.Create(ConnectionString!));
        // Small: it only asks for the WAL position after writes.
        _primarySource = new(() => new NpgsqlDataSourceBuilder(_primary.ConnectionString)
        {
            ConnectionStringBuilder = { MaxPoolSize = 10, Timeout = 5 },
        }.Build());
        _store = new(() =>
        {
            var store = new StoreOptions();
            MartenSetup.Configure(store, ConnectionString!, options.Value.Schema, origins, asyncProjections: false);
            // A standby is read-only: the primary's store creates and migrates the schema, the replica receives it.
            store.AutoCreateSchemaObjects = AutoCreate.None;
            return new DocumentStore(store);
        });
    }

    /// <summary>The replica's connection string (with a bounded connect timeout), or null when none is configured.
    /// </summary>
    public string? ConnectionString { get; }

    public bool Configured => ConnectionString is not null;

    /// <summary>Whether the replica answered the last time it was asked; reads go to the primary while it does not.
    /// </summary>
    public bool Reachable => Configured && _reachable;

    /// <summary>The last position the replica was seen to have replayed.</summary>
    public NpgsqlLogSequenceNumber LastReplayed { get; private set; }

    /// <summary>Marten over the replica, for reads only.</summary>
    public IDocumentStore Store => _store.Value;

    /// <summary>The replica's pool, for the plain selects that bypass Marten (the figure read cache's version check).
    /// </summary>
    public NpgsqlDataSource Source => _replicaSource.Value;

    /// <summary>The primary's WAL position now: past the commit of every write already answered.</summary>
    public async Task<NpgsqlLogSequenceNumber> PrimaryPositionAsync(CancellationToken ct)
    {
        await using var command = _primarySource.Value.CreateCommand("select pg_current_wal_lsn()");
        return (NpgsqlLogSequenceNumber)(await command.ExecuteScalarAsync(ct))!;
    }

    /// <summary>The position the replica has replayed, asked once for all reads waiting at the same time: however
    /// many wait, the replica gets at most one such query per <see cref="SharedQueryFreshness"/>.</summary>
    public Task<NpgsqlLogSequenceNumber> SharedReplayedPositionAsync()
    {
        lock (_sharedGate)
        {
            if (_sharedReplay is { IsCompleted: false }
                || _sharedReplay is { IsCompletedSuccessfully: true } && _sharedAt.Elapsed < SharedQueryFreshness)
                return _sharedReplay;
            _sharedAt.Restart();
            return _sharedReplay = ReplayedPositionAsync(CancellationToken.None);
        }
    }

    private static readonly TimeSpan SharedQueryFreshness = TimeSpan.FromMilliseconds(5);
    private readonly Lock _sharedGate = new();
    private readonly System.Diagnostics.Stopwatch _sharedAt = new();
    private Task<NpgsqlLogSequenceNumber>? _sharedReplay;

    /// <summary>The position the replica has replayed (every transaction committed before it is visible there).
    /// </summary>
    public async Task<NpgsqlLogSequenceNumber> ReplayedPositionAsync(CancellationToken ct)
    {
        try
        {
            await using var command = Source.CreateCommand("select pg_last_wal_replay_lsn()");
            var replayed = await command.ExecuteScalarAsync(ct) is NpgsqlLogSequenceNumber lsn ? lsn : default;
            LastReplayed = replayed;
            if (!_reachable) _logger.LogInformation("The replica answers again: reads go to it");
            _reachable = true;
            return replayed;
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            if (_reachable)
                _logger.LogWarning("The replica does not answer ({Error}): reads go to the primary until it does",
                    e.GetBaseException().Message);
            _reachable = false;
            throw;
        }
    }

    /// <summary>What <c>/health/ready</c> shows of the replica: positions on both sides and the lag between them.
    /// </summary>
    public async Task<ReplicaStatus> StatusAsync(CancellationToken ct)
    {
        var replayed = await ReplayedPositionAsync(ct);
        await using var command = Source.CreateCommand(
            "select pg_last_wal_receive_lsn(), pg_is_wal_replay_paused(), " +
            "extract(epoch from now() - pg_last_xact_replay_timestamp())::float8");
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        var received = reader.IsDBNull(0) ? default : reader.GetFieldValue<NpgsqlLogSequenceNumber>(0);
        var paused = reader.GetBoolean(1);
        double? sinceReplay = reader.IsDBNull(2) ? null : reader.GetDouble(2);
        var primary = await PrimaryPositionAsync(ct);
        var lagBytes = primary > replayed ? (long)((ulong)primary - (ulong)replayed) : 0;
        // The time since the last replayed commit is a lag only while something is left to replay.
        return new ReplicaStatus(primary, received, replayed, lagBytes, lagBytes == 0 ? 0 : sinceReplay, paused);
    }

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!Configured) return;
        await CheckIsStandbyOfPrimaryAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    /// <summary>Watches the replica, so a replica that went away is skipped at once rather than on each read.
    /// </summary>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(WatchInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            try { await ReplayedPositionAsync(stoppingToken); }
            catch (Exception e) when (e is NpgsqlException or TimeoutException) { /* logged on the change */ }
        }
    }

    /// <summary>The replica must be in recovery (a standby) and of the primary's cluster (same system identifier);
    /// anything else would serve reads that never see the writes.</summary>
    private async Task CheckIsStandbyOfPrimaryAsync(CancellationToken ct)
    {
        var where = new NpgsqlConnectionStringBuilder(ConnectionString);
        var at = $"{where.Host}:{where.Port}/{where.Database}";
        (long? System, bool InRecovery) replica;
        try
        {
            replica = await IdentifyAsync(_replicaSource.Value, ct);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            throw new ConfigurationError(
                $"ConnectionStrings:{ConnectionName}: the replica at {at} did not answer within " +
                $"{where.Timeout} s ({e.GetBaseException().Message}). Start it, correct the connection string, or " +
                "remove it to read from the primary.", e);
        }
        await using var primarySource = NpgsqlDataSource.Create(_primary.ConnectionString);
        var primary = await IdentifyAsync(primarySource, ct);
        var sameCluster = replica.System is null || primary.System is null || replica.System == primary.System;
        if (!replica.InRecovery)
            throw new ConfigurationError(sameCluster && replica.System is not null
                ? $"ConnectionStrings:{ConnectionName} ({at}) points at the primary itself (system identifier " +
                  $"{replica.System}, not in recovery). Set it to a streaming replica of the primary, or remove it."
                : $"ConnectionStrings:{ConnectionName} ({at}) is not a standby (pg_is_in_recovery() is false): " +
                  "it would never receive the primary's writes. Set it to a streaming replica, or remove it.");
        if (!sameCluster)
            throw new ConfigurationError(
                $"ConnectionStrings:{ConnectionName} ({at}) is a standby of another cluster (system identifier " +
                $"{replica.System}, the primary's is {primary.System}). Set it to a replica of this primary.");
        var replayed = await ReplayedPositionAsync(ct);
        _logger.LogInformation(
            "Reads go to the replica at {Replica} (replayed up to {Position}); writes to the primary", at, replayed);
    }

    /// <summary>The cluster's system identifier (null when this role may not read it) and whether it is a standby.
    /// </summary>
    private static async Task<(long? System, bool InRecovery)> IdentifyAsync(NpgsqlDataSource source,
        CancellationToken ct)
    {
        await using var connection = await source.OpenConnectionAsync(ct);
        await using var recovery = new NpgsqlCommand("select pg_is_in_recovery()", connection);
        var inRecovery = (bool)(await recovery.ExecuteScalarAsync(ct))!;
        try
        {
            await using var system = new NpgsqlCommand("select system_identifier from pg_control_system()", connection);
            return ((long)(await system.ExecuteScalarAsync(ct))!, inRecovery);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InsufficientPrivilege)
        {
            return (null, inRecovery);
        }
    }

    public override void Dispose()
    {
        base.Dispose();
        if (_store.IsValueCreated) _store.Value.Dispose();
        if (_replicaSource.IsValueCreated) _replicaSource.Value.Dispose();
        if (_primarySource.IsValueCreated) _primarySource.Value.Dispose();
    }
}

/// <summary>The replica as <c>/health/ready</c> reports it. <see cref="LagBytes"/>: WAL the primary has written that
/// the replica has not replayed; <see cref="LagSeconds"/>: age of the last replayed commit while some is left.
/// </summary>
public sealed record ReplicaStatus(
    NpgsqlLogSequenceNumber Primary, NpgsqlLogSequenceNumber Received, NpgsqlLogSequenceNumber Replayed,
    long LagBytes, double? LagSeconds, bool ReplayPaused);
