using System.ComponentModel.DataAnnotations;
using FactLedger.Api.Features.Claims;
using FactLedger.Api.Features.Figures;

namespace FactLedger.Api.Features.Ingest;

/// <summary>A bundle of sources, figures and claims, with the same fields as the API's requests.</summary>
public sealed record Bundle(
    List<BundleSource>? Sources, List<DefineFigure.Command>? Figures, List<RecordClaim.Command>? Claims)
{
    /// <summary>Free text about the bundle (how it was made); ignored on load.</summary>
    public JsonElement? About { get; init; }
}

/// <summary>A source with its text inline, or (from the command line only) in a file beside the bundle.</summary>
public sealed record BundleSource(
    [property: Required] string? Key, string? Outlet, string? Url, [property: Required] string? Language,
    [property: Required] string? Title, [property: Required] DateTimeOffset? PublishedAt, string? PublishedAtNote,
    string? Text, string? File);

[JsonConverter(typeof(KebabCaseEnumConverter<IngestOutcome>))]
public enum IngestOutcome { Created, AlreadyPresent, Rejected }

/// <summary>What became of one item. <see cref="Line"/>: the item's line in a streamed (NDJSON) input.</summary>
public sealed record IngestItem(
    string Kind, string? Key, IngestOutcome Outcome, string? Reason = null, long? Line = null);

public sealed record IngestResult(int Created, int AlreadyPresent, int Rejected, IReadOnlyList<IngestItem> Items);

/// <summary>One entry of a bundle: a source, a figure or a claim; or, read from a stream, a line that was none of
/// them (<see cref="Problem"/>). <see cref="Line"/>: where it was in a streamed input.</summary>
public sealed record BundleEntry(string Kind, object? Payload, long? Line = null, string? Problem = null);
