using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;

namespace FactLedger.Api.Infrastructure.Http;

/// <summary>Roles, each including the ones before it: reader &lt; editor &lt; admin.</summary>
public static class Roles
{
    public const string Reader = "reader";
    public const string Editor = "editor";
    public const string Admin = "admin";
    public static readonly string[] All = [Reader, Editor, Admin];

    public static IEnumerable<string> Implied(string role) => role switch
    {
        Admin => [Admin, Editor, Reader],
        Editor => [Editor, Reader],
        Reader => [Reader],
        _ => [],
    };
}

public static class Policies
{
    public const string Read = "read";
    public const string Write = "write";
    public const string Administer = "administer";

    /// <summary>An endpoint that reads: any key with the reader role.</summary>
    public static TBuilder Reads<TBuilder>(this TBuilder endpoint) where TBuilder : IEndpointConventionBuilder =>
        endpoint.RequireAuthorization(Read).Problems(400, 401, 403, 500, 503);

    /// <summary>An endpoint that writes: an editor's key, within the per-key write rate.</summary>
    public static TBuilder Writes<TBuilder>(this TBuilder endpoint) where TBuilder : IEndpointConventionBuilder =>
        endpoint.RequireAuthorization(Write).RequireRateLimiting(WriteRateLimit.Policy)
            .Problems(400, 401, 403, 409, 413, 415, 422, 429, 500, 503);

    /// <summary>An endpoint that administers the server (webhooks): an admin's key.</summary>
    public static TBuilder Administers<TBuilder>(this TBuilder endpoint) where TBuilder : IEndpointConventionBuilder =>
        endpoint.RequireAuthorization(Administer).Problems(400, 401, 403, 500, 503);

    /// <summary>Declares the problem details (RFC 9457) answers an endpoint can give, for the OpenAPI document; 400
    /// and 422 carry the fields at fault.</summary>
    public static TBuilder Problems<TBuilder>(this TBuilder endpoint, params int[] statuses)
        where TBuilder : IEndpointConventionBuilder =>
        endpoint.WithMetadata(statuses.Select(status => (object)new ProducesResponseTypeMetadata(status,
            status is 400 or 422 ? typeof(HttpValidationProblemDetails) : typeof(ProblemDetails),
            ["application/problem+json"])).ToArray());
}

/// <summary>
/// Authenticates the <c>X-Api-Key</c> header against <c>FactLedger:ApiKeys</c>. Keys are compared as SHA-256 digests
/// in constant time, so neither length nor content leaks through timing. The principal's name is the key's name,
/// which every event records as who did it.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    IOptionsMonitor<FactLedgerOptions> factLedger, IProblemDetailsService problems)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string Scheme = "ApiKey";
    public const string Header = "X-Api-Key";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(Header, out var values) || values.Count == 0
            || string.IsNullOrEmpty(values[0]))
            return Task.FromResult(AuthenticateResult.NoResult());
        var presented = values[0]!;
        var presentedDigest = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        ApiKeyEntry? match = null;
        foreach (var entry in factLedger.CurrentValue.ApiKeys)
        {
            // Check every key, match or not, comparing digests in constant time, so the time taken tells nothing.
            var matches = false;
            if (!string.IsNullOrEmpty(entry.KeyHash) && ApiKeyHash.TryParse(entry.KeyHash, out var salt, out var hash))
                matches = CryptographicOperations.FixedTimeEquals(ApiKeyHash.Digest(salt, presented), hash);
            else if (!string.IsNullOrEmpty(entry.Key))
                matches = CryptographicOperations.FixedTimeEquals(presentedDigest,
                    SHA256.HashData(Encoding.UTF8.GetBytes(entry.Key)));
            if (matches) match ??= entry;
        }
        if (match is null) return Task.FromResult(AuthenticateResult.Fail("The API key is not valid."));
        var claims = new List<Claim> { new(ClaimTypes.Name, match.Name) };
        claims.AddRange(Roles.Implied(match.Role.ToLowerInvariant()).Select(r => new Claim(ClaimTypes.Role, r)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme));
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        Write(StatusCodes.Status401Unauthorized, "Authentication required",
            Request.Headers.ContainsKey(Header)
                ? "The X-Api-Key header does not hold a valid key."
                : "Send an API key in the X-Api-Key header.");

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Write(StatusCodes.Status403Forbidden, "Forbidden",
            "This API key's role does not allow this request (writes need the editor role, administration the " +
            "admin role).");

    private async Task Write(int status, string title, string detail)
    {
        Response.StatusCode = status;
        if (status == 401) Response.Headers.WWWAuthenticate = "ApiKey header=\"X-Api-Key\"";
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        });
    }
}

public static class ApiKeyAuthenticationSetup
{
    public static IServiceCollection AddApiKeyAuthentication(this IServiceCollection services,
        FactLedgerOptions options)
    {
        // An entry with no key is switched off (docker-compose leaves the editor key empty unless one is given).
        foreach (var key in options.ApiKeys
            .Where(k => !string.IsNullOrEmpty(k.Key) || !string.IsNullOrEmpty(k.KeyHash)))
        {
            if (string.IsNullOrWhiteSpace(key.Name))
                throw new InvalidOperationException(
                    "Every FactLedger:ApiKeys entry with a Key or KeyHash needs a Name.");
            if (!string.IsNullOrEmpty(key.KeyHash) && !ApiKeyHash.TryParse(key.KeyHash, out _, out _))
                throw new InvalidOperationException($"API key '{key.Name}' has a KeyHash that is not of the form " +
                    "sha256:<salt hex>:<hash hex>; " +
                    "make one with `dotnet run --project src/FactLedger.Api -- hash-key`.");
            if (string.IsNullOrEmpty(key.KeyHash) && key.Key.Length < 16)
                throw new InvalidOperationException($"API key '{key.Name}' is shorter than 16 characters; " +
                    "use a long random key (e.g. openssl rand -hex 24).");
            if (!Roles.All.Contains(key.Role.ToLowerInvariant()))
                throw new InvalidOperationException(
                    $"API key '{key.Name}' has role '{key.Role}'; roles are {string.Join(", ", Roles.All)}.");
        }
        services.AddAuthentication(ApiKeyAuthenticationHandler.Scheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.Scheme,
                _ => { });
        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Write, p => p.RequireRole(Roles.Editor))
            .AddPolicy(Policies.Administer, p => p.RequireRole(Roles.Admin))
            .AddPolicy(Policies.Read, p =>
            {
                if (options.ReadsRequireKey) p.RequireRole(Roles.Reader);
                else p.RequireAssertion(_ => true);
            });
        return services;
    }

    /// <summary>Who is acting: the API key's name.</summary>
    public static string Actor(this ClaimsPrincipal user) => user.Identity?.Name ?? "anonymous";
}
