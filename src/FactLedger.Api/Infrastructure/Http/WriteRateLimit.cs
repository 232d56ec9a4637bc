using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace FactLedger.Api.Infrastructure.Http;

/// <summary>A token bucket per API key on every write; past it, 429 with Retry-After and a problem body.</summary>
public static class WriteRateLimit
{
    public const string Policy = "writes";

    public static IServiceCollection AddWriteRateLimit(this IServiceCollection services, FactLedgerOptions options)
    {
        var limit = options.WriteRateLimit;
        services.AddRateLimiter(r =>
        {
            r.AddPolicy(Policy, context => RateLimitPartition.GetTokenBucketLimiter(
                context.User.Identity?.Name ?? "anonymous",
                _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = Math.Max(1, limit.Burst),
                    TokensPerPeriod = Math.Max(1, limit.PermitsPerSecond),
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                }));
            r.OnRejected = async (context, cancellationToken) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait)
                    ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds))
                    : 1;
                context.HttpContext.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                context.HttpContext.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
                var problems = context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>();
                await problems.WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context.HttpContext,
                    ProblemDetails = new ProblemDetails
                    {
                        Status = 429, Title = "Too many writes",
                        Detail = $"This API key is over its write limit ({limit.PermitsPerSecond}/s, " +
                            $"bursts of {limit.Burst}); retry after {retryAfter} s.",
                    },
                });
            };
        });
        return services;
    }
}
