using FactLedger.Api.Features.Figures;
using FactLedger.Api.Infrastructure.Http;
using FactLedger.Domain.Reconciliation;
using Marten;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FactLedger.Api.Features.Origins;

/// <summary>Every claim that comes from one origin (an authority, or an outlet speaking for itself), across figures.
/// The name resolves through the alias table, so any of an authority's names finds all its claims.</summary>
public static class GetOriginClaims
{
    public sealed record Query(string Name) : IRequest<Response>;

    public sealed record Item(string Figure, ClaimResponse Claim, bool? AgreesWithEstimate);

    public sealed record Response(string Origin, IReadOnlyList<Item> Claims);

    public sealed class Handler(IQuerySession session, OriginResolver origins) : IRequestHandler<Query, Response>
    {
        public async Task<Response> Handle(Query query, CancellationToken cancellationToken)
        {
            if (string.IsNullOrWhiteSpace(query.Name) || query.Name.Length > 300) throw ProblemException.Field("name", "must be 1 to 300 characters");
            var display = origins.Resolve(query.Name, query.Name);
            var key = origins.KeyOf(query.Name, query.Name);
            var keys = await session.Query<FigureView>().Where(f => f.Origins.Any(o => o.Key == key)).Select(f => f.Id).ToListAsync(cancellationToken);
            var figures = new List<FigureDetails>(keys.Count);
            foreach (var figureKey in keys) figures.Add(await FigureDetails.LoadAsync(session, origins, figureKey, null, cancellationToken));
            var items = figures.SelectMany(f => f.Claims.Where(c => c.OriginKey == key).Select(c => new Item(f.Id, c.ToResponse(),
                    Reconciler.Agrees(c.Value, c.RefersTo, c.Retraction is not null, f.Cumulative, f.Estimate))))
                .OrderBy(i => i.Claim.PublishedAt).ThenBy(i => i.Figure, StringComparer.Ordinal).ThenBy(i => i.Claim.Id, StringComparer.Ordinal).ToList();
            if (items.Count == 0) throw ProblemException.NotFound($"No claim comes from origin '{display}'.");
            return new Response(display, items);
        }
    }
}

public static class OriginsApi
{
    public static RouteGroupBuilder MapOrigins(this RouteGroupBuilder api)
    {
        api.MapGet("/origins/{name}/claims", Claims).WithTags("Audit").RequireAuthorization(Policies.Read);
        return api;
    }

    public static async Task<Ok<GetOriginClaims.Response>> Claims(IMediator mediator, string name, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new GetOriginClaims.Query(name), ct));
}
