using Npgsql;

namespace FactLedger.Api.Infrastructure.Http;

/// <summary>
/// Stream versions read from one database, with the lookups of concurrent requests sharing a statement: while one
/// statement is out, the keys asked for meanwhile wait and go together in the next. A lookup's statement is always
/// sent after the lookup was asked for, so it sees every write committed before the request arrived (read-your-writes
/// holds as with a statement per request), and under load PostgreSQL runs one indexed select of many keys instead of
/// a statement per read.
/// </summary>
public sealed class StreamVersions(NpgsqlDataSource source, string schema)
{
    private readonly string _sql = $"select id, version from {schema}.mt_streams where id = any($1)";
    private readonly Lock _gate = new();
    private Dictionary<string, TaskCompletionSource<IReadOnlyDictionary<string, long>>> _waiting = [];
    private bool _sending;
    private long _statements;

    /// <summary>Statements sent since start: fewer than the lookups when reads overlap.</summary>
    public long Statements => Interlocked.Read(ref _statements);

    /// <summary>Each of <paramref name="keys"/> with its stream's version; a key without a stream is absent.</summary>
    public async Task<IReadOnlyDictionary<string, long>> GetAsync(IReadOnlyList<string> keys, CancellationToken ct)
    {
        // The answer of a whole statement (a dictionary of every key it asked for) is shared by its requests.
        var answers = new List<Task<IReadOnlyDictionary<string, long>>>(keys.Count);
        var send = false;
        lock (_gate)
        {
            foreach (var key in keys)
            {
                if (!_waiting.TryGetValue(key, out var answer))
                    _waiting[key] = answer = new(TaskCreationOptions.RunContinuationsAsynchronously);
                answers.Add(answer.Task);
            }
            if (!_sending) _sending = send = true;
        }
        if (send)
        {
            // The sender outlives this request: it must not carry the request's context (its scopes, its activity).
            if (ExecutionContext.IsFlowSuppressed()) _ = Task.Run(SendAsync, CancellationToken.None);
            else using (ExecutionContext.SuppressFlow()) _ = Task.Run(SendAsync, CancellationToken.None);
        }
        var versions = new Dictionary<string, long>(keys.Count, StringComparer.Ordinal);
        for (var i = 0; i < keys.Count; i++)
            if ((await answers[i].WaitAsync(ct)).TryGetValue(keys[i], out var version)) versions[keys[i]] = version;
        return versions;
    }

    /// <summary>Sends what is waiting, one statement at a time, until nothing is. Every lookup taken is answered,
    /// with the versions or with the statement's error.</summary>
    private async Task SendAsync()
    {
        while (true)
        {
            Dictionary<string, TaskCompletionSource<IReadOnlyDictionary<string, long>>> batch;
            lock (_gate)
            {
                if (_waiting.Count == 0)
                {
                    _sending = false;
                    return;
                }
                batch = _waiting;
                _waiting = [];
            }
            try
            {
                var found = await ReadAsync(batch.Keys.ToArray());
                foreach (var answer in batch.Values) answer.TrySetResult(found);
            }
            catch (Exception e)
            {
                foreach (var answer in batch.Values) answer.TrySetException(e);
            }
        }
    }

    private async Task<IReadOnlyDictionary<string, long>> ReadAsync(string[] keys)
    {
        Interlocked.Increment(ref _statements);
        await using var command = source.CreateCommand(_sql);
        command.Parameters.Add(new NpgsqlParameter { Value = keys });
        await using var reader = await command.ExecuteReaderAsync();
        var found = new Dictionary<string, long>(keys.Length, StringComparer.Ordinal);
        while (await reader.ReadAsync()) found[reader.GetString(0)] = reader.GetInt64(1);
        return found;
    }
}
