using System.Security.Cryptography;
using FactLedger.Api.Features.Sources;
using FactLedger.Domain.Quotes;

namespace FactLedger.Api.Features.Claims;

/// <summary>The checks of a claim against its source, shared by recording (single and bulk) and correcting: these
/// need the source's text but not the figure stream's lock, so they run before the write.</summary>
internal static class ClaimChecks
{
    /// <summary>The claim as it will be recorded: value parsed, relative date anchored, quote located, id
    /// given.</summary>
    public static ClaimRecorded Recorded(RecordClaim.Command command, Source? source)
    {
        if (source is null)
            throw LedgerError.Unprocessable("source",
                $"source '{command.Source}' is not registered; POST /api/sources first");
        var value = Value(command.Value!.Value, source);
        var location = Quote(source, command.Quote!, "quote");
        var quote = QuoteLocator.Fold(command.Quote!);
        var hash = ContentHash(command.Figure!, source.Id, value, quote);
        return new ClaimRecorded(
            command.Id ?? $"c-{hash[..24]}", command.Figure!, source.Id, source.Outlet, source.PublishedAt, value,
            command.RefersTo ?? source.PublishedAt, Name(command.AttributedTo), quote, location.Offset,
            location.Length, hash, command.RecordedBy, default, Trimmed(command.Note), source.Language);
    }

    /// <summary>A value (checked by the request's validator) with a relative date without a stated anchor resolved
    /// against the publication day.</summary>
    public static ClaimValue Value(JsonElement json, Source source)
    {
        var (value, errors) = ClaimValueParser.Parse(json);
        if (value is null) throw LedgerError.Invalid(errors);
        return value.ResolveAnchor(DateOnly.FromDateTime(source.PublishedAt.DateTime));
    }

    public static QuoteLocation Quote(Source source, string quote, string field) =>
        QuoteLocator.Find(source.Text, quote) ?? throw LedgerError.Unprocessable(field,
            $"does not occur verbatim in the text of source '{source.Id}' " +
            "(compared after NFC normalisation and whitespace folding)");

    /// <summary>What makes two claims the same claim: figure, source, value (canonical form) and quote
    /// (folded).</summary>
    public static string ContentHash(string figure, string source, ClaimValue value, string foldedQuote)
    {
        var canonical = $"{figure}\n{source}\n{JsonSerializer.Serialize(value)}\n{foldedQuote}";
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }

    private static string? Trimmed(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static string? Name(string? text) =>
        text is not null && TextRules.NormalName(text) is { Length: > 0 } name ? name : null;
}
