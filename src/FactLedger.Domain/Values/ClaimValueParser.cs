using System.Globalization;
using System.Text.Json;

namespace FactLedger.Domain.Values;

/// <summary>One problem with an input field: its JSON path (e.g. <c>value.low</c>) and why.</summary>
public sealed record FieldError(string Field, string Message);

/// <summary>
/// Parses the JSON form of a claim value, reporting every problem with the field it concerns:
/// <c>{"qualifier":"at_least","value":18}</c>, <c>{"qualifier":"range","low":225,"high":227}</c>,
/// <c>{"qualifier":"vague","term":"dozens"}</c>, <c>{"qualifier":"exact","value":"2022-01-13"}</c>,
/// <c>{"qualifier":"at_most",
/// "relative":{"expression":"في غضون 10 أيام","anchor":"2022-01-13","days":10}}</c>.
/// </summary>
public static class ClaimValueParser
{
    private static readonly HashSet<string> KnownFields =
        ["qualifier", "value", "low", "high", "term", "tolerance", "relative", "canonicalTerm"];

    public static (ClaimValue? Value, IReadOnlyList<FieldError> Errors) Parse(JsonElement json, string path = "value")
    {
        var errors = new List<FieldError>();
        if (json.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new(path, "must be an object such as {\"qualifier\":\"exact\",\"value\":12}"));
            return (null, errors);
        }
        foreach (var property in json.EnumerateObject())
            if (!KnownFields.Contains(property.Name))
                errors.Add(new($"{path}.{property.Name}", "is not a field of a value (allowed: " +
                    $"{string.Join(", ", KnownFields.Where(f => f != "canonicalTerm"))})"));

        Qualifier? qualifier = null;
        if (!json.TryGetProperty("qualifier", out var q) || q.ValueKind != JsonValueKind.String)
            errors.Add(new($"{path}.qualifier",
                "is required: one of exact, at_least, more_than, at_most, less_than, approximately, range, vague"));
        else if (ParseQualifier(q.GetString()!) is { } parsed) qualifier = parsed;
        else
            errors.Add(new($"{path}.qualifier", $"'{Truncate(q.GetString())}' is not a qualifier: " +
                "use exact, at_least, more_than, at_most, less_than, approximately, range or vague"));

        var kinds = new HashSet<FigureKind>();
        long? value = ReadScalar(json, "value", path, errors, kinds);
        long? low = ReadScalar(json, "low", path, errors, kinds);
        long? high = ReadScalar(json, "high", path, errors, kinds);
        long? tolerance = null;
        if (json.TryGetProperty("tolerance", out var tol))
        {
            if (tol.ValueKind == JsonValueKind.Number && tol.TryGetInt64(out var t)
                && t >= 0 && t <= ClaimValue.MaxCount)
                tolerance = t;
            else errors.Add(new($"{path}.tolerance", "must be a whole number ≥ 0 (count units, or days for a date)"));
        }
        string? term = null;
        if (json.TryGetProperty("term", out var termJson))
        {
            if (termJson.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(termJson.GetString()))
                term = termJson.GetString()!.Trim();
            else errors.Add(new($"{path}.term", "must be a non-empty string"));
        }
        var relative = ReadRelative(json, path, errors);
        if (relative is not null) kinds.Add(FigureKind.Date);

        if (kinds.Count > 1) errors.Add(new(path, "mixes numbers and dates: a value is either a count or a date"));
        if (errors.Count > 0 || qualifier is null) return (null, errors);

        var kind = kinds.Count == 0 ? FigureKind.Count : kinds.Single();
        string? canonical = null;
        switch (qualifier.Value)
        {
            case Qualifier.Range:
                if (low is null) errors.Add(new($"{path}.low", "is required for a range"));
                if (high is null) errors.Add(new($"{path}.high", "is required for a range"));
                if (low is not null && high is not null && low > high)
                    errors.Add(new(path, "a range needs low ≤ high"));
                if (value is not null) errors.Add(new($"{path}.value", "a range takes low and high, not value"));
                break;
            case Qualifier.Vague:
                if (term is null)
                    errors.Add(new($"{path}.term",
                        "is required for a vague value, e.g. \"dozens\", \"عشرات\", \"onlarca\""));
                else if (!VagueTerms.TryFind(term, out var found))
                    errors.Add(new($"{path}.term", $"'{Truncate(term)}' is not a known vague term; known: " +
                        $"{string.Join(", ", VagueTerms.All.Select(t => t.Canonical))} " +
                        "and their Arabic and Turkish words"));
                else canonical = found.Canonical;
                if (value is not null || low is not null || high is not null)
                    errors.Add(new(path, "a vague value takes only a term"));
                kind = FigureKind.Count;
                break;
            default:
                if (value is null && relative is null)
                    errors.Add(new($"{path}.value", "is required for " +
                        $"'{JsonNamingPolicy.SnakeCaseLower.ConvertName(qualifier.Value.ToString())}'"));
                if (low is not null || high is not null) errors.Add(new(path, "low and high belong to a range only"));
                break;
        }
        if (term is not null && qualifier != Qualifier.Vague)
            errors.Add(new($"{path}.term", "belongs to a vague value only"));
        if (tolerance is not null && qualifier != Qualifier.Approximately)
            errors.Add(new($"{path}.tolerance", "belongs to an approximate value only"));
        if (relative is not null && qualifier is Qualifier.Range or Qualifier.Vague)
            errors.Add(new($"{path}.relative", "applies to a single date, not a range or vague value"));
        if (relative?.Anchor is { } anchor && value is { } stated && anchor.AddDays(relative.Days).DayNumber != stated)
            errors.Add(new($"{path}.value", $"{DateOnly.FromDayNumber((int)stated):yyyy-MM-dd} is not " +
                $"{relative.Days} days after the anchor {anchor:yyyy-MM-dd} " +
                $"({anchor.AddDays(relative.Days):yyyy-MM-dd})"));
        if (errors.Count > 0) return (null, errors);

