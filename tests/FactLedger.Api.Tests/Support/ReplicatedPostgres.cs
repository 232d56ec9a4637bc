using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using FactLedger.LocalPostgres;
using Npgsql;
using NpgsqlTypes;

namespace FactLedger.Api.Tests.Support;

/// <summary>
/// A primary and a streaming replica of it, both from the machine's PostgreSQL binaries in a throwaway folder: the
/// primary is a managed cluster (initdb; PostgreSQL 15's defaults already stream: wal_level replica, max_wal_senders
/// 10, and initdb's pg_hba admits replication from 127.0.0.1, all checked here), the replica is made from it with
/// <c>pg_basebackup -R</c> and started as a hot standby on a port of its own.
/// </summary>
public sealed class ReplicatedPostgres : IAsyncDisposable
{
    private readonly string _root;
    private readonly string _binDirectory;
    private readonly Action<string> _log;
    private int _replicaPort;

    private ReplicatedPostgres(string root, Action<string> log)
    {
        _root = root;
        _log = log;
        _binDirectory = LocalCluster.BinariesOrThrow(null);
        Primary = new LocalCluster(Path.Combine(root, "primary"), log: log);
    }

    public LocalCluster Primary { get; }
    public string PrimaryConnection { get; private set; } = "";
    public string ReplicaConnection { get; private set; } = "";
    private string ReplicaData => Path.Combine(_root, "replica", "pgdata");
    private static bool AsRoot => Environment.UserName == "root";

    public static async Task<ReplicatedPostgres> StartAsync(string database, Action<string> log)
    {
        var root = Path.Combine(Path.GetTempPath(), $"factledger-test-topology-{Guid.NewGuid():N}");
        Directory.CreateDirectory(root);
        if (AsRoot) Run("chown", ["postgres:postgres", root]);
        var pair = new ReplicatedPostgres(root, log);
        try
        {
            await Task.Run(() => pair.Start(database));
            return pair;
        }
        catch
        {
            await pair.DisposeAsync();
            throw;
        }
    }

    private void Start(string database)
    {
        var clock = Stopwatch.StartNew();
        PrimaryConnection = Primary.EnsureStarted(database);
        using (var primary = new NpgsqlConnection(PrimaryConnection + ";Pooling=false"))
        {
            primary.Open();
            string Scalar(string sql) => new NpgsqlCommand(sql, primary).ExecuteScalar()!.ToString()!;
            if (Scalar("show wal_level") is not ("replica" or "logical")
                || int.Parse(Scalar("show max_wal_senders")) < 2)
                throw new InvalidOperationException("the primary cannot stream: wal_level " +
                    $"{Scalar("show wal_level")}, max_wal_senders {Scalar("show max_wal_senders")}");
            if (Scalar("select count(*) from pg_hba_file_rules where 'replication' = any(database) " +
                    "and (address is null or address = '127.0.0.1')") == "0")
            {
                File.AppendAllText(Path.Combine(Primary.DataDirectory, "pg_hba.conf"),
                    "\nhost replication all 127.0.0.1/32 scram-sha-256\n");
                Scalar("select pg_reload_conf()::text");
            }
            // WAL kept for a replica that falls behind (replay paused, restarted) so it never needs a new copy.
            new NpgsqlCommand("alter system set wal_keep_size = '256MB'", primary).ExecuteNonQuery();
            Scalar("select pg_reload_conf()::text");
        }
        var primaryAt = new NpgsqlConnectionStringBuilder(PrimaryConnection);
        Directory.CreateDirectory(Path.Combine(_root, "replica"));
        if (AsRoot) Run("chown", ["postgres:postgres", Path.Combine(_root, "replica")]);
        PgRun("pg_basebackup", ["-D", ReplicaData, "-R", "-X", "stream", "-c", "fast", "-d",
            $"host=127.0.0.1 port={primaryAt.Port} user={primaryAt.Username} password={primaryAt.Password}"]);
        var sockets = Path.Combine(_root, "replica", "run");
        Directory.CreateDirectory(sockets);
        if (AsRoot) Run("chown", ["postgres:postgres", sockets]);
        _replicaPort = FreeLoopbackPort();
        PgRun("pg_ctl", ["-D", ReplicaData, "-l", Path.Combine(_root, "replica", "postgres.log"), "-w", "-t", "60",
            "-o", $"-p {_replicaPort} -k {sockets} -c listen_addresses=127.0.0.1 -c hot_standby=on", "start"]);
        ReplicaConnection = new NpgsqlConnectionStringBuilder(PrimaryConnection) { Port = _replicaPort }
            .ConnectionString;
        _log($"primary on port {primaryAt.Port}, streaming replica on port {_replicaPort} " +
            $"({clock.ElapsedMilliseconds} ms to set up)");
    }

    private async Task<object?> OnReplicaAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ReplicaConnection + ";Pooling=false");
        await connection.OpenAsync();
        return await new NpgsqlCommand(sql, connection).ExecuteScalarAsync();
    }

    public Task PauseReplayAsync() => OnReplicaAsync("select pg_wal_replay_pause()");
    public Task ResumeReplayAsync() => OnReplicaAsync("select pg_wal_replay_resume()");

    public async Task<NpgsqlLogSequenceNumber> ReplayedAsync() =>
        (NpgsqlLogSequenceNumber)(await OnReplicaAsync("select pg_last_wal_replay_lsn()"))!;

    /// <summary>Stops the primary without a shutdown checkpoint, as a crash would (<c>pg_ctl stop -m immediate</c>).
    /// </summary>
    public void StopPrimaryImmediately() =>
        PgRun("pg_ctl", ["-D", Primary.DataDirectory, "-m", "immediate", "-w", "stop"]);

    public async ValueTask DisposeAsync()
    {
        await Task.Run(() =>
        {
            if (File.Exists(Path.Combine(ReplicaData, "postmaster.pid")))
                PgRun("pg_ctl", ["-D", ReplicaData, "-m", "immediate", "-w", "stop"], throwOnError: false);
            Primary.StopAndDelete();
            try { Directory.Delete(_root, recursive: true); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        });
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void PgRun(string tool, string[] args, bool throwOnError = true)
    {
        var exe = Path.Combine(_binDirectory, tool);
        if (AsRoot) Run("runuser", ["-u", "postgres", "--", exe, .. args], throwOnError);
        else Run(exe, args, throwOnError);
    }

    private static void Run(string file, string[] args, bool throwOnError = true)
    {
        var psi = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var process = Process.Start(psi)!;
        // pg_ctl start leaves the server holding the inherited pipes: read only what the tool itself writes.
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        var text = (output.Wait(TimeSpan.FromSeconds(2)) ? output.Result : "")
            + (error.Wait(TimeSpan.FromSeconds(2)) ? error.Result : "");
        if (throwOnError && process.ExitCode != 0)
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed ({process.ExitCode}): {text}");
    }
}
