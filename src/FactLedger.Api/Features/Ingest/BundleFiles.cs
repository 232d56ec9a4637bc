namespace FactLedger.Api.Features.Ingest;

/// <summary>Bundles on disk, for the command line and the seed loader.</summary>
public static class BundleFiles
{
    /// <summary>Every *.json and *.ndjson bundle in a folder (sorted), or the one file given.</summary>
    public static IEnumerable<string> In(string path) =>
        Directory.Exists(path) ? Directory.GetFiles(path).Where(IsBundle).Order(StringComparer.Ordinal)
        : File.Exists(path) ? [path]
        : throw new FileNotFoundException($"No bundle file or folder at '{path}'.");

    /// <summary>Loads one bundle file (*.ndjson: streamed line by line); sources may name their text as a file beside
    /// it.</summary>
    public static async Task<IngestResult> IngestAsync(IMediator mediator, string file, string actor,
        IProgress<(int Done, int Total)>? progress, CancellationToken ct)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(file));
        if (IsStream(file))
        {
            await using var input = File.OpenRead(file);
            return await mediator.Send(new IngestStream.Command(input, directory, actor) { Progress = progress }, ct);
        }
        Bundle bundle;
        await using (var stream = File.OpenRead(file))
        {
            bundle = await JsonSerializer.DeserializeAsync<Bundle>(stream, ApiJson.Requests, ct)
                ?? throw new InvalidDataException($"{file} holds no bundle.");
        }
        return await mediator.Send(new IngestBundle.Command(bundle, directory, actor) { Progress = progress }, ct);
    }

    private static bool IsBundle(string file) =>
        file.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || IsStream(file);

    private static bool IsStream(string file) => file.EndsWith(".ndjson", StringComparison.OrdinalIgnoreCase);
}
