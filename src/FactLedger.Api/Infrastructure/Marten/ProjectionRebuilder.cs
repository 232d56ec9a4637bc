using System.Diagnostics;
using FactLedger.Api.Features.Origins;
using JasperFx.Events.Daemon;

namespace FactLedger.Api.Infrastructure.Marten;

/// <summary>
/// Rebuilds every projection (inline and async) from the events, two at a time (one folds while the other waits on the
/// database), reporting progress. Used by the <c>rebuild</c> command and by the tests that check a rebuilt store
/// answers as before.
/// </summary>
public static class ProjectionRebuilder
{
    public sealed record Rebuilt(string Projection, TimeSpan Took);

    /// <summary>Projections rebuilt at the same time: each reads the events and writes its own documents.</summary>
    private const int AtOnce = 2;

    /// <param name="origins">The figure views are folded with the origin rules the ledger holds now (read
    /// first).</param>
    /// <returns>Each projection and how long its rebuild took, in the order they are configured.</returns>
    public static async Task<IReadOnlyList<Rebuilt>> RebuildAllAsync(IDocumentStore store, OriginBook origins,
        Action<string> progress, CancellationToken ct)
    {
        // Fresh planner statistics first: a rebuild right after a bulk load is several times slower without them.
        await LedgerStatistics.RefreshAsync(store, ct);
        await using (var session = store.QuerySession()) await origins.NowAsync(session, ct);
        var highest = await store.Storage.Database.FetchHighestEventSequenceNumber(ct);
        var names = store.Options.Events.Projections().Select(p => p.Name).Distinct().ToList();
        var done = new Rebuilt[names.Count];
        var reporting = new Lock();
        void Say(string line)
        {
            lock (reporting) progress(line);
        }
        var options = new ParallelOptions { MaxDegreeOfParallelism = AtOnce, CancellationToken = ct };
        await Parallel.ForEachAsync(Enumerable.Range(0, names.Count), options, async (i, token) =>
        {
            var name = names[i];
            Say($"{name}: rebuilding from {highest:N0} events");
            var clock = Stopwatch.StartNew();
            using var daemon = await store.BuildProjectionDaemonAsync();
            using var reported = new CancellationTokenSource();
            var reporter = Report(store, name, highest, Say, reported.Token);
            try
            {
                await daemon.RebuildProjectionAsync(name, TimeSpan.FromMinutes(30), token);
            }
            finally
            {
                await reported.CancelAsync();
                await reporter;
            }
            done[i] = new Rebuilt(name, clock.Elapsed);
            Say($"{name}: rebuilt in {clock.Elapsed.TotalSeconds:F1} s");
        });
        return done;
    }

    private static async Task Report(IDocumentStore store, string name, long highest, Action<string> progress,
        CancellationToken ct)
    {
        try
        {
            while (!ct.IsCancellationRequested)
            {
                await Task.Delay(TimeSpan.FromSeconds(2), ct);
                var shards = await store.Advanced.AllProjectionProgress(token: ct);
                var at = shards
                    .Where(s => s.ShardName.StartsWith(name + ":", StringComparison.Ordinal))
                    .Select(s => s.Sequence)
                    .DefaultIfEmpty(0)
                    .Min();
                progress($"{name}: {at:N0}/{highest:N0} events ({(highest == 0 ? 100 : 100.0 * at / highest):F0} %)");
            }
        }
        catch (OperationCanceledException) { }
    }
}
