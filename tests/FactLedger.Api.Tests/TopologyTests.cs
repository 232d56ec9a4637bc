using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using FactLedger.Api.Tests.Support;
using FactLedger.Domain.Ledger;
using Marten;
using Marten.Events;
using Marten.Events.Daemon.Coordination;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;
using static FactLedger.Api.Tests.Support.Ledger;

namespace FactLedger.Api.Tests;

/// <summary>A primary and a streaming replica made from it with pg_basebackup, shared by the topology tests that
/// leave the primary running.</summary>
public sealed class TopologyFixture : IAsyncLifetime
{
    public ReplicatedPostgres Servers { get; private set; } = null!;

    public async Task InitializeAsync() => Servers = await ReplicatedPostgres.StartAsync("topology", _ => { });

    public async Task DisposeAsync() => await Servers.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class TopologyCollection : ICollectionFixture<TopologyFixture> { public const string Name = "topology"; }

/// <summary>
/// Several nodes on a primary and a streaming replica: a killed daemon node hands over the projections; reads through
/// the replica see every acknowledged write, also while its replay is paused; with the primary lost, writes answer 503
/// and replica reads go on, and nothing acknowledged is lost; bad replica settings stop the start with a message.
/// </summary>
[Collection(TopologyCollection.Name)]
public class TopologyTests(TopologyFixture topology, ITestOutputHelper output)
{
    private const string ReadFrom = "FactLedger-Read-From";
    private const string Lsn = "FactLedger-Lsn";

    private static Action<Dictionary<string, string?>> Node(string? replica, string daemon = "Solo",
        int maxWaitMs = 1000) => s =>
    {
        s["FactLedger:Daemon"] = daemon;
        s["FactLedger:WriteRateLimit:PermitsPerSecond"] = "100000";
        s["FactLedger:Replica:MaxWaitMilliseconds"] = maxWaitMs.ToString();
        s["Logging:LogLevel:FactLedger.Api.Infrastructure.Marten.DaemonLeadership"] = "Information";
        if (replica is not null) s["ConnectionStrings:FactLedgerReplica"] = replica;
    };

    private static bool RunsDaemon(FactLedgerApp node) =>
        node.Services.GetRequiredService<IProjectionCoordinator>().DaemonForMainDatabase().CurrentAgents().Count > 0;

    private static string Story() => $"tp-{Guid.NewGuid():N}"[..12];

    private static HashSet<string> ClaimIds(JsonNode figure) =>
        figure["claims"]!.AsArray().Select(c => (string)c!["id"]!).ToHashSet();

    private static async Task<(HttpResponseMessage Response, JsonNode? Body)> Read(HttpClient client, string url,
        string? position = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (position is not null) request.Headers.Add(Lsn, position);
        var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response, response.IsSuccessStatusCode ? JsonNode.Parse(text) : null);
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.First() : "";

    [Fact]
    public async Task Killing_the_daemon_node_mid_ingest_hands_the_projections_over_with_every_event_applied_once()
    {
        var servers = topology.Servers;
        var schema = PostgresFixture.SchemaFor(GetType());
        // The node to kill runs as a process of its own; started first, it takes the leader lock.
        await using var daemonNode = await ApiProcess.StartAsync(new Dictionary<string, string>
        {
            ["ConnectionStrings:FactLedger"] = servers.PrimaryConnection,
            ["ConnectionStrings:FactLedgerReplica"] = servers.ReplicaConnection,
            ["FactLedger:Schema"] = schema,
            ["FactLedger:Daemon"] = "HotCold",
        });
        await Eventually(() => Task.FromResult(daemonNode.Output.Any(l => l.Contains("now runs the async daemon"))),
            "the process node runs the daemon");
        await using var survivor = new FactLedgerApp(servers.PrimaryConnection, schema,
            Node(servers.ReplicaConnection, "HotCold"));
        await survivor.StartAsync();
        Assert.False(RunsDaemon(survivor), "the in-process node starts as the standby");

        var story = Story();
        var sources = Enumerable.Range(0, 4).Select(i => $"{story}-s{i}").ToArray();
        var figures = Enumerable.Range(0, 4).Select(i => $"{story}.group{i}.killed").ToArray();
        var editor = survivor.Editor();
        foreach (var source in sources) await editor.PostJson("/api/sources", Source(source)).Ok(201);
        foreach (var figure in figures) await editor.PostJson("/api/figures", Figure(figure)).Ok(201);

        // Four writers, half through each node, while the daemon node is killed.
        var acknowledged = new ConcurrentBag<string>();
        var failed = new ConcurrentBag<string>();
        var killedAt = new TaskCompletionSource<Stopwatch>();
        async Task Writer(int w)
        {
            var client = w % 2 == 0 ? survivor.Editor() : daemonNode.Editor();
            for (var i = 0; i < 60; i++)
            {
                var id = $"{story}-w{w}-{i}";
                try
                {
                    var response = await client.PostJson("/api/claims",
                        Claim(figures[i % 4], sources[w], AtLeast(18 + i), "قتل 18 فرداً", id: id));
                    if (response.IsSuccessStatusCode) acknowledged.Add(id);
                    else failed.Add($"{id}: {(int)response.StatusCode}");
                }
                catch (HttpRequestException)
                {
                    // The killed node's request in flight: unknown whether it committed. Go on through the other.
                    failed.Add($"{id}: connection lost");
                    client = survivor.Editor();
                }
                if (w == 0 && i == 20)
                {
                    var clock = Stopwatch.StartNew();
                    await daemonNode.KillAsync();
                    killedAt.SetResult(clock);
                }
            }
        }
        await Task.WhenAll(Enumerable.Range(0, 4).Select(Writer));
        var sinceKill = await killedAt.Task;
        await Eventually(() => Task.FromResult(RunsDaemon(survivor)), "the survivor takes over", 90);
        var takeover = sinceKill.Elapsed;
        await survivor.Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(90));
        var caughtUp = sinceKill.Elapsed;

