namespace FactLedger.Api.Features.Webhooks;

/// <summary>
/// A system that is sent every change of a story's or a figure's estimate (of all, with neither): a signed POST to
/// <see cref="Url"/> per change. <see cref="Secret"/> signs them; it is shown once, when the webhook is registered.
/// A webhook whose attempts fail <c>MaxFailures</c> times in a row is paused (its deliveries wait) until resumed.
/// </summary>
public sealed class Webhook
{
    public const string Active = "active";
    public const string Paused = "paused";

    public string Id { get; set; } = "";
    public string Url { get; set; } = "";
    public string? Story { get; set; }
    public string? Figure { get; set; }
    /// <summary><c>whsec_</c> and the base64 of the key (Standard Webhooks).</summary>
    public string Secret { get; set; } = "";
    public string Status { get; set; } = Active;
    public string? PausedReason { get; set; }
    public DateTimeOffset? PausedAt { get; set; }
    /// <summary>Failed attempts since the last one that was delivered.</summary>
    public int FailuresInARow { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public string CreatedBy { get; set; } = "";

    public bool Wants(Live.FigureChange change) => change.IsFor(Story, Figure);
}

/// <summary>
/// One change to send to one webhook. Its id, <c>{webhook id}.{sequence}</c>, is the <c>webhook-id</c> header: the
/// same on every attempt, so a receiver that gets it twice (delivery is at least once) can tell.
/// </summary>
public sealed class WebhookDelivery
{
    /// <summary>Not attempted yet.</summary>
    public const string Pending = "pending";
    /// <summary>The receiver answered 2xx.</summary>
    public const string Delivered = "delivered";
    /// <summary>The last attempt failed; the next is at <see cref="NextAttemptAt"/>.</summary>
    public const string Failed = "failed";

    public static readonly string[] Statuses = [Pending, Delivered, Failed];

    public string Id { get; set; } = "";
    public string WebhookId { get; set; } = "";
    /// <summary>The change's sequence (the <see cref="Live.FigureChange"/>'s id).</summary>
    public long Sequence { get; set; }
    public string Figure { get; set; } = "";
    public string Story { get; set; } = "";
    public string Status { get; set; } = Pending;
    public int Attempts { get; set; }
    public string? LastError { get; set; }
    public int? LastStatusCode { get; set; }
    /// <summary>When it is due; null once delivered.</summary>
    public DateTimeOffset? NextAttemptAt { get; set; }
    public DateTimeOffset? DeliveredAt { get; set; }

    public static string IdOf(string webhookId, long sequence) =>
        $"{webhookId}.{sequence.ToString(CultureInfo.InvariantCulture)}";
}

/// <summary>A webhook as the API lists it: never its secret.</summary>
public sealed record WebhookResponse(
    string Id, string Url, string? Story, string? Figure, string Status, string? PausedReason,
    DateTimeOffset? PausedAt, int FailuresInARow, DateTimeOffset CreatedAt, string CreatedBy)
{
    public static WebhookResponse Of(Webhook w) =>
        new(w.Id, w.Url, w.Story, w.Figure, w.Status, w.PausedReason, w.PausedAt, w.FailuresInARow, w.CreatedAt,
            w.CreatedBy);
}

/// <summary>A delivery as the API lists it; <see cref="Id"/> is the <c>webhook-id</c> header it is sent with.
/// </summary>
public sealed record DeliveryResponse(
    string Id, long Sequence, string Figure, string Story, string Status, int Attempts, string? LastError,
    int? LastStatusCode, DateTimeOffset? NextAttemptAt, DateTimeOffset? DeliveredAt)
{
    public static DeliveryResponse Of(WebhookDelivery d) =>
        new(d.Id, d.Sequence, d.Figure, d.Story, d.Status, d.Attempts, d.LastError, d.LastStatusCode,
            d.NextAttemptAt, d.DeliveredAt);
}

/// <summary>Shared by the webhook requests.</summary>
internal static class WebhookRules
{
    /// <summary>"wh-" and 16 hex digits: a slug, so it also reads well in a URL and in the delivery ids.</summary>
    public static bool IsWebhookId(string id) =>
        id.Length == 19 && id.StartsWith("wh-", StringComparison.Ordinal)
        && id[3..].All(c => c is >= '0' and <= '9' or >= 'a' and <= 'f');

    public static string NewId() => "wh-" + System.Security.Cryptography.RandomNumberGenerator.GetHexString(16, true);

    public static string NoSuchWebhook(string id) => $"No webhook has id '{id[..Math.Min(id.Length, 100)]}'.";

    public static async Task<Webhook> LoadAsync(IQuerySession session, string id, CancellationToken ct) =>
        await session.LoadAsync<Webhook>(id, ct) ?? throw LedgerError.NotFound(NoSuchWebhook(id));
}
