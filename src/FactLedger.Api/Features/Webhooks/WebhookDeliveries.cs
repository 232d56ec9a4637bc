using FactLedger.Api.Features.Live;

namespace FactLedger.Api.Features.Webhooks;

/// <summary>
/// Makes the deliveries of committed changes, in the live feed's transaction (its <c>alsoStore</c> hook): a change is
/// stored with its deliveries and the feed's checkpoint, or none of them is, so every change reaches every webhook
/// that wants it. Paused webhooks get theirs too: they wait, and go out when the webhook is resumed.
/// </summary>
public sealed class WebhookDeliveries(TimeProvider clock)
{
    public async Task StoreAsync(IDocumentOperations operations, IReadOnlyList<FigureChange> changes,
        CancellationToken ct)
    {
        var webhooks = await operations.Query<Webhook>().ToListAsync(ct);
        if (webhooks.Count == 0) return;
        var now = clock.GetUtcNow();
        foreach (var change in changes)
            foreach (var webhook in webhooks.Where(w => w.Wants(change)))
                // Stored, not inserted: the same change again (the feed replayed) is the same delivery, not another.
                operations.Store(new WebhookDelivery
                {
                    Id = WebhookDelivery.IdOf(webhook.Id, change.Id), WebhookId = webhook.Id, Sequence = change.Id,
                    Figure = change.Figure, Story = change.Story, NextAttemptAt = now,
                });
    }
}