        await using var session = survivor.Store.QuerySession();
        var recorded = await session.Events.QueryRawEventDataOnly<ClaimRecorded>().ToListAsync();
        var events = await survivor.EventCount();
        var activity = await survivor.Reader().GetJson("/api/activity?pageSize=1");
        output.WriteLine($"takeover: the standby ran the daemon {takeover.TotalSeconds:F1} s after the kill -9 and " +
            $"had projected every event {caughtUp.TotalSeconds:F1} s after it");
        output.WriteLine($"acknowledged {acknowledged.Count}, failed {failed.Count} ({string.Join(", ", failed)}), " +
            $"stored claims {recorded.Count}, events {events}, activity entries {activity["total"]}");

        Assert.All(acknowledged, id => Assert.Contains(id, recorded.Select(c => c.ClaimId)));
        Assert.Equal(recorded.Count, recorded.Select(c => c.ClaimId).Distinct().Count());
        // The activity log has one entry per event: none missing, none twice.
        Assert.Equal(events, (long)activity["total"]!);
        // Each source's claims are exactly the claims stored for it.
        foreach (var source in sources)
        {
            var audit = await survivor.Reader().GetJson($"/api/sources/{source}/claims");
            var audited = audit["claims"]!.AsArray().Select(c => (string)c!["id"]!).Order().ToList();
            var stored = recorded.Where(c => c.SourceKey == source).Select(c => c.ClaimId).Order().ToList();
            Assert.Equal(stored, audited);
        }
        // Every async projection's progress is at the newest event: nothing left behind by the killed node.
        var highest = await survivor.Store.Storage.Database.FetchHighestEventSequenceNumber();
        var progress = await survivor.Store.Advanced.AllProjectionProgress();
        Assert.All(progress, p => Assert.Equal(highest, p.Sequence));
    }

