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

    public sealed record ItemResult(string Kind, string? Key, Outcome Outcome, string? Reason = null);

    public sealed record Result(int Created, int AlreadyPresent, int Rejected, IReadOnlyList<ItemResult> Items);

    public sealed record Command(Bundle Bundle, string? BaseDirectory, string RecordedBy) : IRequest<Result>
    {
        public IProgress<(int Done, int Total)>? Progress { get; init; }
    }

    public sealed class Handler(IServiceScopeFactory scopes, ILogger<Handler> logger) : IRequestHandler<Command, Result>
    {
        /// <summary>Claims committed together at most: bounds a transaction's size and how long it holds figure locks.</summary>
        private const int MaxBatch = 1000;

        public async Task<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var bundle = command.Bundle;
            var items = new List<ItemResult>();
            var total = (bundle.Sources?.Count ?? 0) + (bundle.Figures?.Count ?? 0) + (bundle.Claims?.Count ?? 0);

            void Null(string kind) => items.Add(new ItemResult(kind, null, Outcome.Rejected, $"a {kind} entry is null"));

            async Task Load<TResult>(string kind, string? key, Func<IRequest<TResult>> request, Func<TResult, bool> created)
            {
                // One scope, session and transaction per item: a rejected item leaves nothing behind.
                await using var scope = scopes.CreateAsyncScope();
                var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
                try
                {
                    var result = await mediator.Send(request(), cancellationToken);
                    items.Add(new ItemResult(kind, key, created(result) ? Outcome.Created : Outcome.AlreadyPresent));
                }
                catch (ProblemException e)
                {
                    items.Add(new ItemResult(kind, key, Outcome.Rejected, e.Message));
                    logger.LogWarning("Ingest rejected {Kind} {Key}: {Reason}", kind, key, e.Message);
                }
                command.Progress?.Report((items.Count, total));
            }

            foreach (var s in bundle.Sources ?? [])
                if (s is null) Null("source"); else await Load("source", s?.Key, () => new RegisterSource.Command(s!.Key, s.Outlet, s.Url, s.Language, s.Title, s.PublishedAt, s.PublishedAtNote,
                    SourceText(s, command.BaseDirectory)) { RecordedBy = command.RecordedBy }, r => r.Created);
            foreach (var f in bundle.Figures ?? [])
                if (f is null) Null("figure"); else await Load("figure", f?.Key, () => f! with { RecordedBy = command.RecordedBy }, r => r.Created);
            // Claims are grouped by figure (keeping their order within a figure), and the groups packed into batches
            // of up to MaxBatch claims: one transaction per batch, one lock and one view update per figure in it.
            // A figure's view is rewritten once per batch, not once per claim. Answers stay in input order.
            var claimList = bundle.Claims ?? [];
            var claimItems = new ItemResult[claimList.Count];
            var done = items.Count;
            for (var i = 0; i < claimList.Count; i++)
                if (claimList[i] is null) claimItems[i] = new ItemResult("claim", null, Outcome.Rejected, "a claim entry is null");
            var byFigure = claimList.Select((claim, index) => (claim, index)).Where(x => x.claim is not null)
                .GroupBy(x => x.claim.Figure ?? "", StringComparer.Ordinal).SelectMany(g => g);
            foreach (var chunk in byFigure.Chunk(MaxBatch))
            {
                await using var scope = scopes.CreateAsyncScope();
                var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
                var claims = chunk.Select(x => x.claim with { RecordedBy = command.RecordedBy }).ToList();
                var outcomes = await mediator.Send(new RecordClaimGroup.Command(claims), cancellationToken);
                for (var i = 0; i < claims.Count; i++)
                {
                    var key = claims[i].Id ?? outcomes[i].Result?.Id ?? $"{claims[i].Figure} / {claims[i].Source}";
                    claimItems[chunk[i].index] = outcomes[i].Result is { } r
                        ? new ItemResult("claim", key, r.Created ? Outcome.Created : Outcome.AlreadyPresent)
                        : new ItemResult("claim", key, Outcome.Rejected, outcomes[i].Rejected);
                    if (outcomes[i].Rejected is { } reason) logger.LogWarning("Ingest rejected claim {Key}: {Reason}", key, reason);
                }
                done += claims.Count;
                command.Progress?.Report((done, total));
            }
            items.AddRange(claimItems);

            return new Result(items.Count(i => i.Outcome == Outcome.Created), items.Count(i => i.Outcome == Outcome.AlreadyPresent),
                items.Count(i => i.Outcome == Outcome.Rejected), items);
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

    /// <summary>Every *.json bundle in a folder (sorted), or the one file given.</summary>
    public static IEnumerable<string> BundleFiles(string path) =>
        Directory.Exists(path) ? Directory.GetFiles(path, "*.json").Order(StringComparer.Ordinal)
        : File.Exists(path) ? [path]
        : throw new FileNotFoundException($"No bundle file or folder at '{path}'.");

    /// <summary>Loads one bundle file; sources may name their text as a file beside it.</summary>
    public static async Task<Result> IngestFileAsync(IMediator mediator, string file, string actor, IProgress<(int Done, int Total)>? progress, CancellationToken ct)
    {
        Bundle bundle;
        await using (var stream = File.OpenRead(file))
        {
            bundle = await JsonSerializer.DeserializeAsync<Bundle>(stream, ApiJson.Requests, ct)
                ?? throw new InvalidDataException($"{file} holds no bundle.");
        }
        return await mediator.Send(new Command(bundle, Path.GetDirectoryName(Path.GetFullPath(file)), actor) { Progress = progress }, ct);
    }
}
