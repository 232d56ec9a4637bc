using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using FactLedger.Api.Features.Proposals;
using FactLedger.Api.Tests.Support;
using static FactLedger.Api.Tests.Support.Http;
using static FactLedger.Api.Tests.Support.Ledger;

namespace FactLedger.Api.Tests;

/// <summary>Proposals from a source's text: proposed by the extractor, never counted until an editor accepts one
/// (through the normal claim path) or rejects it.</summary>
[Collection(ReadSideCollection.Name)]
public class ProposalTests(PostgresFixture postgres)
{
    private const string Report =
        "Flood death toll rises\n\n" +
        "At least 42 people were killed and more than 300 were injured when the river burst its banks, " +
        "the health ministry said on Tuesday.\n\n" +
        "Some 2,000 people were displaced from their homes, according to the Red Crescent.";

    private Task<FactLedgerApp> App() => postgres.AppFor<ProposalTests>();

    private static object Figure(string key, string label) => new
    {
        key, kind = "count", cumulative = true, labels = new Dictionary<string, string> { ["en"] = label },
    };

    private static JsonNode Find(JsonArray items, string measure) =>
        items.Single(p => (string?)p!["measure"] == measure)!;

    [Fact]
    public async Task A_source_registered_with_propose_gets_proposals_that_count_only_once_accepted()
    {
        var app = await App();
        var editor = app.Editor();
        var story = $"pr-{Guid.NewGuid():N}"[..12];
        await editor.PostJson("/api/figures", Figure($"{story}.people.killed", "People killed")).Ok(201);
        await editor.PostJson("/api/figures", Figure($"{story}.people.injured", "People injured")).Ok(201);
        await editor.PostJson("/api/figures", Figure($"{story}.people.displaced", "People displaced")).Ok(201);
        var source = new
        {
            key = $"{story}-wire", outlet = "Wire", language = "en", title = "Flood",
            publishedAt = "2023-09-12T10:00:00+00:00", text = Report, propose = true, story,
        };

        var registered = await editor.PostJson("/api/sources", source).Ok(201);

        Assert.True((int)registered["proposals"]! >= 3);
        var listed = await app.Reader().GetJson($"/api/proposals?source={story}-wire&status=pending");
        var items = listed["items"]!.AsArray();
        var killed = Find(items, "killed");
        Assert.Equal("at_least", (string?)killed["value"]!["qualifier"]);
        Assert.Equal(42, (int)killed["value"]!["value"]!);
        Assert.Equal($"{story}.people.killed", (string?)killed["figure"]);
        Assert.Equal("pending", (string?)killed["status"]);
        var quote = (string)killed["quote"]!;
        Assert.Equal(quote, Report.Substring((int)killed["quoteOffset"]!, (int)killed["quoteLength"]!));
        Assert.Contains("42", quote);
        Assert.False(string.IsNullOrEmpty((string?)killed["extractor"]));
        Assert.InRange((double)killed["confidence"]!, 0.0, 1.0);
        // A proposal never counts.
        var before = await app.Reader().GetJson($"/api/figures/{story}.people.killed");
        Assert.Empty(before["claims"]!.AsArray());

        var id = (string)killed["id"]!;
        var accepted = await editor.PostJson($"/api/proposals/{id}/accept", new { }).Ok(201);
        var again = await editor.PostJson($"/api/proposals/{id}/accept", new { }).Ok(200);

        Assert.Equal(id, (string?)accepted["claimId"]);
        Assert.Equal((string?)accepted["claimId"], (string?)again["claimId"]);
        var after = await app.Reader().GetJson($"/api/figures/{story}.people.killed");
        var claim = Assert.Single(after["claims"]!.AsArray())!;
        Assert.Equal(id, (string?)claim["id"]);
        Assert.Equal(42, (long)after["estimate"]!["best"]!);
        Assert.Equal("accepted", (string?)(await app.Reader().GetJson($"/api/proposals/{id}"))["status"]);
        var repeated = await editor.PostJson($"/api/sources/{story}-wire/proposals", new { story }).Ok(200);
        Assert.Equal(0, (int)repeated["proposed"]!);
        Assert.Equal(items.Count, repeated["items"]!.AsArray().Count);
    }

