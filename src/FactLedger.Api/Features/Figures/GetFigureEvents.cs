namespace FactLedger.Api.Features.Figures;

/// <summary>The raw event history of a figure stream.</summary>
public static class GetFigureEvents
{
    public sealed record Query(string Key) : IRequest<Response>;

    public sealed record Event(
        long Version, long Sequence, string Type, DateTimeOffset Timestamp, string? CorrelationId, string? User,
        object Data);

    public sealed record Response(string Key, IReadOnlyList<Event> Events);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => RuleFor(q => q.Key).IsFigureKey();
    }

    public sealed class Handler(IQuerySession session) : IRequestHandler<Query, Response>
    {
        public async Task<Response> Handle(Query query, CancellationToken cancellationToken)
        {
            var events = await session.Events.FetchStreamAsync(query.Key, token: cancellationToken);
            if (events.Count == 0) throw LedgerError.NotFound(FigureRules.NoSuchFigure(query.Key));
            return new Response(query.Key, events.Select(e => new Event(
                e.Version, e.Sequence, e.EventTypeName, e.Timestamp, e.CorrelationId, e.UserName, e.Data)).ToList());
        }
    }
}
