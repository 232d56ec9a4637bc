namespace FactLedger.Api.Features.Webhooks;

/// <summary>Every webhook, oldest first, without secrets.</summary>
public static class ListWebhooks
{
    public sealed record Query : IRequest<IReadOnlyList<WebhookResponse>>;

    public sealed class Handler(IQuerySession session) : IRequestHandler<Query, IReadOnlyList<WebhookResponse>>
    {
        public async Task<IReadOnlyList<WebhookResponse>> Handle(Query query, CancellationToken cancellationToken) =>
            (await session.Query<Webhook>().OrderBy(w => w.CreatedAt).ThenBy(w => w.Id).ToListAsync(cancellationToken))
            .Select(WebhookResponse.Of).ToList();
    }
}