    [Fact]
    public async Task Reads_through_the_replica_see_every_acknowledged_write_also_while_its_replay_is_paused()
    {
        var servers = topology.Servers;
        await using var node = new FactLedgerApp(servers.PrimaryConnection, PostgresFixture.SchemaFor(GetType()),
            Node(servers.ReplicaConnection, maxWaitMs: 1000));
        await node.StartAsync();
        var story = Story();
        var figure = $"{story}.all.killed";
        var editor = node.Editor();
        await Prepare(editor, figure, $"{story}-a");

        // Every write, read back at once through the node (routed to the replica) with its position.
        var servedBy = new ConcurrentDictionary<string, int>();
        for (var i = 0; i < 30; i++)
        {
            var id = $"{story}-{i}";
            var written = await editor.PostJson("/api/claims",
                Claim(figure, $"{story}-a", AtLeast(18 + i), "قتل 18 فرداً", id: id));
            Assert.Equal(HttpStatusCode.Created, written.StatusCode);
            var position = Header(written, Lsn);
            Assert.NotEmpty(position);
            var (read, body) = await Read(node.Reader(), $"/api/figures/{figure}", position);
            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
            Assert.Contains(id, ClaimIds(body!));
            servedBy.AddOrUpdate(Header(read, ReadFrom), 1, (_, n) => n + 1);
        }
        output.WriteLine($"30 writes each read back at once: served by {string.Join(", ", servedBy)}");
        Assert.True(servedBy.GetValueOrDefault("replica") > 0, "some reads were served by the replica");

        await servers.PauseReplayAsync();
        try
        {
            var paused = await editor.PostJson("/api/claims",
                Claim(figure, $"{story}-a", AtLeast(100), "قتل 18 فرداً", id: $"{story}-paused"));
            Assert.Equal(HttpStatusCode.Created, paused.StatusCode);
            var position = Header(paused, Lsn);
            // Without the position the replica answers, without the write: it is behind.
            var (stale, staleBody) = await Read(node.Reader(), $"/api/figures/{figure}");
            Assert.Equal("replica", Header(stale, ReadFrom));
            Assert.DoesNotContain($"{story}-paused", ClaimIds(staleBody!));
            // With it, the read waits for the replica (1 s here), then reads the primary: the write is there.
            var clock = Stopwatch.StartNew();
            var (fresh, freshBody) = await Read(node.Reader(), $"/api/figures/{figure}", position);
            var waited = clock.Elapsed;
            Assert.Equal("primary", Header(fresh, ReadFrom));
            Assert.Contains($"{story}-paused", ClaimIds(freshBody!));
            Assert.InRange(waited.TotalMilliseconds, 900, 10_000);
            // Many such reads at once wait together (one replay query shared by all) and all see the write.
            clock.Restart();
            var together = await Task.WhenAll(Enumerable.Range(0, 20)
                .Select(_ => Read(node.Reader(), $"/api/figures/{figure}", position)));
            var togetherWaited = clock.Elapsed;
            Assert.All(together, r =>
            {
                Assert.Equal("primary", Header(r.Response, ReadFrom));
                Assert.Contains($"{story}-paused", ClaimIds(r.Body!));
            });
            Assert.InRange(togetherWaited.TotalMilliseconds, 900, 10_000);
            // The writer's own client carries the position as a cookie: the same, without the header.
            var (byCookie, cookieBody) = await Read(editor, $"/api/figures/{figure}/timeline");
            Assert.Equal("primary", Header(byCookie, ReadFrom));
            Assert.Contains($"{story}-paused", cookieBody!["points"]!.AsArray().Select(p => (string)p!["claimId"]!));
            var health = await node.Anonymous().GetAsync("/health/ready");
            var replica = (await health.Json())["checks"]!["replica"]!;
            output.WriteLine($"replay paused: read with the position waited {waited.TotalMilliseconds:F0} ms and " +
                $"was served by the primary (20 such reads at once: {togetherWaited.TotalMilliseconds:F0} ms); " +
                $"/health/ready says: {replica["description"]}");
            Assert.True((bool)replica["data"]!["replayPaused"]!);
            Assert.True((long)replica["data"]!["lagBytes"]! > 0);
        }
        finally
        {
            await servers.ResumeReplayAsync();
        }
        var (resumed, resumedBody) = await Read(node.Reader(), $"/api/figures/{figure}", null);
        await Eventually(async () =>
        {
            (resumed, resumedBody) = await Read(node.Reader(), $"/api/figures/{figure}");
            return ClaimIds(resumedBody!).Contains($"{story}-paused");
        }, "the resumed replica replays the write");
        Assert.Equal("replica", Header(resumed, ReadFrom));
    }

