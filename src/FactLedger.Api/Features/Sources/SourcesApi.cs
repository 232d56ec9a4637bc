namespace FactLedger.Api.Features.Sources;

public static class SourcesApi
{
    public static RouteGroupBuilder MapSources(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/sources").WithTags("Sources");
        group.MapPost("/", Register).Writes().Accepts<RegisterSource.Command>("application/json");
        group.MapGet("/", List).Reads();
        group.MapGet("/{key}", Get).Reads();
        group.MapGet("/{key}/claims", Claims).Reads();
        return group;
    }

    public static Task<Results<Created<RegisterSource.Result>, Ok<RegisterSource.Result>>> Register(
        HttpContext http, IMediator mediator, CancellationToken ct) =>
        mediator.CreateAsync<RegisterSource.Command, RegisterSource.Result>(
            http, r => (r.Created, $"/api/sources/{r.Key}"), ct);

    public static Task<Ok<Paged<ListSources.Item>>> List(IMediator mediator, int? page, int? pageSize, string? language,
        CancellationToken ct) => mediator.OkAsync(new ListSources.Query(page ?? 1, pageSize ?? 50, language), ct);

    public static Task<Ok<GetSource.Response>> Get(IMediator mediator, string key, CancellationToken ct) =>
        mediator.OkAsync(new GetSource.Query(key), ct);

    public static Task<Ok<GetSourceClaims.Response>> Claims(IMediator mediator, string key, CancellationToken ct) =>
        mediator.OkAsync(new GetSourceClaims.Query(key), ct);
}
