using FactLedger.Api.Features.Figures;
using FactLedger.Api.Infrastructure.Postgres;
using Npgsql;
using Microsoft.Extensions.Caching.Memory;

namespace FactLedger.Api.Infrastructure.Http;

/// <summary>
/// The serialized answers of the hot reads (a figure now, its timeline), kept per figure stream version. Each read
/// still asks PostgreSQL for the stream's current version (one small indexed select), so a write by any process —
/// this node, another node, the command-line ingest — is seen at once; only folding the stream, reconciling and
/// serializing are skipped while the version is unchanged. A version names exactly one list of events, so exactly one
/// answer. The version is also the response's ETag: <c>If-None-Match</c> gets 304 when nothing changed.
/// </summary>
public sealed class FigureReadCache(
    IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, DatabaseConnection database, IDocumentStore store,
    ReplicaDatabase replica)
    : IAsyncDisposable
{
    // A plain data source for the version check: one point select, without a Marten session per read.
    private readonly Lazy<(NpgsqlDataSource Source, string Sql)> _versions = new(() => (
        new NpgsqlDataSourceBuilder(database.ConnectionString).Build(),
        $"select version from {store.Options.Events.DatabaseSchemaName}.mt_streams where id = $1"));

    /// <summary>Bytes of JSON kept at most: older answers are evicted first.</summary>
    private const long MaxBytes = 64L * 1024 * 1024;
    private readonly MemoryCache _cache =
        new(new MemoryCacheOptions { SizeLimit = MaxBytes, CompactionPercentage = 0.25 });

    private sealed record Entry(long Version, byte[] Json);

    /// <summary>The answer for <paramref name="key"/> at its current version, from memory or built by
    /// <paramref name="build"/>.</summary>
    public async Task<CachedJson> GetAsync<T>(string view, string key, HttpContext http, Func<Task<T>> build,
        CancellationToken ct) where T : IVersioned
    {
        var version = await VersionAsync(key, http, ct) ?? throw LedgerError.NotFound(FigureRules.NoSuchFigure(key));
        var etag = $"\"{version}\"";
        if (http.Request.Headers.IfNoneMatch.Contains(etag)) return new CachedJson(null, etag);

        var cacheKey = (view, key);
        if (_cache.TryGetValue(cacheKey, out Entry? hit) && hit!.Version == version)
            return new CachedJson(hit.Json, etag);

        var answer = await build();
        var bytes = JsonSerializer.SerializeToUtf8Bytes(answer, json.Value.SerializerOptions);
        // Kept only if built from the version just read: a write that landed in between makes the next read rebuild.
        if (answer.Version == version)
            _cache.Set(cacheKey, new Entry(version, bytes),
                new MemoryCacheEntryOptions { Size = bytes.Length, SlidingExpiration = TimeSpan.FromMinutes(30) });
        else etag = $"\"{answer.Version}\"";
        return new CachedJson(bytes, etag);
    }

    private async Task<long?> VersionAsync(string key, HttpContext http, CancellationToken ct)
    {
        var (source, sql) = _versions.Value;
        // The version from the database the request reads (the replica, when routed there): answer and ETag agree.
        if (http.RequestServices.GetRequiredService<ReadRouting>().FromReplica) source = replica.Source;
        await using var command = source.CreateCommand(sql);
        command.Parameters.AddWithValue(key);
        return await command.ExecuteScalarAsync(ct) is long version ? version : null;
    }

    public async ValueTask DisposeAsync()
    {
        if (_versions.IsValueCreated) await _versions.Value.Source.DisposeAsync();
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
