using System.Text;
using System.Text.Json;
using System.Net;
using System.Text.Json.Nodes;
using FactLedger.Api.Tests.Support;
using FactLedger.Domain.Quotes;

namespace FactLedger.Api.Tests;

/// <summary>
/// The five seed articles: loaded into a fresh store over HTTP, every figure's reconciled view checked.
/// </summary>
[Collection(SeedCollection.Name)]
public class SeedTests(PostgresFixture postgres)
{
    private const string Story = "kz-2022-unrest";

    public static string SeedsFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "seeds", "kz-2022-unrest.json")))
                return Path.Combine(dir.FullName, "seeds");
        throw new DirectoryNotFoundException("seeds/ not found above the test binaries");
    }

    /// <summary>The bundle as an HTTP client sends it: each article's text inline instead of a file name.</summary>
    public static string BundleForHttp()
    {
        var folder = SeedsFolder();
        var bundle = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "kz-2022-unrest.json")))!;
        foreach (var source in bundle["sources"]!.AsArray())
        {
            source!["text"] = File.ReadAllText(Path.Combine(folder, (string)source["file"]!));
            source.AsObject().Remove("file");
        }
        return bundle.ToJsonString();
    }

    private async Task<FactLedgerApp> LoadedApp()
    {
        var app = await postgres.AppFor<SeedTests>();
        var result = await app.Editor().PostJson("/api/ingest", BundleForHttp()).Ok(200);
        Assert.True((int)result["rejected"]! == 0, result.ToJsonString());
        return app;
    }

    private static async Task<JsonNode> Figure(FactLedgerApp app, string key) =>
        await app.Anonymous().GetJson($"/api/figures/{Story}.{key}");

    private static void AssertEstimate(JsonNode figure, object? low, object? best, object? high, string status,
        int origins)
    {
        var e = figure["estimate"]!;
        var because = $"{figure["key"]}: {e.ToJsonString()}";
        Assert.True(Equals(low, Value(e["low"])), because);
        Assert.True(Equals(best, Value(e["best"])), because);
        Assert.True(Equals(high, Value(e["high"])), because);
        Assert.True(status == (string?)e["status"], because);
        Assert.True(origins == (int)e["origins"]!, because);
    }

    private static object? Value(JsonNode? node) => node is null ? null
        : node.GetValueKind() == System.Text.Json.JsonValueKind.Number ? (object)(long)node : (string)node!;

    [Fact]
    public async Task Every_seed_figure_reconciles_as_the_articles_say()
    {
        var app = await LoadedApp();

        // Casualties and detentions (seed 004, attributed to the Interior Ministry and "the authorities").
        var killed = await Figure(app, "security-forces.killed");
        AssertEstimate(killed, 18L, 18L, null, "single-origin", 1);
        Assert.Equal(["superseded", "current"], killed["claims"]!.AsArray().Select(c => (string)c!["status"]!));
        Assert.Equal("kz-sf-killed-at-least-18", (string?)killed["claims"]![0]!["supersededBy"]);
        AssertEstimate(await Figure(app, "security-forces.injured"), 749L, 749L, null, "single-origin", 1);
        AssertEstimate(await Figure(app, "protesters.killed"), 20L, 20L, 99L, "single-origin", 1);
        AssertEstimate(await Figure(app, "protesters.injured"), 1001L, 1001L, null, "single-origin", 1);
        AssertEstimate(await Figure(app, "all.detained"), 2298L, 2298L, 2298L, "single-origin", 1);

        // Dates, several reported two ways.
        AssertEstimate(await Figure(app, "protests.start"), "2022-01-02", "2022-01-02", "2022-01-02", "consistent", 2);
        AssertEstimate(await Figure(app, "almaty-clashes.start"),
            "2022-01-04", "2022-01-04", "2022-01-04", "single-origin", 1);
        AssertEstimate(await Figure(app, "government.resignation"),
            "2022-01-05", "2022-01-05", "2022-01-05", "consistent", 2);
        AssertEstimate(await Figure(app, "state-of-emergency.start"),
            "2022-01-06", "2022-01-06", "2022-01-06", "single-origin", 1);
        AssertEstimate(await Figure(app, "state-of-emergency.end"),
            "2022-01-19", "2022-01-19", "2022-01-19", "consistent", 2);
        AssertEstimate(await Figure(app, "state-of-emergency-nationwide.start"),
            "2022-01-05", "2022-01-05", null, "single-origin", 1);
        AssertEstimate(await Figure(app, "csto-assistance.requested"),
            "2022-01-05", "2022-01-05", "2022-01-05", "consistent", 2);
        var start = await Figure(app, "csto-withdrawal.start");
        AssertEstimate(start, "2022-01-13", "2022-01-13", "2022-01-13", "consistent", 3);
        var inTwoDays = start["claims"]!.AsArray()
            .Single(c => (string?)c!["id"] == "kz-withdrawal-start-in-two-days-002")!;
        Assert.Equal("بعد يومين", (string?)inTwoDays["value"]!["relative"]!["expression"]);
        Assert.Equal("2022-01-11", (string?)inTwoDays["value"]!["relative"]!["anchor"]);
        Assert.Equal("superseded", (string?)inTwoDays["status"]); // Tokayev's own later statement replaced it
        AssertEstimate(await Figure(app, "csto-withdrawal.end"), null, "2022-01-23", "2022-01-23", "consistent", 2);

        // Background.
        AssertEstimate(await Figure(app, "putin-tokayev.phone-calls"), 2L, 2L, null, "single-origin", 1);
        AssertEstimate(await Figure(app, "csto.founded"), "2002-01-01", "2002-07-02", "2002-12-31", "single-origin", 1);
        AssertEstimate(await Figure(app, "csto.founding-states"), 6L, 6L, 6L, "single-origin", 1);

        var all = await app.Anonymous().GetJson($"/api/figures?story={Story}&pageSize=100");
        Assert.Equal(17, (int)all["total"]!);
    }

    /// <summary>What a reader is shown is what the sources said: no point none of them gave.</summary>
    [Theory]
    [InlineData("protesters.injured", "more_than", "more than 1,000", "أكثر من 1000", false)]
    [InlineData("security-forces.injured", "more_than", "more than 748", "أكثر من 748", false)]
    [InlineData("putin-tokayev.phone-calls", "more_than", "more than 1", null, false)]
    [InlineData("protesters.killed", "vague", "dozens (20–99)", "عشرات (20–99)", false)]
    [InlineData("csto.founded", "range", "in 2002", null, false)]
    [InlineData("csto-withdrawal.end", "at_most", "by 23 January 2022", "بحلول 23 يناير 2022", false)]
    [InlineData("all.detained", "exact", "2,298", "2298", true)]
    public async Task Every_seed_estimate_is_worded_as_its_sources_worded_it(
        string key, string kind, string english, string? arabic, bool bestStated)
    {
        var app = await LoadedApp();

        var figure = await Figure(app, key);

        var estimate = figure["estimate"]!;
        var because = $"{key}: {estimate.ToJsonString()}";
        Assert.True(kind == (string?)estimate["reading"]!["kind"], because);
        Assert.True(bestStated == (bool)estimate["reading"]!["bestStated"]!, because);
        Assert.True(english == (string?)estimate["wording"]!["en"], because);
        if (arabic is not null) Assert.True(arabic == (string?)estimate["wording"]!["ar"], because);
        if (key == "csto.founded") Assert.Equal("year", (string?)estimate["reading"]!["precision"]);
        foreach (var made in new[] { "1,001", "1001", "749", "2002-07-02", "July" })
            Assert.DoesNotContain(made, estimate["wording"]!.ToJsonString());
    }

    [Fact]
    public async Task Every_seed_quote_is_found_in_its_article()
    {
        var app = await LoadedApp();
        var folder = SeedsFolder();
        var bundle = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "kz-2022-unrest.json")))!;
        var files = bundle["sources"]!.AsArray().ToDictionary(s => (string)s!["key"]!,
            s => File.ReadAllText(Path.Combine(folder, (string)s!["file"]!)));

        foreach (var claim in bundle["claims"]!.AsArray())
        {
            var text = files[(string)claim!["source"]!];
            Assert.True(QuoteLocator.Find(text, (string)claim["quote"]!) is not null,
                $"{claim["id"]}: quote not in {claim["source"]}");
            // And the stored claim points at the same words in the stored text.
            var stored = (await Figure(app, ((string)claim["figure"]!)[(Story.Length + 1)..]))["claims"]!.AsArray()
                .Single(c => (string?)c!["id"] == (string?)claim["id"])!;
            var source = await app.Anonymous().GetJson($"/api/sources/{claim["source"]}");
            var at = ((string)source["text"]!).Substring((int)stored["quoteOffset"]!, (int)stored["quoteLength"]!);
            Assert.Equal(QuoteLocator.Fold((string)claim["quote"]!), QuoteLocator.Fold(at));
        }
    }

    [Fact]
    public async Task Loading_the_bundle_twice_changes_nothing()
    {
        var app = await LoadedApp();
        var events = await app.EventCount();

        var again = await app.Editor().PostJson("/api/ingest", BundleForHttp()).Ok(200);

        Assert.Equal(0, (int)again["created"]!);
        Assert.Equal(0, (int)again["rejected"]!);
        Assert.Equal(5 + 17 + 29, (int)again["alreadyPresent"]!);
        Assert.Equal(events, await app.EventCount());
    }

    [Fact]
    public async Task An_ingest_answers_per_item_and_rejects_bad_items_with_their_reason()
    {
        var app = await postgres.AppFor<SeedTests>();
        var bundle = new
        {
            sources = new[] { Ledger.Source("ingest-src") },
            figures = new[] { Ledger.Figure("ingest-test.all.detained") },
            claims = new object[]
            {
                Ledger.Claim("ingest-test.all.detained", "ingest-src", Ledger.Exact(2298), "2298 شخصاً",
                    id: "ingest-ok"),
                Ledger.Claim("ingest-test.all.detained", "ingest-src", Ledger.Exact(2298), "not in the text",
                    id: "ingest-bad-quote"),
                Ledger.Claim("ingest-test.all.detained", "ingest-src", new { qualifier = "sort_of", value = 3 },
                    "2298 شخصاً", id: "ingest-bad-value"),
            },
        };

        var result = await app.Editor().PostJson("/api/ingest", bundle).Ok(200);

        var items = result["items"]!.AsArray();
        Assert.Equal(["created", "created", "created", "rejected", "rejected"],
            items.Select(i => (string)i!["outcome"]!));
        Assert.Contains("quote", (string?)items[3]!["reason"]);
        Assert.Contains("qualifier", (string?)items[4]!["reason"]);
        var unauthorised = await app.Anonymous().PostJson("/api/ingest", bundle);
        Assert.Equal(HttpStatusCode.Unauthorized, unauthorised.StatusCode);
    }

    [Fact]
    public async Task A_streamed_ingest_loads_good_lines_rejects_bad_ones_by_line_number_and_repeats_as_no_ops()
    {
        var app = await postgres.AppFor<SeedTests>();
        string Line(string kind, object value) =>
            JsonSerializer.Serialize(new Dictionary<string, object> { [kind] = value }, JsonSerializerOptions.Web);
        var lines = string.Join('\n',
            Line("source", Ledger.Source("stream-src")),
            Line("figure", Ledger.Figure("stream-test.all.detained")),
            "",
            Line("claim", Ledger.Claim("stream-test.all.detained", "stream-src", Ledger.Exact(2298), "2298 شخصاً",
                id: "stream-ok")),
            "{\"claim\": {\"figure\": ",
            "{\"source\": {}, \"claim\": {}}",
            "{\"sauce\": {}}",
            Line("claim", Ledger.Claim("stream-test.all.detained", "stream-src", Ledger.Exact(2298), "not in the text",
                id: "stream-bad-quote")),
            // A claim before its figure is defined? Here after; and the last line has no newline.
            Line("claim", Ledger.Claim("stream-test.all.detained", "stream-src", Ledger.AtLeast(18),
                "قتل 18 فرداً من قوات الأمن", id: "stream-ok-2")));
        HttpContent Body() => new StringContent(lines, Encoding.UTF8, "application/x-ndjson");

        var first = await app.Editor().PostAsync("/api/ingest", Body()).Ok(200);
        var again = await app.Editor().PostAsync("/api/ingest", Body()).Ok(200);

        Assert.Equal(4, (int)first["created"]!);
        Assert.Equal(4, (int)first["rejected"]!);
        Assert.Equal([5L, 6L, 7L, 8L], first["items"]!.AsArray().Select(i => (long)i!["line"]!));
        Assert.Contains("quote", (string?)first["items"]![3]!["reason"]);
        Assert.Equal(0, (int)again["created"]!);
        Assert.Equal(4, (int)again["alreadyPresent"]!);
        var figure = await app.Anonymous().GetJson("/api/figures/stream-test.all.detained");
        Assert.Equal(["stream-ok", "stream-ok-2"], figure["claims"]!.AsArray().Select(c => (string)c!["id"]!).Order());
    }

    [Fact]
    public async Task On_first_start_against_an_empty_store_the_seeds_are_loaded()
    {
        var app = new FactLedgerApp(postgres.ConnectionString, PostgresFixture.SchemaFor(typeof(SeedTests)),
            s => { s["FactLedger:Seeds:LoadOnStart"] = "true"; s["FactLedger:Seeds:Path"] = SeedsFolder(); });
        await using var _ = app;
        await app.StartAsync();
        await app.CatchUp();

        var figures = await app.Anonymous().GetJson($"/api/figures?story={Story}&pageSize=100");
        var activity = await app.Anonymous().GetJson("/api/activity?by=seed-loader&pageSize=1");

        Assert.Equal(17, (int)figures["total"]!);
        Assert.Equal(5 + 17 + 29, (int)activity["total"]!);
    }

    [Fact]
    public async Task A_store_holding_only_an_editor_s_identity_is_not_empty_and_gets_no_seeds()
    {
        var schema = $"seedid_{Guid.NewGuid():N}"[..20];
        await using (var first = new FactLedgerApp(postgres.ConnectionString, schema,
            s => s["FactLedger:Seeds:LoadOnStart"] = "false"))
        {
            await first.StartAsync();
            await first.Editor().PostJson("/api/origins/identities",
                new { name = "MVD", sameAs = "Interior Ministry", reason = "the same ministry" }).Ok(201);
        }
        await using var second = new FactLedgerApp(postgres.ConnectionString, schema,
            s => { s["FactLedger:Seeds:LoadOnStart"] = "true"; s["FactLedger:Seeds:Path"] = SeedsFolder(); });
        await second.StartAsync();

        Assert.Equal(0, (int)(await second.Anonymous().GetJson("/api/figures"))["total"]!);
    }
}
