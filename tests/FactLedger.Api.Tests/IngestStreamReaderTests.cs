using System.Text;
using FactLedger.Api.Features.Ingest;

namespace FactLedger.Api.Tests;

/// <summary>The NDJSON reader on its own (no database): line numbers, blank lines, a BOM, CRLF, and a line too long
/// to hold, which is skipped as it arrives.</summary>
public class IngestStreamReaderTests
{
    [Fact]
    public async Task Given_an_over_long_line_when_read_then_it_is_rejected_by_number_and_the_next_line_still_reads()
    {
        var input = new MemoryStream();
        input.Write("\uFEFF{\"figure\": {\"key\": \"a.b.c\"}}\r\n\r\n"u8);
        input.Write(Encoding.UTF8.GetBytes(
            "{\"claim\": {\"quote\": \"" + new string('x', IngestStream.MaxLineBytes + 10) + "\"}}\n"));
        input.Write("{\"claim\": {\"id\": \"after\"}}"u8);
        input.Position = 0;

        var entries = new List<BundleEntry>();
        await foreach (var entry in IngestStream.ReadAsync(new TrickleStream(input), CancellationToken.None))
            entries.Add(entry);

        Assert.Equal(3, entries.Count);
        Assert.Equal(("figure", 1L, (string?)null), (entries[0].Kind, entries[0].Line!.Value, entries[0].Problem));
        Assert.Equal(3L, entries[1].Line);
        Assert.Contains("longer than", entries[1].Problem);
        Assert.Equal(("claim", 4L), (entries[2].Kind, entries[2].Line!.Value));
    }

    /// <summary>Hands the bytes over in small reads, as a network body would.</summary>
    private sealed class TrickleStream(Stream inner) : Stream
    {
        public override int Read(byte[] buffer, int offset, int count) =>
            inner.Read(buffer, offset, Math.Min(count, 7919));
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
