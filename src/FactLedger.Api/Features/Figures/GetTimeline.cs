namespace FactLedger.Api.Features.Figures;

/// <summary>One point per report in publication order: the claim, its value, and the estimate right after it.</summary>
public static class GetTimeline
{
    public sealed record Query(string Key) : IRequest<Response>;

    public sealed record Point(
        DateTimeOffset PublishedAt, string ClaimId, string Source, string Origin, object? Low, object? High,
        ClaimValue Value, string Wording, ClaimStatus Status, EstimateResponse EstimateAfter);

    /// <summary><see cref="Version"/>: the figure stream's version the timeline was built from.</summary>
    public sealed record Response(string Key, FigureKind Kind, IReadOnlyList<Point> Points, EstimateResponse Current, long Version)
        : IVersioned;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => RuleFor(q => q.Key).IsFigureKey();
    }

    public sealed class Handler(IQuerySession session, FigureReader reader) : IRequestHandler<Query, Response>
    {
        public async Task<Response> Handle(Query query, CancellationToken cancellationToken)
        {
            var figure = await reader.LoadAsync(session, query.Key, null, cancellationToken);
            var ordered = figure.Claims.OrderBy(c => c.PublishedAt).ThenBy(c => c.RecordedOrder).ToList();
            var points = ordered.Select((claim, i) =>
            {
                var interval = claim.Value.ToInterval();
                var after = Reconciler.Reconcile(ordered.Take(i + 1).Select(c => c.ToReconcilable()).ToList(), figure.Cumulative);
                return new Point(claim.PublishedAt, claim.Id, claim.SourceKey, claim.Origin,
                    FigureResponses.Format(interval.Low, figure.Kind), FigureResponses.Format(interval.High, figure.Kind),
                    claim.Value, claim.Value.Describe(), figure.VerdictOf(claim.Id).Status, after.Estimate.ToResponse(figure.Kind));
            }).ToList();
            return new Response(figure.Key, figure.Kind, points, figure.Estimate.ToResponse(figure.Kind), figure.Version);
        }
    }
}
