using FactLedger.Api.Features.Figures;
using FactLedger.Api.Infrastructure.Postgres;
using Npgsql;
using Microsoft.Extensions.Caching.Memory;

namespace FactLedger.Api.Infrastructure.Http;

/// <summary>
/// The serialized answers of the hot reads (a figure now, its timeline), kept per figure stream version and origin
/// rules version. Each read still asks PostgreSQL for both versions (an indexed select, shared by the reads in flight:
/// <see cref="StreamVersions"/>), so a write by any process — this node, another node, the command-line ingest — is
/// seen at once; only folding the stream, reconciling and serializing are skipped while they are unchanged. The two
/// versions name exactly one list of events and one set of origin rules, so exactly one answer. They are also the
/// response's ETag (<c>"figure-version"</c>, or <c>"figure-version.rules-version"</c> once the ledger has origin
/// rules): <c>If-None-Match</c> gets 304 when nothing changed.
/// </summary>
public sealed class FigureReadCache(
    IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, DatabaseConnection database, IDocumentStore store,
    ReplicaDatabase replica)
    : IAsyncDisposable
{
    // A plain data source for the version check, without a Marten session per read; lookups of concurrent reads
    // share a statement.
    private readonly Lazy<(NpgsqlDataSource Source, StreamVersions Versions)> _primary = new(() =>
    {
        var source = new NpgsqlDataSourceBuilder(database.ConnectionString).Build();
        return (source, new StreamVersions(source, store.Options.Events.DatabaseSchemaName));
    });
    private readonly Lazy<StreamVersions> _replica =
        new(() => new StreamVersions(replica.Source, store.Options.Events.DatabaseSchemaName));

    /// <summary>Bytes of JSON kept at most: older answers are evicted first.</summary>
    private const long MaxBytes = 64L * 1024 * 1024;
    private readonly MemoryCache _cache =
        new(new MemoryCacheOptions { SizeLimit = MaxBytes, CompactionPercentage = 0.25 });

    private sealed record Entry(long Version, long Rules, byte[] Json);

    /// <summary>The answer for <paramref name="key"/> at its current version, from memory or built by
    /// <paramref name="build"/>.</summary>
    public async Task<CachedJson> GetAsync<T>(string view, string key, HttpContext http, Func<Task<T>> build,
        CancellationToken ct) where T : IVersioned
    {
        var (found, rules) = await VersionsAsync(key, http, ct);
        var version = found ?? throw LedgerError.NotFound(FigureRules.NoSuchFigure(key));
        var etag = ETag(version, rules);
        if (http.Request.Headers.IfNoneMatch.Contains(etag)) return new CachedJson(null, etag);

        var cacheKey = (view, key);
        if (_cache.TryGetValue(cacheKey, out Entry? hit) && hit!.Version == version && hit.Rules == rules)
            return new CachedJson(hit.Json, etag);

        var answer = await build();
        var bytes = JsonSerializer.SerializeToUtf8Bytes(answer, json.Value.SerializerOptions);
        // Kept only if built from the version just read: a write that landed in between makes the next read rebuild.
        if (answer.Version == version)
            _cache.Set(cacheKey, new Entry(version, rules, bytes),
                new MemoryCacheEntryOptions { Size = bytes.Length, SlidingExpiration = TimeSpan.FromMinutes(30) });
        else etag = ETag(answer.Version, rules);
        return new CachedJson(bytes, etag);
    }

    private static string ETag(long version, long rules) => rules == 0 ? $"\"{version}\"" : $"\"{version}.{rules}\"";

    /// <summary>The figure stream's version (null: no such figure) and the origin rules' (0: none yet).</summary>
    private async Task<(long? Figure, long Rules)> VersionsAsync(string key, HttpContext http, CancellationToken ct)
    {
        // The version from the database the request reads (the replica, when routed there): answer and ETag agree.
        var versions = http.RequestServices.GetRequiredService<ReadRouting>().FromReplica
            ? _replica.Value
            : _primary.Value.Versions;
        var found = await versions.GetAsync([key, OriginRules.StreamKey], ct);
        return (found.TryGetValue(key, out var figure) ? figure : null, found.GetValueOrDefault(OriginRules.StreamKey));
    }

    public async ValueTask DisposeAsync()
    {
        if (_primary.IsValueCreated) await _primary.Value.Source.DisposeAsync();
    }
}

/// <summary>Ready-made JSON with its ETag, or 304 Not Modified when <see cref="Json"/> is null.</summary>
public sealed class CachedJson(byte[]? json, string etag) : IResult
{
    public byte[]? Json => json;

    public async Task ExecuteAsync(HttpContext http)
    {
        http.Response.Headers.ETag = etag;
        http.Response.Headers.CacheControl = "no-cache"; // revalidate every time: the figure may change any minute
        if (json is null)
        {
            http.Response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }
        http.Response.ContentType = "application/json; charset=utf-8";
        http.Response.ContentLength = json.Length;
        await http.Response.Body.WriteAsync(json, http.RequestAborted);
    }
}
