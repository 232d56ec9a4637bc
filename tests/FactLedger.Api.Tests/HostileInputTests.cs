using System.Net;
using System.Text;
using FactLedger.Api.Tests.Support;
using Xunit.Abstractions;
using static FactLedger.Api.Tests.Support.Ledger;

namespace FactLedger.Api.Tests;

/// <summary>
/// A corpus of bad requests: every one must get a 4xx problem-details answer (never a 5xx), append nothing,
/// and leave the service answering.
/// </summary>
[Collection(SecurityCollection.Name)]
public class HostileInputTests(PostgresFixture postgres, ITestOutputHelper output)
{
    private const string Figure = "hostile.all.killed";
    private const string SourceKey = "hostile-src";

    private sealed record Case(string Name, string Method, string Path, byte[]? Body,
        string ContentType = "application/json");

    private static Case Json(string name, string path, string json) =>
        new(name, "POST", path, Encoding.UTF8.GetBytes(json));
    private static string Claim(string figure = Figure, string source = SourceKey,
        string value = """{"qualifier":"exact","value":13}""", string quote = "مقتل 13", string extra = "") =>
        $$"""{"figure":{{Q(figure)}},"source":{{Q(source)}},"value":{{value}},"quote":{{Q(quote)}}{{extra}}}""";
    private static string Q(string s) => System.Text.Json.JsonSerializer.Serialize(s);

