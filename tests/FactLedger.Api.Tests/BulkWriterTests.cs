using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FactLedger.Api.Features.Figures;
using FactLedger.Api.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace FactLedger.Api.Tests;

/// <summary>
/// The set-based writer (a statement per table) against Marten's append path: the same input written through each, in
/// two schemas, leaves the same events, streams, idempotency records, views and figure changes, and every read endpoint
/// answers the same, ids and timestamps aside.
/// </summary>
[Collection(LedgerCollection.Name)]
public class BulkWriterTests(PostgresFixture postgres)
{
    private const string Story = "bulkeq";

    [Fact]
    public async Task Bulk_and_single_claim_paths_store_and_answer_the_same()
    {
        var inSets = await WriteAndRead(bulkWriteMinimum: 1);
        var appended = await WriteAndRead(bulkWriteMinimum: 0);

        Assert.True(inSets.BatchesInSets >= 4, $"only {inSets.BatchesInSets} batches were written in sets");
        Assert.Equal(0, appended.BatchesInSets);
        Assert.Equal(appended.Answers.Keys, inSets.Answers.Keys);
        foreach (var (what, expected) in appended.Answers)
            Assert.True(expected == inSets.Answers[what],
                $"{what} differs (appended, then in sets):\n{Around(expected, inSets.Answers[what])}");
    }

    [Fact]
    public async Task A_claim_id_reused_within_and_across_bulk_batches_is_a_conflict_and_a_repeat_is_a_no_op()
    {
        await using var app = new FactLedgerApp(postgres.ConnectionString, PostgresFixture.SchemaFor(GetType()),
            s => s["FactLedger:BulkWriteMinimum"] = "1");
        await app.StartAsync();
        var editor = app.Editor();
        var bundle = JsonNode.Parse(GeneratedStory.Json(GeneratedStory.Bundle("bulkid", 2, 2, 20)))!;
        var claims = bundle["claims"]!.AsArray();
        var twin = claims[3]!.DeepClone();
        var impostor = claims[5]!.DeepClone();
        impostor["value"] = JsonNode.Parse("""{"qualifier":"exact","value":7}""");
        impostor["quote"] = "officials said 105 people were detained in district 5.";
        claims.Add(twin);
        claims.Add(impostor);
        var first = await editor.PostJson("/api/ingest", bundle.ToJsonString()).Ok(200);
        Assert.Equal(2 + 2 + 20, (int)first["created"]!);
        Assert.Equal(1, (int)first["alreadyPresent"]!);
        var refused = Assert.Single(first["items"]!.AsArray(), i => i!["reason"] is not null)!;
        Assert.Equal("bulkid-c5", (string?)refused["key"]);
        Assert.Contains("already used by a different claim", (string?)refused["reason"]);

        var again = await editor.PostJson("/api/ingest", bundle.ToJsonString()).Ok(200);
        Assert.Equal(0, (int)again["created"]!);
        Assert.Equal(2 + 2 + 21, (int)again["alreadyPresent"]!);
        Assert.Equal(1, (int)again["rejected"]!);
        Assert.Equal(20, await app.EventCount("claim_recorded"));
        Assert.True(app.Services.GetRequiredService<FigureWriter>().BatchesInSets >= 2);
    }

    private sealed record Run(long BatchesInSets, Dictionary<string, string> Answers);

