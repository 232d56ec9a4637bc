using FactLedger.Api.Features.Claims;
using FactLedger.Api.Features.Origins;
using FactLedger.Api.Infrastructure.Postgres;
using JasperFx;
using Marten.Events;
using Npgsql;
using NpgsqlTypes;

namespace FactLedger.Api.Features.Figures;

/// <summary>
/// A batch written in sets, for large batches of claims: the rows Marten's append path would write, written with
/// binary COPY in the batch's own transaction. The figure streams' rows are locked in one statement in key order
/// (reading their versions), each event gets the stream's next version and a sequence number drawn from Marten's
/// events sequence (all of the batch's in one statement, assigned in the order Marten assigns them: stream by stream
/// in key order), the streams' versions are set in one statement, the idempotency records (<see cref="ClaimIndex"/>)
/// are copied in (a claim id committed meanwhile fails the copy on its primary key, as Marten's insert would), and the
/// views folded by the writer are stored in one statement. The events are ordinary Marten events: the same columns,
/// type names and metadata, so Marten reads them back and the daemon projects them like any other.
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
    private readonly DateTimeOffset _timestamp;
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
        _timestamp = timestamp;
    }

    public override IDocumentSession Session => _session;
    public override IReadOnlyDictionary<string, FigureView?> Views { get; }
    public override long RulesVersion { get; }
    public override IReadOnlyList<ClaimIndex> UsedClaimIds { get; }

    /// <summary>Opens the transaction, holds the origin rules' shared lock, locks the figure streams' rows in key order
    /// and reads their versions, then their stored views and the used ones of <paramref name="claimIds"/> in one
    /// round trip. <paramref name="timestamp"/>: the events' timestamp (one per batch, as Marten stamps one per stream
    /// and save; the live feed tells batches apart by it).</summary>
    public static async Task<BulkFigureBatch> OpenAsync(IDocumentStore store, IReadOnlyList<string> keys,
        string[] claimIds, DateTimeOffset timestamp, CancellationToken ct)
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
            var versions = new Dictionary<string, long>(keys.Count);
            long rulesVersion;
            // One round trip: the rules' shared lock, then the figure rows locked, then the rules' version (each
            // statement reads after the one before it, so the version is read under the lock).
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
                },
            })
            {
                await using var reader = await locks.ExecuteReaderAsync(ct);
                await reader.NextResultAsync(ct);
                while (await reader.ReadAsync(ct)) versions[reader.GetString(0)] = reader.GetInt64(1);
                await reader.NextResultAsync(ct);
                rulesVersion = await reader.ReadAsync(ct) ? reader.GetInt64(0) : 0;
            }
            var reads = session.CreateBatchQuery();
            var viewsRead = reads.LoadMany<FigureView>().ById(keys.ToArray());
            var usedRead = reads.LoadMany<ClaimIndex>().ById(claimIds);
            await reads.Execute(ct);
            var stored = (await viewsRead).ToDictionary(v => v.Id);
            var views = keys.ToDictionary(k => k,
                k => versions.ContainsKey(k) ? stored.GetValueOrDefault(k) : null, StringComparer.Ordinal);
            return new BulkFigureBatch(store, connection, transaction, session, [.. keys], versions, views,
                timestamp, rulesVersion, await usedRead);
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
        if (_indexes.Count > 0) await CopyIndexesAsync(ct);
        var touched = _events.Select(e => e.Stream).Distinct().ToList();
        if (touched.Count > 0) await StoreViewsAsync(touched, states, ct);
        if (_events.Count > 0)
        {
            // Marten numbers a save's events stream by stream, in the order the streams were fetched (key order).
            var rank = _keys.Select((k, i) => (k, i)).ToDictionary(x => x.k, x => x.i, StringComparer.Ordinal);
            var ordered = _events.OrderBy(e => rank[e.Stream]).ThenBy(e => e.Version).ToList();
            await SetStreamVersionsAsync(ordered, ct);
            // Sequence numbers drawn last, just before the commit: a number drawn but not yet committed is a gap the
            // daemon waits on, and skips for good past its stale threshold (3 s), so the gap stays short.
            var sequences = await NextSequencesAsync(ordered.Count, ct);
            await CopyEventsAsync(ordered, sequences, ct);
        }
        if (_events.Count > 0 && Events.UseListenNotifyForEventAppends)
            await ExecuteAsync($"select pg_notify('{AppendedChannel}', '')", ct);
        await _transaction.CommitAsync(ct);
    }

    /// <summary>The next <paramref name="count"/> numbers of Marten's events sequence, in one statement.</summary>
    private async Task<long[]> NextSequencesAsync(int count, CancellationToken ct)
    {
        var schema = _store.Options.Events.DatabaseSchemaName;
        await using var command = new NpgsqlCommand(
            $"select nextval('{schema}.mt_events_sequence') from generate_series(1, $1)", _connection, _transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = count });
        var sequences = new long[count];
        await using var reader = await command.ExecuteReaderAsync(ct);
        for (var i = 0; await reader.ReadAsync(ct); i++) sequences[i] = reader.GetInt64(0);
        Array.Sort(sequences);
        return sequences;
    }

    private async Task CopyEventsAsync(List<Pending> events, long[] sequences, CancellationToken ct)
    {
        var graph = Events;
        var serializer = _store.Options.Serializer();
        var schema = graph.DatabaseSchemaName;
        await CopyAsync(
            $"copy {schema}.mt_events (seq_id, id, stream_id, version, data, type, timestamp, tenant_id, " +
            "mt_dotnet_type, correlation_id, headers, user_name, is_archived) from stdin (format binary)", async copy =>
        {
            for (var i = 0; i < events.Count; i++)
            {
                var e = events[i];
                var mapping = graph.EventMappingFor(e.Data.GetType());
                await copy.StartRowAsync(ct);
                await copy.WriteAsync(sequences[i], NpgsqlDbType.Bigint, ct);
                await copy.WriteAsync(Guid.CreateVersion7(), NpgsqlDbType.Uuid, ct);
                await copy.WriteAsync(e.Stream, NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(e.Version, NpgsqlDbType.Bigint, ct);
                await copy.WriteAsync(serializer.ToJson(e.Data), NpgsqlDbType.Jsonb, ct);
                await copy.WriteAsync(mapping.EventTypeName, NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(_timestamp, NpgsqlDbType.TimestampTz, ct);
                await copy.WriteAsync(StorageConstants.DefaultTenantId, NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(mapping.DotNetTypeName, NpgsqlDbType.Varchar, ct);
                if (e.CorrelationId is null) await copy.WriteNullAsync(ct);
                else await copy.WriteAsync(e.CorrelationId, NpgsqlDbType.Varchar, ct);
                // Marten stores "no headers" as JSON null, not SQL NULL.
                await copy.WriteAsync("null", NpgsqlDbType.Jsonb, ct);
                await copy.WriteAsync(e.Actor, NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(false, NpgsqlDbType.Boolean, ct);
            }
        }, ct);
    }

    private async Task SetStreamVersionsAsync(List<Pending> events, CancellationToken ct)
    {
        var last = events.GroupBy(e => e.Stream).Select(g => (Stream: g.Key, Version: g.Max(e => e.Version))).ToList();
        var schema = _store.Options.Events.DatabaseSchemaName;
        await using var command = new NpgsqlCommand(
            $"update {schema}.mt_streams s set version = v.version, timestamp = now() " +
            "from unnest($1::varchar[], $2::bigint[]) as v(id, version) where s.id = v.id", _connection, _transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = last.Select(l => l.Stream).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = last.Select(l => l.Version).ToArray() });
        var updated = await command.ExecuteNonQueryAsync(ct);
        if (updated != last.Count)
            throw new InvalidOperationException(
                $"Expected to advance {last.Count} figure streams, advanced {updated}.");
    }

    private async Task CopyIndexesAsync(CancellationToken ct)
    {
        var serializer = _store.Options.Serializer();
        var table = TableOf<ClaimIndex>();
        await CopyAsync(
            $"copy {table} (id, data, mt_version, mt_dotnet_type) from stdin (format binary)", async copy =>
        {
            foreach (var index in _indexes)
            {
                await copy.StartRowAsync(ct);
                await copy.WriteAsync(index.Id, NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(serializer.ToJson(index), NpgsqlDbType.Jsonb, ct);
                await copy.WriteAsync(Guid.CreateVersion7(), NpgsqlDbType.Uuid, ct);
                await copy.WriteAsync(typeof(ClaimIndex).FullName!, NpgsqlDbType.Varchar, ct);
            }
        }, ct);
    }

    /// <summary>Each touched figure's view, as the inline projection would store it (its revision is the stream's
    /// version), in one statement.</summary>
    private async Task StoreViewsAsync(List<string> figures, IReadOnlyDictionary<string, Figure?> states,
        CancellationToken ct)
    {
        var serializer = _store.Options.Serializer();
        var views = figures.Select(f => FigureView.Of(states[f]
            ?? throw new InvalidOperationException($"Figure '{f}' has events but no state."))).ToList();
        var table = TableOf<FigureView>();
        await using var command = new NpgsqlCommand(
            $"insert into {table} as d (id, data, mt_dotnet_type, mt_version, mt_last_modified) " +
            "select v.id, v.data, $3, v.version, transaction_timestamp() " +
            "from unnest($1::varchar[], $2::jsonb[], $4::bigint[]) as v(id, data, version) " +
            "on conflict (id) do update set data = excluded.data, mt_dotnet_type = excluded.mt_dotnet_type, " +
            "mt_version = excluded.mt_version, mt_last_modified = excluded.mt_last_modified",
            _connection, _transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = views.Select(v => v.Id).ToArray() });
        command.Parameters.Add(new NpgsqlParameter
        {
            Value = views.Select(v => serializer.ToJson(v)).ToArray(),
            NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb,
        });
        command.Parameters.Add(new NpgsqlParameter { Value = typeof(FigureView).FullName! });
        command.Parameters.Add(new NpgsqlParameter { Value = views.Select(v => v.Version).ToArray() });
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>One binary COPY. When it fails, the importer is closed quietly: its clean-up fails too once the
    /// connection is broken, and must not hide the error that stopped the copy (which tells a lost database, 503, from
    /// a fault, 500).</summary>
    private async Task CopyAsync(string sql, Func<NpgsqlBinaryImporter, Task> rows, CancellationToken ct)
    {
        var copy = await _connection.BeginBinaryImportAsync(sql, ct);
        try
        {
            await rows(copy);
            await copy.CompleteAsync(ct);
        }
        catch
        {
            await Quietly(copy.DisposeAsync);
            throw;
        }
        await copy.DisposeAsync();
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

    private string TableOf<T>() => _store.Options.FindOrResolveDocumentType(typeof(T)).TableName.QualifiedName;

    private EventGraph Events => (EventGraph)_store.Options.Events;

    private async Task ExecuteAsync(string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, _connection, _transaction);
        await command.ExecuteNonQueryAsync(ct);
    }

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
