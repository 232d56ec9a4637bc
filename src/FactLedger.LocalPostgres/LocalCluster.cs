using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Npgsql;

namespace FactLedger.LocalPostgres;

/// <summary>Thrown when no connection string is set and no PostgreSQL server binaries can be found.</summary>
public sealed class PostgresUnavailableException(string message) : Exception(message);

/// <summary>
/// A PostgreSQL cluster this process owns: created with the machine's <c>initdb</c> in a folder of its own,
/// started with <c>pg_ctl</c> on a free loopback port with password authentication, stopped on <see cref="Stop"/>.
/// Used by the app when no connection string is configured, and by the tests when no Docker engine answers.
/// </summary>
public sealed class LocalCluster : IDisposable
{
    private const string Superuser = "postgres";
    private readonly string _binDirectory;
    private readonly string _root;
    private readonly Action<string> _log;
    private readonly bool _asRoot;
    private readonly Lock _gate = new();
    private int _port;
    private string? _password;
    private bool _started;
    /// <summary>False when the server was adopted from another live FactLedger process, which will stop it.</summary>
    private bool _owned;

    public LocalCluster(string rootDirectory, string? binDirectory = null, Action<string>? log = null)
    {
        _root = Path.GetFullPath(rootDirectory);
        _binDirectory = BinariesOrThrow(binDirectory);
        _log = log ?? (_ => { });
        _asRoot = Environment.UserName == "root" || geteuidSafe() == 0;
    }

    public const string NoBinariesMessage =
        "FactLedger needs PostgreSQL and found neither a connection string nor PostgreSQL server binaries. " +
        "Either install PostgreSQL (Debian: apt-get install postgresql; FactLedger then runs its own cluster), " +
        "or set ConnectionStrings__FactLedger to a server you have, " +
        "or run `docker compose up` from the repository root.";

    public string DataDirectory => Path.Combine(_root, "pgdata");
    public int Port => _port;

