using System.Text.RegularExpressions;

namespace FactLedger.Api.Infrastructure.Http;

/// <summary>
/// Every request has a correlation id: the caller's <c>X-Correlation-Id</c> when it is a sane token, else the
/// request's trace identifier. It is echoed in the response, set on every log line of the request (a logging scope)
/// and stored in the metadata of every event the request appends.
/// </summary>
public static partial class Correlation
{
    public const string Header = "X-Correlation-Id";

    [GeneratedRegex("^[A-Za-z0-9._:-]{1,100}$")]
    private static partial Regex Token();

    public static string Of(HttpContext context) =>
        context.Items[Header] as string ?? context.TraceIdentifier;

    public static WebApplication UseCorrelation(this WebApplication app)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("FactLedger.Requests");
        app.Use(async (context, next) =>
        {
            var given = context.Request.Headers[Header].ToString();
            var id = Token().IsMatch(given) ? given : context.TraceIdentifier;
            context.Items[Header] = id;
            context.Response.OnStarting(() =>
            {
                context.Response.Headers[Header] = id;
                return Task.CompletedTask;
            });
            using (logger.BeginScope(new Dictionary<string, object> { ["CorrelationId"] = id }))
            {
                var started = System.Diagnostics.Stopwatch.GetTimestamp();
                await next(context);
                logger.LogInformation("{Method} {Path} answered {Status} in {ElapsedMs:F1} ms for {Actor}",
                    context.Request.Method, context.Request.Path.Value, context.Response.StatusCode,
                    System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds,
                    context.User.Identity?.Name ?? "anonymous");
            }
        });
        return app;
    }
}

public static class CommandStamping
{
    /// <summary>The command with the API key's name and the request's correlation id.</summary>
    public static T SentBy<T>(this T command, HttpContext http) where T : LedgerCommand =>
        (T)((LedgerCommand)command with { RecordedBy = http.User.Actor(), CorrelationId = Correlation.Of(http) });
}
