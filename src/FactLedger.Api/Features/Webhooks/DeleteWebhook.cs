namespace FactLedger.Api.Features.Webhooks;

/// <summary>Removes a webhook and its deliveries: what was not delivered yet is dropped.</summary>
public static class DeleteWebhook
{
    public sealed record Command(string Id) : LedgerCommand, IRequest<Unit>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() =>
            RuleFor(c => c.Id).Must(WebhookRules.IsWebhookId).WithErrorCode(Validation.NotFound)
                .WithMessage(c => WebhookRules.NoSuchWebhook(c.Id));
    }

    public sealed class Handler(IDocumentSession session, ILogger<Handler> logger) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var webhook = await WebhookRules.LoadAsync(session, command.Id, cancellationToken);
            session.Delete(webhook);
            session.DeleteWhere<WebhookDelivery>(d => d.WebhookId == webhook.Id);
            await session.SaveChangesAsync(cancellationToken);
            logger.LogInformation("Webhook {Webhook} to {Url} deleted by {Actor}", webhook.Id, webhook.Url,
                command.RecordedBy);
            return Unit.Value;
        }
    }
}