    private static IEnumerable<Case> Corpus(string proposal)
    {
        const string sql = "'; DROP TABLE mt_events; --";
        const string script = "<script>alert(1)</script>";
        // Malformed and truncated JSON, wrong shapes.
        yield return Json("malformed JSON", "/api/claims", "{\"figure\": ");
        yield return Json("truncated JSON", "/api/claims", Claim()[..40]);
        yield return Json("trailing garbage", "/api/claims", Claim() + "}}");
        yield return Json("array instead of object", "/api/claims", "[]");
        yield return Json("string instead of object", "/api/claims", "\"claim\"");
        yield return Json("JSON null", "/api/claims", "null");
        yield return Json("empty body", "/api/claims", "");
        yield return Json("comment in JSON", "/api/claims", "/* hi */" + Claim());
        yield return Json("duplicate-free unknown field", "/api/claims", Claim(extra: ",\"admin\":true"));
        // Wrong types.
        yield return Json("figure as number", "/api/claims", Claim().Replace(Q(Figure), "12"));
        yield return Json("value as string", "/api/claims", Claim(value: "\"13\""));
        yield return Json("quote as number", "/api/claims", Claim().Replace(Q("مقتل 13"), "13"));
        yield return Json("refersTo not a date", "/api/claims", Claim(extra: ",\"refersTo\":\"yesterday\""));
        yield return Json("id as object", "/api/claims", Claim(extra: ",\"id\":{}"));
        yield return Json("labels as array", "/api/figures",
            """{"key":"hostile.all.x","kind":"count","labels":["en"]}""");
        yield return Json("kind unknown", "/api/figures",
            """{"key":"hostile.all.x","kind":"weight","labels":{"en":"x"}}""");
        yield return Json("publishedAt as number", "/api/sources",
            """{"key":"h-src","outlet":"o","language":"en","title":"t","publishedAt":12,"text":"t"}""");
        // Huge numbers, negative counts, bad dates and ranges.
        yield return Json("number beyond 64 bits", "/api/claims",
            Claim(value: """{"qualifier":"exact","value":99999999999999999999999999}"""));
        yield return Json("number 1e400", "/api/claims", Claim(value: """{"qualifier":"exact","value":1e400}"""));
        yield return Json("implausible count", "/api/claims",
            Claim(value: """{"qualifier":"exact","value":9000000000000000}"""));
        yield return Json("negative count", "/api/claims", Claim(value: """{"qualifier":"exact","value":-13}"""));
        yield return Json("fractional count", "/api/claims", Claim(value: """{"qualifier":"exact","value":13.5}"""));
        yield return Json("NaN-like literal", "/api/claims", Claim(value: """{"qualifier":"exact","value":NaN}"""));
        yield return Json("date out of range", "/api/claims",
            Claim(value: """{"qualifier":"exact","value":"9999-12-31"}"""));
        yield return Json("impossible date", "/api/claims",
            Claim(value: """{"qualifier":"exact","value":"2022-02-30"}"""));
        yield return Json("date on a count figure", "/api/claims",
            Claim(value: """{"qualifier":"exact","value":"2022-01-13"}"""));
        yield return Json("range low above high", "/api/claims",
            Claim(value: """{"qualifier":"range","low":20,"high":10}"""));
        yield return Json("relative days huge", "/api/claims",
            Claim(value: """{"qualifier":"exact","relative":{"expression":"x","days":99999999}}"""));
        yield return Json("unknown qualifier", "/api/claims", Claim(value: """{"qualifier":"roughly","value":13}"""));
        yield return Json("unknown vague term", "/api/claims",
            Claim(value: """{"qualifier":"vague","term":"a gazillion"}"""));
        yield return Json("vague term with SQL", "/api/claims",
            Claim(value: $$"""{"qualifier":"vague","term":{{Q(sql)}}}"""));
        yield return Json("qualifier with script", "/api/claims",
            Claim(value: $$"""{"qualifier":{{Q(script)}},"value":1}"""));
        // Oversize and deeply nested bodies, invalid UTF-8.
        yield return Json("10 MB body", "/api/claims", Claim(quote: new string('x', 10 * 1024 * 1024)));
        yield return Json("10 MB ingest", "/api/ingest",
            "{\"claims\":[" + string.Join(',', Enumerable.Repeat(Claim(quote: new string('y', 100_000)), 700)) + "]}");
        yield return Json("deeply nested value", "/api/claims",
            Claim(value: new string('[', 5000) + new string(']', 5000)));
        yield return Json("deeply nested body", "/api/ingest",
            new string('{', 1) + "\"about\":" + new string('[', 10000) + new string(']', 10000) + "}");
        yield return new Case("invalid UTF-8", "POST", "/api/claims",
            [
                .. Encoding.UTF8.GetBytes("{\"figure\":\""), 0xC3, 0x28, 0xFF,
                .. Encoding.UTF8.GetBytes("\",\"quote\":\"x\"}"),
            ]);
        yield return new Case("not JSON at all", "POST", "/api/claims", Encoding.UTF8.GetBytes("figure=a&quote=b"),
            "application/x-www-form-urlencoded");
        // Zero-width and bidirectional control characters in keys and quotes.
        yield return Json("zero-width space in figure key", "/api/claims", Claim(figure: "hostile.all.k\u200Billed"));
        yield return Json("bidi override in source key", "/api/claims", Claim(source: "\u202Ehostile-src"));
        yield return Json("zero-width joiner in claim id", "/api/claims", Claim(extra: ",\"id\":\"c\u200D1\""));
        yield return Json("bidi override in quote", "/api/claims", Claim(quote: "\u202Eمقتل 13"));
        yield return Json("zero-width in figure definition key", "/api/figures",
            """{"key":"hostile.all.\u200Bx","kind":"count","labels":{"en":"x"}}""");
        yield return Json("bidi isolate in label", "/api/figures",
            """{"key":"hostile.all.y","kind":"count","labels":{"en":"x\u2066y"}}""");
        yield return Json("control character in outlet", "/api/sources", """
            {"key":"h-src7","outlet":"Out\u0007let","language":"en","title":"t",
             "publishedAt":"2022-01-07T00:00:00Z","text":"t"}
            """);
        yield return Json("bidi override in authority", "/api/claims",
            Claim(extra: ",\"attributedTo\":\"\u202Eyrtsinim\""));
        yield return Json("zero-width space inside a label", "/api/figures",
            """{"key":"hostile.all.w","kind":"count","labels":{"en":"Dea\u200Bths"}}""");
        yield return Json("outlet of direction marks only", "/api/sources", """
            {"key":"h-src8","outlet":"\u200F\u200E","language":"en","title":"t",
             "publishedAt":"2022-01-07T00:00:00Z","text":"t"}
            """);
        // SQL and script fragments in fields that are not names: keys, values, quotes not in the text.
        yield return Json("SQL in figure", "/api/claims", Claim(figure: Figure + sql));
        yield return Json("SQL in source", "/api/claims", Claim(source: "x' or '1'='1"));
        yield return Json("SQL in id", "/api/claims", Claim(extra: $",\"id\":{Q("1; delete from mt_events")}"));
        yield return Json("SQL in quote", "/api/claims", Claim(quote: sql));
        yield return Json("script in quote", "/api/claims", Claim(quote: script));
        yield return Json("SQL in language", "/api/sources", $$"""
            {"key":"h-src5","outlet":"o","language":{{Q(sql)}},"title":"t",
             "publishedAt":"2022-01-07T00:00:00Z","text":"t"}
            """);
        yield return Json("script in url", "/api/sources", """
            {"key":"h-src6","outlet":"o","url":"javascript:alert(1)","language":"en","title":"t",
             "publishedAt":"2022-01-07T00:00:00Z","text":"t"}
            """);
        yield return Json("SQL in label language", "/api/figures",
            "{\"key\":\"hostile.all.z\",\"kind\":\"count\",\"labels\":{" + Q(sql) + ":\"x\"}}");
        yield return Json("SQL in correction reason", "/api/claims/hostile-claim/corrections",
            $$"""{"value":{"qualifier":"exact","value":"x"},"reason":{{Q(sql)}}}""");
        yield return Json("script in retraction of unknown claim", "/api/claims/no-such-claim/retraction",
            $$"""{"reason":{{Q(script)}}}""");
        // Path traversal and odd keys in URLs.
        yield return new Case("path traversal in figure key", "GET", "/api/figures/..%2F..%2Fetc%2Fpasswd", null);
        yield return new Case("path traversal in source key", "GET", "/api/sources/..%2f..%2fsecrets", null);
        yield return new Case("path traversal in claim id", "POST", "/api/claims/..%2F..%2Fx/retraction",
            Encoding.UTF8.GetBytes("{\"reason\":\"r\"}"));
        yield return new Case("SQL in figure key path", "GET",
            "/api/figures/" + Uri.EscapeDataString(Figure + sql), null);
        yield return new Case("SQL in asOf", "GET", $"/api/figures/{Figure}?asOf=" + Uri.EscapeDataString(sql), null);
        yield return new Case("SQL in status filter", "GET", "/api/figures?status=" + Uri.EscapeDataString(sql), null);
        yield return new Case("huge page size", "GET", "/api/figures?pageSize=100000000", null);
        yield return new Case("page overflow", "GET", "/api/figures?page=99999999999", null);
        yield return new Case("SQL in activity time", "GET", "/api/activity?from=" + Uri.EscapeDataString(sql), null);
        // Proposals: unknown ones, bad stories and statuses, and edits that would make a bad claim.
        yield return Json("proposals of an unknown source", "/api/sources/no-such-source/proposals", "{}");
        yield return Json("SQL as story", $"/api/sources/{SourceKey}/proposals", $$"""{"story":{{Q(sql)}}}""");
        yield return Json("story as number", $"/api/sources/{SourceKey}/proposals", """{"story":7}""");
        yield return Json("unknown field in propose", $"/api/sources/{SourceKey}/proposals", """{"admin":true}""");
        yield return Json("propose as string", "/api/sources",
            """{"key":"h-src2","language":"en","title":"t","publishedAt":"2022-01-07T10:00:00Z","text":"t",""" +
            "\"propose\":\"yes\"}");
        yield return Json("SQL in proposal id", $"/api/proposals/{Uri.EscapeDataString(sql)}/accept", "{}");
        yield return Json("script in reject of unknown proposal", "/api/proposals/p-none/reject",
            $$"""{"reason":{{Q(script)}}}""");
        yield return Json("reject without reason", $"/api/proposals/{proposal}/reject", "{}");
        yield return Json("reject with empty body", $"/api/proposals/{proposal}/reject", "");
        yield return Json("accept with a bad value", $"/api/proposals/{proposal}/accept",
            """{"figure":"hostile.all.killed","value":{"qualifier":"exact","value":-5}}""");
        yield return Json("accept into an unknown figure", $"/api/proposals/{proposal}/accept",
            """{"figure":"hostile.all.nothing"}""");
        yield return Json("accept with value as string", $"/api/proposals/{proposal}/accept",
            """{"figure":"hostile.all.killed","value":"13"}""");
        yield return Json("accept with unknown field", $"/api/proposals/{proposal}/accept",
            """{"figure":"hostile.all.killed","claimId":"x"}""");
        yield return new Case("SQL in proposal status", "GET", "/api/proposals?status=" + Uri.EscapeDataString(sql),
            null);
        yield return new Case("path traversal in proposal id", "GET", "/api/proposals/..%2F..%2Fetc", null);
    }