    [Fact]
    public async Task An_editor_rejects_a_proposal_or_accepts_it_with_changes_and_bad_changes_leave_it_pending()
    {
        var app = await App();
        var editor = app.Editor();
        var story = $"pe-{Guid.NewGuid():N}"[..12];
        await editor.PostJson("/api/figures", Figure($"{story}.people.displaced", "People displaced")).Ok(201);
        await editor.PostJson("/api/figures", Figure($"{story}.all.dead", "Deaths")).Ok(201);
        await editor.PostJson("/api/sources", Source($"{story}-a", Report, "2023-09-12T10:00:00+00:00",
            language: "en")).Ok(201);

        var proposed = await editor.PostJson($"/api/sources/{story}-a/proposals", new { story }).Ok(200);
        var items = proposed["items"]!.AsArray();
        var (injured, displaced) = ((string)Find(items, "injured")["id"]!, (string)Find(items, "displaced")["id"]!);
        var killed = Find(items, "killed");

        var rejected = await editor.PostJson($"/api/proposals/{injured}/reject", new { reason = "not this story" })
            .Ok(200);
        var rejectedAgain = await editor.PostJson($"/api/proposals/{injured}/reject", new { reason = "again" })
            .Ok(200);
        Assert.True((bool)rejected["changed"]!);
        Assert.False((bool)rejectedAgain["changed"]!);
        Assert.Equal(HttpStatusCode.Conflict,
            (await editor.PostJson($"/api/proposals/{injured}/accept", new { })).StatusCode);
        await Problem(editor.PostJson($"/api/proposals/{injured}/reject", new { }), HttpStatusCode.BadRequest);

        // Edits that fail the claim's own checks are refused and change nothing.
        await Problem(editor.PostJson($"/api/proposals/{displaced}/accept",
            new { value = new { qualifier = "roughly", value = 2000 } }), HttpStatusCode.BadRequest);
        await Problem(editor.PostJson($"/api/proposals/{displaced}/accept",
            new { figure = $"{story}.people.nowhere" }), HttpStatusCode.UnprocessableEntity);
        await Problem(editor.PostJson($"/api/proposals/{displaced}/accept",
            new { figure = "not a key" }), HttpStatusCode.BadRequest);
        Assert.Equal("pending", (string?)(await app.Reader().GetJson($"/api/proposals/{displaced}"))["status"]);
        var stillEmpty = await app.Reader().GetJson($"/api/figures/{story}.people.displaced");
        Assert.Empty(stillEmpty["claims"]!.AsArray());

        var accepted = await editor.PostJson($"/api/proposals/{displaced}/accept", new
        {
            value = new { qualifier = "approximately", value = 2100 }, attributedTo = "Red Crescent",
            note = "2,100 in the agency's own release",
        }).Ok(201);
        var view = await app.Reader().GetJson($"/api/figures/{story}.people.displaced");
        var claim = Assert.Single(view["claims"]!.AsArray())!;
        Assert.Equal((string?)accepted["claimId"], (string?)claim["id"]);
        Assert.Equal(2100, (long)claim["value"]!["value"]!);
        Assert.Equal("Red Crescent", (string?)claim["attributedTo"]);

        // A proposal the story has no figure for says which one it needs, and is accepted into another by name.
        var deathsFigure = (string?)killed["figure"] ?? (string?)killed["neededFigure"];
        Assert.NotNull(deathsFigure);
        await editor.PostJson($"/api/proposals/{(string)killed["id"]!}/accept", new { figure = $"{story}.all.dead" })
            .Ok(201);
        Assert.Single((await app.Reader().GetJson($"/api/figures/{story}.all.dead"))["claims"]!.AsArray());

        var pending = await app.Reader().GetJson($"/api/proposals?source={story}-a&status=pending");
        Assert.DoesNotContain(pending["items"]!.AsArray(), p => (string?)p!["id"] == displaced);
        var byStory = await app.Reader().GetJson($"/api/proposals?story={story}&status=rejected");
        Assert.Equal(injured, (string?)Assert.Single(byStory["items"]!.AsArray())!["id"]);
    }

