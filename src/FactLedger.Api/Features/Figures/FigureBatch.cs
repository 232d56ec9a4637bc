using FactLedger.Api.Features.Claims;
using FactLedger.Api.Features.Origins;
using JasperFx;
using JasperFx.Events;

namespace FactLedger.Api.Features.Figures;

/// <summary>
/// Where one transaction of the <see cref="FigureWriter"/> puts what the decider decided. The writer locks, reads the
/// states and runs <see cref="FigureDecider.Decide"/> / <see cref="FigureDecider.Evolve"/> the same way for both
/// kinds; only storing differs: <see cref="MartenFigureBatch"/> appends through Marten's session (its inline
/// <see cref="FigureViewProjection"/> stores the views), <see cref="BulkFigureBatch"/> writes the same rows in sets
/// (a statement per table) and stores the views the writer folded.
/// </summary>
public abstract class FigureBatch : IAsyncDisposable
{
    /// <summary>The session of the batch's transaction (reads under the locks go through it).</summary>
    public abstract IDocumentSession Session { get; }

    /// <summary>Each locked figure's stored view; null when the figure has none (not defined).</summary>
    public abstract IReadOnlyDictionary<string, FigureView?> Views { get; }

    /// <summary>The origin rules' version, read under their shared lock: it stays the committed one until the batch
    /// ends.</summary>
    public abstract long RulesVersion { get; }

    /// <summary>The claim ids asked for at opening that are already used, read under the locks (so an id committed
    /// by another writer first is seen), in the round trip that fetches the views.</summary>
    public abstract IReadOnlyList<ClaimIndex> UsedClaimIds { get; }

    /// <summary>When the batch's figure locks were held: the time its decisions carry (and, in sets, its events'
    /// stamp). Read after the locks, so a figure's events are stamped in the order they commit: a batch that waited on
    /// another's lock is stamped after it, as long as the writers' clocks agree (one node, or nodes kept in time by
    /// NTP).</summary>
    public abstract DateTimeOffset Timestamp { get; }

    /// <summary>Appends one decided event to a figure's stream; answers the stream's version after it.</summary>
    public abstract long Append(string figure, object data, string? correlationId, string actor);

    /// <summary>Records a claim id as used (its idempotency record), in the batch's transaction.</summary>
    public abstract void Index(ClaimIndex index);

    /// <summary>Stores everything appended and commits. <paramref name="states"/>: each figure's state after the
    /// batch, folded by the decider.</summary>
    public abstract Task CommitAsync(IReadOnlyDictionary<string, Figure?> states, CancellationToken ct);

    /// <summary>Whether a failed commit means a claim id of the batch was committed by another writer first.</summary>
    public abstract bool IsClaimIdTaken(Exception e);

    public abstract ValueTask DisposeAsync();
}

/// <summary>A batch appended through Marten's session: for a few writes, and for corrections and retractions.</summary>
public sealed class MartenFigureBatch : FigureBatch
{
    private readonly IDocumentSession _session;
    private readonly Dictionary<string, IEventStream<FigureView>> _streams;

    private MartenFigureBatch(IDocumentSession session, Dictionary<string, IEventStream<FigureView>> streams,
        long rulesVersion, IReadOnlyList<ClaimIndex> used, DateTimeOffset timestamp)
    {
        Timestamp = timestamp;
        _session = session;
        _streams = streams;
        Views = streams.ToDictionary(s => s.Key, s => s.Value.Aggregate);
        RulesVersion = rulesVersion;
        UsedClaimIds = used;
    }

    public override IDocumentSession Session => _session;
    public override IReadOnlyDictionary<string, FigureView?> Views { get; }
    public override long RulesVersion { get; }
    public override IReadOnlyList<ClaimIndex> UsedClaimIds { get; }
    public override DateTimeOffset Timestamp { get; }

    /// <summary>
    /// Holds the origin rules' shared lock and locks the figure streams' rows until commit, in one statement and in key
    /// order, then fetches their stored views and the used ones of <paramref name="claimIds"/> in one round trip.
    /// Holding the locks, the versions fetched stay current.
    /// </summary>
    public static async Task<MartenFigureBatch> OpenAsync(IDocumentStore store, IReadOnlyList<string> keys,
        string[] claimIds, TimeProvider clock, CancellationToken ct)
    {
        var session = store.LightweightSession();
        try
        {
            await session.BeginTransactionAsync(ct);
            var schema = store.Options.Events.DatabaseSchemaName;
            await using (var locks = new Npgsql.NpgsqlBatch(session.Connection))
            {
                locks.BatchCommands.Add(OriginRulesLock.Shared(session));
                locks.BatchCommands.Add(new Npgsql.NpgsqlBatchCommand(
                    $"select id from {schema}.mt_streams where id = any($1) order by id for update")
                {
                    Parameters = { new Npgsql.NpgsqlParameter { Value = keys.ToArray() } },
                });
                await locks.ExecuteNonQueryAsync(ct);
            }
            var timestamp = clock.GetUtcNow();
            var batch = session.CreateBatchQuery();
            var rules = batch.Events.FetchStreamState(OriginRules.StreamKey);
            var fetches = keys.Select(k => (Key: k, Stream: batch.Events.FetchForWriting<FigureView>(k))).ToList();
            var used = batch.LoadMany<ClaimIndex>().ById(claimIds);
            await batch.Execute(ct);
            var streams = new Dictionary<string, IEventStream<FigureView>>(keys.Count);
            foreach (var (key, stream) in fetches) streams[key] = await stream;
            return new MartenFigureBatch(session, streams, (await rules)?.Version ?? 0, await used, timestamp);
        }
        catch
        {
            await session.DisposeAsync();
            throw;
        }
    }

    public override long Append(string figure, object data, string? correlationId, string actor)
    {
        var e = _session.Events.BuildEvent(data);
        e.CorrelationId = correlationId;
        e.UserName = actor;
        _streams[figure].AppendOne(e);
        return _streams[figure].CurrentVersion ?? 0;
    }

    public override void Index(ClaimIndex index) => _session.Insert(index);

    // The inline projection evolves the stored views with the same decider in this transaction.
    public override Task CommitAsync(IReadOnlyDictionary<string, Figure?> states, CancellationToken ct) =>
        _session.SaveChangesAsync(ct);

    public override bool IsClaimIdTaken(Exception e) => e is DocumentAlreadyExistsException;

    public override ValueTask DisposeAsync() => _session.DisposeAsync();
}
