using System.Text.Json;
using System.Text.Json.Serialization;
using FactLedger.Api.Features.Claims;
using FactLedger.Api.Features.Figures;
using FactLedger.Api.Features.Sources;
using FactLedger.Api.Infrastructure.Http;
using FactLedger.Domain.Values;
using MediatR;

namespace FactLedger.Api.Features.Ingest;

/// <summary>
/// A bundle of sources, figures and claims, loaded through the same commands as the API (so the same validation,
/// quote checks and idempotency apply), each item in its own unit of work: one bad item is rejected with its
/// reason and the rest still load. Loading a bundle twice changes nothing.
/// </summary>
public static class IngestBundle
{
    public sealed record Bundle(List<BundleSource>? Sources, List<DefineFigure.Command>? Figures, List<RecordClaim.Command>? Claims)
    {
        /// <summary>Free text about the bundle (how it was made); ignored on load.</summary>
        public JsonElement? About { get; init; }
    }

    /// <summary>A source with its text inline, or (from the command line only) in a file beside the bundle.</summary>
    public sealed record BundleSource(
        string? Key, string? Outlet, string? Url, string? Language, string? Title,
        DateTimeOffset? PublishedAt, string? PublishedAtNote, string? Text, string? File);

    [JsonConverter(typeof(KebabCaseEnumConverter<Outcome>))]
    public enum Outcome { Created, AlreadyPresent, Rejected }

    /// <summary><see cref="Line"/>: the item's line in a streamed (NDJSON) input.</summary>
    public sealed record ItemResult(string Kind, string? Key, Outcome Outcome, string? Reason = null, long? Line = null);

    public sealed record Result(int Created, int AlreadyPresent, int Rejected, IReadOnlyList<ItemResult> Items);

    public sealed record Command(Bundle Bundle, string? BaseDirectory, string RecordedBy) : IRequest<Result>
    {
        public IProgress<(int Done, int Total)>? Progress { get; init; }
    }

    /// <summary>One entry of a bundle: a source, a figure or a claim; or, read from a stream, a line that was none of
    /// them (<see cref="Problem"/>). <see cref="Line"/>: where it was in a streamed input.</summary>
    public sealed record Entry(string Kind, object? Payload, long? Line = null, string? Problem = null);

