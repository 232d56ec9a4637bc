using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using FactLedger.Api.Tests.Support;
using Xunit.Abstractions;
using static FactLedger.Api.Tests.Support.Http;
using static FactLedger.Api.Tests.Support.Ledger;

namespace FactLedger.Api.Tests;

/// <summary>The live feed: figure changes made by a checkpointed Marten subscription, streamed as server-sent
/// events, resumable by Last-Event-ID.</summary>
[Collection(ReadSideCollection.Name)]
public class LiveTests(PostgresFixture postgres, ITestOutputHelper output)
{
    private Task<FactLedgerApp> App() => postgres.AppFor<LiveTests>(s => s["FactLedger:Live:HeartbeatSeconds"] = "1");

    /// <summary>Two sources, a figure, and claims from distinct origins, each moving the estimate.</summary>
    private static async Task<(string Figure, string[] Sources)> Story(HttpClient editor, int sources = 4)
    {
        var story = $"lv-{Guid.NewGuid():N}"[..12];
        var keys = Enumerable.Range(0, sources).Select(i => $"{story}-{i}").ToArray();
        for (var i = 0; i < keys.Length; i++)
            await editor.PostJson("/api/sources", Source(keys[i], outlet: $"Outlet {i}")).Ok(201);
        await editor.PostJson("/api/figures", Figure($"{story}.all.killed")).Ok(201);
        return ($"{story}.all.killed", keys);
    }

    /// <summary>The next change that a claim made (a figure's definition is a change too: its first estimate).
    /// </summary>
    private static async Task<(EventStream.Event Event, JsonNode Data)> NextClaimChange(EventStream events,
        TimeSpan wait)
    {
        while (true)
        {
            var next = await events.NextAsync(wait);
            var data = JsonNode.Parse(next.Data)!;
            if (data["claimIds"]!.AsArray().Count > 0) return (next, data);
        }
    }

    private static object Report(string figure, string source, long atLeast) =>
        Claim(figure, source, AtLeast(atLeast), "قتل 18 فرداً", id: $"{source}-{atLeast}");

    [Fact]
    public async Task A_client_following_a_figure_receives_each_change_soon_after_the_write()
    {
        var app = await App();
        var editor = app.Editor();
        var (figure, sources) = await Story(editor);
        await app.CatchUp();
        await using var events = await EventStream.OpenAsync(app.Reader(), $"/api/stream?figure={figure}");

        var written = Stopwatch.StartNew();
        await editor.PostJson("/api/claims", Report(figure, sources[0], 18)).Ok(201);
        var answered = written.Elapsed;
        var (change, data) = await NextClaimChange(events, TimeSpan.FromSeconds(10));
        var latency = written.Elapsed - answered;

        output.WriteLine($"change delivered {latency.TotalMilliseconds:F0} ms after the write's 2xx");
        Assert.Equal("figure-changed", change.Name);
        Assert.Equal(figure, (string?)data["figure"]);
        Assert.Equal(long.Parse(change.Id!), (long)data["sequence"]!);
        Assert.Equal("no-claims", (string?)data["before"]!["status"]);
        Assert.Equal(18, (long)data["after"]!["best"]!);
        Assert.Equal(["best", "low", "status", "origins"], data["changes"]!.AsArray().Select(c => (string)c!));
        Assert.Equal([$"{sources[0]}-18"], data["claimIds"]!.AsArray().Select(c => (string)c!));
        Assert.True(latency < TimeSpan.FromSeconds(2), $"delivered after {latency}");
        Assert.True(events.Heartbeats >= 0);
    }

