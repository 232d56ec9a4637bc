namespace FactLedger.Api.Infrastructure.Http;

/// <summary>CSV answers for clients that ask for <c>text/csv</c>.</summary>
public static class Csv
{
    public static bool IsWanted(HttpContext http) =>
        http.Request.Headers.Accept
            .Any(a => a is not null && a.Contains("text/csv", StringComparison.OrdinalIgnoreCase));

    public static ContentHttpResult Table(string[] header, IEnumerable<object?[]> rows)
    {
        var csv = new StringBuilder();
        csv.AppendLine(string.Join(',', header));
        foreach (var row in rows) csv.AppendLine(string.Join(',', row.Select(Cell)));
        return TypedResults.Text(csv.ToString(), "text/csv; charset=utf-8");
    }

    public static string Kebab<T>(T value) where T : struct, Enum =>
        System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());

    /// <summary>RFC 4180 quoting; cells that a spreadsheet would run as a formula get a leading apostrophe.</summary>
    private static string Cell(object? value)
    {
        var text = value switch
        {
            null => "",
            DateTimeOffset d => d.ToString("O", CultureInfo.InvariantCulture),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? "",
        };
        if (text.Length > 0 && text[0] is '=' or '+' or '-' or '@' && value is string) text = "'" + text;
        return text.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + text.Replace("\"", "\"\"") + "\"" : text;
    }
}