    [Fact]
    public async Task With_the_primary_lost_writes_answer_503_replica_reads_go_on_and_nothing_acknowledged_is_lost()
    {
        // Servers of this test's own: it stops the primary.
        await using var servers = await ReplicatedPostgres.StartAsync("lost", output.WriteLine);
        var node = new FactLedgerApp(servers.PrimaryConnection, PostgresFixture.SchemaFor(GetType()),
            Node(servers.ReplicaConnection));
        await using var _ = node;
        await node.StartAsync();
        var story = Story();
        var figure = $"{story}.all.killed";
        var editor = node.Editor();
        await Prepare(editor, figure, $"{story}-a");

        var acknowledged = new ConcurrentBag<string>();
        var refused = new ConcurrentBag<HttpResponseMessage>();
        var stopped = new TaskCompletionSource();
        async Task Writer(int w)
        {
            var client = node.Editor();
            for (var i = 0; i < 40; i++)
            {
                var id = $"{story}-w{w}-{i}";
                if (w == 0 && i == 15)
                {
                    await Task.Run(servers.StopPrimaryImmediately);
                    stopped.SetResult();
                }
                var response = await client.PostJson("/api/claims",
                    Claim(figure, $"{story}-a", AtLeast(18 + i), "قتل 18 فرداً", id: id));
                if (response.IsSuccessStatusCode) acknowledged.Add(id);
                else refused.Add(response);
                if (stopped.Task.IsCompleted) await Task.Delay(20);
            }
        }
        var writers = Enumerable.Range(0, 3).Select(Writer).ToList();
        await stopped.Task;
        var replayedAtStop = await servers.ReplayedAsync();

        // While the primary is down: reads of the figure go on through the replica.
        var reads = 0;
        for (var i = 0; i < 10; i++)
        {
            var (read, body) = await Read(node.Reader(), $"/api/figures/{figure}");
            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
            Assert.Equal("replica", Header(read, ReadFrom));
            Assert.NotEmpty(ClaimIds(body!));
            reads++;
        }
        await Task.WhenAll(writers);
        Assert.NotEmpty(refused);
        foreach (var response in refused)
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.True(response.Headers.RetryAfter is not null, "a refused write says when to retry");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
        output.WriteLine($"primary stopped (immediate): {reads} replica reads answered, {refused.Count} writes " +
            $"answered 503 with Retry-After; the replica had replayed up to {replayedAtStop}");

        await Task.Run(servers.Primary.Restart);
        await Eventually(async () => (await node.Anonymous().GetAsync("/health")).IsSuccessStatusCode,
            "the node sees the primary again", 60);
        var stored = (await node.Editor().GetJson($"/api/figures/{figure}"))["claims"]!.AsArray()
            .Select(c => (string)c!["id"]!).ToHashSet();
        output.WriteLine($"acknowledged {acknowledged.Count}, stored {acknowledged.Count(stored.Contains)} of them " +
            $"(and {stored.Count} claims in all)");
        Assert.All(acknowledged, id => Assert.Contains(id, stored));
        // The replica streams again from the restarted primary.
        JsonNode? replica = null;
        await Eventually(async () =>
        {
            replica = (await (await node.Anonymous().GetAsync("/health/ready")).Json())["checks"]!["replica"];
            return (string?)replica!["status"] == "healthy";
        }, "the replica reports healthy after the primary restarted", 60);
        output.WriteLine($"after the restart /health/ready says: {replica!["description"]}");
    }

    [Fact]
    public async Task A_replica_string_that_points_at_the_primary_stops_the_start_with_a_message()
    {
        var clock = Stopwatch.StartNew();
        var (exitCode, lines) = await ApiProcess.RunToExitAsync(new Dictionary<string, string>
        {
            ["ConnectionStrings:FactLedger"] = topology.Servers.PrimaryConnection,
            ["ConnectionStrings:FactLedgerReplica"] = topology.Servers.PrimaryConnection,
            ["FactLedger:Schema"] = PostgresFixture.SchemaFor(GetType()),
        }, TimeSpan.FromMinutes(2));
        output.WriteLine($"exit code {exitCode} after {clock.ElapsedMilliseconds} ms: {lines.LastOrDefault()}");
        Assert.Equal(2, exitCode);
        Assert.Contains(lines, l => l.StartsWith("ConnectionStrings:FactLedgerReplica", StringComparison.Ordinal)
            && l.Contains("points at the primary itself"));
    }

    [Fact]
    public async Task A_replica_that_does_not_answer_stops_the_start_within_the_connect_timeout()
    {
        // A port that accepts connections and never answers: a hung server, not a refused connection.
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var held = new List<TcpClient>();
        var accepting = Task.Run(async () =>
        {
            try { while (true) held.Add(await silent.AcceptTcpClientAsync()); }
            catch (Exception e) when (e is SocketException or ObjectDisposedException) { }
        });
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;
        var clock = Stopwatch.StartNew();
        var (exitCode, lines) = await ApiProcess.RunToExitAsync(new Dictionary<string, string>
        {
            ["ConnectionStrings:FactLedger"] = topology.Servers.PrimaryConnection,
            ["ConnectionStrings:FactLedgerReplica"] =
                $"Host=127.0.0.1;Port={port};Username=postgres;Password=x;Database=topology",
            ["FactLedger:Replica:ConnectTimeoutSeconds"] = "2",
            ["FactLedger:Schema"] = PostgresFixture.SchemaFor(GetType()),
        }, TimeSpan.FromMinutes(2));
        var elapsed = clock.Elapsed;
        output.WriteLine($"exit code {exitCode} after {elapsed.TotalMilliseconds:F0} ms: {lines.LastOrDefault()}");
        Assert.Equal(2, exitCode);
        Assert.Contains(lines, l => l.Contains("did not answer within 2 s"));
        Assert.NotEmpty(held); // it did connect, and was left waiting: a hung server, not a refused connection
        silent.Stop();
        foreach (var client in held) client.Dispose();
        await accepting;
    }

    private static async Task Eventually(Func<Task<bool>> condition, string what, int seconds = 30)
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            if (DateTime.UtcNow > until) throw new TimeoutException($"not within {seconds} s: {what}");
            await Task.Delay(100);
        }
    }
}
