namespace FactLedger.Api.Features.Sources;

/// <summary>Registered sources in publication order, optionally of one language.</summary>
public static class ListSources
{
    public sealed record Query(int Page, int PageSize, string? Language) : IRequest<Paged<Item>>, IPagedQuery;

    public sealed record Item(string Key, string? Outlet, string? Url, string Language, string Title,
        DateTimeOffset PublishedAt, string Sha256);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => Include(PagingRules.Instance);
    }

    public sealed class Handler(IQuerySession session) : IRequestHandler<Query, Paged<Item>>
    {
        public async Task<Paged<Item>> Handle(Query query, CancellationToken cancellationToken)
        {
            IQueryable<Source> sources = session.Query<Source>();
            if (!string.IsNullOrWhiteSpace(query.Language)) sources = sources.Where(s => s.Language == query.Language);
            var items = await sources.OrderBy(s => s.PublishedAt).ThenBy(s => s.Id)
                .Stats(out var stats)
                .Skip(PagingRules.Skip(query)).Take(query.PageSize)
                .Select(s => new Item(s.Id, s.Outlet, s.Url, s.Language, s.Title, s.PublishedAt, s.Sha256))
                .ToListAsync(cancellationToken);
            return new Paged<Item>(items, query.Page, query.PageSize, stats.TotalResults);
        }
    }
}
