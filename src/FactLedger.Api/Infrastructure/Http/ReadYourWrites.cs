using FactLedger.Api.Infrastructure.Postgres;
using NpgsqlTypes;

namespace FactLedger.Api.Infrastructure.Http;

/// <summary>
/// Read-your-writes across a lagging replica. With a replica configured, each successful write's answer carries the
/// primary's WAL position after its commit, in the <c>FactLedger-Lsn</c> header and in a cookie (for the pages); a
/// read that brings it back (header or cookie) is served only by a database that has replayed that far
/// (<see cref="ReadRouting"/>).
/// </summary>
public static class WritePosition
{
    public const string Header = "FactLedger-Lsn";
    public const string Cookie = "factledger-lsn";
    /// <summary>Long enough for any replica the reads would wait for; after that the position means nothing.</summary>
    private static readonly TimeSpan CookieLifetime = TimeSpan.FromMinutes(10);

    /// <summary>The position a read must see: the later of the header and the cookie. A malformed header is the
    /// client's error (400); a malformed cookie is ignored.</summary>
    public static NpgsqlLogSequenceNumber? Requested(HttpRequest request)
    {
        NpgsqlLogSequenceNumber? wanted = null;
        if (request.Headers.TryGetValue(Header, out var header) && header.Count > 0)
        {
            if (!NpgsqlLogSequenceNumber.TryParse(header[0], out var position))
                throw LedgerError.Invalid(Header, "is not a WAL position such as 0/16B3748, as a write answers it");
            wanted = position;
        }
        if (request.Cookies.TryGetValue(Cookie, out var cookie)
            && NpgsqlLogSequenceNumber.TryParse(cookie, out var remembered) && (wanted is null || remembered > wanted))
            wanted = remembered;
        return wanted;
    }

    /// <summary>Adds the write position to every successful write's answer, when reads may go to a replica.</summary>
    public static IApplicationBuilder UseWritePosition(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        var replica = http.RequestServices.GetRequiredService<ReplicaDatabase>();
        if (replica.Configured && !HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method)
            && !HttpMethods.IsOptions(http.Request.Method))
            http.Response.OnStarting(() => StampAsync(http, replica));
        await next(http);
    });

    private static async Task StampAsync(HttpContext http, ReplicaDatabase replica)
    {
        if (http.Response.StatusCode is < 200 or >= 300) return;
        try
        {
            var position = await replica.PrimaryPositionAsync(http.RequestAborted);
            http.Response.Headers[Header] = position.ToString();
            // The cookie never moves back: of two writes answered out of order, the later position stays.
            if (http.Request.Cookies.TryGetValue(Cookie, out var cookie)
                && NpgsqlLogSequenceNumber.TryParse(cookie, out var earlier) && earlier > position)
                position = earlier;
            http.Response.Cookies.Append(Cookie, position.ToString(), new CookieOptions
            {
                HttpOnly = true, SameSite = SameSiteMode.Strict, Path = "/", MaxAge = CookieLifetime,
                Secure = http.Request.IsHttps,
            });
        }
        catch (Exception e) when (DatabaseErrors.IsUnavailable(e) || e is OperationCanceledException)
        {
            // The write is committed; without a position the client's next read may just be a little stale.
            http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(WritePosition))
                .LogWarning("No write position for the answer: {Error}", e.GetBaseException().Message);
        }
    }
}

/// <summary>Marks an endpoint whose reads may be served by the replica (see <see cref="ReadRouting"/>).</summary>
public sealed class ReadsFromReplica
{
    public static readonly ReadsFromReplica Instance = new();
}

public static class ReplicaReads
{
    /// <summary>This endpoint's reads go to the replica when one is configured and has the client's writes.</summary>
    public static RouteHandlerBuilder FromReplica(this RouteHandlerBuilder endpoint) =>
        endpoint.WithMetadata(ReadsFromReplica.Instance).AddEndpointFilter(async (context, next) =>
        {
            await context.HttpContext.RequestServices.GetRequiredService<ReadRouting>()
                .ChooseAsync(context.HttpContext);
            return await next(context);
        });
}
