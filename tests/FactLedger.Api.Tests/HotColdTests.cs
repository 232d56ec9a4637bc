using System.Diagnostics;
using System.Text.Json.Nodes;
using Marten;
using Marten.Events;
using Microsoft.Extensions.DependencyInjection;
using FactLedger.Api.Tests.Support;
using Xunit.Abstractions;
using static FactLedger.Api.Tests.Support.Ledger;

namespace FactLedger.Api.Tests;

/// <summary>Two API nodes on one database with the daemon in HotCold mode: one runs the async projections, and when
/// it stops the other takes over, applying every event once.</summary>
[Collection(LedgerCollection.Name)]
public class HotColdTests(PostgresFixture postgres, ITestOutputHelper output)
{
    private static bool Runs(FactLedgerApp node) =>
        node.Services.GetRequiredService<Marten.Events.Daemon.Coordination.IProjectionCoordinator>()
            .DaemonForMainDatabase().CurrentAgents().Count > 0;

    [Fact]
    public async Task The_second_node_takes_over_the_projections_when_the_first_stops()
    {
        var schema = $"hotcold_{Guid.NewGuid():N}"[..20];
        void HotCold(Dictionary<string, string?> s)
        {
            s["FactLedger:Daemon"] = "HotCold";
            s["Logging:LogLevel:FactLedger.Api.Infrastructure.Marten.DaemonLeadership"] = "Information";
        }
        var first = new FactLedgerApp(postgres.ConnectionString, schema, HotCold);
        await first.StartAsync();
        var story = $"hc-{Guid.NewGuid():N}"[..12];
        var figure = $"{story}.all.killed";
        await Prepare(first.Editor(), figure, $"{story}-a", $"{story}-b");
        await first.Editor().PostJson("/api/claims", Claim(figure, $"{story}-a", Exact(13), "مقتل 13")).Ok(201);
        await first.CatchUp();
        // The first node holds the leader lock now; the second starts as a cold standby.
        await using var second = new FactLedgerApp(postgres.ConnectionString, schema, HotCold);
        await second.StartAsync();
        Assert.True(Runs(first), "the first node runs the daemon");
        Assert.False(Runs(second), "the second node waits");

        var stopped = Stopwatch.StartNew();
        await first.DisposeAsync();
        await second.Editor().PostJson("/api/claims", Claim(figure, $"{story}-b", AtLeast(18), "قتل 18 فرداً"))
            .Ok(201);
        await second.Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(90));
        output.WriteLine($"the second node caught up {stopped.Elapsed.TotalSeconds:F1} s after the first stopped");
        Assert.True(Runs(second), "the second node took over");
        for (var wait = 0; wait < 50 && !second.Logs.Any(l => l.Contains("now runs the async daemon")); wait++)
            await Task.Delay(100);
        Assert.Contains(second.Logs, line => line.Contains("now runs the async daemon"));

        var events = await second.EventCount();
        var activity = await second.Reader().GetJson("/api/activity?pageSize=1");
        Assert.Equal(events, (long)activity["total"]!);
        foreach (var source in new[] { $"{story}-a", $"{story}-b" })
            Assert.Single((await second.Reader().GetJson($"/api/sources/{source}/claims"))["claims"]!.AsArray());
    }

    [Fact]
    public async Task Two_nodes_send_each_webhook_delivery_once()
    {
        var schema = $"hotcold_{Guid.NewGuid():N}"[..20];
        void HotCold(Dictionary<string, string?> s)
        {
            s["FactLedger:Daemon"] = "HotCold";
            s["FactLedger:Webhooks:AllowedHosts:0"] = "127.0.0.1";
            s["FactLedger:Webhooks:RetryBaseSeconds"] = "0.05";
            s["FactLedger:Webhooks:RetryMaxSeconds"] = "0.5";
        }
        await using var first = new FactLedgerApp(postgres.ConnectionString, schema, HotCold);
        await first.StartAsync();
        await using var second = new FactLedgerApp(postgres.ConnectionString, schema, HotCold);
        await second.StartAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        // A receiver that takes a while: the deliveries stay due for longer than a node's longest sleep (5 s), so a
        // second sender would find them.
        receiver.DelayMilliseconds = 250;
        var admin = first.WithKey(FactLedgerApp.AdminKey);
        var story = $"hw-{Guid.NewGuid():N}"[..12];
        var figure = $"{story}.all.killed";
        await Prepare(first.Editor(), figure, $"{story}-a");
        var webhook = (string)(await admin.PostJson("/api/webhooks",
            new { url = $"{receiver.BaseUrl}/hook", story }).Ok(201))["id"]!;
        for (var i = 0; i < 30; i++)
            await (i % 2 == 0 ? first : second).Editor().PostJson("/api/claims",
                Claim(figure, $"{story}-a", AtLeast(18 + i), "قتل 18 فرداً", id: $"{story}-{i}")).Ok(201);

        var clock = Stopwatch.StartNew();
        JsonArray deliveries = [];
        while (clock.Elapsed < TimeSpan.FromSeconds(90))
        {
            deliveries = (await admin.GetJson($"/api/webhooks/{webhook}/deliveries?pageSize=500"))["items"]!
                .AsArray();
            if (deliveries.Count >= 10 && deliveries.All(d => (string?)d!["status"] == "delivered")) break;
            await Task.Delay(200);
        }
        var sent = receiver.Requests.Select(r => r.Id).ToList();
        output.WriteLine($"{deliveries.Count} deliveries, {sent.Count} requests received in " +
            $"{clock.Elapsed.TotalSeconds:F1} s; sent more than once: " +
            string.Join(", ", sent.GroupBy(id => id).Where(g => g.Count() > 1).Select(g => g.Key)));
        Assert.All(deliveries, d => Assert.Equal("delivered", (string?)d!["status"]));
        Assert.Equal(deliveries.Count, sent.Count);
        Assert.Equal(sent.Count, sent.Distinct().Count());
    }
}
