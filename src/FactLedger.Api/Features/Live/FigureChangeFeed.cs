using FactLedger.Api.Features.Origins;
using FactLedger.Api.Features.Figures;
using JasperFx.Events;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten.Services;
using Marten.Subscriptions;

namespace FactLedger.Api.Features.Live;

/// <summary>
/// Turns committed figure events into <see cref="FigureChange"/>s: a Marten subscription, so the async daemon runs
/// it, keeps its checkpoint, and stores the changes in the same transaction as the checkpoint (a restart resumes
/// where it stopped; nothing is skipped or made twice). For each committed batch that touched a figure, the figure
/// is folded (by the one decider) before the batch and after it; if the estimate moved, one change is recorded.
/// Once committed, the changes go to the live listeners (<see cref="FigureChangeHub"/>).
/// </summary>
public sealed class FigureChangeFeed : SubscriptionBase
{
    public const string FeedName = "FigureChanges";

    private readonly OriginBook _origins;
    private readonly FigureChangeHub _hub;
    private readonly Func<IDocumentOperations, IReadOnlyList<FigureChange>, CancellationToken, Task> _alsoStore;

    /// <param name="alsoStore">Whatever else must be stored with the changes, in their transaction (webhook
    /// deliveries).</param>
    /// <param name="pageSize">Events the daemon hands over at once.</param>
    public FigureChangeFeed(OriginBook origins, FigureChangeHub hub,
        Func<IDocumentOperations, IReadOnlyList<FigureChange>, CancellationToken, Task>? alsoStore = null,
        int pageSize = 500)
    {
        _origins = origins;
        _hub = hub;
        _alsoStore = alsoStore ?? ((_, _, _) => Task.CompletedTask);
        Name = FeedName;
        IncludeType<FigureDefined>();
        IncludeType<FigureLabelsCorrected>();
        IncludeType<ClaimRecorded>();
        IncludeType<ClaimCorrected>();
        IncludeType<ClaimRetracted>();
        Options.BatchSize = pageSize;
    }

    public override async Task<IChangeListener> ProcessEventsAsync(EventRange page, ISubscriptionController controller,
        IDocumentOperations operations, CancellationToken cancellationToken)
    {
        var changes = new List<FigureChange>();
        var figures = (await _origins.NowAsync(operations, cancellationToken)).Decider;
        foreach (var touched in page.Events.Where(e => e.StreamKey is not null).GroupBy(e => e.StreamKey!))
        {
            // One committed batch is one transaction, so its events share their timestamp (the transaction's
            // time): each batch gets its own change, even when the daemon reads several in one page. A page can also
            // end inside a batch: the last batch is completed from the stream, and a first batch that continues one
            // begun before this page was covered then.
            var batches = touched.OrderBy(e => e.Sequence).GroupBy(e => e.Timestamp).ToList();
            var history = await operations.Events.FetchStreamAsync(touched.Key, token: cancellationToken);
            var byVersion = history.ToDictionary(e => e.Version);
            Figure? state = null;
            var at = 0;
            foreach (var batch in batches)
            {
                var first = batch.Min(e => e.Version);
                if (byVersion.TryGetValue(first - 1, out var previous) && previous.Timestamp == batch.Key) continue;
                var last = batch.MaxBy(e => e.Version)!;
                while (byVersion.TryGetValue(last.Version + 1, out var next) && next.Timestamp == batch.Key)
                    last = next;
                for (; at < history.Count && history[at].Version < first; at++)
                    state = figures.Evolve(state, history[at].Data);
                var before = state;
                var covered = new List<IEvent>();
                for (; at < history.Count && history[at].Version <= last.Version; at++)
                {
                    state = figures.Evolve(state, history[at].Data);
                    covered.Add(history[at]);
                }
                if (state is null || Compare(before, state, last, covered) is not { } change) continue;
                operations.Store(change);
                changes.Add(change);
            }
        }
        if (changes.Count > 0) await _alsoStore(operations, changes, cancellationToken);
        return new Published(_hub, changes);
    }

    /// <summary>The change from <paramref name="before"/> to <paramref name="after"/>, or null when the estimate as
    /// the API answers it did not change.</summary>
    public static FigureChange? Compare(Figure? before, Figure after, IEvent last, IEnumerable<IEvent> events)
    {
        var was = before?.Estimate.ToResponse(before.Kind, before.Labels.Keys);
        var now = after.Estimate.ToResponse(after.Kind, after.Labels.Keys);
        if (was is not null && Json(was) == Json(now)) return null;
        var moved = new List<string>();
        if (was is null || Json(was.Best) != Json(now.Best)) moved.Add("best");
        if (was is null || Json(was.Low) != Json(now.Low)) moved.Add("low");
        if (was is null || Json(was.High) != Json(now.High)) moved.Add("high");
        if (was is null || was.Status != now.Status) moved.Add("status");
        if (was is null || was.Origins != now.Origins) moved.Add("origins");
        return new FigureChange
        {
            Id = last.Sequence, Figure = after.Key, Story = after.Story, RecordedAt = last.Timestamp, Before = was,
            After = now, Changes = moved,
            ClaimIds = events.Select(e => e.Data switch
                {
                    ClaimRecorded r => r.ClaimId,
                    ClaimCorrected c => c.ClaimId,
                    ClaimRetracted r => r.ClaimId,
                    _ => null,
                })
                .OfType<string>().Distinct().ToList(),
        };
    }

    private static string Json(object? value) => JsonSerializer.Serialize(value, ApiJson.Responses);

    /// <summary>Hands the changes to the live listeners once they are committed, never before.</summary>
    private sealed class Published(FigureChangeHub hub, IReadOnlyList<FigureChange> changes) : IChangeListener
    {
        public Task AfterCommitAsync(IDocumentSession session, IChangeSet commit, CancellationToken token)
        {
            if (changes.Count > 0) hub.Publish(changes);
            return Task.CompletedTask;
        }

        public Task BeforeCommitAsync(IDocumentSession session, IChangeSet commit, CancellationToken token) =>
            Task.CompletedTask;
    }
}
