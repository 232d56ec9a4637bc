using FactLedger.Api.Features.Figures;
using FactLedger.Api.Features.Sources;
using FactLedger.Api.Infrastructure.Http;
using FluentValidation;
using JasperFx;
using Marten;
using MediatR;

namespace FactLedger.Api.Features.Claims;

/// <summary>
/// Records many claims about one figure in one transaction: one lock on the figure stream, one update of its view,
/// one commit. Each claim gets the same checks as <see cref="RecordClaim"/> (its validators, its source, its quote,
/// idempotency) and its own outcome; a bad claim is rejected alone. Used by bulk ingest.
/// </summary>
public static class RecordClaimGroup
{
    public sealed record Command(string Figure, IReadOnlyList<RecordClaim.Command> Claims) : IRequest<IReadOnlyList<Outcome>>;

    /// <summary>Either the claim's result or why it was rejected.</summary>
    public sealed record Outcome(RecordClaim.Result? Result, string? Rejected);

    public sealed class Handler(IDocumentSession session, TimeProvider clock, IEnumerable<IValidator<RecordClaim.Command>> validators, IServiceScopeFactory scopes, SourceCache sourceCache)
        : IRequestHandler<Command, IReadOnlyList<Outcome>>
    {
        public async Task<IReadOnlyList<Outcome>> Handle(Command command, CancellationToken cancellationToken)
        {
            var outcomes = new Outcome?[command.Claims.Count];
            var prepared = new List<(int Index, Prepared Claim)>();
            var sources = await sourceCache.GetManyAsync(session, command.Claims.Select(c => c.Source).OfType<string>(), cancellationToken);

            for (var i = 0; i < command.Claims.Count; i++)
            {
                var claim = command.Claims[i];
                try
                {
                    var failures = validators.SelectMany(v => v.Validate(claim).Errors).ToList();
                    if (failures.Count > 0) throw ProblemException.Validation(failures.Select(f => (char.ToLowerInvariant(f.PropertyName[0]) + f.PropertyName[1..], f.ErrorMessage)));
                    if (claim.Figure != command.Figure) throw new InvalidOperationException("a group holds claims of one figure");
                    prepared.Add((i, Prepared.From(claim, sources.GetValueOrDefault(claim.Source!))));
                }
                catch (ProblemException e) { outcomes[i] = new Outcome(null, e.Message); }
            }

            if (prepared.Count > 0)
            {
                var stream = await session.Events.FetchForExclusiveWriting<FigureView>(command.Figure, cancellationToken);
                if (stream.Aggregate is not { } figure)
                {
                    foreach (var (i, _) in prepared) outcomes[i] = new Outcome(null, $"figure: figure '{command.Figure}' is not defined; POST /api/figures first");
                    return outcomes!;
                }
                var known = (await session.LoadManyAsync<ClaimIndex>(cancellationToken, prepared.Select(p => p.Claim.Id).Distinct().ToArray())).ToDictionary(k => k.Id);
                var now = clock.GetUtcNow();
                var appended = new List<int>();
                foreach (var (i, claim) in prepared)
                {
                    try
                    {
                        if (known.TryGetValue(claim.Id, out var existing)) { outcomes[i] = new Outcome(RecordClaim.Handler.Repeat(existing, claim.ContentHash), null); continue; }
                        ClaimInputs.CheckKind(figure, claim.Value, "value");
                        stream.AppendOne(claim.Recorded(command.Claims[i], figure.Id, now));
                        var index = claim.Index(figure.Id, now);
                        session.Insert(index);
                        known[claim.Id] = index; // a twin later in the same group is a repeat
                        appended.Add(i);
                    }
                    catch (ProblemException e) { outcomes[i] = new Outcome(null, e.Message); }
                }
                try
                {
                    await session.SaveChangesAsync(cancellationToken);
                    var version = stream.CurrentVersion ?? 0;
                    foreach (var i in appended) outcomes[i] = new Outcome(new RecordClaim.Result(prepared.Single(p => p.Index == i).Claim.Id, true, figure.Id, version), null);
                }
                catch (DocumentAlreadyExistsException)
                {
                    // An id of this group was committed elsewhere meanwhile: nothing of the group was written;
                    // record its claims one by one, each with its own answer.
                    foreach (var i in appended) outcomes[i] = await One(command.Claims[i], cancellationToken);
                }
            }
            return outcomes!;
        }

        private async Task<Outcome> One(RecordClaim.Command claim, CancellationToken ct)
        {
            // A fresh scope: this session still holds the failed unit of work.
            await using var scope = scopes.CreateAsyncScope();
            try { return new Outcome(await scope.ServiceProvider.GetRequiredService<IMediator>().Send(claim, ct), null); }
            catch (ProblemException e) { return new Outcome(null, e.Message); }
        }
    }
}