        var result = new ClaimValue
        {
            Qualifier = qualifier.Value, Kind = kind, Value = value, Low = low, High = high,
            Term = term, CanonicalTerm = canonical, Tolerance = tolerance, Relative = relative,
        };
        if (relative?.Anchor is not null) result = result.ResolveAnchor(relative.Anchor.Value);
        if (result.IsResolved && result.ToInterval().IsEmpty) return (null, [new(path, "describes no possible value")]);
        return (result, errors);
    }

    public static Qualifier? ParseQualifier(string text) => text switch
    {
        "exact" => Qualifier.Exact,
        "at_least" => Qualifier.AtLeast,
        "more_than" => Qualifier.MoreThan,
        "at_most" => Qualifier.AtMost,
        "less_than" => Qualifier.LessThan,
        "approximately" => Qualifier.Approximately,
        "range" => Qualifier.Range,
        "vague" => Qualifier.Vague,
        _ => null,
    };

    private static long? ReadScalar(JsonElement json, string name, string path, List<FieldError> errors,
        HashSet<FigureKind> kinds)
    {
        if (!json.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null) return null;
        switch (element.ValueKind)
        {
            case JsonValueKind.Number:
                if (!element.TryGetInt64(out var n))
                {
                    errors.Add(new($"{path}.{name}", element.TryGetDecimal(out _)
                        || element.GetRawText().Contains('e', StringComparison.OrdinalIgnoreCase)
                        ? "a count must be a whole number within range" : "is not a valid number"));
                    return null;
                }
                if (n < 0) { errors.Add(new($"{path}.{name}", "a count cannot be negative")); return null; }
                if (n > ClaimValue.MaxCount)
                {
                    errors.Add(new($"{path}.{name}", $"a count above {ClaimValue.MaxCount:N0} is not plausible"));
                    return null;
                }
                kinds.Add(FigureKind.Count);
                return n;
            case JsonValueKind.String:
                if (ParseDate(element.GetString()!, out var date, out var problem))
                {
                    kinds.Add(FigureKind.Date);
                    return date.DayNumber;
                }
                errors.Add(new($"{path}.{name}", problem));
                return null;
            default:
                errors.Add(new($"{path}.{name}", "must be a whole number (count) or a date string yyyy-MM-dd"));
                return null;
        }
    }

    public static bool ParseDate(string text, out DateOnly date, out string problem)
    {
        problem = "";
        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
        {
            problem = $"'{Truncate(text)}' is not a date of the form yyyy-MM-dd (a count must be a JSON number)";
            return false;
        }
        if (date < ClaimValue.MinDate || date > ClaimValue.MaxDate)
        {
            problem = $"{text} is outside the supported dates " +
                $"{ClaimValue.MinDate:yyyy-MM-dd}..{ClaimValue.MaxDate:yyyy-MM-dd}";
            return false;
        }
        return true;
    }

    private static RelativeDate? ReadRelative(JsonElement json, string path, List<FieldError> errors)
    {
        if (!json.TryGetProperty("relative", out var rel) || rel.ValueKind == JsonValueKind.Null) return null;
        var p = $"{path}.relative";
        if (rel.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new(p, "must be an object {expression, anchor?, days}"));
            return null;
        }
        foreach (var property in rel.EnumerateObject())
            if (property.Name is not ("expression" or "anchor" or "days"))
                errors.Add(new($"{p}.{property.Name}", "is not a field of a relative date (expression, anchor, days)"));
        string? expression = null;
        if (rel.TryGetProperty("expression", out var e) && e.ValueKind == JsonValueKind.String
            && !string.IsNullOrWhiteSpace(e.GetString()))
            expression = e.GetString()!.Trim();
        else errors.Add(new($"{p}.expression", "is required: the words of the text, e.g. \"بعد يومين\""));
        DateOnly? anchor = null;
        if (rel.TryGetProperty("anchor", out var a) && a.ValueKind != JsonValueKind.Null)
        {
            if (a.ValueKind == JsonValueKind.String && ParseDate(a.GetString()!, out var d, out var problem))
                anchor = d;
            else
                errors.Add(new($"{p}.anchor", a.ValueKind == JsonValueKind.String
                    ? ParseDateProblem(a.GetString()!)
                    : "must be a date yyyy-MM-dd"));
        }
        int? days = null;
        if (rel.TryGetProperty("days", out var dj) && dj.ValueKind == JsonValueKind.Number && dj.TryGetInt32(out var n)
            && Math.Abs(n) <= 36_500)
            days = n;
        else
            errors.Add(new($"{p}.days", "is required: a whole number of days from the anchor " +
                "(negative for the past), at most 36500 either way"));
        if (anchor is { } an && days is { } dd
            && (an.DayNumber + dd < ClaimValue.MinDate.DayNumber || an.DayNumber + dd > ClaimValue.MaxDate.DayNumber))
            errors.Add(new($"{p}.days", "leads outside the supported dates"));
        return expression is null || days is null ? null : new RelativeDate(expression, anchor, days.Value);
    }

    private static string ParseDateProblem(string text) => ParseDate(text, out _, out var problem) ? "" : problem;

    internal static string Truncate(string? text) => text is null ? "" : text.Length <= 40 ? text : text[..40] + "…";
}
