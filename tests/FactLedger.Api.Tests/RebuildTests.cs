using Microsoft.Extensions.DependencyInjection;
using FactLedger.Api.Infrastructure.Marten;
using FactLedger.Api.Tests.Support;
using Xunit.Abstractions;

namespace FactLedger.Api.Tests;

/// <summary>Every projection rebuilt from the events: the store answers every query exactly as before.</summary>
[Collection(SeedCollection.Name)]
public class RebuildTests(PostgresFixture postgres, ITestOutputHelper output)
{
    [Fact]
    public async Task A_rebuilt_store_answers_every_query_as_before()
    {
        var schema = PostgresFixture.SchemaFor(GetType());
        Dictionary<string, string> before;
        await using (var app = new FactLedgerApp(postgres.ConnectionString, schema, null))
        {
            await app.StartAsync();
            var editor = app.Editor();
            await editor.PostJson("/api/ingest", SeedTests.BundleForHttp()).Ok(200);
            // Some history beyond the seeds: a correction and a retraction.
            await editor.PostJson("/api/claims/kz-detained-2298/corrections",
                new { value = new { qualifier = "at_least", value = 2298 }, reason = "'حتى الآن' — so far" }).Ok();
            await editor.PostJson("/api/claims/kz-putin-tokayev-calls-ar/retraction",
                new { reason = "duplicate of the Turkish report" }).Ok();
            // Proposals from one source: one accepted, one rejected, the rest pending.
            var proposals = (await editor.PostJson("/api/sources/ar-2022-01-07-allies-armed-groups/proposals",
                new { story = "kz-2022-unrest" }).Ok(200))["items"]!.AsArray();
            var matched = proposals.First(p => p!["figure"] is not null)!;
            await editor.PostJson($"/api/proposals/{matched["id"]}/accept", new { }).Ok();
            await editor.PostJson($"/api/proposals/{proposals.Last(p => p != matched)!["id"]}/reject",
                new { reason = "not a figure of the story" }).Ok();
            // Dependences: one declared, one declared and withdrawn.
            await editor.PostJson("/api/dependencies", new { source = "ar-2022-01-07-allies-armed-groups",
                dependsOn = "Anadolu Agency", kind = "agency", reason = "runs the agency's wire" }).Ok(201);
            await editor.PostJson("/api/dependencies", new { source = "ar-2022-01-07-allies-armed-groups",
                dependsOn = "Reuters", kind = "agency", reason = "a guess" }).Ok(201);
            await editor.PostJson("/api/dependencies/dep.ar-2022-01-07-allies-armed-groups.agency.reuters/withdraw",
                new { reason = "no sign of it" }).Ok(200);
            await app.CatchUp();
            before = await Answers(app);
        }

        await using (var app = new FactLedgerApp(postgres.ConnectionString, schema,
            s => s["FactLedger:RunDaemon"] = "false"))
        {
            await app.StartAsync();
            var lines = new List<string>();
            var rebuilt = await ProjectionRebuilder.RebuildAllAsync(app.Store,
                app.Services.GetRequiredService<Features.Origins.OriginBook>(), lines.Add, CancellationToken.None);
            foreach (var line in lines) output.WriteLine(line);
            var after = await Answers(app);

            Assert.Equal(["Source", "FigureView", "Activity", "ProposalView", "DependenceView"],
                rebuilt.Select(r => r.Projection));
            Assert.Equal(before.Keys, after.Keys);
            foreach (var (url, body) in before)
                Assert.True(body == after[url], $"{url} changed after the rebuild:\n" +
                    $"{body[..Math.Min(600, body.Length)]}\n{after[url][..Math.Min(600, after[url].Length)]}");
        }
    }

    /// <summary>Every read endpoint's answer, keyed by URL.</summary>
    private static async Task<Dictionary<string, string>> Answers(FactLedgerApp app)
    {
        var client = app.Anonymous();
        var urls = new List<string>
        {
            "/api/figures?pageSize=100", "/api/sources?pageSize=100", "/api/stories", "/api/activity?pageSize=500",
            "/api/proposals?pageSize=500", "/api/dependencies?pageSize=500",
            $"/api/origins/{Uri.EscapeDataString("Kazakh Interior Ministry")}/claims", "/api/origins/CSTO/claims",
        };
        var figures = await client.GetJson("/api/figures?pageSize=100");
        foreach (var f in figures["items"]!.AsArray())
        {
            var key = (string)f!["key"]!;
            urls.AddRange([
                $"/api/figures/{key}", $"/api/figures/{key}/timeline", $"/api/figures/{key}/events",
                $"/api/figures/{key}?asOf=2022-01-08T00:00:00Z",
            ]);
        }
        var sources = await client.GetJson("/api/sources?pageSize=100");
        foreach (var s in sources["items"]!.AsArray())
            urls.AddRange([$"/api/sources/{s!["key"]}", $"/api/sources/{s["key"]}/claims"]);
        var answers = new Dictionary<string, string>();
        foreach (var url in urls) answers[url] = (await client.GetJson(url)).ToJsonString();
        return answers;
    }
}
