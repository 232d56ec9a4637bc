namespace FactLedger.Api.Features.Proposals;

/// <summary>Proposals, newest source first and in text order within a source, filtered by story, source and
/// status.</summary>
public static class ListProposals
{
    public sealed record Query(int Page, int PageSize, string? Story, string? Source, string? Status)
        : IRequest<Paged<ProposalResponse>>, IPagedQuery;

    public static readonly string[] Statuses = [ProposalView.Pending, ProposalView.Accepted, ProposalView.Rejected];

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            Include(PagingRules.Instance);
            RuleFor(q => q.Status).Must(s => s is null || Statuses.Contains(s))
                .WithMessage("must be pending, accepted or rejected");
            RuleFor(q => q.Story).Must(s => s is null || LedgerKeys.IsSlug(s))
                .WithMessage("must be a story key: lowercase letters, digits and single hyphens");
            RuleFor(q => q.Source).Must(s => s is null || LedgerKeys.SourceKeyProblem(s) is null)
                .WithMessage(q => LedgerKeys.SourceKeyProblem(q.Source)!);
        }
    }

    public sealed class Handler(IQuerySession session) : IRequestHandler<Query, Paged<ProposalResponse>>
    {
        public async Task<Paged<ProposalResponse>> Handle(Query query, CancellationToken cancellationToken)
        {
            IQueryable<ProposalView> proposals = session.Query<ProposalView>();
            if (query.Story is not null) proposals = proposals.Where(p => p.Story == query.Story);
            if (query.Source is not null) proposals = proposals.Where(p => p.Source == query.Source);
            if (query.Status is not null) proposals = proposals.Where(p => p.Status == query.Status);
            var items = await proposals
                .OrderByDescending(p => p.ProposedAt).ThenBy(p => p.Source).ThenBy(p => p.QuoteOffset)
                .ThenBy(p => p.ValueOffset).ThenBy(p => p.Id)
                .Stats(out var stats)
                .Skip(PagingRules.Skip(query)).Take(query.PageSize)
                .ToListAsync(cancellationToken);
            return new Paged<ProposalResponse>(items.Select(ProposalResponse.Of).ToList(), query.Page, query.PageSize,
                stats.TotalResults);
        }
    }
}
