using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using FactLedger.Api.Tests.Support;
using static FactLedger.Api.Tests.Support.Ledger;

namespace FactLedger.Api.Tests;

[Collection(LedgerCollection.Name)]
public class LedgerTests(PostgresFixture postgres)
{
    private static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];
    private static string FigureKey() => $"t-{Guid.NewGuid():N}"[..14] + ".security-forces.killed";

    private Task<FactLedgerApp> App() => postgres.AppFor<LedgerTests>();

    [Fact]
    public async Task Registering_a_source_stores_its_text_and_sha256_and_a_repeat_is_not_a_new_event()
    {
        var app = await App();
        var editor = app.Editor();
        var key = Unique("src");

        var first = await editor.PostAsync("/api/sources", Content(Source(key)));
        var second = await editor.PostJson("/api/sources", Source(key));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.False((bool)(await second.Json())["created"]!);
        var source = await editor.GetJson($"/api/sources/{key}");
        Assert.Equal(64, ((string)source["sha256"]!).Length);
        Assert.Contains("2298", (string)source["text"]!);
        Assert.Equal("alice", (string?)source["registeredBy"]);
        var conflicting = await editor.PostJson("/api/sources", Source(key, text: "other text"));
        Assert.Equal(HttpStatusCode.Conflict, conflicting.StatusCode);
    }

    [Fact]
    public async Task Concurrent_claims_share_commits_and_each_is_answered_after_its_own_is_durable()
    {
        var app = await App();
        var editor = app.Editor();
        var source = Unique("gc");
        var figures = Enumerable.Range(0, 3).Select(_ => FigureKey()).ToArray();
        await editor.PostJson("/api/sources", Source(source)).Ok();
        foreach (var figure in figures) await editor.PostJson("/api/figures", Figure(figure)).Ok();
        var queue = app.Services.GetRequiredService<FactLedger.Api.Features.Figures.FigureWriter>();
        var (batchesBefore, claimsBefore) = queue.Committed;
        var eventsBefore = await app.EventCount("claim_recorded");

        // Given 48 claims sent at once over three figures,
        var ids = Enumerable.Range(0, 48).Select(i => $"{source}-{i}").ToArray();
        var answers = await Task.WhenAll(ids.Select((id, i) =>
            editor.PostJson("/api/claims", Claim(figures[i % 3], source, AtLeast(18), "قتل 18 فرداً", id: id))));

        // then every one is acknowledged as created and stored once, and fewer transactions than claims carried them.
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Created, a.StatusCode));
        Assert.Equal(eventsBefore + 48, await app.EventCount("claim_recorded"));
        foreach (var figure in figures)
            Assert.Equal(16, (await editor.GetJson($"/api/figures/{figure}"))["claims"]!.AsArray().Count);
        // Each answer names the version its own claim made, even when a batch wrote several to one figure.
        var versions = await Task.WhenAll(answers.Select(async a => await a.Json()));
        foreach (var byFigure in versions.GroupBy(v => (string)v["figure"]!))
            Assert.Equal(Enumerable.Range(2, 16).Select(v => (long)v),
                byFigure.Select(v => (long)v["version"]!).Order());
        var (batchesAfter, claimsAfter) = queue.Committed;
        Assert.Equal(48, claimsAfter - claimsBefore);
        Assert.True(batchesAfter - batchesBefore < 48,
            $"{batchesAfter - batchesBefore} batches for 48 claims: none was shared");
        // A repeat sent after the commit is answered from the ledger, not appended again.
        var repeat = await editor.PostJson("/api/claims",
            Claim(figures[0], source, AtLeast(18), "قتل 18 فرداً", id: ids[0]));
        Assert.Equal(HttpStatusCode.OK, repeat.StatusCode);
        Assert.Equal(eventsBefore + 48, await app.EventCount("claim_recorded"));
    }

    [Fact]
    public async Task Right_to_left_titles_and_labels_keep_their_joiners_and_direction_marks()
    {
        var app = await App();
        var editor = app.Editor();
        var key = Unique("fa");
        const string persianTitle = "\u200Fمی‌خواهم گزارش بدهم"; // RLM, and a zero-width non-joiner inside the word
        var source = new
        {
            key, outlet = "خبرگزاری نمونه", language = "fa", title = persianTitle, publishedAt = "2022-01-07T10:00:00Z",
            text = "۱۸ نفر کشته شدند.",
        };
        var figure = new
        {
            key = FigureKey(), kind = "count", labels = new Dictionary<string, string> { ["fa"] = "کشته‌شدگان" },
        };

        Assert.Equal(HttpStatusCode.Created, (await editor.PostJson("/api/sources", source)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await editor.PostJson("/api/figures", figure)).StatusCode);
        Assert.Equal(persianTitle, (string?)(await editor.GetJson($"/api/sources/{key}"))["title"]);
    }

    [Fact]
    public async Task Defining_a_figure_starts_its_stream_with_no_estimate()
    {
        var app = await App();
        var editor = app.Editor();
        var key = FigureKey();

        var created = await editor.PostJson("/api/figures", Figure(key));
        var figure = await editor.GetJson($"/api/figures/{key}");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("count", (string?)figure["kind"]);
        Assert.True((bool)figure["cumulative"]!);
        Assert.Equal("no-claims", (string?)figure["estimate"]!["status"]);
        Assert.Equal("قتلى قوات الأمن", (string?)figure["labels"]!["ar"]);
    }

    [Fact]
    public async Task A_claim_is_recorded_with_its_quote_located_in_the_source_text_and_who_recorded_it()
    {
        var app = await App();
        var editor = app.Editor();
        var (figure, source) = (FigureKey(), Unique("src"));
        await Prepare(editor, figure, source);

        var response = await editor.PostJson("/api/claims",
            Claim(figure, source, AtLeast(18), "قتل 18 فرداً من قوات الأمن في كازاخستان على الأقل",
                attributedTo: "وزارة الداخلية الكازاخستانية"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (string)(await response.Json())["id"]!;
        var claim = (await editor.GetJson($"/api/figures/{figure}"))["claims"]![0]!;
        Assert.Equal(id, (string?)claim["id"]);
        Assert.Equal("at_least", (string?)claim["value"]!["qualifier"]);
        Assert.Equal("alice", (string?)claim["recordedBy"]);
        Assert.Equal("Kazakh Interior Ministry", (string?)claim["origin"]);
        var text = (string)(await editor.GetJson($"/api/sources/{source}"))["text"]!;
        Assert.StartsWith("قتل 18 فرداً", text.Substring((int)claim["quoteOffset"]!, (int)claim["quoteLength"]!));
    }

    [Fact]
    public async Task The_same_claim_sent_twice_is_one_event_whether_or_not_it_carries_an_id()
    {
        var app = await App();
        var editor = app.Editor();
        var (figure, source) = (FigureKey(), Unique("src"));
        await Prepare(editor, figure, source);
        var withId = Claim(figure, source, Exact(2298), "2298 شخصاً", id: Unique("claim"));
        var withoutId = Claim(figure, source, Exact(13), "مقتل 13");

        var a1 = await editor.PostJson("/api/claims", withId).Ok(201);
        var a2 = await editor.PostJson("/api/claims", withId).Ok(200);
        var b1 = await editor.PostJson("/api/claims", withoutId).Ok(201);
        var b2 = await editor.PostJson("/api/claims", withoutId).Ok(200);

        Assert.Equal((string?)a1["id"], (string?)a2["id"]);
        Assert.Equal((string?)b1["id"], (string?)b2["id"]);
        Assert.False((bool)a2["created"]!);
        Assert.Contains("already", (string?)b2["detail"]);
        var events = await editor.GetJson($"/api/figures/{figure}/events");
        Assert.Equal(3, events["events"]!.AsArray().Count); // figure_defined + two claims
    }

    [Fact]
    public async Task An_id_reused_for_a_different_claim_is_a_conflict()
    {
        var app = await App();
        var editor = app.Editor();
        var (figure, source) = (FigureKey(), Unique("src"));
        await Prepare(editor, figure, source);
        var id = Unique("claim");
        await editor.PostJson("/api/claims", Claim(figure, source, Exact(13), "مقتل 13", id: id)).Ok(201);

        var reuse = await editor.PostJson("/api/claims", Claim(figure, source, Exact(353), "إصابة 353", id: id));

        Assert.Equal(HttpStatusCode.Conflict, reuse.StatusCode);
        Assert.Equal("application/problem+json", reuse.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Twenty_concurrent_claims_to_one_figure_are_twenty_events()
    {
        var app = await App();
        var editor = app.Editor();
        var (figure, source) = (FigureKey(), Unique("src"));
        await Prepare(editor, figure, source);

        var posts = Enumerable.Range(0, 20).Select(i =>
            app.Editor().PostJson("/api/claims",
                Claim(figure, source, Exact(100 + i), "2298 شخصاً", id: $"concurrent-{i}-{Guid.NewGuid():N}"[..24])));
        var responses = await Task.WhenAll(posts);

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var view = await editor.GetJson($"/api/figures/{figure}");
        Assert.Equal(20, view["claims"]!.AsArray().Count);
        Assert.Equal(21, (long)view["version"]!);
        var events = (await editor.GetJson($"/api/figures/{figure}/events"))["events"]!.AsArray();
        Assert.Equal(21, events.Count);
    }

    [Fact]
    public async Task Claims_on_one_figure_from_requests_and_an_ingest_at_once_are_stamped_in_commit_order()
    {
        var app = await App();
        var editor = app.Editor();
        var (figure, source) = (FigureKey(), Unique("src"));
        await Prepare(editor, figure, source);

        // Requests (the group commit) and an ingest (its own transactions) race for the figure's lock, round by round.
        for (var round = 0; round < 5; round++)
        {
            var ingest = editor.PostJson("/api/ingest", new
            {
                claims = Enumerable.Range(0, 10).Select(i =>
                    Claim(figure, source, Exact(200 + i), "2298 شخصاً", id: $"race-{round}-ingest-{i}")),
            });
            var posts = Enumerable.Range(0, 10).Select(i => app.Editor().PostJson("/api/claims",
                Claim(figure, source, Exact(300 + i), "2298 شخصاً", id: $"race-{round}-request-{i}")));
            var answers = await Task.WhenAll(posts.Append(ingest));
            Assert.All(answers, a => Assert.True(a.IsSuccessStatusCode, $"{(int)a.StatusCode}"));
        }

        // Every claim is stored once, and the events are stamped in the order they committed (version order), so a
        // figure as known at any moment is a prefix of its stream.
        var events = (await editor.GetJson($"/api/figures/{figure}/events"))["events"]!.AsArray();
        Assert.Equal(1 + 100, events.Count);
        var stamps = events.Select(e => DateTimeOffset.Parse((string)e!["timestamp"]!,
            System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(stamps.Order(), stamps);
    }

    public static TheoryData<string, string, HttpStatusCode, string> BadClaims => new()
    {
        { "malformed JSON", "{\"figure\": ", HttpStatusCode.BadRequest, "figure" },
        { "truncated JSON", "{\"figure\":\"a.b.c\",\"source\":\"x\",\"quote\":\"q", HttpStatusCode.BadRequest, "" },
        { "wrong type", "{\"figure\":12,\"source\":\"s\",\"value\":{\"qualifier\":\"exact\",\"value\":1}," +
            "\"quote\":\"q\"}", HttpStatusCode.BadRequest, "figure" },
        { "unknown field", "{\"figur\":\"a.b.c\"}", HttpStatusCode.BadRequest, "figur" },
        { "missing figure", "FIGURE_MISSING", (HttpStatusCode)422, "figure" },
        { "missing source", "SOURCE_MISSING", (HttpStatusCode)422, "source" },
        { "quote not in text", "QUOTE_MISSING", (HttpStatusCode)422, "quote" },
        { "date value on a count figure", "DATE_ON_COUNT", (HttpStatusCode)422, "value" },
        { "negative count", "NEGATIVE", HttpStatusCode.BadRequest, "value.value" },
        { "range low above high", "BAD_RANGE", HttpStatusCode.BadRequest, "value" },
        { "unknown vague term", "BAD_TERM", HttpStatusCode.BadRequest, "value.term" },
        { "missing value", "NO_VALUE", HttpStatusCode.BadRequest, "value" },
        { "empty body", "", HttpStatusCode.BadRequest, "body" },
        { "JSON null", "null", HttpStatusCode.BadRequest, "body" },
        { "oversize body", "HUGE", HttpStatusCode.RequestEntityTooLarge, "" },
    };

    [Theory]
    [MemberData(nameof(BadClaims))]
    public async Task A_bad_claim_gets_a_problem_naming_the_field_and_nothing_is_appended(string name, string body,
        HttpStatusCode status, string field)
    {
        var app = await App();
        var editor = app.Editor();
        var (figure, source) = (FigureKey(), Unique("src"));
        await Prepare(editor, figure, source);
        var valid = (object value, string quote) => System.Text.Json.JsonSerializer.Serialize(
            Claim(figure, source, value, quote), System.Text.Json.JsonSerializerOptions.Web);
        body = body switch
        {
            "FIGURE_MISSING" => System.Text.Json.JsonSerializer.Serialize(
                Claim("nope.no.figure", source, Exact(1), "مقتل 13"), System.Text.Json.JsonSerializerOptions.Web),
            "SOURCE_MISSING" => System.Text.Json.JsonSerializer.Serialize(
                Claim(figure, "no-such-source", Exact(1), "مقتل 13"), System.Text.Json.JsonSerializerOptions.Web),
            "QUOTE_MISSING" => valid(Exact(13), "مقتل 14"),
            "DATE_ON_COUNT" => valid(new { qualifier = "exact", value = "2022-01-13" }, "مقتل 13"),
            "NEGATIVE" => valid(Exact(-13), "مقتل 13"),
            "BAD_RANGE" => valid(new { qualifier = "range", low = 20, high = 10 }, "مقتل 13"),
            "BAD_TERM" => valid(new { qualifier = "vague", term = "a gazillion" }, "مقتل 13"),
            "NO_VALUE" => System.Text.Json.JsonSerializer.Serialize(
                new { figure, source, quote = "مقتل 13" }, System.Text.Json.JsonSerializerOptions.Web),
            "HUGE" => valid(Exact(13), new string('x', 2_000_000)),
            _ => body,
        };
        var before = await app.EventCount();

        var response = await editor.PostAsync("/api/claims",
            new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.True(status == response.StatusCode,
            $"{name}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Json();
        Assert.Equal((int)status, (int)problem["status"]!);
        if (field != "")
            Assert.True(problem["errors"]?[field] is not null,
                $"{name}: expected an error for '{field}' in {problem.ToJsonString()}");
        Assert.Equal(before, await app.EventCount());
    }

    [Fact]
    public async Task Writes_need_an_editor_key_and_reads_are_open()
    {
        var app = await App();
        var key = Unique("src");

        var none = await app.Anonymous().PostJson("/api/sources", Source(key));
        var wrong = await app.WithKey("not-a-key").PostJson("/api/sources", Source(key));
        var reader = await app.Reader().PostJson("/api/sources", Source(key));
        var admin = await app.WithKey(FactLedgerApp.AdminKey).PostJson("/api/sources", Source(key));
        var read = await app.Anonymous().GetAsync($"/api/sources/{key}");

        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, reader.StatusCode);
        Assert.Equal("application/problem+json", reader.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Created, admin.StatusCode);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal("ada", (string?)(await read.Json())["registeredBy"]);
    }

    [Fact]
    public async Task A_correction_changes_the_value_that_counts_and_keeps_the_old_one()
    {
        var app = await App();
        var editor = app.Editor();
        var (figure, source) = (FigureKey(), Unique("src"));
        await Prepare(editor, figure, source);
        var id = (string)(await editor.PostJson("/api/claims",
            Claim(figure, source, Exact(13), "مقتل 13")).Ok(201))["id"]!;

        await editor.PostJson($"/api/claims/{id}/corrections",
            new { value = AtLeast(13), reason = "the report says the toll may rise" }).Ok(200);
        var claim = (await editor.GetJson($"/api/figures/{figure}"))["claims"]![0]!;

        Assert.Equal("corrected", (string?)claim["status"]);
        Assert.Equal("at_least", (string?)claim["value"]!["qualifier"]);
        Assert.Equal("exact", (string?)claim["originalValue"]!["qualifier"]);
        Assert.Equal("the report says the toll may rise", (string?)claim["corrections"]![0]!["reason"]);
        var missing = await editor.PostJson("/api/claims/no-such-claim/corrections",
            new { value = Exact(1), reason = "x" });
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        var noReason = await editor.PostJson($"/api/claims/{id}/corrections", new { value = Exact(1) });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
    }

    [Fact]
    public async Task A_retraction_drops_the_claim_from_the_estimate_and_a_repeat_appends_nothing()
    {
        var app = await App();
        var editor = app.Editor();
        var (figure, source) = (FigureKey(), Unique("src"));
        await Prepare(editor, figure, source);
        var id = (string)(await editor.PostJson("/api/claims",
            Claim(figure, source, Exact(13), "مقتل 13")).Ok(201))["id"]!;

        var first = await editor.PostJson($"/api/claims/{id}/retraction",
            new { reason = "misread the article" }).Ok(200);
        var again = await editor.PostJson($"/api/claims/{id}/retraction",
            new { reason = "misread the article" }).Ok(200);
        var view = await editor.GetJson($"/api/figures/{figure}");

        Assert.True((bool)first["retracted"]!);
        Assert.False((bool)again["retracted"]!);
        Assert.Equal("retracted", (string?)view["claims"]![0]!["status"]);
        Assert.Equal("no-claims", (string?)view["estimate"]!["status"]);
        Assert.Equal(3, (long)view["version"]!);
    }

    private static StringContent Content(object body) =>
        new(System.Text.Json.JsonSerializer.Serialize(body, System.Text.Json.JsonSerializerOptions.Web), Encoding.UTF8,
            "application/json");
}
