namespace FactLedger.Api.Features.Origins;

/// <summary>The identities the ledger holds (newest decision first), standing or withdrawn, or all.</summary>
public static class ListIdentities
{
    public sealed record Query(int Page, int PageSize, string? Status) : IRequest<Paged<IdentityResponse>>, IPagedQuery;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            Include(PagingRules.Instance);
            RuleFor(q => q.Status).Must(s => s is null or IdentityResponse.Standing or IdentityResponse.Withdrawn)
                .WithMessage("must be standing or withdrawn");
        }
    }

    public sealed class Handler(IQuerySession session) : IRequestHandler<Query, Paged<IdentityResponse>>
    {
        public async Task<Paged<IdentityResponse>> Handle(Query query, CancellationToken cancellationToken)
        {
            var (rules, _) = await OriginBook.LoadAsync(session, null, cancellationToken);
            var matching = rules.Identities.Values.Select(IdentityResponse.Of)
                .Where(i => query.Status is null || i.Status == query.Status)
                .OrderByDescending(i => i.DecidedAt).ThenBy(i => i.Id, StringComparer.Ordinal).ToList();
            return new Paged<IdentityResponse>(
                matching.Skip(PagingRules.Skip(query)).Take(query.PageSize).ToList(), query.Page, query.PageSize,
                matching.Count);
        }
    }
}
