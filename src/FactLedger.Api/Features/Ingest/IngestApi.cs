using FactLedger.Api.Infrastructure;
using FactLedger.Api.Infrastructure.Http;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace FactLedger.Api.Features.Ingest;

public static class IngestApi
{
    public static RouteGroupBuilder MapIngest(this RouteGroupBuilder api)
    {
        api.MapPost("/ingest", Ingest).WithTags("Ingest").RequireAuthorization(Policies.Write).RequireRateLimiting(WriteRateLimit.Policy);
        return api;
    }

    /// <summary>Loads a bundle; answers per item: created, already-present, or rejected with the reason.</summary>
    public static async Task<Ok<IngestBundle.Result>> Ingest(HttpContext http, IMediator mediator, IOptions<FactLedgerOptions> options, CancellationToken ct)
    {
        var bundle = await JsonBody.ReadAsync<IngestBundle.Bundle>(http.Request, ApiJson.Requests, options.Value.MaxIngestBodyBytes, ct);
        return TypedResults.Ok(await mediator.Send(new IngestBundle.Command(bundle, BaseDirectory: null, http.User.Actor()), ct));
    }
}
