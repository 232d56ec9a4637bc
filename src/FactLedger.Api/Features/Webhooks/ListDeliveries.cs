namespace FactLedger.Api.Features.Webhooks;

/// <summary>A webhook's deliveries, newest change first, filtered by status.</summary>
public static class ListDeliveries
{
    public sealed record Query(string Id, int Page, int PageSize, string? Status)
        : IRequest<Paged<DeliveryResponse>>, IPagedQuery;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            Include(PagingRules.Instance);
            RuleFor(q => q.Id).Must(WebhookRules.IsWebhookId).WithErrorCode(Validation.NotFound)
                .WithMessage(q => WebhookRules.NoSuchWebhook(q.Id));
            RuleFor(q => q.Status).Must(s => s is null || WebhookDelivery.Statuses.Contains(s))
                .WithMessage("must be pending, delivered or failed");
        }
    }

    public sealed class Handler(IQuerySession session) : IRequestHandler<Query, Paged<DeliveryResponse>>
    {
        public async Task<Paged<DeliveryResponse>> Handle(Query query, CancellationToken cancellationToken)
        {
            await WebhookRules.LoadAsync(session, query.Id, cancellationToken);
            var deliveries = session.Query<WebhookDelivery>().Where(d => d.WebhookId == query.Id);
            if (query.Status is { } status) deliveries = deliveries.Where(d => d.Status == status);
            var items = await deliveries.OrderByDescending(d => d.Sequence)
                .Stats(out var stats)
                .Skip(PagingRules.Skip(query)).Take(query.PageSize)
                .ToListAsync(cancellationToken);
            return new Paged<DeliveryResponse>(items.Select(DeliveryResponse.Of).ToList(), query.Page,
                query.PageSize, stats.TotalResults);
        }
    }
}
