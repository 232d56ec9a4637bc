using FactLedger.Api.Features.Shared;
using FactLedger.Api.Infrastructure.Http;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FactLedger.Api.Features.Activity;

public static class ActivityApi
{
    public static RouteGroupBuilder MapActivity(this RouteGroupBuilder api)
    {
        api.MapGet("/activity", List).WithTags("Audit").RequireAuthorization(Policies.Read);
        return api;
    }

    public static async Task<Ok<Paged<ActivityEntry>>> List(IMediator mediator, string? by, string? from, string? to,
        int? page, int? pageSize, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new GetActivity.Query(by, from, to, page ?? 1, pageSize ?? 50), ct));
}
