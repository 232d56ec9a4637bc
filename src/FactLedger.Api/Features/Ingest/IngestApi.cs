using FactLedger.Api.Infrastructure;
using Microsoft.AspNetCore.Http.Features;

namespace FactLedger.Api.Features.Ingest;

public static class IngestApi
{
    public static RouteGroupBuilder MapIngest(this RouteGroupBuilder api)
    {
        api.MapPost("/ingest", Ingest).WithTags("Ingest").Writes()
            .Accepts<Bundle>("application/json", "application/x-ndjson").WithName("Ingest")
            .WithSummary("Load a bundle of sources, figures and claims")
            .WithDescription("Answers per item: created, already-present or rejected with the reason. As " +
                "`application/x-ndjson` (one `{\"source\": …}`, `{\"figure\": …}` or `{\"claim\": …}` " +
                "per line) it is streamed, memory flat however large, and the answer lists rejected lines by " +
                "number.");
        return api;
    }

    /// <summary>Loads a bundle; answers per item: created, already-present, or rejected with the reason. Sent as
    /// <c>application/x-ndjson</c>, the bundle is streamed line by line (see <see cref="IngestStream"/>) and the answer
    /// counts outcomes and lists the rejected lines.</summary>
    public static async Task<Ok<IngestResult>> Ingest(HttpContext http, IMediator mediator,
        IOptions<FactLedgerOptions> options, CancellationToken ct)
    {
        if (http.Request.ContentType?.StartsWith("application/x-ndjson", StringComparison.OrdinalIgnoreCase) == true)
        {
            // Memory is bounded per line, so the body may be far larger than a bundle in one piece.
            var streamMax = options.Value.MaxIngestStreamBytes;
            if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
                limit.MaxRequestBodySize = streamMax;
            if (http.Request.ContentLength > streamMax) throw JsonBody.TooLarge(streamMax);
            // A body that turns out larger while it is read ends in Kestrel's 413, mapped by ProblemHandling.
            var stream = new IngestStream.Command(http.Request.Body, BaseDirectory: null, http.User.Actor())
                { CorrelationId = Correlation.Of(http) };
            return TypedResults.Ok(await mediator.Send(stream, ct));
        }
        var max = options.Value.MaxIngestBodyBytes;
        var bundle = await JsonBody.ReadAsync<Bundle>(http.Request, ApiJson.Requests, max, ct);
        var command = new IngestBundle.Command(bundle, BaseDirectory: null, http.User.Actor())
            { CorrelationId = Correlation.Of(http) };
        return TypedResults.Ok(await mediator.Send(command, ct));
    }
}
