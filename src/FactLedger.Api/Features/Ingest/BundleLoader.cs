using FactLedger.Api.Infrastructure;
using FactLedger.Api.Infrastructure.Marten;
using FactLedger.Api.Features.Claims;
using FactLedger.Api.Features.Figures;
using FactLedger.Api.Features.Sources;

namespace FactLedger.Api.Features.Ingest;

/// <summary>
/// The bulk path: loads entries in input order with the checks of the single requests (their validators, the source
/// and quote checks, idempotency). Each source and figure is its own unit of work. Claims are gathered into slices of
/// <see cref="Slice"/> (their sources and figures may come before or among them: those load at once), grouped by
/// figure within a slice (keeping their order within a figure), and written by the <see cref="FigureWriter"/> in
/// transactions of up to <see cref="MaxBatch"/> claims: one lock and one view update per figure per transaction.
/// A slice's figures are split into <see cref="FactLedgerOptions.BulkWriters"/> lanes written side by side, so one
/// lane's checks and encoding run while another's transaction is in the database (<see cref="Lanes"/>).
/// Memory stays bounded by the slice however long the input.
/// </summary>
public sealed class BundleLoader(
    IServiceScopeFactory scopes, FigureWriter writer, SourceCache sourceCache, IDocumentStore store,
    IOptions<FactLedgerOptions> options, TimeProvider clock, ILogger<BundleLoader> logger)
{
    /// <summary>Claims committed together at most: bounds a transaction's size and how long it holds figure locks.
    /// 10,000 was faster at 100k claims in the benchmark but slower and bigger at 1M (README, Performance).</summary>
    private const int MaxBatch = 1000;
    /// <summary>Claims gathered before they are grouped and written.</summary>
    private const int Slice = 10_000;

    /// <summary>Who loads, the request's correlation id, and the folder source files are read from (command line
    /// only).</summary>
    public sealed record Who(string RecordedBy, string? CorrelationId, string? BaseDirectory);

    public sealed record PendingClaim(int Index, RecordClaim.Command Claim, long? Line);

    public async Task LoadAsync(IAsyncEnumerable<BundleEntry> entries, Who who, Action<int, IngestItem> report,
        Action<int> progress, CancellationToken ct)
    {
        var claims = new List<PendingClaim>();
        var index = 0;
        var done = 0;
        var appended = 0;
        void Report(int i, IngestItem item)
        {
            if (item is { Kind: "claim", Outcome: IngestOutcome.Created }) appended++;
            if (item.Outcome == IngestOutcome.Rejected)
                logger.LogWarning("Ingest rejected {Kind} {Key}: {Reason}", item.Kind, item.Key, item.Reason);
            report(i, item);
            done++;
        }

        await foreach (var entry in entries.WithCancellation(ct))
        {
            var i = index++;
            switch (entry.Payload)
            {
                case BundleSource s:
                    Report(i, await LoadOneAsync("source", s.Key, entry.Line, async (session, services) =>
                    {
                        var command = new RegisterSource.Command(s.Key, s.Outlet, s.Url, s.Language, s.Title,
                            s.PublishedAt, s.PublishedAtNote, SourceText(s, who.BaseDirectory))
                        { RecordedBy = who.RecordedBy, CorrelationId = who.CorrelationId };
                        Validation.Check(services.GetServices<IValidator<RegisterSource.Command>>(), command);
                        return (await RegisterSource.RegisterAsync(session, clock, command, ct)).Created;
                    }));
                    progress(done);
                    break;
                case DefineFigure.Command f:
                    Report(i, await LoadOneAsync("figure", f.Key, entry.Line, async (session, services) =>
                    {
                        var command = f with { RecordedBy = who.RecordedBy, CorrelationId = who.CorrelationId };
                        Validation.Check(services.GetServices<IValidator<DefineFigure.Command>>(), command);
                        return (await DefineFigure.DefineAsync(session, clock, command, ct)).Created;
                    }));
                    progress(done);
                    break;
                case RecordClaim.Command c:
                    var claim = c with { RecordedBy = who.RecordedBy, CorrelationId = who.CorrelationId };
                    claims.Add(new PendingClaim(i, claim, entry.Line));
                    if (claims.Count < Slice) break;
                    await WriteClaimsAsync(claims, Report, progress, () => done, ct);
                    claims.Clear();
                    break;
                default:
                    Report(i, new IngestItem(entry.Kind, null, IngestOutcome.Rejected,
                        entry.Problem ?? $"a {entry.Kind} entry is null", entry.Line));
                    progress(done);
                    break;
            }
        }
        await WriteClaimsAsync(claims, Report, progress, () => done, ct);
        if (appended >= LedgerStatistics.AfterClaims)
        {
            logger.LogInformation("Ingest appended {Claims:N0} claims: refreshing the tables' statistics", appended);
            await LedgerStatistics.RefreshAsync(store, ct);
        }
    }

    /// <summary>One scope, session and transaction per item: a rejected item leaves nothing behind.</summary>
    private async Task<IngestItem> LoadOneAsync(string kind, string? key, long? line,
        Func<IDocumentSession, IServiceProvider, Task<bool>> load)
    {
        await using var scope = scopes.CreateAsyncScope();
        try
        {
            var services = scope.ServiceProvider;
            var created = await load(services.GetRequiredService<IDocumentSession>(), services);
            var outcome = created ? IngestOutcome.Created : IngestOutcome.AlreadyPresent;
            return new IngestItem(kind, key, outcome, Line: line);
        }
        catch (LedgerError e)
        {
            return new IngestItem(kind, key, IngestOutcome.Rejected, e.Message, line);
        }
    }

    private async Task WriteClaimsAsync(List<PendingClaim> claims, Action<int, IngestItem> report, Action<int> progress,
        Func<int> done, CancellationToken ct)
    {
        if (claims.Count == 0) return;
        await using var scope = scopes.CreateAsyncScope();
        var validators = scope.ServiceProvider.GetServices<IValidator<RecordClaim.Command>>().ToList();
        var reporting = new Lock();
        // A lane that fails stops the others: the error ends the ingest, so nothing more should be written.
        using var failed = CancellationTokenSource.CreateLinkedTokenSource(ct);
        // Lanes of at least BulkWriteMinimum claims each, so a small tail of a slice is still written in sets.
        var lanes = Math.Clamp(claims.Count / Math.Max(1, options.Value.BulkWriteMinimum), 1,
            Math.Max(1, options.Value.BulkWriters));
        await Task.WhenAll(Lanes(claims, lanes).Select(lane => Task.Run(async () =>
        {
            try
            {
                await WriteLaneAsync(lane, validators, reporting, report, progress, done, failed.Token);
            }
            catch
            {
                await failed.CancelAsync();
                throw;
            }
        }, CancellationToken.None)));
    }

    /// <summary>One lane's claims, in transactions of up to <see cref="MaxBatch"/>, each with the sources it
    /// quotes.</summary>
    private async Task WriteLaneAsync(List<PendingClaim> lane, List<IValidator<RecordClaim.Command>> validators,
        Lock reporting, Action<int, IngestItem> report, Action<int> progress, Func<int> done, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        foreach (var chunk in lane.Chunk(MaxBatch))
        {
            // Per transaction, not per slice: a slice may quote more source text than memory should hold.
            var keys = chunk.Select(c => c.Claim.Source).OfType<string>();
            var sources = await sourceCache.GetManyAsync(session, keys, ct);
            var refused = new List<(PendingClaim, LedgerError)>();
            var writes = new List<(PendingClaim Claim, FigureWrite Write)>(chunk.Length);
            foreach (var pending in chunk)
            {
                var claim = pending.Claim;
                try
                {
                    Validation.Check(validators, claim);
                    var recorded = ClaimChecks.Recorded(claim, sources.GetValueOrDefault(claim.Source!));
                    var write = new FigureWrite(
                        recorded.FigureKey, new FigureCommand.Record(recorded), claim.CorrelationId);
                    writes.Add((pending, write));
                }
                catch (LedgerError e) { refused.Add((pending, e)); }
            }
            var outcomes = await writer.WriteAsync(writes.Select(w => w.Write).ToList(), ct);
            lock (reporting)
            {
                foreach (var (pending, error) in refused) report(pending.Index, Item(pending, null, error));
                for (var j = 0; j < writes.Count; j++)
                    report(writes[j].Claim.Index, Item(writes[j].Claim, outcomes[j].Written, outcomes[j].Error));
                progress(done());
            }
        }
    }

    /// <summary>
    /// A slice's claims in at most <paramref name="count"/> lanes that can be written at the same time: grouped by
    /// figure (each figure's claims in one lane, in input order, so its events keep that order), figures whose claims
    /// state the same id in the same lane (so which of them takes the id does not depend on timing), the groups dealt
    /// to the least loaded lane in order of first appearance. Lanes touch disjoint figures: their transactions never
    /// wait on each other's figure locks. (A stated id equal to an id derived from another figure's claim can still
    /// meet across lanes; the writer then writes its batch again claim by claim.)
    /// </summary>
    public static List<List<PendingClaim>> Lanes(IReadOnlyList<PendingClaim> claims, int count)
    {
        var groups = claims.GroupBy(c => c.Claim.Figure ?? "", StringComparer.Ordinal).Select(g => g.ToList())
            .ToList();
        var joined = Enumerable.Range(0, groups.Count).ToArray();
        int Root(int g)
        {
            while (joined[g] != g) g = joined[g] = joined[joined[g]];
            return g;
        }
        var firstGroupOf = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var g = 0; g < groups.Count; g++)
            foreach (var id in groups[g].Select(c => c.Claim.Id).OfType<string>())
                if (!firstGroupOf.TryAdd(id, g)) joined[Root(g)] = Root(firstGroupOf[id]);
        var lanes = Enumerable.Range(0, Math.Max(1, count)).Select(_ => new List<PendingClaim>()).ToList();
        foreach (var unit in Enumerable.Range(0, groups.Count).GroupBy(Root))
            lanes.MinBy(l => l.Count)!.AddRange(unit.SelectMany(g => groups[g]));
        return lanes.Where(l => l.Count > 0).ToList();
    }

    private static IngestItem Item(PendingClaim pending, FigureWritten? written, LedgerError? error)
    {
        var claim = pending.Claim;
        var key = claim.Id ?? written?.ClaimId ?? $"{claim.Figure} / {claim.Source}";
        return written is null
            ? new IngestItem("claim", key, IngestOutcome.Rejected, error!.Message, pending.Line)
            : new IngestItem("claim", key, written.Appended ? IngestOutcome.Created : IngestOutcome.AlreadyPresent,
                Line: pending.Line);
    }

    private static string? SourceText(BundleSource source, string? baseDirectory)
    {
        if (source.Text is not null || source.File is null) return source.Text;
        if (baseDirectory is null)
            throw LedgerError.Invalid("file",
                "is only allowed when ingesting from the command line; send the text inline");
        var root = Path.GetFullPath(baseDirectory);
        var path = Path.GetFullPath(Path.Combine(root, source.File));
        // The file must sit inside the bundle's folder: no reaching out with ../ or absolute paths.
        if (!path.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal) || !File.Exists(path))
            throw LedgerError.Invalid("file", $"'{source.File}' is not a file inside the bundle's folder");
        return File.ReadAllText(path);
    }
}