    public sealed class Handler(IServiceScopeFactory scopes, ILogger<Handler> logger) : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var bundle = command.Bundle;
            var entries = (bundle.Sources ?? []).Select(s => new Entry("source", s))
                .Concat((bundle.Figures ?? []).Select(f => new Entry("figure", f)))
                .Concat((bundle.Claims ?? []).Select(c => new Entry("claim", c)))
                .ToList();
            // A bundle in one piece is answered item by item, in input order.
            var items = new ItemResult[entries.Count];
            await new Loader(scopes, logger, command.BaseDirectory, command.RecordedBy)
                .LoadAsync(entries.ToAsyncEnumerable(), (index, item) => items[index] = item, done => command.Progress?.Report((done, entries.Count)), cancellationToken);
            return new Result(items.Count(i => i.Outcome == Outcome.Created), items.Count(i => i.Outcome == Outcome.AlreadyPresent),
                items.Count(i => i.Outcome == Outcome.Rejected), items);
        }
    }

    /// <summary>
    /// Loads entries in input order, each source and figure in its own unit of work. Claims are gathered into slices
    /// of <see cref="Slice"/> (their sources and figures may come before or among them: those load at once), grouped
    /// by figure within a slice (keeping their order within a figure), and the groups packed into transactions of up
    /// to <see cref="MaxBatch"/> claims: one lock and one view update per figure per transaction. Memory stays bounded
    /// by the slice however long the input.
    /// </summary>
    internal sealed class Loader(IServiceScopeFactory scopes, ILogger logger, string? baseDirectory, string recordedBy)
    {
        /// <summary>Claims committed together at most: bounds a transaction's size and how long it holds figure locks.</summary>
        private const int MaxBatch = 1000;
        /// <summary>Claims gathered before they are grouped and written.</summary>
        private const int Slice = 10_000;

        private int _done;

        public async Task LoadAsync(IAsyncEnumerable<Entry> entries, Action<int, ItemResult> report, Action<int> progress, CancellationToken ct)
        {
            var claims = new List<(int Index, RecordClaim.Command Claim, long? Line)>();
            var index = 0;
            void Report(int i, ItemResult item)
            {
                if (item.Outcome == Outcome.Rejected) logger.LogWarning("Ingest rejected {Kind} {Key}: {Reason}", item.Kind, item.Key, item.Reason);
                report(i, item);
                _done++;
            }

            await foreach (var entry in entries.WithCancellation(ct))
            {
                var i = index++;
                if (entry.Problem is not null || entry.Payload is null)
                {
                    Report(i, new ItemResult(entry.Kind, null, Outcome.Rejected, entry.Problem ?? $"a {entry.Kind} entry is null", entry.Line));
                    progress(_done);
                    continue;
                }
                switch (entry.Payload)
                {
                    case BundleSource s:
                        Report(i, await LoadOne("source", s.Key, entry.Line, () => new RegisterSource.Command(s.Key, s.Outlet, s.Url, s.Language, s.Title, s.PublishedAt,
                            s.PublishedAtNote, SourceText(s, baseDirectory)) { RecordedBy = recordedBy }, r => r.Created, ct));
                        progress(_done);
                        break;
                    case DefineFigure.Command f:
                        Report(i, await LoadOne("figure", f.Key, entry.Line, () => f with { RecordedBy = recordedBy }, r => r.Created, ct));
                        progress(_done);
                        break;
                    case RecordClaim.Command c:
                        claims.Add((i, c with { RecordedBy = recordedBy }, entry.Line));
                        if (claims.Count >= Slice)
                        {
                            await WriteClaims(claims, Report, progress, ct);
                            claims.Clear();
                        }
                        break;
                }
            }
            await WriteClaims(claims, Report, progress, ct);
        }

        private async Task<ItemResult> LoadOne<TResult>(string kind, string? key, long? line, Func<IRequest<TResult>> request, Func<TResult, bool> created, CancellationToken ct)
        {
            // One scope, session and transaction per item: a rejected item leaves nothing behind.
            await using var scope = scopes.CreateAsyncScope();
            var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
            try
            {
                var result = await mediator.Send(request(), ct);
                return new ItemResult(kind, key, created(result) ? Outcome.Created : Outcome.AlreadyPresent, Line: line);
            }
            catch (ProblemException e)
            {
                return new ItemResult(kind, key, Outcome.Rejected, e.Message, line);
            }
        }

        private async Task WriteClaims(List<(int Index, RecordClaim.Command Claim, long? Line)> claims, Action<int, ItemResult> report, Action<int> progress, CancellationToken ct)
        {
            var byFigure = claims.GroupBy(x => x.Claim.Figure ?? "", StringComparer.Ordinal).SelectMany(g => g);
            foreach (var chunk in byFigure.Chunk(MaxBatch))
            {
                await using var scope = scopes.CreateAsyncScope();
                var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
                var outcomes = await mediator.Send(new RecordClaimGroup.Command(chunk.Select(x => x.Claim).ToList()), ct);
                for (var j = 0; j < chunk.Length; j++)
                {
                    var claim = chunk[j].Claim;
                    var key = claim.Id ?? outcomes[j].Result?.Id ?? $"{claim.Figure} / {claim.Source}";
                    report(chunk[j].Index, outcomes[j].Result is { } r
                        ? new ItemResult("claim", key, r.Created ? Outcome.Created : Outcome.AlreadyPresent, Line: chunk[j].Line)
                        : new ItemResult("claim", key, Outcome.Rejected, outcomes[j].Rejected, chunk[j].Line));
                }
                progress(_done);
            }
        }

        private static string? SourceText(BundleSource source, string? baseDirectory)
        {
            if (source.Text is not null || source.File is null) return source.Text;
            if (baseDirectory is null) throw ProblemException.Field("file", "is only allowed when ingesting from the command line; send the text inline");
            var root = Path.GetFullPath(baseDirectory);
            var path = Path.GetFullPath(Path.Combine(root, source.File));
            // The file must sit inside the bundle's folder: no reaching out with ../ or absolute paths.
            if (!path.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal) || !System.IO.File.Exists(path))
                throw ProblemException.Field("file", $"'{source.File}' is not a file inside the bundle's folder");
            return System.IO.File.ReadAllText(path);
        }
    }

    /// <summary>Every *.json and *.ndjson bundle in a folder (sorted), or the one file given.</summary>
    public static IEnumerable<string> BundleFiles(string path) =>
        Directory.Exists(path) ? Directory.GetFiles(path).Where(IsBundle).Order(StringComparer.Ordinal)
        : File.Exists(path) ? [path]
        : throw new FileNotFoundException($"No bundle file or folder at '{path}'.");

    private static bool IsBundle(string file) =>
        file.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || IsStream(file);

    private static bool IsStream(string file) => file.EndsWith(".ndjson", StringComparison.OrdinalIgnoreCase);

    /// <summary>Loads one bundle file (*.ndjson: streamed line by line); sources may name their text as a file beside it.</summary>
    public static async Task<Result> IngestFileAsync(IMediator mediator, string file, string actor, IProgress<(int Done, int Total)>? progress, CancellationToken ct)
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
        return await mediator.Send(new Command(bundle, directory, actor) { Progress = progress }, ct);
    }
}
