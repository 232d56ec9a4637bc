using FactLedger.Api.Features.Origins;
using System.ComponentModel.DataAnnotations;
using FactLedger.Domain.Dependence;

namespace FactLedger.Api.Features.Dependencies;

/// <summary>Rejects a suggested (or withdrawn) dependence, saying why: detection suggests it no more. Rejecting it
/// again changes nothing; a confirmed one cannot be rejected (withdraw it).</summary>
public static class RejectDependence
{
    /// <param name="Reason">Why the source does not depend on the other, e.g. "both quote the same briefing".</param>
    public sealed record Command([property: Required, MaxLength(2000)] string? Reason)
        : LedgerCommand, IRequest<DependenceDecision>
    {
        [JsonIgnore] public string Id { get; init; } = "";
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Id).Must(DependenceRules.IsId).WithErrorCode(Validation.NotFound)
                .WithMessage(c => DependenceRules.NoSuchSuggestion(c.Id));
            RuleFor(c => c.Reason).NotEmpty().WithMessage("is required: why there is no dependence")
                .MaximumLength(2000).IsText();
        }
    }

    public sealed class Handler(
        IQuerySession session, TimeProvider clock, DependenceSuggestions suggestions, OriginRulesWriter origins)
        : IRequestHandler<Command, DependenceDecision>
    {
        public async Task<DependenceDecision> Handle(Command command, CancellationToken cancellationToken)
        {
            var state = (await OriginBook.LoadAsync(session, null, cancellationToken)).Rules.Dependences;
            // A dependence decided before is rejected (or refused) as recorded; only an undecided one must be
            // suggested now.
            var suggestion = state.ById.ContainsKey(command.Id) ? null
                : (await suggestions.GetAsync(session, cancellationToken))
                    .FirstOrDefault(s => s.Id == command.Id)
                    ?? throw LedgerError.NotFound(DependenceRules.NoSuchSuggestion(command.Id));

            var (rules, appended) = await origins.DecideAsync(
                _ => new DependenceCommand.Reject(command.Id, suggestion, command.Reason!.Trim(), command.RecordedBy,
                    clock.GetUtcNow()),
                command.CorrelationId, command.RecordedBy, cancellationToken);
            return new DependenceDecision(DependenceResponse.Of(rules.Dependences.ById[command.Id]),
                appended.Count > 0);
        }
    }
}
