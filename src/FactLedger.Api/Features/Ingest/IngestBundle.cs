namespace FactLedger.Api.Features.Ingest;

/// <summary>
/// Loads a bundle in one piece, with the same checks as the API's requests (validation, quote checks, idempotency):
/// one bad item is rejected with its reason and the rest still load. Loading a bundle twice changes nothing. Answered
/// item by item, in input order.
/// </summary>
public static class IngestBundle
{
    public sealed record Command(Bundle Bundle, string? BaseDirectory, string RecordedBy) : IRequest<IngestResult>
    {
        public string? CorrelationId { get; init; }
        public IProgress<(int Done, int Total)>? Progress { get; init; }
    }

    public sealed class Handler(BundleLoader loader) : IRequestHandler<Command, IngestResult>
    {
        public async Task<IngestResult> Handle(Command command, CancellationToken cancellationToken)
        {
            var bundle = command.Bundle;
            var entries = (bundle.Sources ?? []).Select(s => new BundleEntry("source", s))
                .Concat((bundle.Figures ?? []).Select(f => new BundleEntry("figure", f)))
                .Concat((bundle.Claims ?? []).Select(c => new BundleEntry("claim", c)))
                .ToList();
            var items = new IngestItem[entries.Count];
            var who = new BundleLoader.Who(command.RecordedBy, command.CorrelationId, command.BaseDirectory);
            await loader.LoadAsync(entries.ToAsyncEnumerable(), who, (index, item) => items[index] = item,
                done => command.Progress?.Report((done, entries.Count)), cancellationToken);
            return new IngestResult(items.Count(i => i.Outcome == IngestOutcome.Created),
                items.Count(i => i.Outcome == IngestOutcome.AlreadyPresent),
                items.Count(i => i.Outcome == IngestOutcome.Rejected), items);
        }
    }
}
