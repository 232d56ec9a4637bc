using FactLedger.LocalPostgres;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using FactLedger.Api.Infrastructure.Postgres;
using FactLedger.Api.Tests.Support;
using FactLedger.Api.Features.Activity;
using JasperFx.Events.Daemon;
using Marten;
using Marten.Events;
using Xunit.Abstractions;
using static FactLedger.Api.Tests.Support.Ledger;

namespace FactLedger.Api.Tests;

[CollectionDefinition(Name)]
public sealed class FaultCollection : ICollectionFixture<PostgresFixture> { public const string Name = "faults"; }

/// <summary>
/// Faults in the middle of work: nothing acknowledged is lost, nothing is duplicated, and the service recovers.
/// </summary>
[Collection(FaultCollection.Name)]
public class CrashSafetyTests(PostgresFixture postgres, ITestOutputHelper output)
{
    [Fact]
    public async Task Killing_PostgreSQL_mid_stream_loses_no_acknowledged_claim_and_the_api_recovers_by_itself()
    {
        // A server of this test's own, to kill.
        var root = Path.Combine(Path.GetTempPath(), $"factledger-test-crash-{Guid.NewGuid():N}");
        using var server = new LocalCluster(root);
        var connection = await Task.Run(() => server.EnsureStarted("crash"));
        try
        {
            var app = new FactLedgerApp(connection, PostgresFixture.SchemaFor(GetType()),
                s => s["FactLedger:WriteRateLimit:PermitsPerSecond"] = "100000");
            await using var _ = app;
            await app.StartAsync();
            var editor = app.Editor();
            var figure = "crash.all.detained";
            await Prepare(editor, figure, "crash-src");

            var acknowledged = new ConcurrentBag<string>();
            var failed = new ConcurrentDictionary<string, int>();
            var killed = new TaskCompletionSource();
            async Task Worker(int w)
            {
                var client = app.Editor();
                for (var i = 0; i < 40; i++)
                {
                    var id = $"w{w}-{i}";
                    if (w == 0 && i == 10) { server.Kill(); killed.SetResult(); }
                    var response = await client.PostJson("/api/claims",
                        Claim(figure, "crash-src", Exact(1000 + i), "2298 شخصاً", id: id));
                    if (response.IsSuccessStatusCode) acknowledged.Add(id);
                    else failed[id] = (int)response.StatusCode;
                }
            }
            var workers = Enumerable.Range(0, 4).Select(Worker).ToList();
            await killed.Task;
            await Task.Delay(1500);
            var whileDown = await editor.PostJson("/api/claims",
                Claim(figure, "crash-src", Exact(1), "2298 شخصاً", id: "while-down"));
            await Task.Run(server.Restart);
            await Task.WhenAll(workers);

            // The API recovers without a restart.
            var healthy = false;
            for (var attempt = 0; attempt < 60 && !healthy; attempt++)
            {
                healthy = (await app.Anonymous().GetAsync("/health")).IsSuccessStatusCode;
                if (!healthy) await Task.Delay(500);
            }
            // Every claim that was not acknowledged, retried with the same id, is recorded once.
            foreach (var id in failed.Keys.Append("while-down"))
            {
                var i = id == "while-down" ? -999 : int.Parse(id.Split('-')[1]);
                var retry = await editor.PostJson("/api/claims", Claim(figure, "crash-src",
                    id == "while-down" ? Exact(1) : Exact(1000 + i), "2298 شخصاً", id: id));
                Assert.True(retry.IsSuccessStatusCode,
                    $"retry of {id}: {(int)retry.StatusCode} {await retry.Content.ReadAsStringAsync()}");
            }

            var counts = new Dictionary<string, long>();
            await using (var db = new Npgsql.NpgsqlConnection(connection))
            {
                await db.OpenAsync();
                await using var command = new Npgsql.NpgsqlCommand(
                    $"select data ->> 'claimId', count(*) from {app.Schema}.mt_events " +
                    "where type = 'claim_recorded' group by 1", db);
                await using var reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync()) counts[reader.GetString(0)] = reader.GetInt64(1);
            }
            output.WriteLine($"claims acknowledged: {acknowledged.Count}, " +
                             $"failed while the database was down: {failed.Count} " +
                             $"(statuses {string.Join(",", failed.Values.Distinct())}), " +
                             $"stored: {counts.Count}, stored more than once: {counts.Count(c => c.Value > 1)}");

            Assert.Equal((int)HttpStatusCode.ServiceUnavailable, (int)whileDown.StatusCode);
            Assert.Equal("application/problem+json", whileDown.Content.Headers.ContentType?.MediaType);
            Assert.True(whileDown.Headers.RetryAfter is not null);
            Assert.All(failed.Values, s => Assert.Equal(503, s));
            Assert.True(healthy, "the API did not recover");
            Assert.All(acknowledged, id => Assert.Equal(1, counts.GetValueOrDefault(id)));
            Assert.All(failed.Keys, id => Assert.Equal(1, counts.GetValueOrDefault(id)));
            Assert.Equal(4 * 40 + 1, counts.Count);
            Assert.All(counts.Values, n => Assert.Equal(1, n));
            var view = await app.Anonymous().GetJson($"/api/figures/{figure}");
            Assert.Equal(4 * 40 + 1, view["claims"]!.AsArray().Count);
        }
        finally
        {
            server.StopAndDelete();
        }
    }

    [Fact]
    public async Task Killing_the_api_mid_ingest_and_ingesting_again_equals_one_clean_ingest()
    {
        // Enough that the ingest is still running when the first 200 are seen (it writes thousands a second).
        const int Claims = 10_000;
        var file = Path.Combine(Path.GetTempPath(), $"factledger-bundle-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file,
            GeneratedStory.Json(GeneratedStory.Bundle("killed", figures: 20, sources: 10, claims: Claims)));
        var interrupted = PostgresFixture.SchemaFor(GetType());
        var clean = PostgresFixture.SchemaFor(GetType());
        try
        {
            var ingest = Ingest(file, interrupted);
            await using (var probe = new FactLedgerApp(postgres.ConnectionString, interrupted,
                s => s["FactLedger:RunDaemon"] = "false"))
            {
                await probe.StartAsync();
                var clock = Stopwatch.StartNew();
                while (await probe.EventCount("claim_recorded") < 200 && !ingest.HasExited
                    && clock.Elapsed < TimeSpan.FromMinutes(3))
                    await Task.Delay(20);
                Assert.False(ingest.HasExited, "the ingest finished before it could be interrupted");
                ingest.Kill(entireProcessTree: true);
                await ingest.WaitForExitAsync();
                var atKill = await probe.EventCount("claim_recorded");
                output.WriteLine($"killed the ingest after {atKill} of {Claims} claims");
                Assert.InRange(atKill, 200, Claims - 1);
            }

            Assert.Equal(0, await RunToEnd(Ingest(file, interrupted)));
            Assert.Equal(0, await RunToEnd(Ingest(file, clean)));

            var afterRetry = await Snapshot(interrupted);
            var once = await Snapshot(clean);
            Assert.Equal(Claims, afterRetry.Claims);
            Assert.Equal(once.Claims, afterRetry.Claims);
            Assert.Equal(once.Figures, afterRetry.Figures);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private sealed record StoreSnapshot(long Claims, string Figures);

    private async Task<StoreSnapshot> Snapshot(string schema)
    {
        await using var app = new FactLedgerApp(postgres.ConnectionString, schema,
            s => s["FactLedger:RunDaemon"] = "false");
        await app.StartAsync();
        var figures = await app.Anonymous().GetJson("/api/figures?story=killed&pageSize=100");
        var shape = string.Join("\n", figures["items"]!.AsArray().Select(f =>
            $"{f!["key"]} {f["claims"]} {f["estimate"]!["low"]} {f["estimate"]!["best"]} {f["estimate"]!["high"]} " +
            $"{f["estimate"]!["status"]} {f["estimate"]!["origins"]}"));
        await using var session = app.Store.QuerySession();
        var duplicates = (await session.QueryAsync<long>(
            $"select count(*) from (select data ->> 'claimId' from {schema}.mt_events " +
            "where type = 'claim_recorded' group by 1 having count(*) > 1) d")).Single();
        Assert.Equal(0, duplicates);
        return new StoreSnapshot(await app.EventCount("claim_recorded"), shape);
    }

    private Process Ingest(string file, string schema)
    {
        var psi = new ProcessStartInfo("dotnet",
            [Path.Combine(AppContext.BaseDirectory, "FactLedger.Api.dll"), "ingest", file])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = AppContext.BaseDirectory,
        };
        psi.Environment["ConnectionStrings__FactLedger"] = postgres.ConnectionString;
        psi.Environment["FactLedger__Schema"] = schema;
        var process = Process.Start(psi)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private async Task<int> RunToEnd(Process process)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        return process.ExitCode;
    }

    [Fact]
    public async Task Stopping_the_daemon_mid_rebuild_and_starting_it_again_ends_like_a_clean_rebuild()
    {
        var schema = PostgresFixture.SchemaFor(GetType());
        await using var app = new FactLedgerApp(postgres.ConnectionString, schema, s =>
        {
            s["FactLedger:RunDaemon"] = "false";
            s["FactLedger:WriteRateLimit:PermitsPerSecond"] = "100000";
        });
        await app.StartAsync();
        var loaded = await app.Editor().PostJson("/api/ingest",
            GeneratedStory.Json(GeneratedStory.Bundle("rebuild", figures: 10, sources: 40, claims: 3000))).Ok(200);
        Assert.Equal(0, (int)loaded["rejected"]!);
        var store = app.Store;

        using (var daemon = await store.BuildProjectionDaemonAsync())
            await daemon.RebuildProjectionAsync<ActivityProjection>(TimeSpan.FromMinutes(5), CancellationToken.None);
        var clean = await Entries(store);

        using (var daemon = await store.BuildProjectionDaemonAsync())
        {
            // Stop as soon as the rebuild has made some progress but not all of it.
            using var stop = new CancellationTokenSource();
            var highest = await store.Storage.Database.FetchHighestEventSequenceNumber();
            var watcher = Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    var shard = (await store.Advanced.AllProjectionProgress())
                        .FirstOrDefault(s => s.ShardName.StartsWith("Activity:", StringComparison.Ordinal));
                    if (shard is { Sequence: > 0 } && shard.Sequence < highest)
                    {
                        await stop.CancelAsync();
                        return shard.Sequence;
                    }
                    await Task.Delay(2);
                }
                return -1L;
            });
            try { await daemon.RebuildProjectionAsync<ActivityProjection>(TimeSpan.FromMinutes(5), stop.Token); }
            catch (OperationCanceledException) { }
            await stop.CancelAsync();
            output.WriteLine($"rebuild stopped at event {await watcher} of {highest}");
            await daemon.StopAllAsync();
        }
        var midway = await Entries(store);
        output.WriteLine($"activity after the interruption: {midway.Count} of {clean.Count} entries");

        using (var daemon = await store.BuildProjectionDaemonAsync())
        {
            await daemon.StartAllAsync();
            await daemon.WaitForNonStaleData(TimeSpan.FromMinutes(2));
            await daemon.StopAllAsync();
        }
        var resumed = await Entries(store);

        Assert.Equal(clean.Count, resumed.Count);
        Assert.Equal(clean, resumed);
    }

    private static async Task<List<string>> Entries(IDocumentStore store)
    {
        await using var session = store.QuerySession();
        var docs = await session.Query<ActivityEntry>().OrderBy(a => a.Sequence).ToListAsync();
        return docs.Select(d => System.Text.Json.JsonSerializer.Serialize(d)).ToList();
    }
}
