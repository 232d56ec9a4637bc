using System.Net.Http;
using System.Threading.Channels;
using FactLedger.Api.Features.Live;
using FactLedger.Api.Infrastructure;
using JasperFx;
using Marten.Exceptions;

namespace FactLedger.Api.Features.Webhooks;

/// <summary>
/// Sends the due deliveries, on the node that runs the daemon. Each webhook with deliveries due gets a sender of its
/// own that sends them one after another, and senders run side by side, so a slow or failing receiver holds up only
/// itself. A 2xx answer delivers; anything else (a redirect too: they are not followed), a timeout or a refused
/// connection is a failure: the delivery is tried again after a backoff that doubles, and a webhook that fails
/// <c>MaxFailures</c> times in a row is paused. At least once: a delivery is marked only after its answer, so a crash
/// in between sends it again, with the same <c>webhook-id</c>.
/// With several nodes (HotCold) only the node running the daemon dispatches, and a sender holds a PostgreSQL advisory
/// lock on its webhook while it sends: two nodes never send one webhook's deliveries at once, even while leadership
/// changes hands.
/// </summary>
public sealed class WebhookDispatcher(
    IDocumentStore store, IHttpClientFactory clients, FigureChangeHub hub, WebhookSignal signal, TimeProvider clock,
    IOptionsMonitor<FactLedgerOptions> options, ILogger<WebhookDispatcher> logger, IServiceProvider services)
    : BackgroundService
{
    /// <summary>The advisory lock class of webhook senders (the two-key form, apart from Marten's one-key locks).
    /// </summary>
    private const int SenderLockClass = 0x57EB;

    /// <summary>Whether this node runs the daemon: always, but with HotCold only while it holds the leader lock.
    /// </summary>
    private bool RunsDaemon => options.CurrentValue.EffectiveDaemon != DaemonRole.HotCold
        || services.GetRequiredService<Marten.Events.Daemon.Coordination.IProjectionCoordinator>()
            .DaemonForMainDatabase().CurrentAgents().Count > 0;

    public const string ClientName = "webhooks";
    /// <summary>The most of a receiver's answer that is read; the rest is dropped with the connection.</summary>
    public const int MaxAnswerBytes = 64 * 1024;
    /// <summary>Due deliveries read per round.</summary>
    private const int Batch = 100;
    private const int MaxSenders = 32;
    /// <summary>The longest sleep between rounds: wake-ups come from this node, a resume may come from another.
    /// </summary>
    private static readonly TimeSpan LongestSleep = TimeSpan.FromSeconds(5);

    /// <summary>The running senders by webhook; touched by the dispatching loop only.</summary>
    private readonly Dictionary<string, Task> _senders = new();

    private WebhookOptions Settings => options.CurrentValue.Webhooks;

    protected override async Task ExecuteAsync(CancellationToken stop)
    {
        var wakeOnChanges = WakeOnChangesAsync(stop);
        while (!stop.IsCancellationRequested)
        {
            var sleep = LongestSleep;
            try
            {
                // A standby node waits: it checks again within a second of taking over.
                sleep = RunsDaemon ? await DispatchDueAsync(stop) : TimeSpan.FromSeconds(1);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "Could not read the due webhook deliveries; trying again shortly");
            }
            try
            {
                await signal.WaitAsync(sleep, stop);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
        try
        {
            await Task.WhenAll(_senders.Values.Append(wakeOnChanges));
        }
        catch (OperationCanceledException) { /* stopping */ }
    }

    /// <summary>Starts a sender for each idle active webhook with deliveries due; answers how long to sleep.</summary>
    private async Task<TimeSpan> DispatchDueAsync(CancellationToken stop)
    {
        foreach (var (id, sender) in _senders.Where(s => s.Value.IsCompleted).ToList()) _senders.Remove(id);
        await using var session = store.QuerySession();
        var webhooks = await session.Query<Webhook>().Where(w => w.Status == Webhook.Active).ToListAsync(stop);
        var idle = webhooks.Where(w => !_senders.ContainsKey(w.Id)).Select(w => w.Id).ToArray();
        if (idle.Length == 0 || _senders.Count >= MaxSenders) return LongestSleep;
        var now = clock.GetUtcNow();
        var due = await session.Query<WebhookDelivery>()
            .Where(d => d.Status != WebhookDelivery.Delivered && d.NextAttemptAt <= now && d.WebhookId.IsOneOf(idle))
            .OrderBy(d => d.NextAttemptAt).Take(Batch).ToListAsync(stop);
        foreach (var deliveries in due.GroupBy(d => d.WebhookId))
        {
            if (_senders.Count >= MaxSenders) break;
            var batch = deliveries.OrderBy(d => d.Sequence).ToList();
            _senders[deliveries.Key] =
                Task.Run(() => SendAllAsync(deliveries.Key, batch, stop), CancellationToken.None);
        }
        if (due.Count == Batch) return TimeSpan.Zero;
        var next = await session.Query<WebhookDelivery>()
            .Where(d => d.Status != WebhookDelivery.Delivered && d.NextAttemptAt > now && d.WebhookId.IsOneOf(idle))
            .OrderBy(d => d.NextAttemptAt).FirstOrDefaultAsync(stop);
        var until = next?.NextAttemptAt - now ?? LongestSleep;
        return until < TimeSpan.Zero ? TimeSpan.Zero : until > LongestSleep ? LongestSleep : until;
    }

    /// <summary>One webhook's deliveries in sequence order, until one fails (the rest wait for their next round).
    /// </summary>
    private async Task SendAllAsync(string webhookId, IReadOnlyList<WebhookDelivery> deliveries, CancellationToken stop)
    {
        var wakeAfter = true;
        try
        {
            await using var sending = store.Storage.Database.CreateConnection();
            await sending.OpenAsync(stop);
            if (!await LockAsync(sending, "pg_try_advisory_lock", webhookId, stop))
            {
                // Another node sends this webhook's deliveries right now: look again next round, not at once.
                wakeAfter = false;
                return;
            }
            try
            {
                foreach (var delivery in deliveries)
                    if (stop.IsCancellationRequested || !await AttemptAsync(webhookId, delivery.Id, stop))
                        return;
            }
            finally
            {
                await LockAsync(sending, "pg_advisory_unlock", webhookId, CancellationToken.None);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested) { /* stopping */ }
        catch (Exception e)
        {
            logger.LogWarning(e, "Sending the deliveries of webhook {Webhook} failed", webhookId);
        }
        finally
        {
            if (wakeAfter) signal.Wake();
        }
    }

    private static async Task<bool> LockAsync(Npgsql.NpgsqlConnection connection, string function, string webhookId,
        CancellationToken ct)
    {
        await using var command = new Npgsql.NpgsqlCommand(
            $"select {function}({SenderLockClass}, hashtext($1))", connection);
        command.Parameters.AddWithValue(webhookId);
        return (bool)(await command.ExecuteScalarAsync(ct))!;
    }

    /// <summary>Sends one delivery and records the outcome; true when it was delivered (or found delivered).
    /// </summary>
    private async Task<bool> AttemptAsync(string webhookId, string deliveryId, CancellationToken stop)
    {
        await using var session = store.LightweightSession();
        var webhook = await session.LoadAsync<Webhook>(webhookId, stop);
        if (webhook is not { Status: Webhook.Active }) return false;
        // Read again under the sender's lock: another node may have sent it since the round read it.
        var delivery = await session.LoadAsync<WebhookDelivery>(deliveryId, stop);
        if (delivery is null || delivery.Status == WebhookDelivery.Delivered) return true;
        if (delivery.NextAttemptAt > clock.GetUtcNow()) return false;
        var change = await session.LoadAsync<FigureChange>(delivery.Sequence, stop);
        var outcome = change is null
            ? new Outcome(false, null, "the change is no longer stored")
            : await SendAsync(webhook, delivery, change, stop);

        var now = clock.GetUtcNow();
        delivery.Attempts++;
        delivery.LastStatusCode = outcome.StatusCode;
        if (outcome.Delivered)
        {
            (delivery.Status, delivery.DeliveredAt, delivery.NextAttemptAt) = (WebhookDelivery.Delivered, now, null);
            if (webhook.FailuresInARow > 0)
            {
                webhook.FailuresInARow = 0;
                session.Update(webhook);
            }
        }
        else
        {
            var wait = Backoff(delivery.Attempts);
            (delivery.Status, delivery.LastError, delivery.NextAttemptAt) =
                (WebhookDelivery.Failed, outcome.Error, now + wait);
            webhook.FailuresInARow++;
            logger.LogInformation("Webhook {Webhook} delivery {Delivery} failed (attempt {Attempt}, {Failures} in a " +
                "row): {Error}; next attempt in {Wait}", webhook.Id, delivery.Id, delivery.Attempts,
                webhook.FailuresInARow, outcome.Error, wait);
            if (webhook.FailuresInARow >= Math.Max(1, Settings.MaxFailures))
            {
                (webhook.Status, webhook.PausedAt) = (Webhook.Paused, now);
                webhook.PausedReason = $"{webhook.FailuresInARow} attempts failed in a row; the last: {outcome.Error}";
                logger.LogWarning("Webhook {Webhook} to {Url} paused: {Reason}", webhook.Id, webhook.Url,
                    webhook.PausedReason);
            }
            session.Update(webhook);
        }
        session.Update(delivery);
        try
        {
            await session.SaveChangesAsync(stop);
        }
        catch (Exception e) when (ChangedMeanwhile(e))
        {
            // Deleted, or resumed or paused by an admin while this attempt ran: what they did stands.
            return false;
        }
        return outcome.Delivered;
    }

    private async Task<Outcome> SendAsync(Webhook webhook, WebhookDelivery delivery, FigureChange change,
        CancellationToken stop)
    {
        var body = JsonSerializer.Serialize(FigureChangeResponse.Of(change), ApiJson.Responses);
        var timestamp = clock.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, webhook.Url)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("webhook-id", delivery.Id);
        request.Headers.Add("webhook-timestamp", timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", WebhookSignature.Sign(webhook.Secret, delivery.Id, timestamp, body));
        var seconds = Math.Max(0.1, Settings.TimeoutSeconds);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stop);
        timeout.CancelAfter(TimeSpan.FromSeconds(seconds));
        try
        {
            using var response = await clients.CreateClient(ClientName)
                .SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var answer = await ReadAtMostAsync(response, timeout.Token);
            var code = (int)response.StatusCode;
            if (response.IsSuccessStatusCode) return new Outcome(true, code, null);
            var redirect = code is >= 300 and < 400 ? " (redirects are not followed)" : "";
            return new Outcome(false, code, Shorten($"{code} {response.ReasonPhrase}{redirect}: {answer}"));
        }
        catch (OperationCanceledException) when (!stop.IsCancellationRequested)
        {
            return new Outcome(false, null, $"no answer within {seconds.ToString(CultureInfo.InvariantCulture)} s");
        }
        catch (HttpRequestException e)
        {
            return new Outcome(false, null, Shorten(e.GetBaseException().Message));
        }
    }

    /// <summary>At most <see cref="MaxAnswerBytes"/> of the answer, as text; a receiver that sends more (or breaks
    /// off) cannot make the dispatcher read on.</summary>
    private static async Task<string> ReadAtMostAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var buffer = new byte[MaxAnswerBytes];
        var read = 0;
        try
        {
            await using var body = await response.Content.ReadAsStreamAsync(ct);
            int n;
            while (read < buffer.Length && (n = await body.ReadAsync(buffer.AsMemory(read), ct)) > 0) read += n;
        }
        catch (Exception e) when (e is IOException or HttpRequestException) { /* what was read is enough */ }
        return Encoding.UTF8.GetString(buffer, 0, read);
    }

    /// <summary>1 s × 2^(attempts − 1) by default, capped.</summary>
    public TimeSpan Backoff(int attempts)
    {
        var seconds = Math.Max(0, Settings.RetryBaseSeconds) * Math.Pow(2, Math.Min(attempts - 1, 40));
        return TimeSpan.FromSeconds(Math.Min(seconds, Math.Max(0, Settings.RetryMaxSeconds)));
    }

    /// <summary>Wakes the loop when this node commits changes, so their deliveries go out at once.</summary>
    private async Task WakeOnChangesAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await foreach (var _ in hub.Listen(_ => true, stop).ReadAllAsync(stop)) signal.Wake();
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is ChannelClosedException or FigureChangeHub.TooSlow)
            {
                signal.Wake(); // cut off for being slow: listen again
            }
        }
    }

    private static bool ChangedMeanwhile(Exception e) =>
        e is NonExistentDocumentException or ConcurrencyException
        || e is AggregateException a && a.InnerExceptions.All(ChangedMeanwhile);

    /// <summary>An error as kept on the delivery: one line, at most 500 characters.</summary>
    private static string Shorten(string error)
    {
        var line = new string(error.Select(c => char.IsControl(c) ? ' ' : c).ToArray()).Trim();
        return line.Length <= 500 ? line : line[..500] + "…";
    }

    private sealed record Outcome(bool Delivered, int? StatusCode, string? Error);
}