    [Fact]
    public async Task Every_bad_request_is_rejected_cleanly_with_nothing_appended()
    {
        var app = await postgres.AppFor<HostileInputTests>();
        var editor = app.Editor();
        await Prepare(editor, Figure, SourceKey);
        await editor.PostJson("/api/claims",
            Ledger.Claim(Figure, SourceKey, Exact(13), "مقتل 13", id: "hostile-claim")).Ok(201);
        var proposed = await editor.PostJson($"/api/sources/{SourceKey}/proposals", new { }).Ok(200);
        var proposal = (string)proposed["items"]![0]!["id"]!;
        var before = await app.EventCount();

        var cases = Corpus(proposal).ToList();
        var failures = new List<string>();
        foreach (var c in cases)
        {
            var request = new HttpRequestMessage(new HttpMethod(c.Method), c.Path);
            if (c.Body is not null)
                request.Content = new ByteArrayContent(c.Body) { Headers = { { "Content-Type", c.ContentType } } };
            var response = await editor.SendAsync(request);
            var status = (int)response.StatusCode;
            var type = response.Content.Headers.ContentType?.MediaType;
            if (status is < 400 or >= 500 || type != "application/problem+json")
                failures.Add($"{c.Name}: {status} {type} {Truncate(await response.Content.ReadAsStringAsync())}");
            else output.WriteLine($"{c.Name}: {status}");
        }
        var health = await app.Anonymous().GetAsync("/health");
        var after = await app.EventCount();

        output.WriteLine($"bad inputs tried: {cases.Count}, " +
            $"rejected cleanly (4xx problem details): {cases.Count - failures.Count}, " +
            $"events appended: {after - before}");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Equal(before, after);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    private static string Truncate(string s) => s.Length <= 300 ? s : s[..300];
}
