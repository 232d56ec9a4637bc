using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace FactLedger.Api.Features.Proposals;

public static class ProposalsApi
{
    public static RouteGroupBuilder MapProposals(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/proposals").WithTags("Proposals");
        group.MapGet("/", List).Reads();
        group.MapGet("/{id}", Get).Reads();
        group.MapPost("/{id}/accept", Accept).Writes();
        group.MapPost("/{id}/reject", Reject).Writes();
        api.MapPost("/sources/{key}/proposals", Propose).Writes().WithTags("Proposals");
        return group;
    }

    public static Task<Ok<Paged<ProposalResponse>>> List(IMediator mediator, int? page, int? pageSize, string? story,
        string? source, string? status, CancellationToken ct) =>
        mediator.OkAsync(new ListProposals.Query(page ?? 1, pageSize ?? 50, story, source, status), ct);

    public static Task<Ok<ProposalResponse>> Get(IMediator mediator, string id, CancellationToken ct) =>
        mediator.OkAsync(new GetProposal.Query(id), ct);

    public static async Task<Results<Created<AcceptProposal.Result>, Ok<AcceptProposal.Result>>> Accept(
        HttpContext http, IMediator mediator, string id,
        [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] AcceptProposal.Command? edits, CancellationToken ct)
    {
        var result = await mediator.Send(((edits ?? new AcceptProposal.Command()) with { Id = id }).SentBy(http), ct);
        return result.Created ? TypedResults.Created($"/api/figures/{result.Figure}", result) : TypedResults.Ok(result);
    }

    public static Task<Ok<RejectProposal.Result>> Reject(HttpContext http, IMediator mediator, string id,
        RejectProposal.Command reason, CancellationToken ct) =>
        mediator.OkAsync((reason with { Id = id }).SentBy(http), ct);

    public static Task<Ok<ProposeClaims.Result>> Propose(HttpContext http, IMediator mediator, string key,
        [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] ProposeClaims.Command? options,
        CancellationToken ct) =>
        mediator.OkAsync(((options ?? new ProposeClaims.Command()) with { SourceKey = key }).SentBy(http), ct);
}
