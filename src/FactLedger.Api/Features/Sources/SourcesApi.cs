namespace FactLedger.Api.Features.Sources;

public static class SourcesApi
{
    public static RouteGroupBuilder MapSources(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/sources").WithTags("Sources");
        group.MapPost("/", Register).Writes().Accepts<RegisterSource.Command>("application/json")
            .WithName("RegisterSource").WithSummary("Register a source document")
            .WithDescription("Stores the text (NFC) and its SHA-256. The same document again answers 200 and " +
                "changes nothing; other content under the key is 409. With `propose: true` the extractor proposes " +
                "claims from the text at once.");
        group.MapGet("/", List).Reads().FromReplica().WithName("ListSources").WithSummary("List sources")
            .WithDescription("Sources in publication order, optionally of one language.");
        group.MapGet("/{key}", Get).Reads().FromReplica().Problems(404).WithName("GetSource")
            .WithSummary("Get a source with its text");
        group.MapGet("/{key}/claims", Claims).Reads().FromReplica().Problems(404).WithName("GetSourceClaims")
            .WithSummary("Audit a source's claims")
            .WithDescription("Every claim the source made, its fate (current, superseded, corrected, retracted) and " +
                "whether it agrees with the current estimate, as committed.");
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
