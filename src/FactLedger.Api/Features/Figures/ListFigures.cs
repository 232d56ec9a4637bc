using FactLedger.Api.Infrastructure.Http;
using FactLedger.Domain.Reconciliation;
using Marten;
using Marten.Linq.MatchesSql;
using MediatR;

namespace FactLedger.Api.Features.Figures;

/// <summary>Figures with their current estimates, filtered by story, status and label text in any language.</summary>
public static class ListFigures
{
    public sealed record Query(string? Story, EstimateStatus? Status, string? Q, int Page = 1, int PageSize = 50) : IRequest<Paged>;

    public sealed record Paged(IReadOnlyList<FigureSummary> Items, int Page, int PageSize, long Total);

    public sealed class Handler(IQuerySession session) : IRequestHandler<Query, Paged>
    {
        public async Task<Paged> Handle(Query query, CancellationToken cancellationToken)
        {
            Paging.Check(query.Page, query.PageSize);
            if (query.Q is { Length: > 200 }) throw ProblemException.Field("q", "is longer than 200 characters");

            IQueryable<FigureView> figures = session.Query<FigureView>();
            if (!string.IsNullOrWhiteSpace(query.Story)) figures = figures.Where(f => f.Story == query.Story);
            // Marten stores enums by name; the status sits inside the estimate.
            if (query.Status is { } status) figures = figures.Where(f => f.MatchesSql("d.data -> 'estimate' ->> 'status' = ?", status.ToString()));
            if (!string.IsNullOrWhiteSpace(query.Q))
            {
                var pattern = "%" + query.Q.Trim().Replace(@"\", @"\\").Replace("%", @"\%").Replace("_", @"\_") + "%";
                figures = figures.Where(f => f.MatchesSql(
                    "(d.id ilike ? or exists (select 1 from jsonb_each_text(d.data -> 'labels') l where l.value ilike ?))", pattern, pattern));
            }
            var items = await figures.OrderBy(f => f.Id)
                .Stats(out var stats)
                .Skip(Paging.Skip(query.Page, query.PageSize)).Take(query.PageSize)
                .ToListAsync(cancellationToken);
            return new Paged(items.Select(f => f.ToSummary()).ToList(), query.Page, query.PageSize, stats.TotalResults);
        }
    }
}
