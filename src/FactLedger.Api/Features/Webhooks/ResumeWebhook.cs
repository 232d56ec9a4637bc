using JasperFx;

namespace FactLedger.Api.Features.Webhooks;

/// <summary>Resumes a paused webhook: its waiting deliveries are due at once, its failures count from zero.
/// Resuming an active webhook changes nothing.</summary>
public static class ResumeWebhook
{
    public sealed record Command(string Id) : LedgerCommand, IRequest<WebhookResponse>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() =>
            RuleFor(c => c.Id).Must(WebhookRules.IsWebhookId).WithErrorCode(Validation.NotFound)
                .WithMessage(c => WebhookRules.NoSuchWebhook(c.Id));
    }

    public sealed class Handler(IDocumentStore store, TimeProvider clock, WebhookSignal signal,
        ILogger<Handler> logger) : IRequestHandler<Command, WebhookResponse>
    {
        public async Task<WebhookResponse> Handle(Command command, CancellationToken cancellationToken)
        {
            // The dispatcher may be recording an attempt meanwhile (webhooks have optimistic concurrency): try again.
            for (var attempt = 1; ; attempt++)
            {
                await using var session = store.LightweightSession();
                var webhook = await WebhookRules.LoadAsync(session, command.Id, cancellationToken);
                if (webhook.Status == Webhook.Active) return WebhookResponse.Of(webhook);
                (webhook.Status, webhook.PausedReason, webhook.PausedAt, webhook.FailuresInARow) =
                    (Webhook.Active, null, null, 0);
                session.Update(webhook);
                var now = clock.GetUtcNow();
                var waiting = await session.Query<WebhookDelivery>()
                    .Where(d => d.WebhookId == webhook.Id && d.Status != WebhookDelivery.Delivered
                        && d.NextAttemptAt > now)
                    .ToListAsync(cancellationToken);
                foreach (var delivery in waiting)
                {
                    delivery.NextAttemptAt = now;
                    session.Update(delivery);
                }
                try
                {
                    await session.SaveChangesAsync(cancellationToken);
                }
                catch (ConcurrencyException) when (attempt < 5)
                {
                    continue;
                }
                logger.LogInformation("Webhook {Webhook} resumed by {Actor}", webhook.Id, command.RecordedBy);
                signal.Wake();
                return WebhookResponse.Of(webhook);
            }
        }
    }
}
