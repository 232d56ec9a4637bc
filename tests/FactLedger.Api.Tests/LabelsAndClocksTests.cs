using System.Net;
using FactLedger.Api.Tests.Support;
using static FactLedger.Api.Tests.Support.Ledger;

namespace FactLedger.Api.Tests;

[Collection(ReadSideCollection.Name)]
public class LabelsAndClocksTests(PostgresFixture postgres)
{
    private Task<FactLedgerApp> App() => postgres.AppFor<LabelsAndClocksTests>();

    [Fact]
    public async Task A_figures_labels_can_be_corrected_with_a_reason_and_the_correction_is_on_record()
    {
        var app = await App();
        var editor = app.Editor();
        var figure = $"lb-{Guid.NewGuid():N}"[..12] + ".all.killed";
        await editor.PostJson("/api/figures", Figure(figure)).Ok(201);
        var labels = new { en = "Deaths (Turkey) [AFAD figures]", tr = "Ölümler (AFAD)" };

        var corrected = await editor.PostJson($"/api/figures/{figure}/labels",
            new { labels, reason = "AFAD is the source of the count" }).Ok(200);
        var again = await editor.PostJson($"/api/figures/{figure}/labels", new { labels, reason = "again" }).Ok(200);

        Assert.True((bool)corrected["changed"]!);
        Assert.False((bool)again["changed"]!);
        var view = await app.Reader().GetJson($"/api/figures/{figure}");
        Assert.Equal("Deaths (Turkey) [AFAD figures]", (string?)view["labels"]!["en"]);
        Assert.Null(view["labels"]!["ar"]);
        var events = (await app.Reader().GetJson($"/api/figures/{figure}/events"))["events"]!.AsArray();
        var correction = Assert.Single(events, e => (string?)e!["type"] == "figure_labels_corrected")!;
        Assert.Equal("alice", (string?)correction["user"]);
        Assert.Equal("AFAD is the source of the count", (string?)correction["data"]!["reason"]);
        var listed = await app.Reader().GetJson($"/api/figures?story={figure.Split('.')[0]}");
        Assert.Equal("Ölümler (AFAD)", (string?)listed["items"]![0]!["labels"]!["tr"]);

        var noReason = await editor.PostJson($"/api/figures/{figure}/labels", new { labels });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        foreach (var bad in new[] { "{\"labels\": ", "{\"labels\":{\"en\":\"x\"},\"reason\":\"r\",\"admin\":true}" })
        {
            var refused = await editor.PostJson($"/api/figures/{figure}/labels", bad);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        }
        var unknown = await editor.PostJson($"/api/figures/{figure}x/labels", new { labels, reason = "r" });
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        var reader = await app.Reader().PostJson($"/api/figures/{figure}/labels", new { labels, reason = "r" });
        Assert.Equal(HttpStatusCode.Forbidden, reader.StatusCode);
    }

    [Fact]
    public async Task A_figure_says_when_its_newest_report_was_published_apart_from_when_it_was_recorded()
    {
        var app = await App();
        var editor = app.Editor();
        var story = $"ck-{Guid.NewGuid():N}"[..12];
        var (early, late, none) = ($"{story}.all.killed", $"{story}.all.injured", $"{story}.all.missing");
        await editor.PostJson("/api/sources", Source($"{story}-a", published: "2022-01-06T10:00:00Z")).Ok();
        await editor.PostJson("/api/sources", Source($"{story}-b", published: "2022-01-08T10:00:00Z")).Ok();
        await editor.PostJson("/api/figures", Figure(early)).Ok();
        await editor.PostJson("/api/figures", Figure(late)).Ok();
        await editor.PostJson("/api/figures", Figure(none)).Ok();
        await editor.PostJson("/api/claims", Claim(late, $"{story}-b", Exact(13), "مقتل 13")).Ok(201);
        await editor.PostJson("/api/claims", Claim(early, $"{story}-a", AtLeast(18), "قتل 18 فرداً")).Ok(201);

        var view = await app.Reader().GetJson($"/api/figures/{early}");
        Assert.Equal(DateTimeOffset.Parse("2022-01-06T10:00:00Z"), (DateTimeOffset)view["latestReportAt"]!);
        Assert.True((DateTimeOffset)view["lastChangedAt"]! > DateTimeOffset.UtcNow.AddMinutes(-5));

        var byReport = await app.Reader().GetJson($"/api/figures?story={story}&sort=latest-report");
        Assert.Equal([late, early, none], byReport["items"]!.AsArray().Select(i => (string)i!["key"]!));
        var byRecorded = await app.Reader().GetJson($"/api/figures?story={story}&sort=recorded");
        Assert.Equal([early, late, none], byRecorded["items"]!.AsArray().Select(i => (string)i!["key"]!));
        var bad = await app.Reader().GetAsync($"/api/figures?story={story}&sort=size");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }
}