    /// <summary>Writes the scenario into a fresh schema and collects what is stored and answered.</summary>
    private async Task<Run> WriteAndRead(int bulkWriteMinimum)
    {
        var schema = PostgresFixture.SchemaFor(GetType());
        // One lane: with two, which lane commits first would number the events of different figures differently in
        // the two runs; what is compared here is the two writers.
        await using var app = new FactLedgerApp(postgres.ConnectionString, schema, s =>
        {
            s["FactLedger:BulkWriteMinimum"] = bulkWriteMinimum.ToString();
            s["FactLedger:BulkWriters"] = "1";
        });
        await app.StartAsync();
        var answers = new Dictionary<string, string>();
        var editor = app.Editor();

        answers["ingest seeds"] = (await Send(editor, "seeds", "application/json", SeedTests.BundleForHttp()))
            .ToJsonString();
        answers["ingest stream"] = (await Send(editor, "stream", "application/x-ndjson", StreamInput()))
            .ToJsonString();
        await Send(editor, "correct", "application/json",
            JsonSerializer.Serialize(new { value = new { qualifier = "at_least", value = 2298 }, reason = "so far" }),
            "/api/claims/kz-detained-2298/corrections");
        await Send(editor, "retract", "application/json",
            JsonSerializer.Serialize(new { reason = "a duplicate" }), $"/api/claims/{Story}-c4/retraction");
        await Send(editor, "one claim", "application/json", JsonSerializer.Serialize(new
        {
            id = "one-more", figure = $"{Story}.group-1.detained", source = $"{Story}-s0",
            value = new { qualifier = "exact", value = 130 },
            quote = "officials said 130 people were detained in district 80.",
        }), "/api/claims");
        // After the retraction, recorded in sets again on the figure whose current claim was withdrawn.
        answers["ingest after"] = (await Send(editor, "after", "application/x-ndjson", string.Join("\n",
            Enumerable.Range(0, 12).Select(i => Line("claim", Claim(i + 200, "late-")))))).ToJsonString();
        await app.CatchUp();

        foreach (var (what, rows) in await Tables(postgres.ConnectionString, schema)) answers[what] = rows;
        var client = app.Anonymous();
        var now = Uri.EscapeDataString(DateTimeOffset.UtcNow.AddSeconds(1).ToString("O"));
        var urls = new List<string>
        {
            "/api/figures?pageSize=100", "/api/sources?pageSize=100", "/api/stories", "/api/activity?pageSize=500",
            "/api/activity?pageSize=500&page=2",
            $"/api/origins/{Uri.EscapeDataString("Kazakh Interior Ministry")}/claims", "/api/origins/Ministry/claims",
            "/api/origins/Outlet%201/claims",
        };
        foreach (var f in (await client.GetJson("/api/figures?pageSize=100"))["items"]!.AsArray())
        {
            var key = (string)f!["key"]!;
            urls.AddRange([
                $"/api/figures/{key}", $"/api/figures/{key}/timeline", $"/api/figures/{key}/events",
                $"/api/figures/{key}?asOf=2022-01-08T00:00:00Z",
                $"/api/figures/{key}?knownAt={now}",
            ]);
        }
        foreach (var s in (await client.GetJson("/api/sources?pageSize=100"))["items"]!.AsArray())
            urls.Add($"/api/sources/{s!["key"]}/claims");
        // Keyed without the moment: it differs between the two runs.
        foreach (var url in urls) answers[url.Replace(now, "now")] = Normalized(await client.GetJson(url));
        var writer = app.Services.GetRequiredService<FigureWriter>();
        return new Run(writer.BatchesInSets, answers);
    }

