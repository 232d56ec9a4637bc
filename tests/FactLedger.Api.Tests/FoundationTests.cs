using FactLedger.Domain.Ledger;
using FactLedger.Api.Tests.Support;
using FactLedger.Domain.Values;
using Marten;

namespace FactLedger.Api.Tests;

[Collection(LedgerCollection.Name)]
public class FoundationTests(PostgresFixture postgres)
{
    [Fact]
    public async Task Events_appended_with_Marten_are_read_back_from_PostgreSQL()
    {
        var app = await postgres.AppFor<FoundationTests>();
        var stream = $"foundation-{Guid.NewGuid():N}";
        var defined = new SourceRegistered(stream, "Outlet", null, "en", "Title",
            DateTimeOffset.Parse("2022-01-07T10:00:00Z"), null, "text", "sha", "test", DateTimeOffset.UtcNow);

        await using (var session = app.Store.LightweightSession())
        {
            session.Events.StartStream(stream, defined);
            await session.SaveChangesAsync();
        }

        await using var query = app.Store.QuerySession();
        var events = await query.Events.FetchStreamAsync(stream);
        var only = Assert.Single(events);
        Assert.Equal("source_registered", only.EventTypeName);
        Assert.Equal(defined, only.Data);
        // Read straight from the table too, so a stand-in store could not pass this test.
        var rows = await query.QueryAsync<long>($"select count(*) from {app.Schema}.mt_events where stream_id = ?",
            stream);
        Assert.Equal(1, rows.Single());
    }

    [Fact]
    public async Task Health_reports_the_database_check()
    {
        var app = await postgres.AppFor<FoundationTests>();

        var health = await app.Anonymous().GetJson("/health");

        Assert.Equal("healthy", (string?)health["status"]);
        Assert.Equal("healthy", (string?)health["checks"]!["database"]!["status"]);
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_the_endpoints()
    {
        var app = await postgres.AppFor<FoundationTests>();

        var doc = await app.Anonymous().GetJson("/openapi/v1.json");

        Assert.NotNull(doc["paths"]!["/api/claims"]);
        Assert.NotNull(doc["paths"]!["/api/figures/{key}"]);
        // Request bodies are described, with the names' length limits the validators enforce.
        var body = doc["paths"]!["/api/sources"]!["post"]!["requestBody"]!["content"]!["application/json"]!["schema"]!;
        var schema = body["$ref"] is { } reference
            ? doc["components"]!["schemas"]![((string)reference!).Split('/')[^1]]!
            : body;
        Assert.Equal(200, (int)schema["properties"]!["outlet"]!["maxLength"]!);
        Assert.Equal(1000, (int)schema["properties"]!["title"]!["maxLength"]!);
    }
}
