namespace FactLedger.Api.Infrastructure;

/// <summary>The <c>FactLedger</c> configuration section.</summary>
public sealed class FactLedgerOptions
{
    public const string Section = "FactLedger";

    /// <summary>The PostgreSQL schema holding documents and events.</summary>
    public string Schema { get; set; } = "factledger";

    /// <summary>Run Marten's async projection daemon in this process (Solo mode). Turn off on extra API nodes.</summary>
    public bool RunDaemon { get; set; } = true;

    /// <summary>Require an API key with role reader for GET requests too.</summary>
    public bool ReadsRequireKey { get; set; }

    public List<ApiKeyEntry> ApiKeys { get; set; } = [];

    /// <summary>Groups of names that are one origin; the first name of each group is the one shown.</summary>
    public List<List<string>> OriginAliases { get; set; } = [];

    public LocalPostgresOptions LocalPostgres { get; set; } = new();

    public SeedOptions Seeds { get; set; } = new();

    /// <summary>Largest request body accepted, in bytes.</summary>
    public long MaxRequestBodyBytes { get; set; } = 1_048_576;

    /// <summary>Largest ingest bundle accepted over HTTP, in bytes.</summary>
    public long MaxIngestBodyBytes { get; set; } = 64 * 1_048_576;
}

public sealed class ApiKeyEntry
{
    public string Name { get; set; } = "";
    public string Role { get; set; } = "";
    public string Key { get; set; } = "";
}

public sealed class LocalPostgresOptions
{
    /// <summary>Folder of the managed cluster; default: the user's data folder (or /var/lib/factledger as root).</summary>
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