    /// <summary>The default folder for the app's cluster: the user's data folder, or /var/lib when running as root
    /// (root's home is not reachable by the postgres user the server must run as).</summary>
    public static string DefaultRootDirectory()
    {
        if (geteuidSafe() == 0) return "/var/lib/factledger";
        var data = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData,
            Environment.SpecialFolderOption.Create);
        return Path.Combine(data, "factledger");
    }

    /// <summary>
    /// The folder with pg_ctl and initdb (the configured one, else found), or the one clear message saying both
    /// ways out.
    /// </summary>
    public static string BinariesOrThrow(string? configured)
    {
        var dir = configured ?? FindBinDirectory() ?? throw new PostgresUnavailableException(NoBinariesMessage);
        if (!File.Exists(Path.Combine(dir, "pg_ctl")) || !File.Exists(Path.Combine(dir, "initdb")))
            throw new PostgresUnavailableException($"There is no pg_ctl and initdb in {dir}. {NoBinariesMessage}");
        return dir;
    }

    /// <summary>pg_ctl and initdb on PATH, else the newest /usr/lib/postgresql/*/bin.</summary>
    public static string? FindBinDirectory()
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var dir in path.Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            if (File.Exists(Path.Combine(dir, "pg_ctl")) && File.Exists(Path.Combine(dir, "initdb")))
            {
                // Resolve symlinks so the real bin folder (with postgres next to it) is used.
                var pgCtl = new FileInfo(Path.Combine(dir, "pg_ctl"));
                return (pgCtl.ResolveLinkTarget(true) as FileInfo)?.DirectoryName ?? dir;
            }
        }
        const string debianRoot = "/usr/lib/postgresql";
        if (!Directory.Exists(debianRoot)) return null;
        return Directory.GetDirectories(debianRoot)
            .Select(d => (dir: Path.Combine(d, "bin"), version: int.TryParse(Path.GetFileName(d), out var v) ? v : 0))
            .Where(d => File.Exists(Path.Combine(d.dir, "pg_ctl")) && File.Exists(Path.Combine(d.dir, "initdb")))
            .OrderByDescending(d => d.version)
            .Select(d => d.dir)
            .FirstOrDefault();
    }

    /// <summary>
    /// Creates the cluster if needed, starts it (or adopts one left running on this folder) and creates
    /// <paramref name="database"/>.
    /// </summary>
    public string EnsureStarted(string database)
    {
        lock (_gate)
        {
            if (!_started)
            {
                Directory.CreateDirectory(_root);
                if (_asRoot) Run("chown", ["postgres:postgres", _root]);
                _password = LoadOrCreatePassword();
                if (!File.Exists(Path.Combine(DataDirectory, "PG_VERSION"))) InitDb();
                _port = AdoptRunningServer() ?? StartServer();
                _started = true;
                if (_owned) File.WriteAllText(OwnerFile, Environment.ProcessId.ToString());
            }
            EnsureDatabase(database);
            return ConnectionString(database);
        }
    }

    public string ConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1", Port = _port, Username = Superuser, Password = _password, Database = database,
        // A bounded pool; Stop clears every pool, so no pooled connection outlives the cluster.
        MaxPoolSize = 50, Timeout = 15,
    }.ConnectionString;

    private string LoadOrCreatePassword()
    {
        var file = Path.Combine(_root, "superuser.password");
        if (File.Exists(file)) return File.ReadAllText(file).Trim();
        var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(24));
        File.WriteAllText(file, password);
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return password;
    }

    private void InitDb()
    {
        _log($"Creating PostgreSQL cluster in {DataDirectory}");
        var pwFile = Path.Combine(_root, $"initdb-{Guid.NewGuid():N}.pw");
        File.WriteAllText(pwFile, _password);
        try
        {
            if (_asRoot)
            {
                Run("chown", ["postgres:postgres", pwFile]);
                Directory.CreateDirectory(DataDirectory);
                Run("chown", ["postgres:postgres", DataDirectory]);
            }
            PgRun("initdb", ["-D", DataDirectory, "-U", Superuser, "--pwfile", pwFile, "-A", "scram-sha-256",
                "-E", "UTF8", "--no-locale", "--no-sync"]);
        }
        finally { File.Delete(pwFile); }
    }

    private int? AdoptRunningServer()
    {
        // A server left running on this folder (the app was killed): adopt it instead of failing.
        var pidFile = Path.Combine(DataDirectory, "postmaster.pid");
        if (!File.Exists(pidFile)) return null;
        var status = PgRun("pg_ctl", ["-D", DataDirectory, "status"], throwOnError: false);
        if (status.ExitCode != 0) return null;
        var lines = File.ReadAllLines(pidFile);
        if (lines.Length > 3 && int.TryParse(lines[3], out var port) && CanConnect(port))
        {
            // Another live FactLedger process (a running API while `ingest` runs) keeps ownership and stops it;
            // a server orphaned by a killed process is taken over and stopped by us.
            _owned = !OwnerIsAlive();
            _log(_owned
                ? $"Taking over the PostgreSQL server left running on {DataDirectory} (port {port})"
                : $"Sharing the PostgreSQL server another FactLedger process runs on {DataDirectory} (port {port})");
            return port;
        }
        // Running but unreachable: stop it and start cleanly.
        PgRun("pg_ctl", ["-D", DataDirectory, "-m", "fast", "-w", "stop"], throwOnError: false);
        return null;
    }

    /// <summary>Starts the server again on the port it had (after it stopped or crashed), so clients' connection
    /// strings stay valid.</summary>
    public void Restart()
    {
        lock (_gate)
        {
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (true)
            {
                // Backends of a killed postmaster may hold its shared memory for a moment: retry until they are gone.
                if (StartOn(_port).ExitCode == 0 && CanConnect(_port)) return;
                if (DateTime.UtcNow > deadline)
                    throw new InvalidOperationException(
                        $"PostgreSQL did not restart on port {_port}: {SafeTail(Path.Combine(_root, "postgres.log"))}");
                Thread.Sleep(500);
            }
        }
    }

    private (int ExitCode, string Output) StartOn(int port) =>
        PgRun("pg_ctl", ["-D", DataDirectory, "-l", Path.Combine(_root, "postgres.log"), "-w", "-t", "60",
            "-o", $"-p {port} -k {Path.Combine(_root, "run")} -c listen_addresses=127.0.0.1", "start"],
            throwOnError: false);

    private int StartServer()
    {
        var socketDir = Path.Combine(_root, "run");
        Directory.CreateDirectory(socketDir);
        if (_asRoot) Run("chown", ["postgres:postgres", socketDir]);
        var log = Path.Combine(_root, "postgres.log");
        if (_asRoot && !File.Exists(log)) { File.WriteAllText(log, ""); Run("chown", ["postgres:postgres", log]); }
        for (var attempt = 1; ; attempt++)
        {
            var port = FreeLoopbackPort();
            var result = StartOn(port);
            if (result.ExitCode == 0)
            {
                _owned = true;
                _log($"PostgreSQL started on 127.0.0.1:{port} (data: {DataDirectory})");
                return port;
            }
            // The port may have been taken between probing and binding: try another.
            if (attempt >= 3)
                throw new InvalidOperationException($"pg_ctl start failed: {result.Output}\n{SafeTail(log)}");
        }
    }

    private string OwnerFile => Path.Combine(_root, "owner.pid");

    private bool OwnerIsAlive()
    {
        try
        {
            if (!int.TryParse(File.ReadAllText(OwnerFile).Trim(), out var pid) || pid == Environment.ProcessId)
                return false;
            using var process = Process.GetProcessById(pid);
            return !process.HasExited
                && (process.ProcessName.Contains("FactLedger", StringComparison.OrdinalIgnoreCase)
                    || process.ProcessName == "dotnet");
        }
        catch (Exception e) when (e is IOException or ArgumentException or InvalidOperationException) { return false; }
    }

    private static string SafeTail(string file)
    {
        try { return string.Join('\n', File.ReadLines(file).TakeLast(20)); } catch { return ""; }
    }

    private bool CanConnect(int port)
    {
        try
        {
            using var conn = new NpgsqlConnection(new NpgsqlConnectionStringBuilder
            {
                Host = "127.0.0.1", Port = port, Username = Superuser, Password = _password, Database = "postgres",
                Pooling = false, Timeout = 5,
            }.ConnectionString);
            conn.Open();
            return true;
        }
        catch { return false; }
    }

    private void EnsureDatabase(string database)
    {
        using var conn = new NpgsqlConnection(ConnectionString("postgres") + ";Pooling=false");
        conn.Open();
        using var exists = new NpgsqlCommand("select 1 from pg_database where datname = @name", conn);
        exists.Parameters.AddWithValue("name", database);
        if (exists.ExecuteScalar() is not null) return;
        using var create = new NpgsqlCommand($"create database \"{database.Replace("\"", "\"\"")}\"", conn);
        create.ExecuteNonQuery();
    }

    public void Stop()
    {
        lock (_gate)
        {
            if (!_started) return;
            _started = false;
            NpgsqlConnection.ClearAllPools();
            if (!_owned) return;
            PgRun("pg_ctl", ["-D", DataDirectory, "-m", "fast", "-w", "-t", "60", "stop"], throwOnError: false);
            try { File.Delete(OwnerFile); } catch (IOException) { }
            _log($"PostgreSQL stopped (data kept in {DataDirectory})");
        }
    }

    /// <summary>Stops the server and deletes its folder (test clusters).</summary>
    public void StopAndDelete()
    {
        Stop();
        try { Directory.Delete(_root, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    public void Dispose() => Stop();

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private (int ExitCode, string Output) PgRun(string tool, string[] args, bool throwOnError = true)
    {
        var exe = Path.Combine(_binDirectory, tool);
        return _asRoot
            ? Run("runuser", ["-u", "postgres", "--", exe, .. args], throwOnError)
            : Run(exe, args, throwOnError);
    }

    private static (int ExitCode, string Output) Run(string file, string[] args, bool throwOnError = true)
    {
        var psi = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi) ?? throw new InvalidOperationException($"could not start {file}");
        // pg_ctl start leaves the server holding inherited pipes open; read to end only what the tool itself writes.
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        p.WaitForExit();
        var output = (stdout.Wait(TimeSpan.FromSeconds(2)) ? stdout.Result : "")
            + (stderr.Wait(TimeSpan.FromSeconds(2)) ? stderr.Result : "");
        if (throwOnError && p.ExitCode != 0)
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed ({p.ExitCode}): {output}");
        return (p.ExitCode, output);
    }

    private static uint geteuidSafe()
    {
        try { return geteuid(); } catch { return uint.MaxValue; }
    }

    [System.Runtime.InteropServices.DllImport("libc", SetLastError = false)]
    private static extern uint geteuid();
}
