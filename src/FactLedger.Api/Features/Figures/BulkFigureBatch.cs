using FactLedger.Api.Features.Claims;
using FactLedger.Api.Features.Origins;
using FactLedger.Api.Infrastructure.Postgres;
using JasperFx;
using Marten.Events;
using Npgsql;
using NpgsqlTypes;

namespace FactLedger.Api.Features.Figures;

/// <summary>
/// A batch of claims written in sets: the rows Marten's append path would write, one statement per table (arrays
/// unnested), all sent in one round trip in the batch's own transaction. The figure streams' rows are locked in one
/// statement in key order (reading their versions); each event gets the stream's next version and a sequence number
/// drawn from Marten's events sequence in the order Marten assigns them (stream by stream in key order); the streams'
/// versions are set; the idempotency records (<see cref="ClaimIndex"/>) are inserted (a claim id committed meanwhile
/// fails the insert on its primary key, as Marten's would); the views folded by the writer are stored. The events are
/// ordinary Marten events: the same columns, type names and metadata, so Marten reads them back and the daemon
/// projects them like any other. One statement per table was as fast as binary COPY for the bulk ingest's
/// transactions of 1,000 claims, and a group commit of a few claims pays two round trips to write instead of eight.
/// </summary>
public sealed class BulkFigureBatch : FigureBatch
{
    /// <summary>The channel Marten notifies its daemon on after an append, when told to
    /// (<c>UseListenNotifyForEventAppends</c>).</summary>
    private const string AppendedChannel = "mt_events_appended";

    private readonly IDocumentStore _store;
    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlTransaction _transaction;
    private readonly IDocumentSession _session;
    private readonly string[] _keys;
    private readonly Dictionary<string, long> _versions;
    private readonly List<Pending> _events = [];
    private readonly List<ClaimIndex> _indexes = [];

    private sealed record Pending(string Stream, long Version, object Data, string? CorrelationId, string Actor);

    private BulkFigureBatch(IDocumentStore store, NpgsqlConnection connection, NpgsqlTransaction transaction,
        IDocumentSession session, string[] keys, Dictionary<string, long> versions,
        IReadOnlyDictionary<string, FigureView?> views, DateTimeOffset timestamp, long rulesVersion,
        IReadOnlyList<ClaimIndex> used)
    {
        RulesVersion = rulesVersion;
        UsedClaimIds = used;
        _store = store;
        _connection = connection;
        _transaction = transaction;
        _session = session;
        _keys = keys;
        _versions = versions;
        Views = views;
        Timestamp = timestamp;
    }

    public override IDocumentSession Session => _session;
    public override IReadOnlyDictionary<string, FigureView?> Views { get; }
    public override long RulesVersion { get; }
    public override IReadOnlyList<ClaimIndex> UsedClaimIds { get; }
    public override DateTimeOffset Timestamp { get; }

