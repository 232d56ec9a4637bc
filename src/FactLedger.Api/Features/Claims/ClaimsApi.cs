namespace FactLedger.Api.Features.Claims;

public static class ClaimsApi
{
    public static RouteGroupBuilder MapClaims(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/claims").WithTags("Claims").Writes();
        group.MapPost("/", Record).Accepts<RecordClaim.Command>("application/json").WithName("RecordClaim")
            .WithSummary("Record a claim")
            .WithDescription("The quote must occur verbatim in the source's text (after NFC and whitespace " +
                "folding). The same claim again answers 200 with `created: false`; an id reused for another claim " +
                "is 409.");
        group.MapPost("/{id}/corrections", Correct).Accepts<CorrectClaim.Command>("application/json").Problems(404)
            .WithName("CorrectClaim").WithSummary("Correct a claim's value or quote")
            .WithDescription("The earlier value stays on record. `publishedAt`: when the correction was made public " +
                "(default: now), the moment `asOf` applies it from.");
        group.MapPost("/{id}/retraction", Retract).Accepts<RetractClaim.Command>("application/json").Problems(404)
            .WithName("RetractClaim").WithSummary("Retract a claim")
            .WithDescription("It no longer counts but stays on record. Retracting again appends nothing.");
        return group;
    }

    public static Task<Results<Created<RecordClaim.Result>, Ok<RecordClaim.Result>>> Record(
        HttpContext http, IMediator mediator, CancellationToken ct) =>
        mediator.CreateAsync<RecordClaim.Command, RecordClaim.Result>(
            http, r => (r.Created, $"/api/figures/{r.Figure}"), ct);

    public static async Task<Ok<CorrectClaim.Result>> Correct(HttpContext http, IMediator mediator, string id,
        CancellationToken ct) => await mediator.OkAsync(await ChangeOf<CorrectClaim.Command>(http, id, ct), ct);

    public static async Task<Ok<RetractClaim.Result>> Retract(HttpContext http, IMediator mediator, string id,
        CancellationToken ct) => await mediator.OkAsync(await ChangeOf<RetractClaim.Command>(http, id, ct), ct);

    private static async Task<T> ChangeOf<T>(HttpContext http, string id, CancellationToken ct) where T : ClaimChange =>
        ((T)(await JsonBody.ReadAsync<T>(http.Request, ApiJson.Requests, ct) with { ClaimId = id })).SentBy(http);
}
