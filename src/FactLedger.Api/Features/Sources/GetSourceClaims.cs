using FactLedger.Api.Features.Claims;
using FactLedger.Api.Features.Figures;

namespace FactLedger.Api.Features.Sources;

/// <summary>
/// Every claim a source made, each with its current fate in its figure and whether it agrees with the figure's current
/// estimate: the figures from the claim ids' records (<see cref="ClaimIndex"/>, written with the claims, indexed by
/// source), the claims from those figures' streams.
/// </summary>
public static class GetSourceClaims
{
    public sealed record Query(string Key) : IRequest<Response>;

    public sealed record Item(
        string Id, string Figure, ClaimValue Value, string Wording, ClaimValue? OriginalValue, string Quote,
        int QuoteOffset, int QuoteLength, string? AttributedTo, string? Origin, DateTimeOffset RecordedAt,
        string RecordedBy, ClaimStatus? Status, string? SupersededBy, bool? AgreesWithEstimate,
        EstimateResponse? FigureEstimate);

    /// <summary><see cref="TrackRecord"/>: what became of the source's claims (shown, not used as a weight).
    /// </summary>
    public sealed record Response(string Key, string? Outlet, string Title, string Language, DateTimeOffset PublishedAt,
        TrackRecord TrackRecord, IReadOnlyList<Item> Claims);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => RuleFor(q => q.Key).IsSourceKey();
    }

    public sealed class Handler(IQuerySession session, FigureReader reader) : IRequestHandler<Query, Response>
    {
        public async Task<Response> Handle(Query query, CancellationToken cancellationToken)
        {
            var source = await GetSource.LoadAsync(session, query.Key, cancellationToken);
            var figures = await session.Query<ClaimIndex>().Where(c => c.SourceKey == source.Id)
                .Select(c => c.FigureKey).Distinct().ToListAsync(cancellationToken);
            var items = new List<Item>();
            foreach (var figureKey in figures.Order(StringComparer.Ordinal))
            {
                var figure = await reader.LoadAsync(session, figureKey, null, cancellationToken);
                var estimate = figure.Estimate.ToResponse(figure.Kind, figure.Labels.Keys);
                items.AddRange(figure.Claims.Where(c => c.SourceKey == source.Id).Select(c =>
                {
                    var verdict = figure.VerdictOf(c.Id);
                    var agrees = Reconciler.Agrees(c.Value, c.RefersTo, c.Retraction is not null, figure.Cumulative,
                        figure.Estimate);
                    return new Item(c.Id, figure.Key, c.Value, Wording.Of(c.Value), c.OriginalValue, c.Quote,
                        c.QuoteOffset, c.QuoteLength, c.AttributedTo, c.Origin, c.RecordedAt, c.RecordedBy,
                        verdict.Status, verdict.SupersededBy, agrees, estimate);
                }));
            }
            items = items.OrderBy(i => i.RecordedAt).ThenBy(i => i.Figure, StringComparer.Ordinal)
                .ThenBy(i => i.Id, StringComparer.Ordinal).ToList();
            var record = TrackRecord.Of(items.Where(i => i.Status is not null)
                .Select(i => (i.Status!.Value, i.AgreesWithEstimate)));
            return new Response(source.Id, source.Outlet, source.Title, source.Language, source.PublishedAt, record,
                items);
        }
    }
}
