using FactLedger.Domain.Values;

namespace FactLedger.Api.Infrastructure.Http;

/// <summary>
/// A request FactLedger refuses, carried to the exception handler that turns it into an RFC 9457 problem details
/// response. Field errors name the JSON field (<c>value.low</c>) and the reason.
/// </summary>
public sealed class ProblemException(int status, string title, string detail, IReadOnlyDictionary<string, string[]>? errors = null)
    : Exception(detail)
{
    public int Status { get; } = status;
    public string Title { get; } = title;
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors ?? new Dictionary<string, string[]>();

    public static ProblemException Validation(IEnumerable<(string Field, string Message)> errors)
    {
        var grouped = errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).Distinct().ToArray());
        var detail = string.Join("; ", grouped.Select(g => $"{g.Key}: {string.Join(", ", g.Value)}"));
        return new ProblemException(StatusCodes.Status400BadRequest, "The request is not valid", detail, grouped);
    }

    public static ProblemException Validation(IEnumerable<FieldError> errors) => Validation(errors.Select(e => (e.Field, e.Message)));

    public static ProblemException Field(string field, string message) => Validation([(field, message)]);

    /// <summary>Well-formed, but refers to something that does not fit (an unknown figure, a quote not in the text).</summary>
    public static ProblemException Unprocessable(string field, string message) =>
        new(StatusCodes.Status422UnprocessableEntity, "The request cannot be applied", $"{field}: {message}",
            new Dictionary<string, string[]> { [field] = [message] });

    public static ProblemException NotFound(string what) => new(StatusCodes.Status404NotFound, "Not found", what);

    public static ProblemException Conflict(string detail) => new(StatusCodes.Status409Conflict, "Conflict", detail);
}
