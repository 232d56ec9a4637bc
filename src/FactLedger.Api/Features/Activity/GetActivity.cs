using FactLedger.Api.Features.Figures;

namespace FactLedger.Api.Features.Activity;

/// <summary>Who recorded what, most recent first, optionally by one actor and within a time window.</summary>
public static class GetActivity
{
    public sealed record Query(string? By, string? From, string? To, int Page, int PageSize)
        : IRequest<Paged<ActivityEntry>>, IPagedQuery;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            Include(PagingRules.Instance);
            RuleFor(q => q.From).IsMoment();
            RuleFor(q => q.To).IsMoment();
        }
    }

    public sealed class Handler(IQuerySession session) : IRequestHandler<Query, Paged<ActivityEntry>>
    {
        public async Task<Paged<ActivityEntry>> Handle(Query query, CancellationToken cancellationToken)
        {
            IQueryable<ActivityEntry> entries = session.Query<ActivityEntry>();
            if (!string.IsNullOrWhiteSpace(query.By)) entries = entries.Where(a => a.By == query.By);
            if (TextRules.ParseMoment(query.From) is { } from) entries = entries.Where(a => a.At >= from);
            if (TextRules.ParseMoment(query.To) is { } to) entries = entries.Where(a => a.At <= to);
            var items = await entries.OrderByDescending(a => a.At).ThenByDescending(a => a.Sequence)
                .Stats(out var stats)
                .Skip(PagingRules.Skip(query)).Take(query.PageSize)
                .ToListAsync(cancellationToken);
            return new Paged<ActivityEntry>(items, query.Page, query.PageSize, stats.TotalResults);
        }
    }
}
