using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Npgsql;

namespace FactLedger.Api.Infrastructure.Http;

/// <summary>Maps refusals and failures to problem details: 4xx for bad input, 503 while the database is unreachable,
/// 500 (without internals) for the rest.</summary>
public sealed class ProblemHandling(IProblemDetailsService problems, ILogger<ProblemHandling> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            ProblemException p => Problem(p.Status, p.Title, p.Message, p.Errors),
            BadHttpRequestException b => Problem(b.StatusCode, "The request could not be read", b.Message, null),
            JsonException j => Problem(400, "The request body is not valid JSON", j.Message, null),
            _ when IsDatabaseUnavailable(exception) => Problem(503, "The database is unavailable", "FactLedger cannot reach PostgreSQL right now; retry shortly.", null),
            OperationCanceledException when context.RequestAborted.IsCancellationRequested => null,
            _ => Problem(500, "Unexpected error", "The error was logged with the request's trace id.", null),
        };
        if (problem is null) return true;
        if (problem.Status == 503) logger.LogWarning("Database unavailable: {Error}", exception.GetBaseException().Message);
        else if (problem.Status >= 500) logger.LogError(exception, "Request failed with {Status}", problem.Status);
        if (problem.Status == 503) context.Response.Headers.RetryAfter = "5";
        context.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem, Exception = exception });
    }

    private static ProblemDetails Problem(int status, string title, string detail, IReadOnlyDictionary<string, string[]>? errors)
    {
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail };
        if (errors is { Count: > 0 }) problem.Extensions["errors"] = errors;
        return problem;
    }

    public static bool IsDatabaseUnavailable(Exception exception) => exception switch
    {
        NpgsqlException { IsTransient: true } => true,
        NpgsqlException { InnerException: System.Net.Sockets.SocketException or IOException or TimeoutException } => true,
        PostgresException { SqlState: "57P01" or "57P02" or "57P03" or "53300" } => true,
        _ => exception.InnerException is not null && IsDatabaseUnavailable(exception.InnerException),
    };
}
