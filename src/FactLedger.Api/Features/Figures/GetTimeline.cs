namespace FactLedger.Api.Features.Figures;

/// <summary>One point per report in publication order: the claim, its value, and the estimate right after it.</summary>
public static class GetTimeline
{
    public sealed record Query(string Key) : IRequest<Response>;

    public sealed record Point(
        DateTimeOffset PublishedAt, string ClaimId, string Source, string Origin, object? Low, object? High,
        ClaimValue Value, string Wording, ClaimStatus Status, EstimateResponse EstimateAfter);

    /// <summary><see cref="Version"/>: the figure stream's version the timeline was built from.</summary>
    public sealed record Response(
        string Key, FigureKind Kind, IReadOnlyList<Point> Points, EstimateResponse Current, long Version) : IVersioned;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => RuleFor(q => q.Key).IsFigureKey();
    }

    public sealed class Handler(IQuerySession session, FigureReader reader) : IRequestHandler<Query, Response>
    {
        public async Task<Response> Handle(Query query, CancellationToken cancellationToken)
        {
            var figure = await reader.LoadAsync(session, query.Key, null, cancellationToken);
            var kind = figure.Kind;
            var ordered = figure.Claims.OrderBy(c => c.PublishedAt).ThenBy(c => c.RecordedOrder).ToList();
            var points = ordered.Select((claim, i) =>
            {
                var interval = claim.Value.ToInterval();
                var sofar = ordered.Take(i + 1).Select(c => c.ToReconcilable()).ToList();
                var after = Reconciler.Reconcile(sofar, figure.Cumulative).Estimate
                    .ToResponse(kind, figure.Labels.Keys);
                return new Point(claim.PublishedAt, claim.Id, claim.SourceKey, claim.Origin,
                    FigureResponses.Format(interval.Low, kind), FigureResponses.Format(interval.High, kind),
                    claim.Value, Wording.Of(claim.Value), figure.VerdictOf(claim.Id).Status, after);
            }).ToList();
            var current = figure.Estimate.ToResponse(kind, figure.Labels.Keys);
            return new Response(figure.Key, kind, points, current, figure.Version);
        }
    }
}
