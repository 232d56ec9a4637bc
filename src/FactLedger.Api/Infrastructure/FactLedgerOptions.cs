namespace FactLedger.Api.Infrastructure;

/// <summary>The <c>FactLedger</c> configuration section.</summary>
public sealed class FactLedgerOptions
{
    public const string Section = "FactLedger";

    /// <summary>The PostgreSQL schema holding documents and events.</summary>
    public string Schema { get; set; } = "factledger";

    /// <summary>
    /// Run Marten's async projection daemon in this process (false: never, whatever <see cref="Daemon"/> says).
    /// </summary>
    public bool RunDaemon { get; set; } = true;

    /// <summary>How the daemon runs: <c>Solo</c> (one node, the default), <c>HotCold</c> (any number of nodes on one
    /// database; the one holding Marten's leader lock runs it, another takes over when it dies) or
    /// <c>Disabled</c>.</summary>
    public DaemonRole Daemon { get; set; } = DaemonRole.Solo;

    public DaemonRole EffectiveDaemon => RunDaemon ? Daemon : DaemonRole.Disabled;

    /// <summary>Require an API key with role reader for GET requests too.</summary>
    public bool ReadsRequireKey { get; set; }

    public List<ApiKeyEntry> ApiKeys { get; set; } = [];

    /// <summary>Per-key limit on writes; past it: 429 with Retry-After.</summary>
    public RateLimitOptions WriteRateLimit { get; set; } = new();

    /// <summary>Origins allowed to call the API from a browser. Empty (the default): CORS stays closed.</summary>
    public List<string> CorsOrigins { get; set; } = [];

    /// <summary>Groups of names that are one origin, the first name of each group being the one shown: seeded into
    /// the ledger as identities at start-up (names the ledger has decided about keep that decision).</summary>
    public List<List<string>> OriginAliases { get; set; } = [];

    public LocalPostgresOptions LocalPostgres { get; set; } = new();

    public SeedOptions Seeds { get; set; } = new();

    public LiveOptions Live { get; set; } = new();

    public WebhookOptions Webhooks { get; set; } = new();

    public ReplicaOptions Replica { get; set; } = new();

    /// <summary>How many events the async projections may lag before /health/ready fails.</summary>
    public long MaxProjectionLag { get; set; } = 1000;

    /// <summary>Largest request body accepted, in bytes.</summary>
    public long MaxRequestBodyBytes { get; set; } = 1_048_576;

    /// <summary>Largest ingest bundle accepted over HTTP, in bytes.</summary>
    public long MaxIngestBodyBytes { get; set; } = 64 * 1_048_576;

    /// <summary>Characters of source text kept in memory for quote checks (16M ≈ 32 MB).</summary>
    public long SourceCacheCharacters { get; set; } = 16L * 1024 * 1024;

    /// <summary>Claims of folded figure states kept in memory, so a read folds only the events since the state it
    /// has (100,000 claims ≈ 40 MB).</summary>
    public long FigureCacheClaims { get; set; } = 100_000;

    /// <summary>Writes in one batch of claims from which the writer stores them in sets (a statement per table)
    /// instead of through Marten's append path; 0 turns the set-based path off. 1 (the default): every batch of
    /// claims, the group commits of single requests too (measured faster at 16 and 64 clients: README,
    /// Performance).</summary>
    public int BulkWriteMinimum { get; set; } = 1;

    /// <summary>Transactions a bulk ingest writes at the same time, each on its own figures (1: one after another):
    /// one prepares its claims while another is in the database.</summary>
    public int BulkWriters { get; set; } = 2;

    /// <summary>Largest streamed (NDJSON) ingest body: read line by line, so memory does not grow with it.</summary>
    public long MaxIngestStreamBytes { get; set; } = 4L * 1024 * 1_048_576;
}

/// <summary>
/// One API key: its name (recorded on every event), role, and either the key itself (<c>Key</c>, for local use) or
/// its salted hash (<c>KeyHash</c>, "sha256:&lt;salt hex&gt;:&lt;hash hex&gt;", made by the <c>hash-key</c> command).
/// </summary>
public sealed class ApiKeyEntry
{
    public string Name { get; set; } = "";
    public string Role { get; set; } = "";
    public string Key { get; set; } = "";
    public string KeyHash { get; set; } = "";
}

public sealed class RateLimitOptions
{
    /// <summary>Writes each API key may make per second, sustained.</summary>
    public int PermitsPerSecond { get; set; } = 200;
    /// <summary>Writes a key may make at once before the sustained rate applies.</summary>
    public int Burst { get; set; } = 400;
}

public sealed class LocalPostgresOptions
{
    /// <summary>
    /// Folder of the managed cluster; default: the user's data folder (or /var/lib/factledger as root).
    /// </summary>
    public string? DataDirectory { get; set; }
    /// <summary>Folder with pg_ctl and initdb; default: PATH, then the newest /usr/lib/postgresql/*/bin.</summary>
    public string? BinDirectory { get; set; }
    public string Database { get; set; } = "factledger";
}

public sealed class SeedOptions
{
    /// <summary>Load the seed bundle on first start against an empty store.</summary>
    public bool LoadOnStart { get; set; } = true;
    /// <summary>Folder or file to load; default: the repository's seeds/ folder.</summary>
    public string? Path { get; set; }
}

public sealed class LiveOptions
{
    /// <summary>Seconds between the heartbeat comments of a server-sent event stream, so proxies keep it open.
    /// </summary>
    public int HeartbeatSeconds { get; set; } = 15;

    /// <summary>Events the live feed's subscription reads at once (a batch larger than this is still one change).
    /// </summary>
    public int FeedPageSize { get; set; } = 500;
}

public sealed class WebhookOptions
{
    /// <summary>Hosts a webhook may point at although they are not public (a receiver on this machine or the
    /// internal network), over http too. Empty (the default): only https to public addresses.</summary>
    public List<string> AllowedHosts { get; set; } = [];

    /// <summary>Failed attempts in a row after which a webhook is paused until an admin resumes it.</summary>
    public int MaxFailures { get; set; } = 10;

    /// <summary>Seconds a receiver has to answer (its status and up to 64 KB of its body).</summary>
    public double TimeoutSeconds { get; set; } = 10;

    /// <summary>The wait before the first retry; each further retry waits twice as long as the one before.</summary>
    public double RetryBaseSeconds { get; set; } = 1;

    /// <summary>The longest wait between two attempts.</summary>
    public double RetryMaxSeconds { get; set; } = 3600;
}

/// <summary>Reads from a streaming replica (<c>ConnectionStrings:FactLedgerReplica</c>).</summary>
public sealed class ReplicaOptions
{
    /// <summary>How long a read that carries a write position (<c>FactLedger-Lsn</c>) waits for the replica to have
    /// replayed it before it is read from the primary instead.</summary>
    public int MaxWaitMilliseconds { get; set; } = 2000;

    /// <summary>Seconds to wait for the replica to answer at start-up, and for each of its connections.</summary>
    public int ConnectTimeoutSeconds { get; set; } = 5;

    /// <summary>Bytes of WAL the replica may trail the primary by before <c>/health/ready</c> says degraded.
    /// </summary>
    public long MaxLagBytes { get; set; } = 16 * 1_048_576;
}

public enum DaemonRole
{
    Solo,
    HotCold,
    Disabled,
}
