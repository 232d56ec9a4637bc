using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using FactLedger.Api.Features.Webhooks;
using FactLedger.Api.Infrastructure;
using FactLedger.Api.Tests.Support;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using static FactLedger.Api.Tests.Support.Http;
using static FactLedger.Api.Tests.Support.Ledger;

namespace FactLedger.Api.Tests;

/// <summary>Webhooks: each change POSTed, signed, to the systems registered for it, retried until delivered, the
/// webhook paused after too many failures in a row; and only to receivers that are allowed.</summary>
[Collection(ReadSideCollection.Name)]
public class WebhookTests(PostgresFixture postgres)
{
    private const int MaxFailures = 4;

    private Task<FactLedgerApp> App() => postgres.AppFor<WebhookTests>(s =>
    {
        s["FactLedger:Webhooks:AllowedHosts:0"] = "127.0.0.1";
        s["FactLedger:Webhooks:MaxFailures"] = MaxFailures.ToString();
        s["FactLedger:Webhooks:TimeoutSeconds"] = "2";
        s["FactLedger:Webhooks:RetryBaseSeconds"] = "0.05";
        s["FactLedger:Webhooks:RetryMaxSeconds"] = "0.5";
        s["Logging:LogLevel:FactLedger.Api.Features.Webhooks"] = "Information";
    });

    private static async Task<(string Story, string Figure, string[] Sources)> Story(HttpClient editor,
        int sources = 3)
    {
        var story = $"wh-{Guid.NewGuid():N}"[..12];
        var keys = Enumerable.Range(0, sources).Select(i => $"{story}-{i}").ToArray();
        for (var i = 0; i < keys.Length; i++)
            await editor.PostJson("/api/sources", Source(keys[i], outlet: $"Outlet {i}")).Ok(201);
        await editor.PostJson("/api/figures", Figure($"{story}.all.killed")).Ok(201);
        return (story, $"{story}.all.killed", keys);
    }

    /// <summary>A claim from its own source that raises the estimate to <paramref name="atLeast"/>.</summary>
    private static Task<JsonNode> Report(HttpClient editor, string figure, string source, long atLeast) =>
        editor.PostJson("/api/claims", Claim(figure, source, AtLeast(atLeast), "قتل 18 فرداً",
            id: $"{source}-{atLeast}")).Ok(201);

    private static Task<JsonNode> Register(HttpClient admin, string url, string? story = null,
        string? figure = null) =>
        admin.PostJson("/api/webhooks", new { url, story, figure }).Ok(201);

