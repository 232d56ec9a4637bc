using FactLedger.Api.Infrastructure.Http;
using FactLedger.Domain.Reconciliation;
using Marten;
using MediatR;

namespace FactLedger.Api.Features.Figures;

/// <summary>
/// A figure now, or as it stood: <c>asOf</c> on the publication clock (only claims published by then),
/// <c>knownAt</c> on the recording clock (the figure stream aggregated up to that timestamp by Marten).
/// </summary>
public static class GetFigure
{
    public sealed record Query(string Key, DateTimeOffset? AsOf = null, DateTimeOffset? KnownAt = null) : IRequest<FigureResponse>;

    public sealed class Handler(IQuerySession session, OriginResolver origins) : IRequestHandler<Query, FigureResponse>
    {
        public async Task<FigureResponse> Handle(Query query, CancellationToken cancellationToken)
        {
            var figure = await FigureDetails.LoadAsync(session, origins, query.Key, query.KnownAt, cancellationToken);
            if (query.AsOf is { } asOf) figure = figure.PublishedBy(asOf);
            return figure.ToResponse(query.AsOf, query.KnownAt);
        }
    }
}

/// <summary>One point per report in publication order: the claim, its value, and the estimate right after it.</summary>
public static class GetTimeline
{
    public sealed record Query(string Key) : IRequest<Response>;

    public sealed record Point(
        DateTimeOffset PublishedAt, string ClaimId, string Source, string Origin, object? Low, object? High,
        Domain.Values.ClaimValue Value, string Wording, Domain.Reconciliation.ClaimStatus Status, EstimateResponse EstimateAfter);

    /// <summary><see cref="Version"/>: the figure stream's version the timeline was built from.</summary>
    public sealed record Response(string Key, Domain.Values.FigureKind Kind, IReadOnlyList<Point> Points, EstimateResponse Current, long Version) : IVersioned;

    public sealed class Handler(IQuerySession session, OriginResolver origins) : IRequestHandler<Query, Response>
    {
        public async Task<Response> Handle(Query query, CancellationToken cancellationToken)
        {
            var view = await FigureDetails.LoadAsync(session, origins, query.Key, null, cancellationToken);
            var ordered = view.Claims.OrderBy(c => c.PublishedAt).ThenBy(c => c.RecordedOrder).ToList();
            var points = ordered.Select((claim, i) =>
            {
                var interval = claim.Value.ToInterval();
                var after = FigureDetails.Reconcile(ordered.Take(i + 1), view.Cumulative).Estimate;
                return new Point(claim.PublishedAt, claim.Id, claim.SourceKey, claim.Origin,
                    FigureResponses.Format(interval.Low, view.Kind), FigureResponses.Format(interval.High, view.Kind),
                    claim.Value, claim.Value.Describe(), claim.Status, after.ToResponse(view.Kind));
            }).ToList();
            return new Response(view.Id, view.Kind, points, view.Estimate.ToResponse(view.Kind), view.Version);
        }
    }
}

/// <summary>The raw event history of a figure stream.</summary>
public static class GetFigureEvents
{
    public sealed record Query(string Key) : IRequest<Response>;

    public sealed record Event(long Version, long Sequence, string Type, DateTimeOffset Timestamp, string? CorrelationId, string? User, object Data);

    public sealed record Response(string Key, IReadOnlyList<Event> Events);

    public sealed class Handler(IQuerySession session) : IRequestHandler<Query, Response>
    {
        public async Task<Response> Handle(Query query, CancellationToken cancellationToken)
        {
            var events = await session.Events.FetchStreamAsync(query.Key, token: cancellationToken);
            if (events.Count == 0) throw ProblemException.NotFound($"No figure has key '{query.Key}'.");
            return new Response(query.Key, events.Select(e => new Event(e.Version, e.Sequence, e.EventTypeName, e.Timestamp, e.CorrelationId, e.UserName, e.Data)).ToList());
        }
    }
}
