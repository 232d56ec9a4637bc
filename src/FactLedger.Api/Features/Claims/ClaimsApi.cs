using FactLedger.Api.Infrastructure.Http;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FactLedger.Api.Features.Claims;

public static class ClaimsApi
{
    public static RouteGroupBuilder MapClaims(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/claims").WithTags("Claims")
            .RequireAuthorization(Policies.Write).RequireRateLimiting(WriteRateLimit.Policy);
        group.MapPost("/", Record);
        group.MapPost("/{id}/corrections", Correct);
        group.MapPost("/{id}/retraction", Retract);
        return group;
    }

    public static async Task<Results<Created<RecordClaim.Result>, Ok<RecordClaim.Result>>> Record(
        HttpContext http, IMediator mediator, CancellationToken ct)
    {
        var command = await JsonBody.ReadAsync<RecordClaim.Command>(http.Request, ApiJson.Requests, ct);
        var result = await mediator.Send(command with { RecordedBy = http.User.Actor(), CorrelationId = Correlation.Of(http) }, ct);
        return result.Created ? TypedResults.Created($"/api/figures/{result.Figure}", result) : TypedResults.Ok(result);
    }

    public static async Task<Ok<CorrectClaim.Result>> Correct(HttpContext http, IMediator mediator, string id, CancellationToken ct)
    {
        var command = await JsonBody.ReadAsync<CorrectClaim.Command>(http.Request, ApiJson.Requests, ct);
        var who = command with { ClaimId = id, RecordedBy = http.User.Actor(), CorrelationId = Correlation.Of(http) };
        return TypedResults.Ok(await mediator.Send(who, ct));
    }

    public static async Task<Ok<RetractClaim.Result>> Retract(HttpContext http, IMediator mediator, string id, CancellationToken ct)
    {
        var command = await JsonBody.ReadAsync<RetractClaim.Command>(http.Request, ApiJson.Requests, ct);
        var who = command with { ClaimId = id, RecordedBy = http.User.Actor(), CorrelationId = Correlation.Of(http) };
        return TypedResults.Ok(await mediator.Send(who, ct));
    }
}