    [Fact]
    public async Task Proposals_made_without_a_story_are_matched_to_its_figures_when_one_is_given()
    {
        var app = await App();
        var editor = app.Editor();
        var story = $"pm-{Guid.NewGuid():N}"[..12];
        await editor.PostJson("/api/figures", Figure($"{story}.people.killed", "People killed")).Ok(201);
        await editor.PostJson("/api/sources", new
        {
            key = $"{story}-wire", language = "en", title = "Flood", publishedAt = "2023-09-12T10:00:00+00:00",
            text = Report, propose = true,
        }).Ok(201);
        var unmatched = await app.Reader().GetJson($"/api/proposals?source={story}-wire");
        Assert.Null(Find(unmatched["items"]!.AsArray(), "killed")["figure"]);

        var again = await editor.PostJson($"/api/sources/{story}-wire/proposals", new { story }).Ok(200);

        Assert.Equal(0, (int)again["proposed"]!);
        var killed = Find(again["items"]!.AsArray(), "killed");
        Assert.Equal($"{story}.people.killed", (string?)killed["figure"]);
        Assert.Equal(story, (string?)killed["story"]);
        Assert.NotNull(Find(again["items"]!.AsArray(), "injured")["neededFigure"]);
    }

    [Fact]
    public async Task Bad_proposal_requests_are_problems_and_append_nothing()
    {
        var app = await App();
        var editor = app.Editor();
        await Problem(editor.PostJson("/api/sources/no-such-source/proposals", new { }), HttpStatusCode.NotFound);
        await Problem(editor.PostJson("/api/sources/NO..KEY/proposals", new { }), HttpStatusCode.NotFound);
        await Problem(editor.PostJson("/api/proposals/p-0000/accept", new { }), HttpStatusCode.NotFound);
        await Problem(editor.PostJson("/api/proposals/p-0000/reject", new { reason = "r" }), HttpStatusCode.NotFound);
        await Problem(app.Reader().GetAsync("/api/proposals/p-0000"), HttpStatusCode.NotFound);
        await Problem(app.Reader().GetAsync("/api/proposals?status=maybe"), HttpStatusCode.BadRequest);
        await Problem(app.Reader().GetAsync("/api/proposals?story=Bad%20Story"), HttpStatusCode.BadRequest);
        await Problem(editor.PostJson("/api/sources/x/proposals", "{\"story\": 5}"), HttpStatusCode.BadRequest);
        await Problem(editor.PostJson("/api/sources/x/proposals", "{\"story\": \"s\", \"extra\": 1}"),
            HttpStatusCode.BadRequest);
        Assert.Equal(HttpStatusCode.Forbidden,
            (await app.Reader().PostJson("/api/sources/x/proposals", new { })).StatusCode);
    }

    [Fact]
    public async Task The_propose_command_prints_a_bundle_that_ingest_accepts()
    {
        var app = await App();
        var folder = Directory.CreateTempSubdirectory("propose-");
        var file = Path.Combine(folder.FullName, "flood report.txt");
        await File.WriteAllTextAsync(file, Report);
        var story = $"pc-{Guid.NewGuid():N}"[..12];
        var output = new StringWriter();
        var error = new StringWriter();

        var exit = ProposeFile.Run([file, "--language", "en", "--published", "2023-09-12T10:00:00Z", "--story", story],
            output, error);

        Assert.Equal(0, exit);
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(lines, l => l.StartsWith("{\"source\"", StringComparison.Ordinal));
        Assert.True(lines.Count(l => l.StartsWith("{\"claim\"", StringComparison.Ordinal)) >= 3);
        var ingest = new HttpRequestMessage(HttpMethod.Post, "/api/ingest")
        {
            Content = new StringContent(output.ToString(), Encoding.UTF8, "application/x-ndjson"),
        };
        var result = await (await app.Editor().SendAsync(ingest)).Json();
        Assert.Equal(0, (int)result["rejected"]!);
        Assert.Equal(lines.Length, (int)result["created"]!);

        Assert.Equal(64, ProposeFile.Run([file, "--published", "2023-09-12T10:00:00Z"], output, error));
        Assert.Equal(64, ProposeFile.Run([file, "--language", "en"], output, error));
        Assert.Equal(66, ProposeFile.Run([file + ".missing", "--language", "en", "--published", "2023-09-12"],
            output, error));
    }
}
