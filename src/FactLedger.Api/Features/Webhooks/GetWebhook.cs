namespace FactLedger.Api.Features.Webhooks;

/// <summary>One webhook, without its secret.</summary>
public static class GetWebhook
{
    public sealed record Query(string Id) : IRequest<WebhookResponse>;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() =>
            RuleFor(q => q.Id).Must(WebhookRules.IsWebhookId).WithErrorCode(Validation.NotFound)
                .WithMessage(q => WebhookRules.NoSuchWebhook(q.Id));
    }

    public sealed class Handler(IQuerySession session) : IRequestHandler<Query, WebhookResponse>
    {
        public async Task<WebhookResponse> Handle(Query query, CancellationToken cancellationToken) =>
            WebhookResponse.Of(await WebhookRules.LoadAsync(session, query.Id, cancellationToken));
    }
}
