using System.Diagnostics;
using System.Threading.Channels;
using FactLedger.Api.Features.Claims;
using FactLedger.Api.Features.Origins;
using FactLedger.Api.Infrastructure.Postgres;
using FactLedger.Api.Infrastructure;
using JasperFx;

namespace FactLedger.Api.Features.Figures;

/// <summary>A change to one figure, with who asked (in the command) and the request's correlation id.</summary>
public sealed record FigureWrite(string Figure, FigureCommand Command, string? CorrelationId);

/// <summary>What a write did: <see cref="Appended"/> is false when it repeated what the ledger holds.
/// <see cref="ClaimId"/>: the claim it was about, if any.</summary>
public sealed record FigureWritten(string? ClaimId, string Figure, long Version, bool Appended);

/// <summary>Either what the write did or why it was refused.</summary>
public sealed record FigureWriteOutcome(FigureWritten? Written, LedgerError? Error)
{
    public FigureWritten Unwrap() => Written ?? throw Error!;
}

/// <summary>
/// The one way figures change once defined: claims recorded (one or in bulk), corrected, retracted, and labels
/// corrected. A batch of writes about any figures is one transaction: the figure streams' rows are locked in one
/// statement in key order (so two writers never wait on each other in a cycle and concurrent writers to a figure
/// queue up), the ids already used are read under the
/// locks, each command is decided by <see cref="FigureDecider"/> against the figure's state, and one commit makes
/// every change durable. Each write still gets its own outcome; a refused one is refused alone. Single writes from
/// requests go through a group commit (<see cref="SubmitAsync"/>): whatever has queued up meanwhile shares one
/// transaction, and each request is answered only after the commit. A large batch of claims (bulk ingest) is stored
/// in sets by a <see cref="BulkFigureBatch"/> (a statement per table), a small one through Marten's session
/// (<see cref="MartenFigureBatch"/>): the locking, the checks and the decisions are these, the same for both.
/// </summary>
public sealed class FigureWriter(
    IDocumentStore store, OriginBook origins, FigureReader reader, IOptions<FactLedgerOptions> options,
    TimeProvider clock, ILogger<FigureWriter> logger)
    : BackgroundService
{
    /// <summary>Writes committed together from the queue at most: bounds how long a batch holds its figure
    /// locks.</summary>
    public const int MaxQueuedBatch = 256;

    /// <summary>Group commits in flight at once, one per queue: while one batch is in the database, another is
    /// gathered, decided and sent. A figure's writes always go to the same queue, so a figure's writes commit in the
    /// order they were queued and the two queues never wait on each other's figure locks (a claim id sent for two
    /// figures at once can still make them wait on each other's insert: a deadlock is retried one write at a
    /// time).</summary>
    public const int CommitLoops = 2;

    private readonly Channel<(FigureWrite Write, TaskCompletionSource<FigureWriteOutcome> Answer)>[] _queues =
        Enumerable.Range(0, CommitLoops)
            .Select(_ => Channel.CreateUnbounded<(FigureWrite, TaskCompletionSource<FigureWriteOutcome>)>(
                new UnboundedChannelOptions { SingleReader = true }))
            .ToArray();

    private long _batches, _writes, _inSets;

    /// <summary>Batches committed from the queue and writes they carried: writes / batches is how much is
    /// shared.</summary>
    public (long Batches, long Writes) Committed => (Interlocked.Read(ref _batches), Interlocked.Read(ref _writes));

    /// <summary>Batches stored in sets since start.</summary>
    public long BatchesInSets => Interlocked.Read(ref _inSets);

    /// <summary>Queues one write and answers once it is committed (or refused).</summary>
    public async Task<FigureWritten> SubmitAsync(FigureWrite write, CancellationToken ct)
    {
        var answer = new TaskCompletionSource<FigureWriteOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        var queue = _queues[(uint)StringComparer.Ordinal.GetHashCode(write.Figure) % CommitLoops];
        if (!queue.Writer.TryWrite((write, answer)))
            throw new InvalidOperationException("FactLedger is shutting down; the claim was not written.");
        // A cancelled request stops waiting, but its queued write may still commit: sending it again (idempotent)
        // tells the caller which.
        return (await answer.Task.WaitAsync(ct)).Unwrap();
    }

    /// <summary>Writes a batch in one transaction; outcomes in input order.</summary>
    public Task<FigureWriteOutcome[]> WriteAsync(IReadOnlyList<FigureWrite> writes, CancellationToken ct) =>
        WriteAsync(writes, retry: true, ct);

    private async Task<FigureWriteOutcome[]> WriteAsync(IReadOnlyList<FigureWrite> writes, bool retry,
        CancellationToken ct)
    {
        var outcomes = new FigureWriteOutcome[writes.Count];
        var keys = writes.Select(w => w.Figure).Distinct().Order(StringComparer.Ordinal).ToArray();
        var inSets = InSets(writes);
        if (inSets) Interlocked.Increment(ref _inSets);
        var recordIds = writes.Select(w => w.Command).OfType<FigureCommand.Record>().Select(r => r.Claim.ClaimId)
            .Distinct().ToArray();
        await using (var batch = inSets
            ? (FigureBatch)await BulkFigureBatch.OpenAsync(store, keys, recordIds, clock, ct)
            : await MartenFigureBatch.OpenAsync(store, keys, recordIds, clock, ct))
        {
            var now = batch.Timestamp;
            // The batch holds the origin rules' shared lock: the rules read now stay those committed until it ends,
            // and the inline figure view projection folds with the book's current ones.
            var rules = await origins.AtVersionAsync(batch.Session, batch.RulesVersion, ct);
            var decider = rules.Decider;
            var states = await StatesAsync(batch, writes, ct);
            var known = batch.UsedClaimIds.ToDictionary(k => k.Id, k => k.ToKnown());

            // Each write's own version: several writes to one figure in a batch each answer the version they made.
            var appended = new List<(int Index, long Version)>();
            for (var i = 0; i < writes.Count; i++)
            {
                var (figure, command, correlation) = writes[i];
                try
                {
                    command = command is FigureCommand.Record r
                        ? r with { Known = known.GetValueOrDefault(r.Claim.ClaimId), At = now }
                        : command with { At = now };
                    var events = decider.Decide(command, states[figure]);
                    if (events.Count == 0)
                    {
                        outcomes[i] = new FigureWriteOutcome(Repeat(command, figure, known), null);
                        continue;
                    }
                    long version = 0;
                    foreach (var data in events)
                    {
                        version = batch.Append(figure, data, correlation, command.Actor);
                        states[figure] = decider.Evolve(states[figure], data);
                        if (data is ClaimRecorded recorded)
                        {
                            var index = ClaimIndex.Of(recorded);
                            batch.Index(index);
                            known[index.Id] = index.ToKnown(); // a twin later in the batch is a repeat
                        }
                    }
                    appended.Add((i, version));
                }
                catch (LedgerError e) { outcomes[i] = new FigureWriteOutcome(null, e); }
            }
            if (appended.Count == 0) return outcomes;
            try
            {
                await batch.CommitAsync(states, ct);
                foreach (var (i, version) in appended)
                {
                    var written = new FigureWritten(ClaimIdOf(writes[i].Command), writes[i].Figure, version, true);
                    outcomes[i] = new FigureWriteOutcome(written, null);
                }
                return outcomes;
            }
            catch (Exception e) when (retry && (batch.IsClaimIdTaken(e) || DatabaseErrors.IsDeadlock(e)))
            {
                // An id of this batch was committed by another writer meanwhile (perhaps for another figure), or two
                // writers waited on each other's new ids: nothing of the batch was written. Write them again one by
                // one; each now sees an id committed by the other as used.
            }
        }
        foreach (var i in Enumerable.Range(0, writes.Count).Where(i => outcomes[i] is null))
            outcomes[i] = (await WriteAsync([writes[i]], retry: writes.Count > 1, ct))[0];
        return outcomes;
    }

    /// <summary>Whether a batch is written in sets: batches of claims of at least
    /// <see cref="FactLedgerOptions.BulkWriteMinimum"/>. Corrections and retractions, rare and needing the complete
    /// state, stay on Marten's append path.</summary>
    private bool InSets(IReadOnlyList<FigureWrite> writes) =>
        options.Value.BulkWriteMinimum > 0 && writes.Count >= options.Value.BulkWriteMinimum
        && writes.All(w => w.Command is FigureCommand.Record);

    /// <summary>Each figure's state: the stored compact one suffices to record; correcting and retracting need the
    /// complete one, read under the lock (only committed events: this batch has appended nothing yet).</summary>
    private async Task<Dictionary<string, Figure?>> StatesAsync(FigureBatch batch, IReadOnlyList<FigureWrite> writes,
        CancellationToken ct)
    {
        var complete = writes.Where(w => w.Command is FigureCommand.Correct or FigureCommand.Retract)
            .Select(w => w.Figure).ToHashSet();
        var states = new Dictionary<string, Figure?>(batch.Views.Count);
        foreach (var (key, view) in batch.Views)
        {
            var state = complete.Contains(key) ? null : view?.ToState();
            if (state is null && view is not null) state = await reader.LoadAsync(batch.Session, key, null, ct);
            states[key] = state;
        }
        return states;
    }

    private static FigureWritten Repeat(FigureCommand command, string figure, Dictionary<string, KnownClaim> known) =>
        command is FigureCommand.Record r && known.TryGetValue(r.Claim.ClaimId, out var k)
            ? new FigureWritten(k.Id, k.FigureKey, 0, false)
            : new FigureWritten(ClaimIdOf(command), figure, 0, false);

    private static string? ClaimIdOf(FigureCommand command) => command switch
    {
        FigureCommand.Record r => r.Claim.ClaimId,
        FigureCommand.Correct c => c.ClaimId,
        FigureCommand.Retract r => r.ClaimId,
        _ => null,
    };

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(_queues.Select(queue => Task.Run(() => CommitLoopAsync(queue.Reader), CancellationToken.None)));

    private async Task CommitLoopAsync(
        ChannelReader<(FigureWrite Write, TaskCompletionSource<FigureWriteOutcome> Answer)> queue)
    {
        var batch = new List<(FigureWrite Write, TaskCompletionSource<FigureWriteOutcome> Answer)>(MaxQueuedBatch);
        // Runs until the queue is completed and drained (on shutdown), so no accepted write is left unanswered.
        while (await queue.WaitToReadAsync(CancellationToken.None))
        {
            batch.Clear();
            while (batch.Count < MaxQueuedBatch && queue.TryRead(out var item)) batch.Add(item);
            try
            {
                var started = Stopwatch.GetTimestamp();
                var outcomes = await WriteAsync(batch.Select(b => b.Write).ToList(), CancellationToken.None);
                Interlocked.Increment(ref _batches);
                Interlocked.Add(ref _writes, batch.Count);
                logger.LogDebug("Committed a batch of {Count} claim writes in {Elapsed:F1} ms", batch.Count,
                    Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                for (var i = 0; i < batch.Count; i++) batch[i].Answer.SetResult(outcomes[i]);
            }
            catch (Exception e)
            {
                if (!DatabaseErrors.IsUnavailable(e))
                    logger.LogError(e, "A batch of {Count} claim writes failed", batch.Count);
                foreach (var (_, answer) in batch) answer.TrySetException(e);
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        foreach (var queue in _queues) queue.Writer.TryComplete();
        await base.StopAsync(cancellationToken);
    }
}
