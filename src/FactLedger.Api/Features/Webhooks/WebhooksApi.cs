namespace FactLedger.Api.Features.Webhooks;

public static class WebhooksApi
{
    public static RouteGroupBuilder MapWebhooks(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/webhooks").WithTags("Webhooks");
        group.MapPost("/", Create).Administers().Problems(413, 415, 422).WithName("CreateWebhook")
            .WithSummary("Register a webhook")
            .WithDescription("Every later change of the story's or the figure's estimate (of every figure, with " +
                "neither) is POSTed to `url` as JSON (the change, as the stream's events carry it), with the " +
                "Standard Webhooks headers `webhook-id` (the delivery's id, the same on every retry), " +
                "`webhook-timestamp` (Unix seconds) and `webhook-signature` (`v1,` and the base64 HMAC-SHA256 of " +
                "`{id}.{timestamp}.{body}` keyed by the secret's bytes after `whsec_`). The secret is in this " +
                "answer only. `url` must be https to a host whose addresses are all public, unless the server " +
                "allows the host (FactLedger:Webhooks:AllowedHosts); redirects are not followed. A 2xx answer " +
                "delivers; otherwise the delivery is retried with a doubling backoff, and after " +
                "FactLedger:Webhooks:MaxFailures failures in a row the webhook is paused until resumed.");
        group.MapGet("/", List).Administers().WithName("ListWebhooks").WithSummary("List the webhooks")
            .WithDescription("Oldest first; secrets are never shown again.");
        group.MapGet("/{id}", Get).Administers().Problems(404).WithName("GetWebhook").WithSummary("Get a webhook");
        group.MapDelete("/{id}", Delete).Administers().Problems(404).WithName("DeleteWebhook")
            .WithSummary("Delete a webhook").WithDescription("Its deliveries not made yet are dropped.");
        group.MapPost("/{id}/resume", Resume).Administers().Problems(404).WithName("ResumeWebhook")
            .WithSummary("Resume a paused webhook")
            .WithDescription("Its waiting deliveries are due at once and its failures count from zero. Resuming an " +
                "active webhook changes nothing.");
        group.MapGet("/{id}/deliveries", Deliveries).Administers().Problems(404).WithName("ListWebhookDeliveries")
            .WithSummary("List a webhook's deliveries")
            .WithDescription("Newest change first, filtered by status: `pending` (not tried yet), `failed` (the " +
                "last attempt failed; tried again at `nextAttemptAt`) or `delivered`. `id` is the `webhook-id` " +
                "header the delivery is sent with.");
        return group;
    }

    public static async Task<Created<CreateWebhook.Result>> Create(HttpContext http, IMediator mediator,
        CreateWebhook.Command webhook, CancellationToken ct)
    {
        var result = await mediator.Send(webhook.SentBy(http), ct);
        return TypedResults.Created($"/api/webhooks/{result.Id}", result);
    }

    public static Task<Ok<IReadOnlyList<WebhookResponse>>> List(IMediator mediator, CancellationToken ct) =>
        mediator.OkAsync(new ListWebhooks.Query(), ct);

    public static Task<Ok<WebhookResponse>> Get(IMediator mediator, string id, CancellationToken ct) =>
        mediator.OkAsync(new GetWebhook.Query(id), ct);

    public static async Task<NoContent> Delete(HttpContext http, IMediator mediator, string id, CancellationToken ct)
    {
        await mediator.Send(new DeleteWebhook.Command(id).SentBy(http), ct);
        return TypedResults.NoContent();
    }

    public static Task<Ok<WebhookResponse>> Resume(HttpContext http, IMediator mediator, string id,
        CancellationToken ct) =>
        mediator.OkAsync(new ResumeWebhook.Command(id).SentBy(http), ct);

    public static Task<Ok<Paged<DeliveryResponse>>> Deliveries(IMediator mediator, string id, int? page,
        int? pageSize, string? status, CancellationToken ct) =>
        mediator.OkAsync(new ListDeliveries.Query(id, page ?? 1, pageSize ?? 50, status), ct);
}
