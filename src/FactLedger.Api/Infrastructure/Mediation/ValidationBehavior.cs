using FactLedger.Api.Infrastructure.Http;
using FluentValidation;
using MediatR;

namespace FactLedger.Api.Infrastructure.Mediation;

/// <summary>Runs every validator of a request before its handler; any failure becomes one 400 problem with all field errors.</summary>
public sealed class ValidationBehavior<TRequest, TResponse>(IEnumerable<IValidator<TRequest>> validators, ILogger<ValidationBehavior<TRequest, TResponse>> logger)
    : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        var failures = new List<FluentValidation.Results.ValidationFailure>();
        foreach (var validator in validators)
            failures.AddRange((await validator.ValidateAsync(request, cancellationToken)).Errors);
        if (failures.Count > 0)
        {
            logger.LogInformation("{Request} rejected: {Errors}", typeof(TRequest).Name, string.Join("; ", failures.Select(f => $"{f.PropertyName}: {f.ErrorMessage}")));
            throw ProblemException.Validation(failures.Select(f => (JsonName(f.PropertyName), f.ErrorMessage)));
        }
        return await next();
    }

    // FluentValidation names properties in PascalCase ("Value.Low"); the API's JSON is camelCase.
    private static string JsonName(string property) =>
        string.Join('.', property.Split('.').Select(p => p.Length == 0 ? p : char.ToLowerInvariant(p[0]) + p[1..]));
}
