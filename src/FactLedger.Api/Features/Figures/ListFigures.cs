using Marten.Linq.MatchesSql;

namespace FactLedger.Api.Features.Figures;

/// <summary>Figures with their current estimates, filtered by story, status and label text in any language.</summary>
public static class ListFigures
{
    /// <summary><see cref="Sort"/>: <c>key</c> (the default), <c>latest-report</c> (newest report first) or
    /// <c>recorded</c> (last changed in the ledger first).</summary>
    public sealed record Query(
        string? Story, string? Status, string? Q, int Page = 1, int PageSize = 50, string? Sort = null)
        : IRequest<Paged<FigureSummary>>, IPagedQuery;

    public static readonly string[] Sorts = ["key", "latest-report", "recorded"];

    public static readonly IReadOnlyDictionary<string, EstimateStatus> Statuses =
        Enum.GetValues<EstimateStatus>().ToDictionary(s => JsonNamingPolicy.KebabCaseLower.ConvertName(s.ToString()));

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            Include(PagingRules.Instance);
            RuleFor(q => q.Status).Must(s => s is null || Statuses.ContainsKey(s))
                .WithMessage($"must be one of {string.Join(", ", Statuses.Keys)}");
            RuleFor(q => q.Q).MaximumLength(200).WithMessage("is longer than 200 characters");
            RuleFor(q => q.Sort).Must(s => s is null || Sorts.Contains(s))
                .WithMessage($"must be one of {string.Join(", ", Sorts)}");
        }
    }

    public sealed class Handler(IQuerySession session) : IRequestHandler<Query, Paged<FigureSummary>>
    {
        public async Task<Paged<FigureSummary>> Handle(Query query, CancellationToken cancellationToken)
        {
            IQueryable<FigureView> figures = session.Query<FigureView>();
            if (!string.IsNullOrWhiteSpace(query.Story)) figures = figures.Where(f => f.Story == query.Story);
            // Marten stores enums by name; the status sits inside the estimate.
            if (query.Status is { } status)
            {
                var stored = Statuses[status].ToString();
                figures = figures.Where(f => f.MatchesSql("d.data -> 'estimate' ->> 'status' = ?", stored));
            }
            if (!string.IsNullOrWhiteSpace(query.Q))
            {
                var pattern = "%" + query.Q.Trim().Replace(@"\", @"\\").Replace("%", @"\%").Replace("_", @"\_") + "%";
                figures = figures.Where(f => f.MatchesSql(
                    "(d.id ilike ? or exists " +
                    "(select 1 from jsonb_each_text(d.data -> 'labels') l where l.value ilike ?))",
                    pattern, pattern));
            }
            IQueryable<FigureView> sorted = query.Sort switch
            {
                // Figures with no report that counts come last (a plain descending order puts nulls first).
                "latest-report" => figures
                    .OrderBySql("cast(d.data ->> 'latestReportAt' as timestamptz) desc nulls last").ThenBySql("d.id"),
                "recorded" => figures.OrderByDescending(f => f.LastChangedAt).ThenBy(f => f.Id),
                _ => figures.OrderBy(f => f.Id),
            };
            // Only what a summary shows: the stored compact state (each origin's current claim) stays in the database.
            var items = await sorted
                .Stats(out var stats)
                .Skip(PagingRules.Skip(query)).Take(query.PageSize)
                .Select(f => new FigureView
                {
                    Id = f.Id, Story = f.Story, Kind = f.Kind, Cumulative = f.Cumulative, Labels = f.Labels,
                    Estimate = f.Estimate, ClaimCount = f.ClaimCount, LastChangedAt = f.LastChangedAt,
                    LatestReportAt = f.LatestReportAt,
                })
                .ToListAsync(cancellationToken);
            var summaries = items.Select(f => f.ToSummary()).ToList();
            return new Paged<FigureSummary>(summaries, query.Page, query.PageSize, stats.TotalResults);
        }
    }
}
