namespace FactLedger.Api.Features.Activity;

public static class ActivityApi
{
    public static RouteGroupBuilder MapActivity(this RouteGroupBuilder api)
    {
        api.MapGet("/activity", List).WithTags("Audit").Reads().FromReplica().WithName("ListActivity")
            .WithSummary("Who recorded, corrected or retracted what")
            .WithDescription("Newest first; by who and between two moments. Kept by an asynchronous projection.");
        return api;
    }

    public static Task<Ok<Paged<ActivityEntry>>> List(IMediator mediator, string? by, string? from, string? to,
        int? page, int? pageSize, CancellationToken ct) =>
        mediator.OkAsync(new GetActivity.Query(by, from, to, page ?? 1, pageSize ?? 50), ct);
}