    /// <summary>Opens the transaction, holds the origin rules' shared lock, locks the figure streams' rows in key order
    /// and reads their versions, their stored views and the used ones of <paramref name="claimIds"/>, all in one
    /// round trip. The events' timestamp is read from <paramref name="clock"/> once the locks are held (one per batch,
    /// as Marten stamps one per stream and save; the live feed tells batches apart by it).</summary>
    public static async Task<BulkFigureBatch> OpenAsync(IDocumentStore store, IReadOnlyList<string> keys,
        string[] claimIds, TimeProvider clock, CancellationToken ct)
    {
        var connection = store.Storage.Database.CreateConnection();
        NpgsqlTransaction? transaction = null;
        IDocumentSession? session = null;
        try
        {
            await connection.OpenAsync(ct);
            transaction = await connection.BeginTransactionAsync(ct);
            session = store.LightweightSession(Marten.Services.SessionOptions.ForTransaction(transaction, false));
            var schema = store.Options.Events.DatabaseSchemaName;
            var serializer = store.Options.Serializer();
            var versions = new Dictionary<string, long>(keys.Count);
            var stored = new Dictionary<string, FigureView>(keys.Count, StringComparer.Ordinal);
            var used = new List<ClaimIndex>();
            long rulesVersion;
            // One round trip: the rules' shared lock, the figure rows locked, then (each statement reads after the one
            // before it, so under the locks) the rules' version, the stored views and the used ids.
            await using (var locks = new NpgsqlBatch(connection, transaction)
            {
                BatchCommands =
                {
                    OriginRulesLock.Shared(session),
                    new NpgsqlBatchCommand(
                        $"select id, version from {schema}.mt_streams where id = any($1) order by id for update")
                    {
                        Parameters = { new NpgsqlParameter { Value = keys.ToArray() } },
                    },
                    new NpgsqlBatchCommand($"select version from {schema}.mt_streams where id = $1")
                    {
                        Parameters = { new NpgsqlParameter { Value = OriginRules.StreamKey } },
                    },
                    new NpgsqlBatchCommand($"select data from {TableOf<FigureView>(store)} where id = any($1)")
                    {
                        Parameters = { new NpgsqlParameter { Value = keys.ToArray() } },
                    },
                    new NpgsqlBatchCommand($"select data from {TableOf<ClaimIndex>(store)} where id = any($1)")
                    {
                        Parameters = { new NpgsqlParameter { Value = claimIds } },
                    },
                },
            })
            {
                await using var reader = await locks.ExecuteReaderAsync(ct);
                await reader.NextResultAsync(ct);
                while (await reader.ReadAsync(ct)) versions[reader.GetString(0)] = reader.GetInt64(1);
                await reader.NextResultAsync(ct);
                rulesVersion = await reader.ReadAsync(ct) ? reader.GetInt64(0) : 0;
                await reader.NextResultAsync(ct);
                while (await reader.ReadAsync(ct))
                {
                    var view = serializer.FromJson<FigureView>(reader, 0);
                    stored[view.Id] = view;
                }
                await reader.NextResultAsync(ct);
                while (await reader.ReadAsync(ct)) used.Add(serializer.FromJson<ClaimIndex>(reader, 0));
            }
            var timestamp = clock.GetUtcNow();
            var views = keys.ToDictionary(k => k,
                k => versions.ContainsKey(k) ? stored.GetValueOrDefault(k) : null, StringComparer.Ordinal);
            return new BulkFigureBatch(store, connection, transaction, session, [.. keys], versions, views,
                timestamp, rulesVersion, used);
        }
        catch (Exception e)
        {
            var error = DatabaseErrors.OnConnection(connection, e);
            if (session is not null) await Quietly(session.DisposeAsync);
            if (transaction is not null) await Quietly(transaction.DisposeAsync);
            await Quietly(connection.DisposeAsync);
            if (error == e) throw;
            throw error;
        }
    }

    public override long Append(string figure, object data, string? correlationId, string actor)
    {
        if (!_versions.TryGetValue(figure, out var version))
            throw new InvalidOperationException($"Figure stream '{figure}' is not locked in this batch.");
        _versions[figure] = ++version;
        _events.Add(new Pending(figure, version, data, correlationId, actor));
        return version;
    }

    public override void Index(ClaimIndex index) => _indexes.Add(index);

    public override async Task CommitAsync(IReadOnlyDictionary<string, Figure?> states, CancellationToken ct)
    {
        try
        {
            await WriteAndCommitAsync(states, ct);
        }
        catch (Exception e) when (DatabaseErrors.OnConnection(_connection, e) is ConnectionLostException lost)
        {
            throw lost;
        }
    }

