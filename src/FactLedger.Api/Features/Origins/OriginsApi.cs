using FactLedger.Api.Infrastructure.Http;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FactLedger.Api.Features.Origins;

public static class OriginsApi
{
    public static RouteGroupBuilder MapOrigins(this RouteGroupBuilder api)
    {
        api.MapGet("/origins/{name}/claims", Claims).WithTags("Audit").RequireAuthorization(Policies.Read);
        return api;
    }

    public static async Task<Ok<GetOriginClaims.Response>> Claims(IMediator mediator, string name, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new GetOriginClaims.Query(name), ct));
}
