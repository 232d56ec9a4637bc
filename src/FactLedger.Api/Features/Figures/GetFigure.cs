namespace FactLedger.Api.Features.Figures;

/// <summary>
/// A figure now, or as it stood: <c>asOf</c> on the publication clock (only claims, corrections and retractions
/// made public by then),
/// <c>knownAt</c> on the recording clock (the figure stream folded up to that timestamp).
/// </summary>
public static class GetFigure
{
    public sealed record Query(string Key, string? AsOf = null, string? KnownAt = null) : IRequest<FigureResponse>
    {
        public bool IsNow => AsOf is null && KnownAt is null;
    }

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.Key).IsFigureKey();
            RuleFor(q => q.AsOf).IsMoment();
            RuleFor(q => q.KnownAt).IsMoment();
        }
    }

    public sealed class Handler(IQuerySession session, FigureReader reader) : IRequestHandler<Query, FigureResponse>
    {
        public async Task<FigureResponse> Handle(Query query, CancellationToken cancellationToken)
        {
            var (asOf, knownAt) = (TextRules.ParseMoment(query.AsOf), TextRules.ParseMoment(query.KnownAt));
            var figure = await reader.LoadAsync(session, query.Key, knownAt, asOf, cancellationToken);
            return figure.ToResponse(asOf, knownAt);
        }
    }
}