    private async Task WriteAndCommitAsync(IReadOnlyDictionary<string, Figure?> states, CancellationToken ct)
    {
        await using var batch = new NpgsqlBatch(_connection, _transaction);
        if (_indexes.Count > 0) batch.BatchCommands.Add(InsertIndexes());
        // Marten numbers a save's events stream by stream, in the order the streams were fetched (key order).
        var rank = _keys.Select((k, i) => (k, i)).ToDictionary(x => x.k, x => x.i, StringComparer.Ordinal);
        var ordered = _events.OrderBy(e => rank[e.Stream]).ThenBy(e => e.Version).ToList();
        var streams = ordered.Select(e => e.Stream).Distinct().ToList();
        NpgsqlBatchCommand? advance = null;
        if (ordered.Count > 0)
        {
            batch.BatchCommands.Add(StoreViews(streams, states));
            batch.BatchCommands.Add(advance = AdvanceStreams(ordered));
            // Sequence numbers drawn last, in the statement that inserts the events, just before the commit: a number
            // drawn but not yet committed is a gap the daemon waits on, and skips for good past its stale threshold
            // (3 s), so the gap stays short.
            batch.BatchCommands.Add(InsertEvents(ordered));
            if (Events.UseListenNotifyForEventAppends)
                batch.BatchCommands.Add(new NpgsqlBatchCommand($"select pg_notify('{AppendedChannel}', '')"));
        }
        if (batch.BatchCommands.Count > 0) await batch.ExecuteNonQueryAsync(ct);
        if (advance is not null && advance.RecordsAffected != streams.Count)
            throw new InvalidOperationException(
                $"Expected to advance {streams.Count} figure streams, advanced {advance.RecordsAffected}.");
        await _transaction.CommitAsync(ct);
    }

    /// <summary>The events, each numbered from Marten's events sequence in the order given (the sort comes before
    /// the volatile <c>nextval</c> in PostgreSQL's plan), as Marten writes them.</summary>
    private NpgsqlBatchCommand InsertEvents(List<Pending> events)
    {
        var graph = Events;
        var schema = graph.DatabaseSchemaName;
        var mappings = events.Select(e => graph.EventMappingFor(e.Data.GetType())).ToList();
        return new NpgsqlBatchCommand(
            $"insert into {schema}.mt_events (seq_id, id, stream_id, version, data, type, timestamp, tenant_id, " +
            "mt_dotnet_type, correlation_id, headers, user_name, is_archived) " +
            $"select nextval('{schema}.mt_events_sequence'), e.id, e.stream_id, e.version, e.data, e.type, $1, $2, " +
            "e.dotnet_type, e.correlation_id, 'null'::jsonb, e.user_name, false " +
            "from unnest($3::uuid[], $4::varchar[], $5::bigint[], $6::jsonb[], $7::varchar[], $8::varchar[], " +
            "$9::varchar[], $10::varchar[]) with ordinality " +
            "as e(id, stream_id, version, data, type, dotnet_type, correlation_id, user_name, n) order by e.n")
        {
            Parameters =
            {
                new NpgsqlParameter { Value = Timestamp, NpgsqlDbType = NpgsqlDbType.TimestampTz },
                new NpgsqlParameter { Value = StorageConstants.DefaultTenantId },
                new NpgsqlParameter { Value = events.Select(_ => Guid.CreateVersion7()).ToArray() },
                new NpgsqlParameter { Value = events.Select(e => e.Stream).ToArray() },
                new NpgsqlParameter { Value = events.Select(e => e.Version).ToArray() },
                JsonArray(events.Select(e => e.Data)),
                new NpgsqlParameter { Value = mappings.Select(m => m.EventTypeName).ToArray() },
                new NpgsqlParameter { Value = mappings.Select(m => m.DotNetTypeName).ToArray() },
                new NpgsqlParameter<string?[]> { TypedValue = events.Select(e => e.CorrelationId).ToArray() },
                new NpgsqlParameter { Value = events.Select(e => e.Actor).ToArray() },
            },
        };
    }

    /// <summary>Each figure stream's version set to its last event's.</summary>
    private NpgsqlBatchCommand AdvanceStreams(List<Pending> events)
    {
        var last = events.GroupBy(e => e.Stream).Select(g => (Stream: g.Key, Version: g.Max(e => e.Version))).ToList();
        var schema = _store.Options.Events.DatabaseSchemaName;
        return new NpgsqlBatchCommand(
            $"update {schema}.mt_streams s set version = v.version, timestamp = now() " +
            "from unnest($1::varchar[], $2::bigint[]) as v(id, version) where s.id = v.id")
        {
            Parameters =
            {
                new NpgsqlParameter { Value = last.Select(l => l.Stream).ToArray() },
                new NpgsqlParameter { Value = last.Select(l => l.Version).ToArray() },
            },
        };
    }

