using FactLedger.Domain.Values;

namespace FactLedger.Domain;

/// <summary>What kind of refusal a <see cref="LedgerError"/> is; the HTTP layer maps each to one status code.</summary>
public enum ErrorKind
{
    /// <summary>The request is malformed: a field is missing, of the wrong form or out of range.</summary>
    Invalid,
    /// <summary>Well-formed, but it does not fit what is recorded (an unknown figure, a quote not in the
    /// text).</summary>
    Unprocessable,
    /// <summary>What the request names does not exist.</summary>
    NotFound,
    /// <summary>It contradicts what is recorded (an id reused for another claim, a retracted claim
    /// corrected).</summary>
    Conflict,
    /// <summary>A dependency (the database) cannot be reached now; retrying later may succeed.</summary>
    Unavailable,
}

/// <summary>
/// A request the ledger refuses, raised by validators, deciders and handlers without knowing the transport.
/// <see cref="Errors"/> names the fields at fault (<c>value.low</c>) with the reasons.
/// </summary>
public sealed class LedgerError(ErrorKind kind, string detail, IReadOnlyDictionary<string, string[]>? errors = null)
    : Exception(detail)
{
    public ErrorKind Kind { get; } = kind;
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors ?? new Dictionary<string, string[]>();

    public static LedgerError Invalid(IEnumerable<(string Field, string Message)> errors)
    {
        var grouped = errors.GroupBy(e => e.Field)
            .ToDictionary(g => g.Key, g => g.Select(e => e.Message).Distinct().ToArray());
        var detail = string.Join("; ", grouped.Select(g => $"{g.Key}: {string.Join(", ", g.Value)}"));
        return new LedgerError(ErrorKind.Invalid, detail, grouped);
    }

    public static LedgerError Invalid(IEnumerable<FieldError> errors) =>
        Invalid(errors.Select(e => (e.Field, e.Message)));

    public static LedgerError Invalid(string field, string message) => Invalid([(field, message)]);

    public static LedgerError Unprocessable(string field, string message) =>
        new(ErrorKind.Unprocessable, $"{field}: {message}", new Dictionary<string, string[]> { [field] = [message] });

    public static LedgerError NotFound(string detail) => new(ErrorKind.NotFound, detail);

    public static LedgerError Conflict(string detail) => new(ErrorKind.Conflict, detail);
}
