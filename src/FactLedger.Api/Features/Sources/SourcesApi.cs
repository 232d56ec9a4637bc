using FactLedger.Api.Features.Shared;
using FactLedger.Api.Infrastructure.Http;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FactLedger.Api.Features.Sources;

public static class SourcesApi
{
    public static RouteGroupBuilder MapSources(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/sources").WithTags("Sources");
        group.MapPost("/", Register).RequireAuthorization(Policies.Write).RequireRateLimiting(WriteRateLimit.Policy);
        group.MapGet("/", List).RequireAuthorization(Policies.Read);
        group.MapGet("/{key}", Get).RequireAuthorization(Policies.Read);
        group.MapGet("/{key}/claims", Claims).RequireAuthorization(Policies.Read);
        return group;
    }

    public static async Task<Results<Created<RegisterSource.Result>, Ok<RegisterSource.Result>>> Register(
        HttpContext http, IMediator mediator, CancellationToken ct)
    {
        var command = await JsonBody.ReadAsync<RegisterSource.Command>(http.Request, ApiJson.Requests, ct);
        var result = await mediator.Send(command with { RecordedBy = http.User.Actor(), CorrelationId = Correlation.Of(http) }, ct);
        return result.Created ? TypedResults.Created($"/api/sources/{result.Key}", result) : TypedResults.Ok(result);
    }

    public static async Task<Ok<Paged<ListSources.Item>>> List(IMediator mediator, int? page, int? pageSize, string? language,
        CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new ListSources.Query(page ?? 1, pageSize ?? 50, language), ct));

    public static async Task<Ok<GetSource.Response>> Get(IMediator mediator, string key, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new GetSource.Query(key), ct));

    public static async Task<Ok<GetSourceClaims.Response>> Claims(IMediator mediator, string key, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new GetSourceClaims.Query(key), ct));
}