    private static async Task Eventually(Func<Task<bool>> condition, string what, int seconds = 30)
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            if (DateTime.UtcNow > until) throw new TimeoutException($"not within {seconds} s: {what}");
            await Task.Delay(50);
        }
    }

    private static async Task<JsonArray> Deliveries(HttpClient admin, string webhook, string? status = null) =>
        (await admin.GetJson($"/api/webhooks/{webhook}/deliveries?pageSize=500" +
            (status is null ? "" : $"&status={status}")))["items"]!.AsArray();

    private static async Task<bool> AllDelivered(HttpClient admin, string webhook, int atLeast)
    {
        var deliveries = await Deliveries(admin, webhook);
        return deliveries.Count >= atLeast && deliveries.All(d => (string?)d!["status"] == "delivered");
    }

    /// <summary>The Standard Webhooks check a receiver makes, written here without the app's code.</summary>
    private static bool SignatureVerifies(WebhookReceiver.Received request, string secret)
    {
        var key = Convert.FromBase64String(secret["whsec_".Length..]);
        var expected = HMACSHA256.HashData(key,
            Encoding.UTF8.GetBytes($"{request.Id}.{request.Timestamp}.{request.Body}"));
        return request.Signature!.Split(' ').Any(s => s.StartsWith("v1,", StringComparison.Ordinal)
            && CryptographicOperations.FixedTimeEquals(Convert.FromBase64String(s[3..]), expected));
    }

    [Fact]
    public async Task Each_change_reaches_the_receiver_with_a_signature_that_verifies()
    {
        var app = await App();
        var (editor, admin) = (app.Editor(), app.WithKey(FactLedgerApp.AdminKey));
        await using var receiver = await WebhookReceiver.StartAsync();
        var (story, figure, sources) = await Story(editor);
        await app.CatchUp();
        var webhook = await Register(admin, receiver.BaseUrl + "/hooks", figure: figure);
        var (id, secret) = ((string)webhook["id"]!, (string)webhook["secret"]!);
        Assert.Matches("^whsec_[A-Za-z0-9+/]{32}$", secret);
        Assert.Equal(24, Convert.FromBase64String(secret[6..]).Length);
        Assert.Equal("active", (string?)webhook["status"]);

        for (var i = 0; i < 3; i++) await Report(editor, figure, sources[i], 10 + i);
        await Eventually(() => AllDelivered(admin, id, 3), "three changes delivered");

        var received = receiver.Requests.ToList();
        var deliveries = await Deliveries(admin, id);
        Assert.Equal(deliveries.Count, received.Select(r => r.Id).Distinct().Count());
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        foreach (var request in received)
        {
            Assert.True(SignatureVerifies(request, secret), $"signature of {request.Id}");
            Assert.InRange(long.Parse(request.Timestamp!), now - 60, now + 5);
            var change = JsonNode.Parse(request.Body)!;
            Assert.Equal($"{id}.{(long)change["sequence"]!}", request.Id);
            Assert.Equal(figure, (string?)change["figure"]);
            Assert.Equal(story, (string?)change["story"]);
            Assert.Equal("/hooks", request.Path);
        }
        var bests = received.Select(r => JsonNode.Parse(r.Body)!)
            .Where(c => c["claimIds"]!.AsArray().Count > 0).Select(c => (long)c["after"]!["best"]!).Order();
        Assert.Equal([10L, 11L, 12L], bests);
        var tampered = received[0] with { Body = received[0].Body.Replace("\"sequence\"", "\"sequence\" ") };
        Assert.False(SignatureVerifies(tampered, secret));
        var listed = (await admin.GetJson("/api/webhooks")).AsArray().Single(w => (string?)w!["id"] == id)!;
        Assert.Null(listed["secret"]);
        Assert.Equal("ada", (string?)listed["createdBy"]);
    }

    [Fact]
    public async Task A_receiver_down_for_a_while_then_up_receives_every_change_and_each_delivery_once()
    {
        var app = await App();
        var (editor, admin) = (app.Editor(), app.WithKey(FactLedgerApp.AdminKey));
        await using var receiver = await WebhookReceiver.StartAsync();
        var (_, figure, sources) = await Story(editor);
        await app.CatchUp();
        var id = (string)(await Register(admin, receiver.BaseUrl, figure: figure))["id"]!;
        receiver.DownFor(MaxFailures - 1);

        for (var i = 0; i < 3; i++) await Report(editor, figure, sources[i], 20 + i);
        await Eventually(() => AllDelivered(admin, id, 3), "every change delivered once the receiver is up");

        var received = receiver.Requests.ToList();
        Assert.Equal(MaxFailures - 1, received.Count(r => r.AnsweredWith == 503));
        var delivered = received.Where(r => r.AnsweredWith == 200).GroupBy(r => r.Id).ToList();
        var deliveries = await Deliveries(admin, id);
        Assert.Equal(deliveries.Count, delivered.Count);
        Assert.All(delivered, d => Assert.Single(d));
        // A retry is the same delivery: its id was refused first, then delivered.
        Assert.Subset(delivered.Select(d => d.Key).ToHashSet(), received.Where(r => r.AnsweredWith == 503)
            .Select(r => r.Id).ToHashSet());
        var retried = deliveries.Where(d => (int)d!["attempts"]! > 1).ToList();
        Assert.NotEmpty(retried);
        Assert.All(retried, d => Assert.Null(d!["nextAttemptAt"]?.GetValue<string>()));
        var webhook = await admin.GetJson($"/api/webhooks/{id}");
        Assert.Equal("active", (string?)webhook["status"]);
        Assert.Equal(0, (int)webhook["failuresInARow"]!);
    }

    [Fact]
    public async Task After_too_many_failures_in_a_row_the_webhook_is_paused_and_resuming_delivers_the_rest()
    {
        var app = await App();
        var (editor, admin) = (app.Editor(), app.WithKey(FactLedgerApp.AdminKey));
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Answer = 503;
        var (_, figure, sources) = await Story(editor);
        await app.CatchUp();
        var id = (string)(await Register(admin, receiver.BaseUrl, figure: figure))["id"]!;

        await Report(editor, figure, sources[0], 30);
        await Report(editor, figure, sources[1], 31);
        await Eventually(async () => (string?)(await admin.GetJson($"/api/webhooks/{id}"))["status"] == "paused",
            "the webhook paused");
        var paused = await admin.GetJson($"/api/webhooks/{id}");
        Assert.Equal(MaxFailures, (int)paused["failuresInARow"]!);
        Assert.Contains($"{MaxFailures} attempts failed in a row", (string?)paused["pausedReason"]);
        Assert.Contains("503", (string?)paused["pausedReason"]);
        Assert.Contains(app.Logs, l => l.StartsWith("Warning", StringComparison.Ordinal) && l.Contains(id)
            && l.Contains("paused"));
        Assert.Contains(app.Logs, l => l.StartsWith("Information", StringComparison.Ordinal) && l.Contains(id)
            && l.Contains("failed"));

        // While paused, nothing is sent, and new changes wait with the others.
        await Report(editor, figure, sources[2], 32);
        await Task.Delay(700);
        Assert.Equal(MaxFailures, receiver.Requests.Count);
        var failed = await Deliveries(admin, id, "failed");
        Assert.NotEmpty(failed);
        Assert.All(failed, d => Assert.Contains("503", (string?)d!["lastError"]));
        Assert.All(failed, d => Assert.Equal(503, (int?)d!["lastStatusCode"]));

        receiver.Answer = 200;
        var resumed = await admin.PostJson($"/api/webhooks/{id}/resume", new { }).Ok(200);
        Assert.Equal("active", (string?)resumed["status"]);
        Assert.Null(resumed["pausedReason"]?.GetValue<string>());
        await Eventually(() => AllDelivered(admin, id, 3), "the waiting changes delivered after the resume");
        var delivered = receiver.Requests.Where(r => r.AnsweredWith == 200).GroupBy(r => r.Id).ToList();
        Assert.Equal((await Deliveries(admin, id)).Count, delivered.Count);
        Assert.All(delivered, d => Assert.Single(d));
        var bests = delivered.Select(d => JsonNode.Parse(d.First().Body)!)
            .Where(c => c["claimIds"]!.AsArray().Count > 0).Select(c => (long)c["after"]!["best"]!).Order();
        Assert.Equal([30L, 31L, 32L], bests);
    }

    [Fact]
    public async Task A_story_filter_delivers_only_that_storys_changes()
    {
        var app = await App();
        var (editor, admin) = (app.Editor(), app.WithKey(FactLedgerApp.AdminKey));
        await using var receiver = await WebhookReceiver.StartAsync();
        var (story, figure, sources) = await Story(editor, sources: 2);
        var (other, otherFigure, otherSources) = await Story(editor, sources: 2);
        await app.CatchUp();
        var id = (string)(await Register(admin, receiver.BaseUrl, story: story))["id"]!;

        await Report(editor, otherFigure, otherSources[0], 40);
        await Report(editor, figure, sources[0], 41);
        await Report(editor, otherFigure, otherSources[1], 42);
        await Report(editor, figure, sources[1], 43);
        // The feed makes changes in order, each with its deliveries: once the other story's last change is made,
        // every delivery it could have had exists.
        await Eventually(async () =>
        {
            await using var session = app.Store.QuerySession();
            return await session.Query<Features.Live.FigureChange>()
                .AnyAsync(c => c.ClaimIds.Contains($"{otherSources[1]}-42"));
        }, "the other story's last change made");
        await Eventually(() => AllDelivered(admin, id, 2), "the story's changes delivered");

        Assert.All(receiver.Requests, r => Assert.Equal(story, (string?)JsonNode.Parse(r.Body)!["story"]));
        Assert.All(await Deliveries(admin, id), d => Assert.Equal(story, (string?)d!["story"]));
        Assert.DoesNotContain(receiver.Requests, r => r.Body.Contains(other));
    }

    [Fact]
    public async Task A_redirect_is_a_failure_and_its_target_is_never_called()
    {
        var app = await App();
        var (editor, admin) = (app.Editor(), app.WithKey(FactLedgerApp.AdminKey));
        await using var receiver = await WebhookReceiver.StartAsync();
        var (_, figure, sources) = await Story(editor, sources: 1);
        await app.CatchUp();
        var id = (string)(await Register(admin, receiver.BaseUrl + "/redirect", figure: figure))["id"]!;

        await Report(editor, figure, sources[0], 50);
        await Eventually(async () => (await Deliveries(admin, id, "failed")).Count > 0, "a failed attempt");

        var failed = (await Deliveries(admin, id, "failed"))[0]!;
        Assert.Equal(302, (int?)failed["lastStatusCode"]);
        Assert.Contains("redirects are not followed", (string?)failed["lastError"]);
        Assert.NotNull(failed["nextAttemptAt"]?.GetValue<string>());
        Assert.DoesNotContain(receiver.Requests, r => r.Path == "/target");
        Assert.Contains(receiver.Requests, r => r.Path == "/redirect");

        // Deleting drops what was not delivered.
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/webhooks/{id}")).StatusCode);
        await Problem(admin.GetAsync($"/api/webhooks/{id}"), HttpStatusCode.NotFound);
        await Problem(admin.GetAsync($"/api/webhooks/{id}/deliveries"), HttpStatusCode.NotFound);
        await Problem(admin.DeleteAsync($"/api/webhooks/{id}"), HttpStatusCode.NotFound);
        await using var session = app.Store.QuerySession();
        Assert.False(await session.Query<WebhookDelivery>().AnyAsync(d => d.WebhookId == id));
        var after = receiver.Requests.Count;
        await Task.Delay(500);
        Assert.Equal(after, receiver.Requests.Count);
    }

    [Fact]
    public async Task A_slow_or_talkative_receiver_is_cut_off_and_holds_up_no_other()
    {
        var app = await App();
        var (editor, admin) = (app.Editor(), app.WithKey(FactLedgerApp.AdminKey));
        await using var receiver = await WebhookReceiver.StartAsync();
        var (_, figure, sources) = await Story(editor, sources: 1);
        await app.CatchUp();
        var slow = (string)(await Register(admin, receiver.BaseUrl + "/slow", figure: figure))["id"]!;
        var big = (string)(await Register(admin, receiver.BaseUrl + "/big", figure: figure))["id"]!;
        var fast = (string)(await Register(admin, receiver.BaseUrl + "/fast", figure: figure))["id"]!;

        await Report(editor, figure, sources[0], 60);
        await Eventually(() => AllDelivered(admin, fast, 1), "the fast receiver's delivery");
        // Delivered while the slow receiver still holds its first attempt (cut off after 2 s).
        Assert.Empty(await Deliveries(admin, slow, "failed"));
        await Eventually(async () => (await Deliveries(admin, slow, "failed")).Count > 0, "the slow one cut off");

        var timedOut = (await Deliveries(admin, slow, "failed"))[0]!;
        Assert.Equal("no answer within 2 s", (string?)timedOut["lastError"]);
        Assert.Null(timedOut["lastStatusCode"]?.GetValue<int>());
        await Eventually(async () => (await Deliveries(admin, big, "failed")).Count > 0, "the big answer read");
        var talkative = (await Deliveries(admin, big, "failed"))[0]!;
        Assert.Equal(500, (int?)talkative["lastStatusCode"]);
        Assert.InRange(((string)talkative["lastError"]!).Length, 100, 501);
        foreach (var id in new[] { slow, big, fast })
            Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/webhooks/{id}")).StatusCode);
    }

    [Fact]
    public async Task Bad_registrations_are_problems_and_store_nothing()
    {
        var app = await App();
        var (editor, admin) = (app.Editor(), app.WithKey(FactLedgerApp.AdminKey));
        await using var receiver = await WebhookReceiver.StartAsync();
        var (story, figure, _) = await Story(editor, sources: 1);
        var before = (await admin.GetJson("/api/webhooks")).AsArray().Count;

        foreach (var url in new[]
            {
                "http://example.org/x", "https://10.0.0.1/x", "https://localhost/x", "https://127.0.0.2/x",
                "https://[::1]/x", "https://169.254.169.254/latest", "https://100.64.0.1/x", "https://[fd00::1]/x",
                "https://[::ffff:192.168.1.1]/x", "https://0.0.0.0/x", "https://224.0.0.1/x",
            })
        {
            var problem = await Problem(admin.PostJson("/api/webhooks", new { url }),
                HttpStatusCode.UnprocessableEntity);
            Assert.True(problem["errors"]?["url"] is not null, $"{url}: {problem}");
        }
        var unknownFigure = await Problem(admin.PostJson("/api/webhooks",
            new { url = receiver.BaseUrl, figure = $"{story}.all.nothing" }), HttpStatusCode.UnprocessableEntity);
        Assert.NotNull(unknownFigure["errors"]?["figure"]);
        var unknownStory = await Problem(admin.PostJson("/api/webhooks",
            new { url = receiver.BaseUrl, story = "no-such-story" }), HttpStatusCode.UnprocessableEntity);
        Assert.NotNull(unknownStory["errors"]?["story"]);
        await Problem(admin.PostJson("/api/webhooks", new { url = receiver.BaseUrl, story = "other-story", figure }),
            HttpStatusCode.UnprocessableEntity);

        foreach (var body in new[]
            {
                "{}", """{"url":null}""", """{"url":"not a url"}""", """{"url":"ftp://example.org/x"}""",
                """{"url":"https://user:pw@example.org/x"}""", """{"url":"https://example.org/x","admin":true}""",
                """{"url":""", """{"url":42}""", """{"url":"https://example.org/x","story":"Bad Story"}""",
                """{"url":"https://example.org/x","figure":"not-a-key"}""",
            })
            await Problem(admin.PostJson("/api/webhooks", body), HttpStatusCode.BadRequest);

        var valid = new { url = receiver.BaseUrl, figure };
        await Problem(app.Anonymous().PostJson("/api/webhooks", valid), HttpStatusCode.Unauthorized);
        await Problem(app.Reader().PostJson("/api/webhooks", valid), HttpStatusCode.Forbidden);
        await Problem(editor.PostJson("/api/webhooks", valid), HttpStatusCode.Forbidden);
        await Problem(editor.GetAsync("/api/webhooks"), HttpStatusCode.Forbidden);
        await Problem(app.Reader().DeleteAsync("/api/webhooks/wh-0000000000000000"), HttpStatusCode.Forbidden);
        await Problem(admin.GetAsync("/api/webhooks/wh-0000000000000000"), HttpStatusCode.NotFound);
        await Problem(admin.GetAsync("/api/webhooks/nonsense/deliveries"), HttpStatusCode.NotFound);
        await Problem(admin.PostJson("/api/webhooks/wh-0000000000000000/resume", new { }), HttpStatusCode.NotFound);

        Assert.Equal(before, (await admin.GetJson("/api/webhooks")).AsArray().Count);
        await using var session = app.Store.QuerySession();
        Assert.False(await session.Query<Webhook>().AnyAsync(w => w.Figure == figure || w.Story == story));
    }

    [Fact]
    public async Task Connections_to_addresses_inside_are_refused_when_made_not_only_when_registered()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        // As a host that resolved to a public address at registration and to 127.0.0.1 later would be connected.
        var options = new ServiceCollection().Configure<FactLedgerOptions>(_ => { }).BuildServiceProvider()
            .GetRequiredService<IOptionsMonitor<FactLedgerOptions>>();
        var targets = new WebhookTargets(options);
        using var client = new HttpClient(new SocketsHttpHandler { ConnectCallback = targets.ConnectAsync });

        var refused = await Assert.ThrowsAsync<HttpRequestException>(() =>
            client.PostAsync(receiver.BaseUrl, new StringContent("{}")));
        Assert.Contains("not a public address", refused.GetBaseException().Message);
        Assert.Empty(receiver.Requests);
    }

    [Theory]
    [InlineData("8.8.8.8", true)]
    [InlineData("2606:4700:4700::1111", true)]
    [InlineData("127.0.0.1", false)]
    [InlineData("10.1.2.3", false)]
    [InlineData("172.16.0.1", false)]
    [InlineData("172.32.0.1", true)]
    [InlineData("192.168.0.1", false)]
    [InlineData("169.254.169.254", false)]
    [InlineData("100.64.0.1", false)]
    [InlineData("100.128.0.1", true)]
    [InlineData("0.0.0.0", false)]
    [InlineData("224.0.0.251", false)]
    [InlineData("255.255.255.255", false)]
    [InlineData("::", false)]
    [InlineData("::1", false)]
    [InlineData("fe80::1", false)]
    [InlineData("fc00::1", false)]
    [InlineData("fd12:3456::1", false)]
    [InlineData("ff02::1", false)]
    [InlineData("::ffff:10.0.0.1", false)]
    [InlineData("::ffff:8.8.8.8", true)]
    [InlineData("64:ff9b::a00:1", false)]
    public void Public_addresses_are_told_from_the_inside_ones(string address, bool isPublic) =>
        Assert.Equal(isPublic, WebhookTargets.IsPublic(IPAddress.Parse(address)));
}
