using System.Threading.Channels;
using FactLedger.Api.Infrastructure;

namespace FactLedger.Api.Features.Live;

public static class LiveApi
{
    public const string EventName = "figure-changed";

    public static RouteGroupBuilder MapLive(this RouteGroupBuilder api)
    {
        api.MapGet("/stream", Stream).WithTags("Live").Reads().Problems(404)
            .Produces<string>(200, "text/event-stream").WithName("StreamFigureChanges")
            .WithSummary("Follow a story's or a figure's estimates as server-sent events")
            .WithDescription("One `figure-changed` event per change of an estimate (its data: sequence, figure, " +
                "story, recordedAt, before, after, changes, claimIds), `id:` its sequence. With `Last-Event-ID` " +
                "(header, or the `lastEventId` parameter) the changes after that sequence are sent first, in order. " +
                "A comment line is sent every 15 s as a heartbeat; a client that falls 1,000 changes behind is " +
                "disconnected and resumes by reconnecting.");
        return api;
    }

    /// <summary>Streams until the client goes away (or falls too far behind). Listening starts before the missed
    /// changes are read back, so nothing committed in between is lost; what both give is sent once.</summary>
    public static async Task Stream(HttpContext http, IMediator mediator, IQuerySession session, FigureChangeHub hub,
        IOptions<FactLedgerOptions> options, string? story, string? figure, string? lastEventId,
        CancellationToken ct)
    {
        // The header first: EventSource sends it on reconnecting, to the same URL (whose lastEventId is older).
        var resume = http.Request.Headers.TryGetValue("Last-Event-ID", out var header) && header.Count > 0
            ? header.ToString()
            : lastEventId;
        var plan = await mediator.Send(new StreamChanges.Query(story, figure, resume), ct);
        var live = hub.Listen(plan.Wanted, ct);

        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        http.Response.Headers["X-Accel-Buffering"] = "no";
        await http.Response.WriteAsync("retry: 3000\n\n", ct);
        await http.Response.Body.FlushAsync(ct);

        // The last sequence sent: live changes at or below it were read back already. A resume point beyond the
        // newest change (a store rebuilt since) counts from the newest, or every new change would be skipped.
        var newest = await session.Query<FigureChange>().OrderByDescending(c => c.Id).Select(c => c.Id)
            .FirstOrDefaultAsync(ct);
        var sent = Math.Min(plan.After ?? 0, newest);
        if (plan.After is { } after)
            await foreach (var change in Missed(session, plan, after, ct))
                sent = await SendAsync(http, change, ct);
        var heartbeat = TimeSpan.FromSeconds(Math.Max(1, options.Value.Live.HeartbeatSeconds));
        try
        {
            while (!ct.IsCancellationRequested)
            {
                var waiting = live.WaitToReadAsync(ct).AsTask();
                if (await Task.WhenAny(waiting, Task.Delay(heartbeat, ct)) != waiting)
                {
                    await http.Response.WriteAsync(": heartbeat\n\n", ct);
                    await http.Response.Body.FlushAsync(ct);
                    continue;
                }
                if (!await waiting) return;
                while (live.TryRead(out var change))
                    if (change.Id > sent) sent = await SendAsync(http, change, ct);
            }
        }
        catch (FigureChangeHub.TooSlow) { /* cut off: the client reconnects with its last id */ }
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { /* the client left */ }
    }

    private static async IAsyncEnumerable<FigureChange> Missed(IQuerySession session, StreamChanges.Plan plan,
        long after, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        const int page = 500;
        while (true)
        {
            IQueryable<FigureChange> query = session.Query<FigureChange>().Where(c => c.Id > after);
            if (plan.Figure is { } f) query = query.Where(c => c.Figure == f);
            else if (plan.Story is { } s) query = query.Where(c => c.Story == s);
            var changes = await query.OrderBy(c => c.Id).Take(page).ToListAsync(ct);
            foreach (var change in changes) yield return change;
            if (changes.Count < page) yield break;
            after = changes[^1].Id;
        }
    }

    private static async Task<long> SendAsync(HttpContext http, FigureChange change, CancellationToken ct)
    {
        var data = JsonSerializer.Serialize(FigureChangeResponse.Of(change), ApiJson.Responses);
        await http.Response.WriteAsync($"id: {change.Id}\nevent: {EventName}\ndata: {data}\n\n", ct);
        await http.Response.Body.FlushAsync(ct);
        return change.Id;
    }
}
