using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace FactLedger.Api.Features.Proposals;

public static class ProposalsApi
{
    public static RouteGroupBuilder MapProposals(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/proposals").WithTags("Proposals");
        group.MapGet("/", List).Reads().WithName("ListProposals").WithSummary("List proposals")
            .WithDescription("Filtered by story, source and status (pending, accepted, rejected).");
        group.MapGet("/{id}", Get).Reads().Problems(404).WithName("GetProposal").WithSummary("Get a proposal");
        group.MapPost("/{id}/accept", Accept).Writes().Problems(404).WithName("AcceptProposal")
            .WithSummary("Accept a proposal as a claim")
            .WithDescription("Records the claim through the normal claim path (every check) under the proposal's " +
                "id, with the editor's changes. Accepting again answers 200 with the same claim; edits that fail a " +
                "claim's checks are refused and the proposal stays pending.");
        group.MapPost("/{id}/reject", Reject).Writes().Problems(404).WithName("RejectProposal")
            .WithSummary("Reject a proposal").WithDescription("Rejecting again changes nothing.");
        api.MapPost("/sources/{key}/proposals", Propose).Writes().Problems(404).WithTags("Proposals")
            .WithName("ProposeClaims").WithSummary("Propose claims from a source's text")
            .WithDescription("Runs the extractor over the text; with a story, matches each proposal to one of its " +
                "figures. Statements already proposed are not proposed again.");
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
