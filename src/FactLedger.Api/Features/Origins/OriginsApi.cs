namespace FactLedger.Api.Features.Origins;

public static class OriginsApi
{
    public static RouteGroupBuilder MapOrigins(this RouteGroupBuilder api)
    {
        api.MapGet("/origins/{name}/claims", Claims).WithTags("Audit").Reads().Problems(404)
            .WithName("GetOriginClaims").WithSummary("Everything one origin said, under any of its names");
        var identities = api.MapGroup("/origins/identities").WithTags("Origins");
        identities.MapGet("/", List).Reads().WithName("ListIdentities").WithSummary("List origin identities")
            .WithDescription("Which names the ledger counts as one authority: standing or withdrawn (newest decision " +
                "first); without a status, all. Configuration seeds them at start-up (decided by `configuration`).");
        identities.MapPost("/", Declare).Writes().WithName("DeclareIdentity")
            .WithSummary("Declare that a name is another name of an authority")
            .WithDescription("Claims attributed to either name become one origin, shown under `sameAs`; the figures " +
                "with such claims are regrouped in the same transaction: 201. Declaring it again answers 200 and " +
                "changes nothing; a name already declared another's, or a cycle of names, is refused (409).");
        identities.MapPost("/{id}/withdraw", Withdraw).Writes().Problems(404).WithName("WithdrawIdentity")
            .WithSummary("Withdraw an identity")
            .WithDescription("The names are different origins again, saying why; the figures are regrouped. " +
                "Withdrawing again changes nothing.");
        return api;
    }

    public static Task<Ok<GetOriginClaims.Response>> Claims(IMediator mediator, string name, CancellationToken ct) =>
        mediator.OkAsync(new GetOriginClaims.Query(name), ct);

    public static Task<Ok<Paged<IdentityResponse>>> List(IMediator mediator, int? page, int? pageSize,
        string? status, CancellationToken ct) =>
        mediator.OkAsync(new ListIdentities.Query(page ?? 1, pageSize ?? 50, status), ct);

    public static async Task<Results<Created<IdentityDecision>, Ok<IdentityDecision>>> Declare(
        HttpContext http, IMediator mediator, DeclareIdentity.Command identity, CancellationToken ct)
    {
        var result = await mediator.Send(identity.SentBy(http), ct);
        return result.Changed
            ? TypedResults.Created($"/api/origins/identities?status={IdentityResponse.Standing}", result)
            : TypedResults.Ok(result);
    }

    public static Task<Ok<IdentityDecision>> Withdraw(HttpContext http, IMediator mediator, string id,
        WithdrawIdentity.Command reason, CancellationToken ct) =>
        mediator.OkAsync((reason with { Id = id }).SentBy(http), ct);
}
