using System.Diagnostics;
using System.Threading.Channels;
using FactLedger.Api.Features.Figures;
using FactLedger.Api.Infrastructure.Http;
using JasperFx;
using JasperFx.Events;
using Marten;

namespace FactLedger.Api.Features.Claims;

/// <summary>A claim checked against its source and ready to append, with the correlation id and user of the request
/// that sent it (a batch carries claims of many requests, so these travel with each claim, not the session).</summary>
internal sealed record PendingClaim(RecordClaim.Command Command, Prepared Claim, string? CorrelationId = null, string? User = null)
{
    /// <summary>Takes the correlation id and user from the request's session (see CorrelatedSessionFactory).</summary>
    public static PendingClaim From(RecordClaim.Command command, Prepared claim, IDocumentSession session) =>
        new(command, claim, session.CorrelationId, session.LastModifiedBy);
}

/// <summary>Either the claim's result or the problem that refused it.</summary>
public sealed record ClaimOutcome(RecordClaim.Result? Result, ProblemException? Problem);

/// <summary>
/// Appends many claims, about any figures, in one transaction: each figure stream is locked once (in key order, so
/// two batches never wait on each other in a cycle), idempotency is checked for all ids in one read, and one commit
/// makes every claim durable together. Each claim still gets its own answer; a refused claim is refused alone.
/// </summary>
internal static class ClaimBatch
{
    public static async Task<ClaimOutcome[]> WriteAsync(IDocumentStore store, IReadOnlyList<PendingClaim> claims, TimeProvider clock, CancellationToken ct)
    {
        var outcomes = new ClaimOutcome[claims.Count];
        await using (var session = store.LightweightSession())
        {
            var streams = await LockFiguresAsync(session, claims.Select(c => c.Command.Figure!), ct);
            // Read under the locks, so a twin committed by another writer first is seen.
            var known = (await session.LoadManyAsync<ClaimIndex>(ct, claims.Select(c => c.Claim.Id).Distinct().ToArray())).ToDictionary(k => k.Id);

            var now = clock.GetUtcNow();
            var appended = new List<int>();
            for (var i = 0; i < claims.Count; i++)
            {
                var (command, claim, correlation, user) = claims[i];
                try
                {
                    if (known.TryGetValue(claim.Id, out var existing)) { outcomes[i] = new ClaimOutcome(Repeat(existing, claim.ContentHash), null); continue; }
                    var stream = streams[command.Figure!];
                    var figure = stream.Aggregate ?? throw ProblemException.Unprocessable("figure", $"figure '{command.Figure}' is not defined; POST /api/figures first");
                    ClaimInputs.CheckKind(figure, claim.Value, "value");
                    var recorded = session.Events.BuildEvent(claim.Recorded(command, figure.Id, now));
                    recorded.CorrelationId = correlation;
                    recorded.UserName = user;
                    stream.AppendOne(recorded);
                    var index = claim.Index(figure.Id, now);
                    session.Insert(index);
                    known[claim.Id] = index; // a twin later in the same batch is a repeat
                    appended.Add(i);
                }
                catch (ProblemException e) { outcomes[i] = new ClaimOutcome(null, e); }
            }
            if (appended.Count == 0) return outcomes;
            try
            {
                await session.SaveChangesAsync(ct);
                foreach (var i in appended)
                {
                    var figure = claims[i].Command.Figure!;
                    outcomes[i] = new ClaimOutcome(new RecordClaim.Result(claims[i].Claim.Id, true, figure, streams[figure].CurrentVersion ?? 0), null);
                }
                return outcomes;
            }
            catch (DocumentAlreadyExistsException) when (claims.Count > 1)
            {
                // An id of this batch was committed by another writer meanwhile, so nothing of the batch was written:
                // write its claims one by one below, each with its own answer.
            }
            catch (DocumentAlreadyExistsException)
            {
                // The same id was committed for another figure at the same moment: answer as for a repeat.
                await using var fresh = store.QuerySession();
                var claim = claims[0].Claim;
                try { outcomes[0] = new ClaimOutcome(Repeat((await fresh.LoadAsync<ClaimIndex>(claim.Id, ct))!, claim.ContentHash), null); }
                catch (ProblemException e) { outcomes[0] = new ClaimOutcome(null, e); }
                return outcomes;
            }
        }
        foreach (var i in Enumerable.Range(0, claims.Count).Where(i => outcomes[i] is null))
            outcomes[i] = (await WriteAsync(store, [claims[i]], clock, ct))[0];
        return outcomes;
    }

