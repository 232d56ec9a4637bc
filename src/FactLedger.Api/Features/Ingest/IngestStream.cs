using System.Buffers;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;
using FactLedger.Api.Features.Claims;
using FactLedger.Api.Features.Figures;

namespace FactLedger.Api.Features.Ingest;

/// <summary>
/// A bundle as a stream of lines (NDJSON), for inputs too large to hold: one JSON object per line, naming what it
/// holds — <c>{"source": {…}}</c>, <c>{"figure": {…}}</c> or <c>{"claim": {…}}</c> — with the same fields and checks
/// as a bundle's entries. Read line by line and loaded in slices, so memory stays flat however long the input. A bad
/// line (malformed JSON, an unknown or missing kind, over <see cref="MaxLineBytes"/>) is rejected with its line
/// number and the rest still loads. The answer counts every outcome and lists rejected lines (up to
/// <see cref="MaxListed"/>, in line order), not every item.
/// </summary>
public static class IngestStream
{
    public const int MaxLineBytes = 16 * 1_048_576;
    public const int MaxListed = 1000;
    private const int LogEvery = 50_000;

    public sealed record Command(Stream Input, string? BaseDirectory, string RecordedBy) : IRequest<IngestResult>
    {
        public string? CorrelationId { get; init; }
        public IProgress<(int Done, int Total)>? Progress { get; init; }
    }

    private sealed record Line(BundleSource? Source, DefineFigure.Command? Figure, RecordClaim.Command? Claim);

    public sealed class Handler(BundleLoader loader, ILogger<Handler> logger) : IRequestHandler<Command, IngestResult>
    {
        public async Task<IngestResult> Handle(Command command, CancellationToken cancellationToken)
        {
            int created = 0, present = 0, rejected = 0, logged = 0;
            var listed = new List<IngestItem>();
            var who = new BundleLoader.Who(command.RecordedBy, command.CorrelationId, command.BaseDirectory);
            await loader.LoadAsync(
                ReadAsync(command.Input, cancellationToken),
                who,
                (_, item) =>
                {
                    switch (item.Outcome)
                    {
                        case IngestOutcome.Created: created++; break;
                        case IngestOutcome.AlreadyPresent: present++; break;
                        default:
                            rejected++;
                            if (listed.Count < MaxListed) listed.Add(item);
                            break;
                    }
                },
                done =>
                {
                    command.Progress?.Report((done, 0));
                    // A long stream says how far it is, about every 50,000 items.
                    if (done < logged + LogEvery) return;
                    logged = done / LogEvery * LogEvery;
                    logger.LogInformation("Ingest stream: {Done:N0} items loaded, {Rejected:N0} rejected so far",
                        done, rejected);
                },
                cancellationToken);
            return new IngestResult(created, present, rejected, listed.OrderBy(i => i.Line).ToList());
        }
    }

    /// <summary>The entries of an NDJSON stream, one per non-blank line. Never holds more than one line (at most
    /// <see cref="MaxLineBytes"/>) of the input: the rest of an over-long line is skipped as it arrives.</summary>
    public static async IAsyncEnumerable<BundleEntry> ReadAsync(
        Stream input, [EnumeratorCancellation] CancellationToken ct)
    {
        var reader = PipeReader.Create(input, new StreamPipeReaderOptions(bufferSize: 65_536, leaveOpen: true));
        long line = 0;
        var skipping = false; // inside an over-long line, already reported
        try
        {
            while (true)
            {
                var read = await reader.ReadAsync(ct);
                var buffer = read.Buffer;
                while (buffer.PositionOf((byte)'\n') is { } end)
                {
                    var text = buffer.Slice(0, end);
                    buffer = buffer.Slice(buffer.GetPosition(1, end));
                    line++;
                    if (skipping) { skipping = false; continue; }
                    if (Parse(text, line) is { } entry) yield return entry;
                }
                if (read.IsCompleted)
                {
                    if (!skipping && buffer.Length > 0 && Parse(buffer, ++line) is { } last) yield return last;
                    yield break;
                }
                if (skipping) buffer = buffer.Slice(buffer.End);
                else if (buffer.Length > MaxLineBytes)
                {
                    yield return TooLong(line + 1);
                    skipping = true;
                    buffer = buffer.Slice(buffer.End);
                }
                reader.AdvanceTo(buffer.Start, buffer.End);
            }
        }
        finally
        {
            await reader.CompleteAsync();
        }
    }

    private static BundleEntry? Parse(ReadOnlySequence<byte> text, long line)
    {
        if (text.Length > MaxLineBytes) return TooLong(line);
        var bytes = text.IsSingleSegment ? text.FirstSpan : text.ToArray();
        if (line == 1 && bytes.StartsWith("\uFEFF"u8)) bytes = bytes[3..];
        if (bytes.Trim(" \t\r"u8).IsEmpty) return null;
        try
        {
            var parsed = JsonSerializer.Deserialize<Line>(bytes, ApiJson.Requests);
            return parsed switch
            {
                null => Problem(line, $"line {line} is null: send an object with one of source, figure, claim"),
                { Source: { } s, Figure: null, Claim: null } => new BundleEntry("source", s, line),
                { Figure: { } f, Source: null, Claim: null } => new BundleEntry("figure", f, line),
                { Claim: { } c, Source: null, Figure: null } => new BundleEntry("claim", c, line),
                _ => new BundleEntry("line", null, line, $"line {line} must hold exactly one of source, figure, claim"),
            };
        }
        catch (JsonException e)
        {
            var field = e.Path is null or "$" ? "" : $" at {e.Path.TrimStart('$', '.')}";
            return Problem(line, $"line {line} is not a valid entry{field} (byte {e.BytePositionInLine})");
        }
    }

    private static BundleEntry TooLong(long line) =>
        Problem(line, $"line {line} is longer than {MaxLineBytes:N0} bytes");

    private static BundleEntry Problem(long line, string problem) => new("line", null, line, problem);
}
