using FactLedger.Api.Features.Sources;
using FactLedger.Api.Infrastructure.Http;
using FluentValidation;
using Marten;
using MediatR;

namespace FactLedger.Api.Features.Claims;

/// <summary>
/// Records many claims, about any figures, in one transaction (<see cref="ClaimBatch"/>). Each claim gets the same
/// checks as <see cref="RecordClaim"/> (its validators, its source, its quote, idempotency) and its own outcome; a bad
/// claim is rejected alone. Used by bulk ingest.
/// </summary>
public static class RecordClaimGroup
{
    public sealed record Command(IReadOnlyList<RecordClaim.Command> Claims) : IRequest<IReadOnlyList<Outcome>>;

    /// <summary>Either the claim's result or why it was rejected.</summary>
    public sealed record Outcome(RecordClaim.Result? Result, string? Rejected);

    public sealed class Handler(IDocumentSession session, TimeProvider clock, IEnumerable<IValidator<RecordClaim.Command>> validators, SourceCache sourceCache)
        : IRequestHandler<Command, IReadOnlyList<Outcome>>
    {
        public async Task<IReadOnlyList<Outcome>> Handle(Command command, CancellationToken cancellationToken)
        {
            var outcomes = new Outcome?[command.Claims.Count];
            var pending = new List<(int Index, PendingClaim Claim)>();
            var sources = await sourceCache.GetManyAsync(session, command.Claims.Select(c => c.Source).OfType<string>(), cancellationToken);

            for (var i = 0; i < command.Claims.Count; i++)
            {
                var claim = command.Claims[i];
                try
                {
                    var failures = validators.SelectMany(v => v.Validate(claim).Errors).ToList();
                    if (failures.Count > 0) throw ProblemException.Validation(failures.Select(f => (char.ToLowerInvariant(f.PropertyName[0]) + f.PropertyName[1..], f.ErrorMessage)));
                    pending.Add((i, PendingClaim.From(claim, Prepared.From(claim, sources.GetValueOrDefault(claim.Source!)), session)));
                }
                catch (ProblemException e) { outcomes[i] = new Outcome(null, e.Message); }
            }

            if (pending.Count > 0)
            {
                var written = await ClaimBatch.WriteAsync(session.DocumentStore, pending.Select(p => p.Claim).ToList(), clock, cancellationToken);
                for (var j = 0; j < pending.Count; j++)
                    outcomes[pending[j].Index] = new Outcome(written[j].Result, written[j].Problem?.Message);
            }
            return outcomes!;
        }
    }
}