    [Fact]
    public async Task A_client_that_reconnects_with_its_last_event_id_gets_exactly_the_changes_it_missed_in_order()
    {
        var app = await App();
        var editor = app.Editor();
        var (figure, sources) = await Story(editor);
        string firstId;
        await using (var events = await EventStream.OpenAsync(app.Reader(), $"/api/stream?figure={figure}"))
        {
            await editor.PostJson("/api/claims", Report(figure, sources[0], 10)).Ok(201);
            firstId = (await NextClaimChange(events, TimeSpan.FromSeconds(10))).Event.Id!;
        }
        // Missed while away: three reports, each raising the estimate.
        for (var i = 1; i <= 3; i++) await editor.PostJson("/api/claims", Report(figure, sources[i], 10 + i)).Ok(201);
        await app.CatchUp();

        var resumed = new HttpRequestMessage(HttpMethod.Get, $"/api/stream?figure={figure}");
        resumed.Headers.Add("Last-Event-ID", firstId);
        await using var again = await EventStream.OpenAsync(app.Reader(), resumed);
        var missed = new List<JsonNode>();
        for (var i = 0; i < 3; i++) missed.Add((await NextClaimChange(again, TimeSpan.FromSeconds(10))).Data);

        Assert.Equal([11L, 12L, 13L], missed.Select(m => (long)m["after"]!["best"]!));
        var sequences = missed.Select(m => (long)m["sequence"]!).ToList();
        Assert.Equal(sequences.Order(), sequences);
        Assert.True(sequences[0] > long.Parse(firstId));
        await Assert.ThrowsAsync<TimeoutException>(() => again.NextAsync(TimeSpan.FromSeconds(2)));
        Assert.True(again.Heartbeats > 0, "a heartbeat comment arrives while nothing changes");

        // The same through the query parameter, from the start of the figure's feed: its definition, then 4 claims.
        await using var all = await EventStream.OpenAsync(app.Reader(), $"/api/stream?figure={figure}&lastEventId=0");
        Assert.Equal("no-claims", (string?)JsonNode.Parse((await all.NextAsync(TimeSpan.FromSeconds(10))).Data)!
            ["after"]!["status"]);
        for (var i = 0; i < 4; i++) await NextClaimChange(all, TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Changes_written_while_no_node_runs_the_feed_are_made_when_one_starts_again()
    {
        var schema = $"live_restart_{Guid.NewGuid():N}"[..24];
        string figure;
        await using (var stopped = new FactLedgerApp(postgres.ConnectionString, schema,
            s => s["FactLedger:RunDaemon"] = "false"))
        {
            await stopped.StartAsync();
            var editor = stopped.Editor();
            (figure, var sources) = await Story(editor);
            for (var i = 0; i < 3; i++)
                await editor.PostJson("/api/claims", Report(figure, sources[i], 20 + i)).Ok(201);
        }
        await using var restarted = new FactLedgerApp(postgres.ConnectionString, schema, null);
        await restarted.StartAsync();

        await using var events = await EventStream.OpenAsync(restarted.Reader(),
            $"/api/stream?figure={figure}&lastEventId=0");
        var bests = new List<long>();
        for (var i = 0; i < 3; i++)
            bests.Add((long)(await NextClaimChange(events, TimeSpan.FromSeconds(30))).Data["after"]!["best"]!);

        Assert.Equal([20L, 21L, 22L], bests);
    }

    [Fact]
    public async Task A_batch_larger_than_the_feed_reads_at_once_is_still_one_change()
    {
        var schema = $"live_pages_{Guid.NewGuid():N}"[..24];
        await using var app = new FactLedgerApp(postgres.ConnectionString, schema,
            s => s["FactLedger:Live:FeedPageSize"] = "3");
        await app.StartAsync();
        var editor = app.Editor();
        var (figure, sources) = await Story(editor, sources: 8);
        await app.CatchUp();
        await using var events = await EventStream.OpenAsync(app.Reader(), $"/api/stream?figure={figure}");

        // One bundle: its 8 claims are one transaction, read by the feed 3 events at a time.
        var claims = sources.Select((s, i) => Report(figure, s, 30 + i)).ToArray();
        await editor.PostJson("/api/ingest", new { sources = Array.Empty<object>(), figures = Array.Empty<object>(),
            claims }).Ok(200);

        var (_, data) = await NextClaimChange(events, TimeSpan.FromSeconds(15));
        Assert.Equal(8, data["claimIds"]!.AsArray().Count);
        Assert.Equal(37, (long)data["after"]!["best"]!);
        await Assert.ThrowsAsync<TimeoutException>(() => events.NextAsync(TimeSpan.FromSeconds(3)));
    }

    [Fact]
    public async Task Bad_stream_requests_are_problems()
    {
        var app = await App();
        var reader = app.Reader();
        var (figure, _) = await Story(app.Editor(), sources: 1);

        var malformed = new HttpRequestMessage(HttpMethod.Get, $"/api/stream?figure={figure}");
        malformed.Headers.Add("Last-Event-ID", "yesterday");
        await Problem(reader.SendAsync(malformed), HttpStatusCode.BadRequest);
        await Problem(reader.GetAsync($"/api/stream?figure={figure}&lastEventId=-4"), HttpStatusCode.BadRequest);
        await Problem(reader.GetAsync("/api/stream?figure=nowhere.all.killed"), HttpStatusCode.NotFound);
        await Problem(reader.GetAsync("/api/stream?figure=not-a-key"), HttpStatusCode.NotFound);
        await Problem(reader.GetAsync("/api/stream?story=no-such-story"), HttpStatusCode.NotFound);
        await Problem(reader.GetAsync("/api/stream?story=Bad%20Story"), HttpStatusCode.BadRequest);
    }
}
