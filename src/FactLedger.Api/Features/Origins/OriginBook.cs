using FactLedger.Api.Features.Sources;
using FactLedger.Domain.Dependence;
using FactLedger.Domain.Origins;

namespace FactLedger.Api.Features.Origins;

/// <summary>The origin rules at one version of their stream, and the figure decider that resolves origins by them.
/// </summary>
public sealed record OriginRulesAt(long Version, OriginRules Rules, FigureDecider Decider);

/// <summary>
/// The origin rules (<see cref="OriginRules"/>) this process folds figures with: the latest version it has read,
/// kept in memory (the rules are few and change rarely), and read again whenever the stream's version in the database
/// is newer (another node, or the command line, may have changed them). Writers check the version under the rules'
/// shared lock (<see cref="OriginRulesLock"/>), so a figure is never written with rules older than those committed.
/// </summary>
public sealed class OriginBook
{
    private OriginRulesAt _current = new(0, OriginRules.None, new FigureDecider(OriginResolver.Plain));

    /// <summary>The rules last read: what inline projections fold with inside a writer's transaction.</summary>
    public OriginRulesAt Current => Volatile.Read(ref _current);

    /// <summary>The rules at <paramref name="version"/> (as the database says now), read again if this process holds
    /// older ones.</summary>
    public async Task<OriginRulesAt> AtVersionAsync(IQuerySession session, long version, CancellationToken ct)
    {
        var held = Current;
        if (held.Version == version) return held;
        var read = await WithDeciderAsync(session, await LoadAsync(session, null, ct), ct);
        Advance(read);
        return read;
    }

    /// <summary>The rules as the database holds them now.</summary>
    public async Task<OriginRulesAt> NowAsync(IQuerySession session, CancellationToken ct) =>
        await AtVersionAsync(session, await VersionAsync(session, ct), ct);

    /// <summary>The rules as they were known at <paramref name="knownAt"/> (the recording clock).</summary>
    public async Task<OriginRulesAt> KnownAtAsync(IQuerySession session, DateTimeOffset knownAt, CancellationToken ct)
        => await WithDeciderAsync(session, await LoadAsync(session, knownAt, ct), ct);

    /// <summary>Takes the rules a writer just committed.</summary>
    public void Committed(OriginRulesAt rules) => Advance(rules);

    /// <summary>Takes <paramref name="rules"/> if newer than those held: the book never goes back, whatever order
    /// concurrent readers finish in.</summary>
    private void Advance(OriginRulesAt rules)
    {
        for (var held = _current; rules.Version > held.Version; held = _current)
            if (Interlocked.CompareExchange(ref _current, rules, held) == held) return;
    }

    public static async Task<long> VersionAsync(IQuerySession session, CancellationToken ct) =>
        (await session.Events.FetchStreamStateAsync(OriginRules.StreamKey, ct))?.Version ?? 0;

    /// <summary>The rules as stored (as known at <paramref name="knownAt"/>, the recording clock, when given), and
    /// their version: the one fold of the stream.</summary>
    public static async Task<(OriginRules Rules, long Version)> LoadAsync(IQuerySession session,
        DateTimeOffset? knownAt, CancellationToken ct)
    {
        var events = await session.Events.FetchStreamAsync(OriginRules.StreamKey, timestamp: knownAt, token: ct);
        return (OriginRulesDecider.Fold(events.Select(e => e.Data)), events.Count == 0 ? 0 : events[^1].Version);
    }

    private static async Task<OriginRulesAt> WithDeciderAsync(IQuerySession session,
        (OriginRules Rules, long Version) read, CancellationToken ct) =>
        new(read.Version, read.Rules, await DeciderAsync(session, read.Rules, ct));

    /// <summary>The decider <paramref name="rules"/> make: their resolver needs the outlets and publication times of
    /// the sources the dependences name (sources never change once registered).</summary>
    public static async Task<FigureDecider> DeciderAsync(IQuerySession session, OriginRules rules,
        CancellationToken ct)
    {
        var keys = rules.SourcesNamed.ToArray();
        var sources = keys.Length == 0 ? [] : await session.LoadManyAsync<Source>(ct, keys);
        return new FigureDecider(rules.Resolver(sources.ToDictionary(s => s.Id,
            s => new SourceOutlet(s.Id, s.Outlet, s.PublishedAt))));
    }
}

/// <summary>
/// The advisory lock that orders figure writes and changes of the origin rules: every figure writer holds it shared
/// for its transaction, a change of the rules holds it exclusively. So while the rules change (and the figures they
/// touch are refolded) no figure is written, and a writer that starts afterwards reads the new version.
/// </summary>
public static class OriginRulesLock
{
    /// <summary>The shared lock as a statement of a batch, so a writer takes it in the round trip that locks its
    /// figures.</summary>
    public static Npgsql.NpgsqlBatchCommand Shared(IQuerySession session) =>
        new("select pg_advisory_xact_lock_shared($1)")
        {
            Parameters = { new Npgsql.NpgsqlParameter { Value = KeyOf(session) } },
        };

    public static Task ExclusiveAsync(IDocumentSession session, CancellationToken ct) =>
        session.AdvancedSql.QueryAsync<bool>("select true from (select pg_advisory_xact_lock(?)) l", ct,
            KeyOf(session));

    /// <summary>One lock per FactLedger schema of a database: a 64-bit FNV-1a hash of its name, stable across
    /// processes.</summary>
    private static long KeyOf(IQuerySession session)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in "factledger.origin-rules:" + session.DocumentStore.Options.DatabaseSchemaName)
            hash = (hash ^ c) * 1099511628211UL;
        return unchecked((long)hash);
    }
}
