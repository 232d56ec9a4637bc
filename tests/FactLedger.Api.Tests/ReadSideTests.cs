using System.Net;
using FactLedger.Api.Tests.Support;
using static FactLedger.Api.Tests.Support.Ledger;

namespace FactLedger.Api.Tests;

[Collection(ReadSideCollection.Name)]
public class ReadSideTests(PostgresFixture postgres)
{
    private Task<FactLedgerApp> App() => postgres.AppFor<ReadSideTests>();

    /// <summary>
    /// A story with a revision by one origin and a second origin: Thursday's 13, Friday's "at least 18".
    /// </summary>
    private static async Task<(string Figure, string Thursday, string Friday, string Other)> Revision(HttpClient editor)
    {
        var story = $"rs-{Guid.NewGuid():N}"[..12];
        var figure = $"{story}.security-forces.killed";
        var (thu, fri, other) = ($"{story}-thu", $"{story}-fri", $"{story}-other");
        await editor.PostJson("/api/sources", Source(thu, published: "2022-01-06T10:00:00Z", outlet: "Outlet A")).Ok();
        await editor.PostJson("/api/sources", Source(fri, published: "2022-01-07T10:00:00Z", outlet: "Outlet B")).Ok();
        await editor.PostJson("/api/sources",
            Source(other, published: "2022-01-07T12:00:00Z", outlet: "Outlet C")).Ok();
        await editor.PostJson("/api/figures", Figure(figure)).Ok();
        await editor.PostJson("/api/claims", Claim(figure, thu, Exact(13), "مقتل 13", id: $"{story}-13",
            attributedTo: "Kazakh Interior Ministry")).Ok(201);
        await editor.PostJson("/api/claims", Claim(figure, fri, AtLeast(18), "قتل 18 فرداً", id: $"{story}-18",
            attributedTo: "وزارة الداخلية الكازاخستانية")).Ok(201);
        return (figure, thu, fri, other);
    }

    [Fact]
    public async Task The_current_view_shows_the_revision_superseding_and_who_set_each_number()
    {
        var app = await App();
        var (figure, _, _, _) = await Revision(app.Editor());

        var view = await app.Anonymous().GetJson($"/api/figures/{figure}");

        var estimate = view["estimate"]!;
        Assert.Equal("single-origin", (string?)estimate["status"]);
        Assert.Equal(18, (long)estimate["best"]!);
        Assert.Equal(18, (long)estimate["low"]!);
        Assert.Null(estimate["high"]);
        Assert.Equal(1, (int)estimate["origins"]!);
        var claims = view["claims"]!.AsArray();
        Assert.Equal("superseded", (string?)claims[0]!["status"]);
        Assert.Equal((string?)claims[1]!["id"], (string?)claims[0]!["supersededBy"]);
        Assert.Equal("current", (string?)claims[1]!["status"]);
        Assert.Equal((string?)claims[1]!["id"], (string?)estimate["setBy"]!["best"]![0]);
    }

    [Fact]
    public async Task A_cached_figure_is_revalidated_by_version_so_a_new_claim_shows_at_once()
    {
        var app = await App();
        var editor = app.Editor();
        var (figure, _, _, other) = await Revision(editor);
        var first = await app.Anonymous().GetAsync($"/api/figures/{figure}");
        var etag = first.Headers.ETag!.Tag;
        await app.Anonymous().GetJson($"/api/figures/{figure}/timeline"); // both views now cached

        // Given the cached version, the same version is answered 304 without a body.
        var unchanged = new HttpRequestMessage(HttpMethod.Get, $"/api/figures/{figure}");
        unchanged.Headers.IfNoneMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue(etag));
        Assert.Equal(HttpStatusCode.NotModified, (await app.Anonymous().SendAsync(unchanged)).StatusCode);

