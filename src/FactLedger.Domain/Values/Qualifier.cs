using System.Text.Json;
using System.Text.Json.Serialization;

namespace FactLedger.Domain.Values;

/// <summary>How a source worded a value. Serialized in snake case: <c>at_least</c>, <c>more_than</c>…</summary>
[JsonConverter(typeof(SnakeCaseEnumConverter<Qualifier>))]
public enum Qualifier
{
    Exact,
    AtLeast,
    MoreThan,
    AtMost,
    LessThan,
    Approximately,
    Range,
    Vague,
}

/// <summary>What a figure measures: a count of people or things, or a calendar date.</summary>
[JsonConverter(typeof(SnakeCaseEnumConverter<FigureKind>))]
public enum FigureKind
{
    Count,
    Date,
}

public sealed class SnakeCaseEnumConverter<T>()
    : JsonStringEnumConverter<T>(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false)
    where T : struct, Enum;

public sealed class KebabCaseEnumConverter<T>()
    : JsonStringEnumConverter<T>(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false)
    where T : struct, Enum;
