using FactLedger.Api.Features.Figures;

namespace FactLedger.Api.Features.Origins;

/// <summary>Every claim that comes from one origin (an authority, or an outlet speaking for itself), across figures.
/// The name resolves through the identities the ledger holds, so any of an authority's names finds all its claims.
/// </summary>
public static class GetOriginClaims
{
    public sealed record Query(string Name) : IRequest<Response>;

    public sealed record Item(string Figure, ClaimResponse Claim, bool? AgreesWithEstimate);

    /// <summary><see cref="TrackRecord"/>: what became of the origin's claims (shown, not used as a weight).
    /// </summary>
    public sealed record Response(string Origin, TrackRecord TrackRecord, IReadOnlyList<Item> Claims);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => RuleFor(q => q.Name).Must(n => !string.IsNullOrWhiteSpace(n) && n.Length <= 300)
            .WithMessage("must be 1 to 300 characters");
    }

    public sealed class Handler(IQuerySession session, OriginBook book, FigureReader reader)
        : IRequestHandler<Query, Response>
    {
        public async Task<Response> Handle(Query query, CancellationToken cancellationToken)
        {
            var origins = (await book.NowAsync(session, cancellationToken)).Decider.Origins;
            var display = origins.Resolve(query.Name, query.Name);
            var key = origins.KeyOf(query.Name, query.Name);
            var keys = await session.Query<FigureView>().Where(f => f.OriginKeys.Contains(key)).Select(f => f.Id)
                .ToListAsync(cancellationToken);
            var figures = new List<Figure>(keys.Count);
            foreach (var figureKey in keys)
                figures.Add(await reader.LoadAsync(session, figureKey, null, cancellationToken));
            var items = figures.SelectMany(f => f.Claims.Where(c => c.OriginKey == key).Select(c => new Item(f.Key,
                    c.ToResponse(f),
                    Reconciler.Agrees(c.Value, c.RefersTo, c.Retraction is not null, f.Cumulative, f.Estimate))))
                .OrderBy(i => i.Claim.PublishedAt).ThenBy(i => i.Figure, StringComparer.Ordinal)
                .ThenBy(i => i.Claim.Id, StringComparer.Ordinal).ToList();
            if (items.Count == 0) throw LedgerError.NotFound($"No claim comes from origin '{display}'.");
            return new Response(display,
                TrackRecord.Of(items.Select(i => (i.Claim.Status, i.AgreesWithEstimate))), items);
        }
    }
}
