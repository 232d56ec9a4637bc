namespace FactLedger.Api.Features.Dependencies;

/// <summary>Dependences by status: suggested ones (computed now, strongest first, the ones decided left out), or the
/// decided ones (newest decision first); without a status, the suggested ones, then the decided. <c>source</c> keeps
/// those naming the source on either side.</summary>
public static class ListDependencies
{
    public sealed record Query(int Page, int PageSize, string? Status, string? Source)
        : IRequest<Paged<DependenceResponse>>, IPagedQuery;

    public static readonly string[] Statuses =
        [DependenceView.Suggested, DependenceView.Confirmed, DependenceView.Rejected, DependenceView.Withdrawn];

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            Include(PagingRules.Instance);
            RuleFor(q => q.Status).Must(s => s is null || Statuses.Contains(s))
                .WithMessage("must be suggested, confirmed, rejected or withdrawn");
            RuleFor(q => q.Source).Must(s => s is null || LedgerKeys.SourceKeyProblem(s) is null)
                .WithMessage(q => LedgerKeys.SourceKeyProblem(q.Source)!);
        }
    }

    public sealed class Handler(IQuerySession session, DependenceSuggestions suggestions)
        : IRequestHandler<Query, Paged<DependenceResponse>>
    {
        public async Task<Paged<DependenceResponse>> Handle(Query query, CancellationToken cancellationToken)
        {
            var decided = await session.Query<DependenceView>().ToListAsync(cancellationToken);
            var all = new List<DependenceResponse>();
            if (query.Status is null or DependenceView.Suggested)
            {
                // A withdrawn dependence is undecided again: detection may suggest it anew.
                var settled = decided.Where(d => d.Status != DependenceView.Withdrawn).Select(d => d.Id)
                    .ToHashSet(StringComparer.Ordinal);
                var suggested = await suggestions.GetAsync(session, cancellationToken);
                all.AddRange(suggested.Where(s => !settled.Contains(s.Id)).Select(DependenceResponse.Of));
            }
            if (query.Status is not DependenceView.Suggested)
                all.AddRange(decided.Where(d => query.Status is null || d.Status == query.Status)
                    .OrderByDescending(d => d.DecidedAt).ThenBy(d => d.Id, StringComparer.Ordinal)
                    .Select(DependenceResponse.Of));
            var matching = all.Where(d => query.Source is null || d.Source == query.Source
                || d.Kind == "source" && d.DependsOn == query.Source).ToList();
            return new Paged<DependenceResponse>(
                matching.Skip(PagingRules.Skip(query)).Take(query.PageSize).ToList(), query.Page, query.PageSize,
                matching.Count);
        }
    }
}