    /// <summary>An id already recorded: the same claim again is answered as a repeat, another claim under it is 409.</summary>
    private static RecordClaim.Result Repeat(ClaimIndex known, string contentHash)
    {
        if (known.ContentHash != contentHash)
            throw ProblemException.Conflict($"Claim id '{known.Id}' is already used by a different claim (figure '{known.FigureKey}', source '{known.SourceKey}').");
        return new RecordClaim.Result(known.Id, false, known.FigureKey, 0, "This claim was already recorded; nothing was appended.");
    }

    /// <summary>
    /// Locks the figure streams' rows until commit, all in one statement and in key order (so two writers never wait
    /// on each other in a cycle), then fetches their views in one round trip. Holding the locks, the versions fetched
    /// stay current: concurrent writers to a figure queue up instead of failing on a version conflict.
    /// </summary>
    public static async Task<Dictionary<string, IEventStream<FigureView>>> LockFiguresAsync(IDocumentSession session, IEnumerable<string> figures, CancellationToken ct)
    {
        var keys = figures.Distinct().Order(StringComparer.Ordinal).ToArray();
        await session.BeginTransactionAsync(ct);
        await session.AdvancedSql.QueryAsync<string>(
            $"select id from {session.DocumentStore.Options.Events.DatabaseSchemaName}.mt_streams where id = any(?) order by id for update", ct, [keys]);
        var batch = session.CreateBatchQuery();
        var fetches = keys.Select(k => (Key: k, Stream: batch.Events.FetchForWriting<FigureView>(k))).ToList();
        await batch.Execute(ct);
        var streams = new Dictionary<string, IEventStream<FigureView>>(keys.Length);
        foreach (var (key, stream) in fetches) streams[key] = await stream;
        return streams;
    }
}

/// <summary>
/// Group commit for <c>POST /api/claims</c>: requests hand their checked claim to this queue and wait; one writer
/// takes whatever has queued up and commits it as one <see cref="ClaimBatch"/>, then answers each request. Under load
/// many requests share one transaction (and one disk flush) instead of queueing for a lock each; a request is still
/// answered only after its claim is committed, and an error reaches every request of the failed batch.
/// </summary>
public sealed class ClaimCommitQueue(IDocumentStore store, TimeProvider clock, ILogger<ClaimCommitQueue> logger) : BackgroundService
{
    /// <summary>Claims committed together at most: bounds how long a batch holds its figure locks.</summary>
    public const int MaxBatch = 256;

    private readonly Channel<(PendingClaim Claim, TaskCompletionSource<ClaimOutcome> Answer)> _queue =
        Channel.CreateUnbounded<(PendingClaim, TaskCompletionSource<ClaimOutcome>)>(new UnboundedChannelOptions { SingleReader = true });

    private long _batches, _claims;

    /// <summary>Batches committed and claims they carried since start: claims / batches is how much is shared.</summary>
    public (long Batches, long Claims) Committed => (Interlocked.Read(ref _batches), Interlocked.Read(ref _claims));

    internal async Task<RecordClaim.Result> SubmitAsync(PendingClaim claim, CancellationToken ct)
    {
        var answer = new TaskCompletionSource<ClaimOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_queue.Writer.TryWrite((claim, answer))) throw new InvalidOperationException("FactLedger is shutting down; the claim was not recorded.");
        // A cancelled request stops waiting, but its queued claim may still commit: sending it again (idempotent by
        // id) tells the caller which.
        var outcome = await answer.Task.WaitAsync(ct);
        return outcome.Result ?? throw outcome.Problem!;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<(PendingClaim Claim, TaskCompletionSource<ClaimOutcome> Answer)>(MaxBatch);
        // Runs until the queue is completed and drained (on shutdown), so no accepted claim is left unanswered.
        while (await _queue.Reader.WaitToReadAsync(CancellationToken.None))
        {
            batch.Clear();
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var item)) batch.Add(item);
            try
            {
                var started = Stopwatch.GetTimestamp();
                var outcomes = await ClaimBatch.WriteAsync(store, batch.Select(b => b.Claim).ToList(), clock, CancellationToken.None);
                Interlocked.Increment(ref _batches);
                Interlocked.Add(ref _claims, batch.Count);
                logger.LogDebug("Committed a batch of {Count} claims in {Elapsed:F1} ms", batch.Count, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                for (var i = 0; i < batch.Count; i++) batch[i].Answer.SetResult(outcomes[i]);
            }
            catch (Exception e)
            {
                if (!ProblemHandling.IsDatabaseUnavailable(e)) logger.LogError(e, "A batch of {Count} claims failed", batch.Count);
                foreach (var (_, answer) in batch) answer.TrySetException(e);
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.Writer.TryComplete();
        await base.StopAsync(cancellationToken);
    }
}
