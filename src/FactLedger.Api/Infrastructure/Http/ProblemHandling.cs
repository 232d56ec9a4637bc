using FactLedger.Api.Infrastructure.Postgres;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace FactLedger.Api.Infrastructure.Http;

/// <summary>The one place refusals and failures become RFC 9457 problem details: 4xx for what the request got wrong,
/// 503 while the database is unreachable, 500 (without internals) for the rest.</summary>
public sealed class ProblemHandling(IProblemDetailsService problems, ILogger<ProblemHandling> logger)
    : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception,
        CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            LedgerError e => Problem(StatusOf(e.Kind), TitleOf(e.Kind), e.Message, e.Errors),
            BadHttpRequestException b => Problem(b.StatusCode, TitleOf(b.StatusCode), b.Message, null),
            JsonException j => Problem(400, "The request body is not valid JSON", j.Message, null),
            _ when DatabaseErrors.IsUnavailable(exception) => Unavailable(),
            OperationCanceledException when context.RequestAborted.IsCancellationRequested => null,
            _ => Problem(500, "Unexpected error", "The error was logged with the request's trace id.", null),
        };
        if (problem is null) return true;
        if (problem.Status == 503)
            logger.LogWarning("Database unavailable: {Error}", exception.GetBaseException().Message);
        else if (problem.Status >= 500) logger.LogError(exception, "Request failed with {Status}", problem.Status);
        if (problem.Status == 503) context.Response.Headers.RetryAfter = "5";
        context.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context, ProblemDetails = problem, Exception = exception,
        });
    }

    public static int StatusOf(ErrorKind kind) => kind switch
    {
        ErrorKind.Invalid => StatusCodes.Status400BadRequest,
        ErrorKind.Unprocessable => StatusCodes.Status422UnprocessableEntity,
        ErrorKind.NotFound => StatusCodes.Status404NotFound,
        ErrorKind.Conflict => StatusCodes.Status409Conflict,
        ErrorKind.Unavailable => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status500InternalServerError,
    };

    private static string TitleOf(ErrorKind kind) => kind switch
    {
        ErrorKind.Invalid => "The request is not valid",
        ErrorKind.Unprocessable => "The request cannot be applied",
        ErrorKind.NotFound => "Not found",
        ErrorKind.Conflict => "Conflict",
        _ => "The database is unavailable",
    };

    private static string TitleOf(int status) => status switch
    {
        StatusCodes.Status413PayloadTooLarge => "Request body too large",
        StatusCodes.Status415UnsupportedMediaType => "Unsupported media type",
        _ => "The request could not be read",
    };

    private static ProblemDetails Unavailable() =>
        Problem(503, "The database is unavailable", "FactLedger cannot reach PostgreSQL right now; retry shortly.",
            null);

    private static ProblemDetails Problem(int status, string title, string detail,
        IReadOnlyDictionary<string, string[]>? errors)
    {
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail };
        if (errors is { Count: > 0 }) problem.Extensions["errors"] = errors;
        return problem;
    }
}
