namespace FactLedger.Api.Features.Origins;

public static class OriginsApi
{
    public static RouteGroupBuilder MapOrigins(this RouteGroupBuilder api)
    {
        api.MapGet("/origins/{name}/claims", Claims).WithTags("Audit").Reads().Problems(404)
            .WithName("GetOriginClaims").WithSummary("Everything one origin said, under any of its names");
        return api;
    }

    public static Task<Ok<GetOriginClaims.Response>> Claims(IMediator mediator, string name, CancellationToken ct) =>
        mediator.OkAsync(new GetOriginClaims.Query(name), ct);
}
