using FactLedger.Api.Infrastructure;
using Microsoft.Extensions.Caching.Memory;

namespace FactLedger.Api.Features.Sources;

/// <summary>
/// Registered sources, kept in memory for claim writes. Safe on any number of nodes because a source never changes
/// once registered (registering other content under its key is refused with 409). Holds at most
/// <see cref="FactLedgerOptions.SourceCacheCharacters"/> characters of text; a source not held is loaded again when a
/// claim needs it (memory against speed: see the README, Performance).
/// </summary>
public sealed class SourceCache(IOptions<FactLedgerOptions> options)
{
    private readonly MemoryCache _cache =
        new(new MemoryCacheOptions { SizeLimit = Math.Max(1, options.Value.SourceCacheCharacters) });

    public async Task<Source?> GetAsync(IQuerySession session, string key, CancellationToken ct)
    {
        if (_cache.TryGetValue(key, out Source? cached)) return cached;
        var source = await session.LoadAsync<Source>(key, ct);
        if (source is not null) Keep(source);
        return source;
    }

    public async Task<IReadOnlyDictionary<string, Source>> GetManyAsync(IQuerySession session, IEnumerable<string> keys,
        CancellationToken ct)
    {
        var found = new Dictionary<string, Source>();
        var missing = new List<string>();
        foreach (var key in keys.Distinct())
        {
            if (_cache.TryGetValue(key, out Source? cached)) found[key] = cached!;
            else missing.Add(key);
        }
        if (missing.Count > 0)
            foreach (var source in await session.LoadManyAsync<Source>(ct, missing.ToArray()))
            {
                Keep(source);
                found[source.Id] = source;
            }
        return found;
    }

    private void Keep(Source source) =>
        _cache.Set(source.Id, source, new MemoryCacheEntryOptions
        {
            Size = Math.Max(1, source.Text.Length), SlidingExpiration = TimeSpan.FromHours(1),
        });
}
