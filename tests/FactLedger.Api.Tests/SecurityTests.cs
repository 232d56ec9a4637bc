using System.Net;
using FactLedger.Api.Infrastructure.Http;
using FactLedger.Api.Tests.Support;
using static FactLedger.Api.Tests.Support.Ledger;

namespace FactLedger.Api.Tests;

[CollectionDefinition(Name)]
public sealed class SecurityCollection : ICollectionFixture<PostgresFixture> { public const string Name = "security"; }

[Collection(SecurityCollection.Name)]
public class SecurityTests(PostgresFixture postgres)
{
    private const string HashedKey = "hashed-editor-key-9f8e7d6c5b4a";

    private Task<FactLedgerApp> App() => postgres.AppFor<SecurityTests>(s =>
    {
        s["FactLedger:ApiKeys:3:Name"] = "hashed-hannah";
        s["FactLedger:ApiKeys:3:Role"] = "editor";
        s["FactLedger:ApiKeys:3:KeyHash"] = ApiKeyHash.Create(HashedKey);
        s["Logging:LogLevel:Default"] = "Information";
    });

    [Fact]
    public async Task A_key_configured_only_as_a_salted_hash_authenticates_and_is_recorded_by_name()
    {
        var app = await App();
        var key = $"sec-{Guid.NewGuid():N}"[..16];

        var created = await app.WithKey(HashedKey).PostJson("/api/sources", Source(key));
        var wrong = await app.WithKey(HashedKey + "x").PostJson("/api/sources", Source(key + "-x"));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal("hashed-hannah", (string?)(await app.Anonymous().GetJson($"/api/sources/{key}"))["registeredBy"]);
    }

    [Fact]
    public async Task Api_keys_never_appear_in_the_logs()
    {
        var app = await App();
        await app.Editor().PostJson("/api/sources", Source($"log-{Guid.NewGuid():N}"[..16])).Ok();
        await app.WithKey("wrong-key-that-must-not-be-logged").PostJson("/api/sources", Source("x"));
        await app.WithKey(HashedKey).GetAsync("/api/figures");

        Assert.NotEmpty(app.Logs);
        Assert.DoesNotContain(app.Logs, line => line.Contains(FactLedgerApp.EditorKey) || line.Contains(HashedKey)
            || line.Contains("wrong-key-that-must-not-be-logged"));
    }

    [Fact]
    public async Task Writes_over_the_per_key_limit_get_429_with_Retry_After()
    {
        var app = new FactLedgerApp(postgres.ConnectionString, PostgresFixture.SchemaFor(typeof(SecurityTests)), s =>
        {
            s["FactLedger:WriteRateLimit:PermitsPerSecond"] = "1";
            s["FactLedger:WriteRateLimit:Burst"] = "3";
        });
        await using var _ = app;
        await app.StartAsync();
        var editor = app.Editor();

        var statuses = new List<HttpResponseMessage>();
        for (var i = 0; i < 8; i++)
            statuses.Add(await editor.PostJson("/api/sources", Source($"rl-{i}-{Guid.NewGuid():N}"[..16])));
        var reader = await app.Reader().GetAsync("/api/figures");

        var limited = statuses.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        Assert.NotEmpty(limited);
        Assert.True(statuses.Count(r => r.StatusCode == HttpStatusCode.Created) >= 3);
        Assert.True(limited[0].Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
        Assert.Equal("application/problem+json", limited[0].Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, reader.StatusCode); // reads are not limited
    }

    [Fact]
    public async Task Cors_is_closed_by_default()
    {
        var app = await App();
        var preflight = new HttpRequestMessage(HttpMethod.Options, "/api/claims");
        preflight.Headers.Add("Origin", "https://evil.example");
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        var get = new HttpRequestMessage(HttpMethod.Get, "/api/figures");
        get.Headers.Add("Origin", "https://evil.example");

        var p = await app.Anonymous().SendAsync(preflight);
        var g = await app.Anonymous().SendAsync(get);

        Assert.False(p.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.False(g.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Pages_and_api_answers_carry_security_headers()
    {
        var app = await App();

        foreach (var url in new[] { "/", "/figures/kz.a.b", "/api/figures", "/app.js" })
        {
            var response = await app.Anonymous().GetAsync(url);
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
            Assert.Contains("default-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single());
        }
    }

    [Fact]
    public async Task A_correlation_id_is_echoed_logged_and_stored_on_the_events()
    {
        var app = await App();
        var editor = app.Editor();
        var figure = $"corr-{Guid.NewGuid():N}"[..14] + ".all.detained";
        var correlation = $"req-{Guid.NewGuid():N}";
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/figures")
        {
            Content = new StringContent(
                System.Text.Json.JsonSerializer.Serialize(Figure(figure), System.Text.Json.JsonSerializerOptions.Web),
                System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Correlation-Id", correlation);

        var response = await editor.SendAsync(request);
        var events = await app.Anonymous().GetJson($"/api/figures/{figure}/events");

        Assert.Equal(correlation, response.Headers.GetValues("X-Correlation-Id").Single());
        Assert.Equal(correlation, (string?)events["events"]![0]!["correlationId"]);
        Assert.Contains(app.Logs,
            line => line.Contains($"CorrelationId={correlation}") && line.Contains("/api/figures"));
    }

    [Fact]
    public async Task Readiness_fails_while_the_async_projections_lag_and_passes_once_caught_up()
    {
        var schema = PostgresFixture.SchemaFor(typeof(SecurityTests));
        var behind = new FactLedgerApp(postgres.ConnectionString, schema, s =>
        {
            s["FactLedger:RunDaemon"] = "false";
            s["FactLedger:MaxProjectionLag"] = "0";
        });
        await using (behind)
        {
            await behind.StartAsync();
            await behind.Editor().PostJson("/api/sources", Source("ready-src")).Ok();

            var notReady = await behind.Anonymous().GetAsync("/health/ready");
            var alive = await behind.Anonymous().GetAsync("/health");

            Assert.Equal(HttpStatusCode.ServiceUnavailable, notReady.StatusCode);
            Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
        }

        var running = new FactLedgerApp(postgres.ConnectionString, schema, s => s["FactLedger:MaxProjectionLag"] = "0");
        await using (running)
        {
            await running.StartAsync();
            await running.CatchUp();
            var ready = await running.Anonymous().GetAsync("/health/ready");
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        }
    }
}