    private static async Task<JsonNode> Send(HttpClient client, string correlation, string contentType, string body,
        string url = "/api/ingest")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new StringContent(body, Encoding.UTF8, contentType),
        };
        request.Headers.Add("X-Correlation-Id", $"bulkeq-{correlation.Replace(' ', '-')}");
        var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{url}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!;
    }

    /// <summary>Sources and figures of a made-up story, then claims in input order with the cases a writer must
    /// tell apart: a repeat of a seed claim, a twin within the input, an id reused for another claim, an undefined
    /// figure, a quote not in the text.</summary>
    private static string StreamInput()
    {
        var story = JsonNode.Parse(GeneratedStory.Json(GeneratedStory.Bundle(Story, 7, 5, 0)))!;
        var lines = new List<string>();
        foreach (var (source, i) in story["sources"]!.AsArray().Select((s, i) => (s!, i)))
        {
            source["text"] = string.Concat(Enumerable.Range(0, 400).Where(c => c % 5 == i)
                .Select(c => $"Report {c}: {Sentence(c)}\n"));
            lines.Add(Line("source", source));
        }
        lines.AddRange(story["figures"]!.AsArray().Select(f => Line("figure", f!)));
        var seedRepeat = JsonNode.Parse(SeedTests.BundleForHttp())!["claims"]!.AsArray()[0]!;
        for (var i = 0; i < 300; i++)
        {
            lines.Add(Line("claim", Claim(i)));
            if (i == 50) lines.Add(Line("claim", seedRepeat));
            if (i == 60) lines.Add(Line("claim", Claim(10)));
            if (i == 70) lines.Add(Line("claim", JsonNode.Parse(JsonSerializer.Serialize(new
            {
                id = $"{Story}-c11", figure = $"{Story}.group-2.detained", source = $"{Story}-s1",
                value = new { qualifier = "exact", value = 99 }, quote = Sentence(11),
            }))!));
            if (i == 80) lines.Add(Line("claim", JsonNode.Parse(JsonSerializer.Serialize(new
            {
                id = "nowhere", figure = $"{Story}.group-99.detained", source = $"{Story}-s0",
                value = new { qualifier = "exact", value = 1 }, quote = Sentence(0),
            }))!));
            if (i == 90) lines.Add(Line("claim", JsonNode.Parse(JsonSerializer.Serialize(new
            {
                id = "misquoted", figure = $"{Story}.group-0.detained", source = $"{Story}-s0",
                value = new { qualifier = "exact", value = 1 }, quote = "nobody said this",
            }))!));
        }
        return string.Join("\n", lines);
    }

    private static string Sentence(int c) => $"officials said {100 + c % 50} people were detained in district {c}.";

    /// <summary>Claim i: figure i mod 7, source i mod 5, every fourth attributed to one ministry, some at least.
    /// </summary>
    private static JsonNode Claim(int i, string prefix = "c") => JsonNode.Parse(JsonSerializer.Serialize(new
    {
        id = $"{Story}-{prefix}{i}", figure = $"{Story}.group-{i % 7}.detained", source = $"{Story}-s{i % 5}",
        value = new { qualifier = i % 3 == 0 ? "at_least" : "exact", value = 100 + i % 50 }, quote = Sentence(i),
        attributedTo = i % 4 == 0 ? "Ministry" : null,
    }))!;

    private static string Line(string kind, JsonNode node) => new JsonObject { [kind] = node.DeepClone() }
        .ToJsonString();

    /// <summary>What the two paths store, row by row, in the order Marten would read it.</summary>
    private static async Task<Dictionary<string, string>> Tables(string connectionString, string schema)
    {
        var queries = new Dictionary<string, string>
        {
            ["mt_events"] = "select seq_id, stream_id, version, type, data - 'recordedAt', mt_dotnet_type, " +
                $"correlation_id, user_name, tenant_id, is_archived, headers from {schema}.mt_events order by seq_id",
            ["event batches"] = "select stream_id, count(distinct timestamp) from " +
                $"{schema}.mt_events group by stream_id order by stream_id",
            ["mt_streams"] = $"select id, type, version, tenant_id, is_archived from {schema}.mt_streams order by id",
            ["claim index"] = $"select id, data - 'recordedAt', mt_dotnet_type from {schema}.mt_doc_claimindex " +
                "order by id",
            ["figure views"] = $"select id, mt_version, mt_dotnet_type, data from {schema}.mt_doc_figureview " +
                "order by id",
            ["figure changes"] = $"select id, data from {schema}.mt_doc_figurechange order by id",
        };
        var tables = new Dictionary<string, string>();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        foreach (var (name, sql) in queries)
        {
            var rows = new StringBuilder();
            await using var command = new NpgsqlCommand(sql, connection);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                for (var c = 0; c < reader.FieldCount; c++)
                {
                    var value = reader.IsDBNull(c) ? "NULL" : reader.GetValue(c).ToString()!;
                    if (reader.GetDataTypeName(c) == "jsonb") value = Normalized(JsonNode.Parse(value));
                    rows.Append(value).Append(" | ");
                }
                rows.Append('\n');
            }
            tables[name] = rows.ToString();
        }
        return tables;
    }

    /// <summary>The answer with recording times and generated ids blanked: they differ between any two runs.</summary>
    private static string Normalized(JsonNode? node)
    {
        static void Blank(JsonNode? n)
        {
            switch (n)
            {
                case JsonObject o:
                    foreach (var (key, value) in o.ToList())
                    {
                        if (RecordingTimes.Contains(key) && value is JsonValue) o[key] = "<time>";
                        else if (value is JsonValue v && v.TryGetValue(out string? s) && Guid.TryParse(s, out _))
                            o[key] = "<id>";
                        else Blank(value);
                    }
                    break;
                case JsonArray a:
                    foreach (var item in a) Blank(item);
                    break;
            }
        }
        var copy = node?.DeepClone();
        Blank(copy);
        return copy?.ToJsonString() ?? "null";
    }

    private static readonly HashSet<string> RecordingTimes =
        ["recordedAt", "lastChangedAt", "definedAt", "timestamp", "at", "createdAt", "decidedAt", "knownAt"];

    /// <summary>The text around where the two first differ.</summary>
    private static string Around(string a, string b)
    {
        var at = a.Zip(b).TakeWhile(p => p.First == p.Second).Count();
        var from = Math.Max(0, at - 300);
        return $"{a[from..Math.Min(a.Length, at + 300)]}\n{b[from..Math.Min(b.Length, at + 300)]}";
    }
}
