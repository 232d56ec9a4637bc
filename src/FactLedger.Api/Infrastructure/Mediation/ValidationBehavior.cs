using FluentValidation.Results;

namespace FactLedger.Api.Infrastructure.Mediation;

/// <summary>Runs every validator of a request before its handler; any failure refuses the request with all field
/// errors at once. The bulk paths check each item with <see cref="Check{T}"/>, so items fail the same way.</summary>
public sealed class ValidationBehavior<TRequest, TResponse>(
    IEnumerable<IValidator<TRequest>> validators, ILogger<ValidationBehavior<TRequest, TResponse>> logger)
    : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken,
        RequestHandlerDelegate<TResponse> next)
    {
        try
        {
            Validation.Check(validators, request);
        }
        catch (LedgerError e)
        {
            logger.LogInformation("{Request} rejected: {Errors}", typeof(TRequest).Name, e.Message);
            throw;
        }
        return await next();
    }
}

public static class Validation
{
    /// <summary>The error code of a rule whose failure means "no such thing" (a malformed key names nothing).</summary>
    public const string NotFound = "not-found";

    /// <summary>Runs the validators; refuses with 404 when a key names nothing, else with every field error.</summary>
    public static void Check<T>(IEnumerable<IValidator<T>> validators, T request)
    {
        var failures = new List<ValidationFailure>();
        foreach (var validator in validators) failures.AddRange(validator.Validate(request).Errors);
        if (failures.Count == 0) return;
        if (failures.FirstOrDefault(f => f.ErrorCode == NotFound) is { } missing)
            throw LedgerError.NotFound(missing.ErrorMessage);
        throw LedgerError.Invalid(failures.Select(f => (JsonName(f.PropertyName), f.ErrorMessage)));
    }

    // FluentValidation names properties in PascalCase ("Value.Low"); the API's JSON is camelCase.
    private static string JsonName(string property) =>
        string.Join('.', property.Split('.').Select(p => p.Length == 0 ? p : char.ToLowerInvariant(p[0]) + p[1..]));
}