    /// <summary>The idempotency records: a claim id committed meanwhile fails the insert on its primary key, as
    /// Marten's would.</summary>
    private NpgsqlBatchCommand InsertIndexes()
    {
        // In id order: two such batches inserting the same new ids wait on each other in one order, not in a cycle.
        var indexes = _indexes.OrderBy(i => i.Id, StringComparer.Ordinal).ToList();
        return new NpgsqlBatchCommand(
            $"insert into {TableOf<ClaimIndex>()} (id, data, mt_version, mt_dotnet_type) " +
            "select i.id, i.data, i.version, $4 " +
            "from unnest($1::varchar[], $2::jsonb[], $3::uuid[]) as i(id, data, version)")
        {
            Parameters =
            {
                new NpgsqlParameter { Value = indexes.Select(i => i.Id).ToArray() },
                JsonArray(indexes),
                new NpgsqlParameter { Value = indexes.Select(_ => Guid.CreateVersion7()).ToArray() },
                new NpgsqlParameter { Value = typeof(ClaimIndex).FullName! },
            },
        };
    }

    /// <summary>Each touched figure's view, as the inline projection would store it (its revision is the stream's
    /// version).</summary>
    private NpgsqlBatchCommand StoreViews(List<string> figures, IReadOnlyDictionary<string, Figure?> states)
    {
        var views = figures.Select(f => FigureView.Of(states[f]
            ?? throw new InvalidOperationException($"Figure '{f}' has events but no state."))).ToList();
        return new NpgsqlBatchCommand(
            $"insert into {TableOf<FigureView>()} as d (id, data, mt_dotnet_type, mt_version, mt_last_modified) " +
            "select v.id, v.data, $3, v.version, transaction_timestamp() " +
            "from unnest($1::varchar[], $2::jsonb[], $4::bigint[]) as v(id, data, version) " +
            "on conflict (id) do update set data = excluded.data, mt_dotnet_type = excluded.mt_dotnet_type, " +
            "mt_version = excluded.mt_version, mt_last_modified = excluded.mt_last_modified")
        {
            Parameters =
            {
                new NpgsqlParameter { Value = views.Select(v => v.Id).ToArray() },
                JsonArray(views),
                new NpgsqlParameter { Value = typeof(FigureView).FullName! },
                new NpgsqlParameter { Value = views.Select(v => v.Version).ToArray() },
            },
        };
    }

    /// <summary>Releases a resource of a batch that has ended; an error doing so (a broken connection) is not the
    /// batch's error.</summary>
    private static async Task Quietly(Func<ValueTask> dispose)
    {
        try
        {
            await dispose();
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException or ObjectDisposedException
            or IOException or NotSupportedException)
        {
        }
    }

    /// <summary>Documents or events as a jsonb[] parameter, serialized as Marten serializes them.</summary>
    private NpgsqlParameter JsonArray<T>(IEnumerable<T> values) where T : notnull
    {
        var serializer = _store.Options.Serializer();
        return new NpgsqlParameter
        {
            Value = values.Select(v => serializer.ToJson(v)).ToArray(),
            NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb,
        };
    }

    private string TableOf<T>() => TableOf<T>(_store);

    private static string TableOf<T>(IDocumentStore store) =>
        store.Options.FindOrResolveDocumentType(typeof(T)).TableName.QualifiedName;

    private EventGraph Events => (EventGraph)_store.Options.Events;

    public override bool IsClaimIdTaken(Exception e) =>
        e is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } unique
        && unique.TableName == _store.Options.FindOrResolveDocumentType(typeof(ClaimIndex)).TableName.Name;

    public override async ValueTask DisposeAsync()
    {
        await Quietly(_session.DisposeAsync);
        await Quietly(_transaction.DisposeAsync);
        await Quietly(_connection.DisposeAsync);
    }
}