        // When another origin reports, the very next reads show it.
        await editor.PostJson("/api/claims",
            Claim(figure, other, AtLeast(18), "قتل 18 فرداً من قوات الأمن", attributedTo: "Outlet C")).Ok(201);
        var changed = new HttpRequestMessage(HttpMethod.Get, $"/api/figures/{figure}");
        changed.Headers.IfNoneMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue(etag));
        var after = await app.Anonymous().SendAsync(changed);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.NotEqual(etag, after.Headers.ETag!.Tag);
        var view = System.Text.Json.Nodes.JsonNode.Parse(await after.Content.ReadAsStringAsync())!;
        Assert.Equal(3, view["claims"]!.AsArray().Count);
        Assert.Equal("consistent", (string?)view["estimate"]!["status"]);
        Assert.Equal(2, (int)view["estimate"]!["origins"]!);
        var timeline = await app.Anonymous().GetJson($"/api/figures/{figure}/timeline");
        Assert.Equal(3, timeline["points"]!.AsArray().Count);
        Assert.Equal((long)view["version"]!, (long)timeline["version"]!);
    }

    [Fact]
    public async Task AsOf_shows_the_figure_from_the_claims_published_by_then()
    {
        var app = await App();
        var (figure, _, _, _) = await Revision(app.Editor());

        var thursday = await app.Anonymous().GetJson($"/api/figures/{figure}?asOf=2022-01-06T23:00:00Z");

        Assert.Single(thursday["claims"]!.AsArray());
        Assert.Equal(13, (long)thursday["estimate"]!["best"]!);
        Assert.Equal("current", (string?)thursday["claims"]![0]!["status"]);
        var bad = await app.Anonymous().GetAsync($"/api/figures/{figure}?asOf=yesterday");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("application/problem+json", bad.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task On_the_publication_clock_a_retraction_counts_from_when_it_was_made_public()
    {
        var app = await App();
        var editor = app.Editor();
        var (figure, _, _, _) = await Revision(editor);
        var thursdayClaim = (string)(await app.Anonymous().GetJson($"/api/figures/{figure}"))["claims"]![0]!["id"]!;
        var friday = (string)(await app.Anonymous().GetJson($"/api/figures/{figure}"))["claims"]![1]!["id"]!;
        var beforeRetraction = DateTimeOffset.UtcNow;
        await Task.Delay(300);

        // Friday's report, published 7 January, withdrawn in public on 10 January (recorded now).
        await editor.PostJson($"/api/claims/{friday}/retraction",
            new { reason = "the ministry withdrew the count", publishedAt = "2022-01-10T08:00:00Z" }).Ok(200);

        var asPublishedOnThe8th = await app.Anonymous().GetJson($"/api/figures/{figure}?asOf=2022-01-08T00:00:00Z");
        Assert.Equal(["superseded", "current"],
            asPublishedOnThe8th["claims"]!.AsArray().Select(c => (string)c!["status"]!));
        Assert.Equal(18, (long)asPublishedOnThe8th["estimate"]!["best"]!);
        var asPublishedOnThe10th = await app.Anonymous().GetJson($"/api/figures/{figure}?asOf=2022-01-10T12:00:00Z");
        Assert.Equal("retracted", (string?)asPublishedOnThe10th["claims"]![1]!["status"]);
        Assert.Equal(13, (long)asPublishedOnThe10th["estimate"]!["best"]!);
        Assert.Equal(thursdayClaim, (string?)asPublishedOnThe10th["estimate"]!["setBy"]!["best"]![0]);
        // Both clocks: as recorded before the retraction was, even a later publication time shows it standing.
        var known = Uri.EscapeDataString(beforeRetraction.ToString("O"));
        var both = await app.Anonymous().GetJson($"/api/figures/{figure}?asOf=2022-01-10T12:00:00Z&knownAt={known}");
        Assert.Equal("current", (string?)both["claims"]![1]!["status"]);
        var badTime = await editor.PostJson($"/api/claims/{thursdayClaim}/retraction",
            new { reason = "r", publishedAt = "0001-01-01T00:00:00Z" });
        Assert.Equal(HttpStatusCode.BadRequest, badTime.StatusCode);
    }

    [Fact]
    public async Task Sources_that_do_not_name_their_outlet_are_never_one_origin()
    {
        var app = await App();
        var editor = app.Editor();
        var story = $"un-{Guid.NewGuid():N}"[..12];
        var figure = $"{story}.all.killed";
        object Unnamed(string key, string published) => new
        {
            key, language = "ar", title = $"Article {key}", publishedAt = published, text = Ledger.ArabicText,
        };
        await editor.PostJson("/api/sources", Unnamed($"{story}-a", "2022-01-06T10:00:00Z")).Ok(201);
        await editor.PostJson("/api/sources", Unnamed($"{story}-b", "2022-01-07T10:00:00Z")).Ok(201);
        await editor.PostJson("/api/figures", Figure(figure, cumulative: false)).Ok();
        await editor.PostJson("/api/claims", Claim(figure, $"{story}-a", Exact(13), "مقتل 13")).Ok(201);
        await editor.PostJson("/api/claims", Claim(figure, $"{story}-b", Exact(18), "قتل 18 فرداً")).Ok(201);

        var view = await app.Reader().GetJson($"/api/figures/{figure}");

        // Two unnamed outlets are two origins that disagree; neither report supersedes the other.
        Assert.Equal(["current", "current"], view["claims"]!.AsArray().Select(c => (string)c!["status"]!));
        Assert.Equal("conflicting", (string?)view["estimate"]!["status"]);
        Assert.Null(view["claims"]![0]!["outlet"]);
        Assert.Equal($"unnamed outlet of {story}-a", (string?)view["claims"]![0]!["origin"]);
        var source = await app.Reader().GetJson($"/api/sources/{story}-a");
        Assert.Null(source["outlet"]);
    }

    [Fact]
    public async Task KnownAt_shows_the_stream_as_it_stood_at_that_recording_time()
    {
        var app = await App();
        var editor = app.Editor();
        var (figure, _, _, other) = await Revision(editor);
        await Task.Delay(300);
        var before = DateTimeOffset.UtcNow;
        await Task.Delay(300);
        await editor.PostJson("/api/claims",
            Claim(figure, other, Exact(20), "قتل 18 فرداً من قوات الأمن", attributedTo: null)).Ok(201);

        var then = await app.Anonymous()
            .GetJson($"/api/figures/{figure}?knownAt={Uri.EscapeDataString(before.ToString("O"))}");
        var now = await app.Anonymous().GetJson($"/api/figures/{figure}");

        Assert.Equal(2, then["claims"]!.AsArray().Count);
        Assert.Equal(3, now["claims"]!.AsArray().Count);
        Assert.Equal(18, (long)then["estimate"]!["best"]!);
        Assert.Equal("consistent", (string?)now["estimate"]!["status"]);
        Assert.Equal(20, (long)now["estimate"]!["best"]!);
        var beforeDefinition = await app.Anonymous().GetAsync($"/api/figures/{figure}?knownAt=2000-01-01T00:00:00Z");
        Assert.Equal(HttpStatusCode.NotFound, beforeDefinition.StatusCode);
    }

    [Fact]
    public async Task The_timeline_has_one_point_per_report_with_the_estimate_after_it()
    {
        var app = await App();
        var (figure, _, _, _) = await Revision(app.Editor());

        var timeline = await app.Anonymous().GetJson($"/api/figures/{figure}/timeline");

        var points = timeline["points"]!.AsArray();
        Assert.Equal(2, points.Count);
        Assert.Equal(13, (long)points[0]!["estimateAfter"]!["best"]!);
        Assert.Equal(13, (long)points[0]!["low"]!);
        Assert.Equal(18, (long)points[1]!["estimateAfter"]!["best"]!);
        Assert.Null(points[1]!["high"]);
    }

    [Fact]
    public async Task The_events_endpoint_lists_the_raw_history_with_versions_and_mapped_type_names()
    {
        var app = await App();
        var (figure, _, _, _) = await Revision(app.Editor());

        var events = (await app.Anonymous().GetJson($"/api/figures/{figure}/events"))["events"]!.AsArray();

        Assert.Equal(["figure_defined", "claim_recorded", "claim_recorded"], events.Select(e => (string)e!["type"]!));
        Assert.Equal([1L, 2L, 3L], events.Select(e => (long)e!["version"]!));
        Assert.Equal("alice", (string?)events[1]!["user"]);
        Assert.False(string.IsNullOrEmpty((string?)events[1]!["correlationId"]));
    }

    [Fact]
    public async Task Unknown_keys_are_404_problems()
    {
        var app = await App();
        var client = app.Anonymous();

        foreach (var url in new[]
                 {
                     "/api/figures/no.such.figure", "/api/figures/no.such.figure/timeline",
                     "/api/figures/no.such.figure/events", "/api/sources/no-such-source",
                     "/api/sources/no-such-source/claims", "/api/origins/Nobody%20At%20All/claims",
                     "/api/figures/..%2F..%2Fetc",
                 })
        {
            var response = await client.GetAsync(url);
            Assert.True(HttpStatusCode.NotFound == response.StatusCode, $"{url}: {(int)response.StatusCode}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task A_sources_claims_tell_each_claims_fate_and_agreement()
    {
        var app = await App();
        var (_, thursday, friday, _) = await Revision(app.Editor());
        await app.CatchUp();

        var audit = await app.Anonymous().GetJson($"/api/sources/{thursday}/claims");
        var later = await app.Anonymous().GetJson($"/api/sources/{friday}/claims");

        var claim = audit["claims"]!.AsArray().Single()!;
        Assert.Equal("superseded", (string?)claim["status"]);
        // Thursday's 13 floors Friday's count: it does not contradict 18.
        Assert.True((bool)claim["agreesWithEstimate"]!);
        Assert.Equal("مقتل 13", (string?)claim["quote"]);
        Assert.True((bool)later["claims"]![0]!["agreesWithEstimate"]!);
    }

    [Fact]
    public async Task Claims_by_origin_gather_every_name_of_one_authority()
    {
        var app = await App();
        var (figure, _, _, _) = await Revision(app.Editor());

        var byAlias = await app.Anonymous()
            .GetJson($"/api/origins/{Uri.EscapeDataString("ministry of internal affairs of kazakhstan")}/claims");

        Assert.Equal("Kazakh Interior Ministry", (string?)byAlias["origin"]);
        Assert.True(byAlias["claims"]!.AsArray().Count(c => (string?)c!["figure"] == figure) == 2);
        // Its track record counts every claim by fate: here the 13 was superseded by the 18.
        var record = byAlias["trackRecord"]!;
        var claims = byAlias["claims"]!.AsArray();
        Assert.Equal(claims.Count, (int)record["claims"]!);
        Assert.Equal(claims.Count, new[] { "current", "corrected", "superseded", "retracted" }
            .Sum(fate => (int)record[fate]!));
        Assert.Equal(claims.Count(c => (string?)c!["claim"]!["status"] == "superseded"), (int)record["superseded"]!);
        Assert.True((int)record["superseded"]! >= 1);
    }

    [Fact]
    public async Task The_activity_log_lists_who_did_what_newest_first()
    {
        var app = await App();
        var (figure, _, _, _) = await Revision(app.Editor());
        var id = $"{figure.Split('.')[0]}-18";
        await app.Editor().PostJson($"/api/claims/{id}/retraction", new { reason = "duplicate of a wire report" }).Ok();
        await app.CatchUp();

        var log = await app.Anonymous().GetJson("/api/activity?by=alice&pageSize=5");
        var nobody = await app.Anonymous().GetJson("/api/activity?by=nobody");

        var newest = log["items"]![0]!;
        Assert.Equal("claim_retracted", (string?)newest["action"]);
        Assert.Equal(id, (string?)newest["claimId"]);
        Assert.Equal("alice", (string?)newest["by"]);
        Assert.Equal(0, (int)nobody["total"]!);
    }

    [Fact]
    public async Task Figures_are_listed_with_filters_and_as_csv()
    {
        var app = await App();
        var (figure, _, _, _) = await Revision(app.Editor());
        var story = figure.Split('.')[0];

        var byStory = await app.Anonymous().GetJson($"/api/figures?story={story}");
        var byStatus = await app.Anonymous().GetJson($"/api/figures?story={story}&status=conflicting");
        var byLabel = await app.Anonymous().GetJson($"/api/figures?story={story}&q={Uri.EscapeDataString("قوات")}");
        var badStatus = await app.Anonymous().GetAsync("/api/figures?status=unsure");
        var csvRequest = new HttpRequestMessage(HttpMethod.Get, $"/api/figures?story={story}");
        csvRequest.Headers.Add("Accept", "text/csv");
        var csv = await app.Anonymous().SendAsync(csvRequest);
        var claimsCsv = new HttpRequestMessage(HttpMethod.Get, $"/api/figures/{figure}");
        claimsCsv.Headers.Add("Accept", "text/csv");
        var claims = await (await app.Anonymous().SendAsync(claimsCsv)).Content.ReadAsStringAsync();

        Assert.Equal(1, (int)byStory["total"]!);
        Assert.Equal(figure, (string?)byStory["items"]![0]!["key"]);
        Assert.Equal(0, (int)byStatus["total"]!);
        Assert.Equal(1, (int)byLabel["total"]!);
        Assert.Equal(HttpStatusCode.BadRequest, badStatus.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var lines = (await csv.Content.ReadAsStringAsync()).Trim().Split('\n');
        Assert.StartsWith("key,story,kind", lines[0]);
        Assert.StartsWith($"{figure},{story},count,", lines[1]);
        Assert.Equal(3, claims.Trim().Split('\n').Length);
        Assert.Contains("superseded", claims);
    }

    [Fact]
    public async Task Overlapping_version_lookups_share_statements_and_each_gets_its_own_stream_version()
    {
        var app = await App();
        var editor = app.Editor();
        var (figure, _, _, other) = await Revision(editor);
        await using var source = Npgsql.NpgsqlDataSource.Create(postgres.ConnectionString);
        var versions = new FactLedger.Api.Infrastructure.Http.StreamVersions(source, app.Schema);

        // A hundred lookups at once, of the figure and of keys with no stream: one answer each, a few statements.
        var lookups = Enumerable.Range(0, 100)
            .Select(i => versions.GetAsync(i % 2 == 0 ? [figure] : [figure, $"no-such-{i}"], CancellationToken.None))
            .ToList();
        var answers = await Task.WhenAll(lookups);
        Assert.All(answers, a => Assert.Equal(3, a[figure]));
        Assert.All(answers.Where((_, i) => i % 2 == 1), a => Assert.Single(a));
        Assert.InRange(versions.Statements, 1, 10);

        // A lookup asked for after a write has been answered sees it, however many lookups are in flight.
        var busy = Enumerable.Range(0, 50).Select(_ => versions.GetAsync([figure], CancellationToken.None)).ToList();
        await editor.PostJson("/api/claims",
            Claim(figure, other, AtLeast(18), "قتل 18 فرداً من قوات الأمن", attributedTo: "Outlet C")).Ok(201);
        Assert.Equal(4, (await versions.GetAsync([figure], CancellationToken.None))[figure]);
        await Task.WhenAll(busy);
    }
}
