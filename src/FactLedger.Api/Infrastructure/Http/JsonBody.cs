namespace FactLedger.Api.Infrastructure.Http;

/// <summary>
/// Reads a JSON request body into a request record with errors that name the field: malformed or truncated JSON,
/// a field of the wrong type, an empty or oversize body. (Minimal APIs' own binding answers a bare 400.)
/// </summary>
public static class JsonBody
{
    public static Task<T> ReadAsync<T>(HttpRequest request, JsonSerializerOptions options, CancellationToken ct)
        where T : class =>
        ReadAsync<T>(request, options, request.HttpContext.RequestServices
            .GetRequiredService<Microsoft.Extensions.Options.IOptions<FactLedgerOptions>>().Value.MaxRequestBodyBytes,
            ct);

    public static async Task<T> ReadAsync<T>(HttpRequest request, JsonSerializerOptions options, long maxBytes,
        CancellationToken cancellationToken) where T : class
    {
        if (request.ContentType is null
            || !request.ContentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase)
            && !request.ContentType.Contains("+json", StringComparison.OrdinalIgnoreCase))
            throw new BadHttpRequestException("Send the body as application/json.",
                StatusCodes.Status415UnsupportedMediaType);
        if (request.ContentLength > maxBytes) throw TooLarge(maxBytes);
        // Buffered with a hard cap, so an oversize body is refused whether or not it announced its length.
        var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes) throw TooLarge(maxBytes);
            buffer.Write(chunk, 0, read);
        }
        if (buffer.Length == 0) throw LedgerError.Invalid("body", "is empty: send a JSON object");
        buffer.Position = 0;
        T? body;
        try
        {
            body = await JsonSerializer.DeserializeAsync<T>(buffer, options, cancellationToken);
        }
        catch (JsonException e)
        {
            var field = e.Path is null or "$" ? "body" : e.Path.TrimStart('$', '.');
            var wrongType = e.InnerException is InvalidOperationException or FormatException
                || e.Message.Contains("could not be converted", StringComparison.Ordinal);
            var reason = wrongType ? "has the wrong type or format" : "is not valid JSON here";
            throw LedgerError.Invalid(field, $"{reason} (line {e.LineNumber + 1}, byte {e.BytePositionInLine})");
        }
        catch (DecoderFallbackException)
        {
            throw LedgerError.Invalid("body", "is not valid UTF-8");
        }
        return body ?? throw LedgerError.Invalid("body", "is empty: send a JSON object");
    }

    public static BadHttpRequestException TooLarge(long maxBytes) =>
        new($"The body exceeds {maxBytes:N0} bytes.", StatusCodes.Status413PayloadTooLarge);
}
