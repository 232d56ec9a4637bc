using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using FactLedger.Api.Tests.Support;
using Xunit.Abstractions;
using static FactLedger.Api.Tests.Support.Ledger;

namespace FactLedger.Api.Tests;

/// <summary>
/// The OpenAPI document against what the API really does: the walkthrough and the failure cases, every request and
/// answer checked against the document the app serves, and the document itself against the contract in the
/// repository (src/FactLedger.Api/Contract/openapi-v1.json) that clients are generated from.
/// </summary>
[Collection(ReadSideCollection.Name)]
public class ContractTests(PostgresFixture postgres, ITestOutputHelper output)
{
    private static string Repository([System.Runtime.CompilerServices.CallerFilePath] string here = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, "..", ".."));

    /// <summary>Webhooks may go to this machine, where the walkthrough's receiver listens.</summary>
    private Task<FactLedgerApp> App() =>
        postgres.AppFor<ContractTests>(s => s["FactLedger:Webhooks:AllowedHosts:0"] = "127.0.0.1");

    [Fact]
    public async Task The_served_document_is_the_contract_in_the_repository()
    {
        var app = await App();
        var served = (await app.Anonymous().GetJson("/openapi/v1.json")).ToJsonString(Indented);
        var file = Path.Combine(Repository(), "src", "FactLedger.Api", "Contract", "openapi-v1.json");
        var committed = File.Exists(file) ? await File.ReadAllTextAsync(file) : "";
        if (committed.ReplaceLineEndings() == served.ReplaceLineEndings() + "\n") return;
        var changed = Path.Combine(Repository(), "tests", "TestResults", "openapi-v1.json");
        Directory.CreateDirectory(Path.GetDirectoryName(changed)!);
        await File.WriteAllTextAsync(changed, served + "\n");
        Assert.Fail($"The API's OpenAPI document changed. If the change is meant, copy {changed} to {file} and " +
            "regenerate the client (see the README, API contract); a change a client cannot follow shows there.");
    }

    private static readonly System.Text.Json.JsonSerializerOptions Indented = new() { WriteIndented = true };

    [Fact]
    public async Task Every_request_and_answer_of_the_walkthrough_and_the_failures_matches_the_document()
    {
        var app = await App();
        var contract = new OpenApiContract(await app.Anonymous().GetJson("/openapi/v1.json"));
        HttpClient Client(string? key)
        {
            var client = app.CreateDefaultClient(new OpenApiContract.Recorder(contract));
            if (key is not null) client.DefaultRequestHeaders.Add("X-Api-Key", key);
            return client;
        }
        var (editor, reader, anonymous) = (Client(FactLedgerApp.EditorKey), Client(FactLedgerApp.ReaderKey),
            Client(null));
        var admin = Client(FactLedgerApp.AdminKey);
        await using var receiver = await WebhookReceiver.StartAsync();
        var story = $"ct-{Guid.NewGuid():N}"[..12];
        var (killed, begun) = ($"{story}.security-forces.killed", $"{story}.protests.start");
        var (a, b) = ($"{story}-a", $"{story}-b");

        // The walkthrough: sources, figures, claims, the figure and its history, audits.
        await editor.PostJson("/api/sources", Source(a)).Ok(201);
        await editor.PostJson("/api/sources", Source(a)).Ok(200);
        await editor.PostJson("/api/sources", new
        {
            key = b, language = "en", title = "Report", publishedAt = "2022-01-08T10:00:00Z",
            text = "At least 20 members of the security forces were killed, the ministry said. Protests began on " +
                "2 January.", propose = true, story,
        }).Ok(201);
        await editor.PostJson("/api/figures", Figure(killed)).Ok(201);
        await editor.PostJson("/api/figures", Figure(begun, kind: "date", cumulative: false)).Ok(201);
        await editor.PostJson("/api/figures", Figure(killed)).Ok(200);
        var hook = (string)(await admin.PostJson("/api/webhooks", new { url = receiver.BaseUrl + "/hooks", story })
            .Ok(201))["id"]!;
        await editor.PostJson("/api/claims", Claim(killed, a, AtLeast(18), "قتل 18 فرداً", id: $"{story}-18",
            attributedTo: "وزارة الداخلية الكازاخستانية")).Ok(201);
        await editor.PostJson("/api/claims", Claim(killed, a, Exact(13), "مقتل 13", id: $"{story}-13")).Ok(201);
        await editor.PostJson("/api/claims", Claim(killed, a, Exact(13), "مقتل 13", id: $"{story}-13")).Ok(200);
        await editor.PostJson($"/api/claims/{story}-13/corrections",
            new { value = Exact(14), reason = "misread", publishedAt = "2022-01-08T00:00:00Z" }).Ok(200);
        await editor.PostJson($"/api/claims/{story}-13/retraction", new { reason = "duplicate" }).Ok(200);
        await editor.PostJson($"/api/figures/{killed}/labels",
            new { labels = new { en = "Security forces killed" }, reason = "shorter" }).Ok(200);
        var bundle = new
        {
            sources = Array.Empty<object>(), figures = Array.Empty<object>(),
            claims = new[] { Claim(killed, a, MoreThan(748), "أكثر من 748", id: $"{story}-748") },
        };
        await editor.PostJson("/api/ingest", bundle).Ok(200);
        var lines = $"{{\"claim\":{System.Text.Json.JsonSerializer.Serialize(Claim(killed, a, Exact(353),
            "إصابة 353", id: $"{story}-353"))}}}\n{{\"nothing\":1}}\n";
        (await editor.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/ingest")
        {
            Content = new StringContent(lines, Encoding.UTF8, "application/x-ndjson"),
        })).EnsureSuccessStatusCode();

        var figure = await reader.GetAsync($"/api/figures/{killed}");
        Assert.Equal(HttpStatusCode.OK, figure.StatusCode);
        var unchanged = new HttpRequestMessage(HttpMethod.Get, $"/api/figures/{killed}");
        unchanged.Headers.IfNoneMatch.Add(figure.Headers.ETag!);
        Assert.Equal(HttpStatusCode.NotModified, (await reader.SendAsync(unchanged)).StatusCode);
        await reader.GetJson($"/api/figures/{killed}?asOf=2022-01-07T12:00:00Z&knownAt=2030-01-01T00:00:00Z");
        await Csv(reader, $"/api/figures/{killed}");
        await Csv(reader, $"/api/figures?story={story}");
        await reader.GetJson($"/api/figures?story={story}&sort=latest-report");
        var timeline = await reader.GetAsync($"/api/figures/{killed}/timeline");
        var unchangedTimeline = new HttpRequestMessage(HttpMethod.Get, $"/api/figures/{killed}/timeline");
        unchangedTimeline.Headers.IfNoneMatch.Add(timeline.Headers.ETag!);
        await reader.SendAsync(unchangedTimeline);
        await reader.GetJson($"/api/figures/{killed}/events");
        await reader.GetJson("/api/stories");
        await reader.GetJson("/api/sources?language=ar");
        await reader.GetJson($"/api/sources/{a}");
        await app.CatchUp();
        await reader.GetJson($"/api/sources/{a}/claims");
        var ministry = Uri.EscapeDataString("وزارة الداخلية الكازاخستانية");
        await reader.GetJson($"/api/origins/{ministry}/claims");
        await reader.GetJson("/api/activity?by=alice");
        var stream = await reader.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"/api/stream?figure={killed}"),
            HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("text/event-stream", stream.Content.Headers.ContentType?.MediaType);
        stream.Dispose();
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync($"/api/stream?figure={story}.all.nothing"))
            .StatusCode);

        // Proposals: propose, list, read, accept one with an edit, reject another.
        var proposals = (await editor.PostJson($"/api/sources/{b}/proposals", new { story }).Ok(200))["items"]!
            .AsArray();
        Assert.True(proposals.Count >= 2, "the report's two statements are proposed");
        await reader.GetJson($"/api/proposals?source={b}&status=pending");
        await reader.GetJson($"/api/proposals/{proposals[0]!["id"]}");
        var count = proposals.First(p => (string?)p!["measure"] == "killed")!;
        await editor.PostJson($"/api/proposals/{count["id"]}/accept", new { figure = killed, note = "checked" })
            .Ok(201);
        await editor.PostJson($"/api/proposals/{count["id"]}/accept", new { }).Ok(200);
        var other = proposals.First(p => p != count)!;
        await editor.PostJson($"/api/proposals/{other["id"]}/reject", new { reason = "not now" }).Ok(200);

        // Dependencies: a copy suggested and confirmed (again: nothing changes); one declared, withdrawn, rejected.
        var (c, d) = ($"{story}-c", $"{story}-d");
        const string wire = "Thousands of people gathered in the main square of the city on Wednesday evening, " +
            "chanting against the rise in fuel prices, as police in riot gear blocked the roads leading to the " +
            "regional administration building. Witnesses said several cars were set on fire and shop windows were " +
            "smashed along the central avenue before the crowd was dispersed with tear gas late at night.";
        await editor.PostJson("/api/sources", Source(c, wire, "2022-01-05T20:00:00Z", outlet: "Outlet C",
            language: "en")).Ok(201);
        await editor.PostJson("/api/sources", Source(d, wire + " Shops stayed shut on Thursday.",
            "2022-01-06T08:00:00Z", outlet: "Outlet D", language: "en")).Ok(201);
        await reader.GetJson($"/api/dependencies?status=suggested&source={d}");
        var copied = $"dep.{d}.source.{c}";
        await editor.PostJson($"/api/dependencies/{copied}/confirm", new { reason = "the same text" }).Ok(200);
        await editor.PostJson($"/api/dependencies/{copied}/confirm", new { }).Ok(200);
        await reader.GetJson("/api/dependencies?status=confirmed");
        var declared = new { source = b, dependsOn = "Reuters", kind = "agency", reason = "runs the wire" };
        await editor.PostJson("/api/dependencies", declared).Ok(201);
        await editor.PostJson("/api/dependencies", declared).Ok(200);
        await editor.PostJson($"/api/dependencies/dep.{b}.agency.reuters/withdraw", new { reason = "own" }).Ok(200);
        await editor.PostJson($"/api/dependencies/dep.{b}.agency.reuters/reject", new { reason = "own" }).Ok(200);
        // Identities: one declared (again: nothing changes), listed, withdrawn.
        var identity = new { name = $"{story} ministry", sameAs = $"{story} interior ministry", reason = "one body" };
        var same = await editor.PostJson("/api/origins/identities", identity).Ok(201);
        await editor.PostJson("/api/origins/identities", identity).Ok(200);
        await reader.GetJson("/api/origins/identities?status=standing");
        await editor.PostJson($"/api/origins/identities/{same["identity"]!["id"]}/withdraw", new { reason = "two" })
            .Ok(200);
        // Webhooks: the story's changes reach the receiver; list, read, deliveries, resume, delete.
        await app.CatchUp();
        for (var wait = 0; wait < 200 && receiver.Requests.IsEmpty; wait++) await Task.Delay(50);
        Assert.NotEmpty(receiver.Requests);
        await admin.GetJson("/api/webhooks");
        await admin.GetJson($"/api/webhooks/{hook}");
        await admin.GetJson($"/api/webhooks/{hook}/deliveries?status=delivered&pageSize=10");
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/webhooks/{hook}/resume", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/webhooks/{hook}")).StatusCode);

        // The failures: each answer must be a documented problem.
        await Fails(editor, "/api/claims", Claim(killed, a, new { qualifier = "roughly", value = 1 }, "مقتل 13"),
            HttpStatusCode.BadRequest);
        await Fails(editor, "/api/claims", Claim($"{story}.all.nothing", a, Exact(1), "مقتل 13"),
            HttpStatusCode.UnprocessableEntity);
        await Fails(editor, "/api/claims", Claim(killed, a, Exact(1), "not in the text"),
            HttpStatusCode.UnprocessableEntity);
        await Fails(editor, "/api/claims", Claim(killed, a, Exact(99), "مقتل 13", id: $"{story}-18"),
            HttpStatusCode.Conflict);
        await Fails(anonymous, "/api/claims", Claim(killed, a, Exact(13), "مقتل 13"), HttpStatusCode.Unauthorized);
        await Fails(reader, "/api/claims", Claim(killed, a, Exact(13), "مقتل 13"), HttpStatusCode.Forbidden);
        await Fails(editor, "/api/sources", new { key = "big", text = new string('x', 2_100_000) },
            HttpStatusCode.RequestEntityTooLarge);
        await Fails(editor, $"/api/proposals/{other["id"]}/accept", new { }, HttpStatusCode.Conflict);
        await Fails(editor, "/api/proposals/p-none/reject", new { reason = "r" }, HttpStatusCode.NotFound);
        await Fails(editor, $"/api/dependencies/dep.{story}-x.source.{c}/confirm", new { }, HttpStatusCode.NotFound);
        await Fails(editor, $"/api/dependencies/{copied}/reject", new { reason = "r" }, HttpStatusCode.Conflict);
        await Fails(editor, $"/api/dependencies/dep.{b}.agency.reuters/withdraw", new { reason = "r" },
            HttpStatusCode.Conflict);
        await Fails(editor, "/api/dependencies", new { source = $"{story}-none", dependsOn = c, kind = "source",
            reason = "r" }, HttpStatusCode.UnprocessableEntity);
        await Fails(editor, "/api/dependencies", new { source = c, dependsOn = c, kind = "source", reason = "r" },
            HttpStatusCode.BadRequest);
        Assert.Equal(HttpStatusCode.BadRequest, (await reader.GetAsync("/api/dependencies?status=maybe")).StatusCode);
        await Fails(editor, "/api/origins/identities", new { name = "a", sameAs = " A ", reason = "r" },
            HttpStatusCode.BadRequest);
        await editor.PostJson("/api/origins/identities", new { name = $"{story} mvd", sameAs = "MVD", reason = "r" })
            .Ok(201);
        await Fails(editor, "/api/origins/identities", new { name = "MVD", sameAs = $"{story} mvd", reason = "r" },
            HttpStatusCode.Conflict);
        await Fails(editor, "/api/origins/identities/same.none/withdraw", new { reason = "r" },
            HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.BadRequest,
            (await reader.GetAsync("/api/origins/identities?status=maybe")).StatusCode);
        await Fails(admin, "/api/webhooks", new { url = "https://10.0.0.1/x" }, HttpStatusCode.UnprocessableEntity);
        await Fails(editor, "/api/webhooks", new { url = receiver.BaseUrl }, HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/webhooks/{hook}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync($"/api/figures/{story}.all.nothing")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync("/api/sources/no-such-source")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await reader.GetAsync("/api/figures?pageSize=0")).StatusCode);
        var wrongType = new HttpRequestMessage(HttpMethod.Post, "/api/claims")
            { Content = new StringContent("x", Encoding.UTF8, "text/plain") };
        wrongType.Options.Set(OpenApiContract.InvalidRequest, true);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await editor.SendAsync(wrongType)).StatusCode);

        foreach (var seen in contract.Exercised.Keys.Order()) output.WriteLine(seen);
        var untried = contract.Operations
            .Where(o => !contract.Exercised.Keys.Any(e => e.StartsWith(o + " ", StringComparison.Ordinal)))
            .ToList();
        Assert.True(untried.Count == 0, "operations never exercised: " + string.Join(", ", untried));
        Assert.True(contract.Violations.IsEmpty, string.Join("\n", contract.Violations));
    }

    private static async Task Csv(HttpClient client, string url)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));
        var response = await client.SendAsync(request);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
    }

    private static async Task Fails(HttpClient client, string url, object body, HttpStatusCode expected)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new StringContent(System.Text.Json.JsonSerializer.Serialize(body), Encoding.UTF8,
                "application/json"),
        };
        request.Options.Set(OpenApiContract.InvalidRequest, true);
        var response = await client.SendAsync(request);
        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
