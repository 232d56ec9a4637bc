using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace FactLedger.Api.Features.Dependencies;

public static class DependenciesApi
{
    public static RouteGroupBuilder MapDependencies(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/dependencies").WithTags("Dependencies");
        group.MapGet("/", List).Reads().WithName("ListDependencies").WithSummary("List dependences")
            .WithDescription("By status: suggested (found by detection now in the registered texts and the figures' " +
                "current claims, strongest first), confirmed, rejected or withdrawn (newest decision first); " +
                "without one, all. `source` keeps those naming the source on either side.");
        group.MapPost("/", Declare).Writes().WithName("DeclareDependence")
            .WithSummary("Declare a dependence by hand")
            .WithDescription("Records that a registered source took its reporting from another registered source " +
                "or an agency, saying how it is known: 201. Declaring a confirmed dependence again answers 200 and " +
                "changes nothing; an unregistered source is refused (422).");
        group.MapPost("/{id}/confirm", Confirm).Writes().Problems(404).WithName("ConfirmDependence")
            .WithSummary("Confirm a suggested dependence")
            .WithDescription("Keeps the evidence and score detection found. The id must be suggested now (404 " +
                "otherwise) or confirmed already (200, nothing changes).");
        group.MapPost("/{id}/reject", Reject).Writes().Problems(404).WithName("RejectDependence")
            .WithSummary("Reject a suggested dependence")
            .WithDescription("Detection suggests it no more. Rejecting again changes nothing; a confirmed " +
                "dependence cannot be rejected (409: withdraw it).");
        group.MapPost("/{id}/withdraw", Withdraw).Writes().Problems(404).WithName("WithdrawDependence")
            .WithSummary("Withdraw a confirmed dependence")
            .WithDescription("Undoes a confirmation, saying why; detection may suggest it again. Withdrawing again " +
                "changes nothing; a rejected dependence was never confirmed (409).");
        return group;
    }

    public static Task<Ok<Paged<DependenceResponse>>> List(IMediator mediator, int? page, int? pageSize,
        string? status, string? source, CancellationToken ct) =>
        mediator.OkAsync(new ListDependencies.Query(page ?? 1, pageSize ?? 50, status, source), ct);

    public static async Task<Results<Created<DependenceDecision>, Ok<DependenceDecision>>> Declare(
        HttpContext http, IMediator mediator, DeclareDependence.Command dependence, CancellationToken ct)
    {
        var result = await mediator.Send(dependence.SentBy(http), ct);
        return result.Changed
            ? TypedResults.Created($"/api/dependencies?status=confirmed&source={result.Dependence.Source}", result)
            : TypedResults.Ok(result);
    }

    public static Task<Ok<DependenceDecision>> Confirm(HttpContext http, IMediator mediator, string id,
        [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] ConfirmDependence.Command? reason,
        CancellationToken ct) =>
        mediator.OkAsync(((reason ?? new ConfirmDependence.Command()) with { Id = id }).SentBy(http), ct);

    public static Task<Ok<DependenceDecision>> Reject(HttpContext http, IMediator mediator, string id,
        RejectDependence.Command reason, CancellationToken ct) =>
        mediator.OkAsync((reason with { Id = id }).SentBy(http), ct);

    public static Task<Ok<DependenceDecision>> Withdraw(HttpContext http, IMediator mediator, string id,
        WithdrawDependence.Command reason, CancellationToken ct) =>
        mediator.OkAsync((reason with { Id = id }).SentBy(http), ct);
}
