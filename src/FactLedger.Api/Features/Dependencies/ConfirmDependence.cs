using FactLedger.Api.Features.Origins;
using System.ComponentModel.DataAnnotations;
using FactLedger.Domain.Dependence;

namespace FactLedger.Api.Features.Dependencies;

/// <summary>Confirms a suggested dependence, keeping the evidence and score detection found. Confirming a confirmed
/// one changes nothing; one rejected or withdrawn before can be confirmed while detection still suggests it.</summary>
public static class ConfirmDependence
{
    /// <param name="Reason">Why the editor agrees, if worth saying.</param>
    public sealed record Command([property: MaxLength(2000)] string? Reason = null)
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
            RuleFor(c => c.Reason).MaximumLength(2000).IsText();
        }
    }

    public sealed class Handler(
        IQuerySession session, TimeProvider clock, DependenceSuggestions suggestions, OriginRulesWriter origins)
        : IRequestHandler<Command, DependenceDecision>
    {
        public async Task<DependenceDecision> Handle(Command command, CancellationToken cancellationToken)
        {
            var state = (await OriginBook.LoadAsync(session, null, cancellationToken)).Rules.Dependences;
            if (state.ById.GetValueOrDefault(command.Id) is { Status: DependenceStatus.Confirmed } confirmed)
                return new DependenceDecision(DependenceResponse.Of(confirmed), false);
            var suggestion = (await suggestions.GetAsync(session, cancellationToken))
                .FirstOrDefault(s => s.Id == command.Id)
                ?? throw LedgerError.NotFound(DependenceRules.NoSuchSuggestion(command.Id));

            var reason = string.IsNullOrWhiteSpace(command.Reason) ? null : command.Reason.Trim();
            var (rules, appended) = await origins.DecideAsync(
                _ => new DependenceCommand.Confirm(suggestion, reason, command.RecordedBy, clock.GetUtcNow()),
                command.CorrelationId, command.RecordedBy, cancellationToken);
            return new DependenceDecision(DependenceResponse.Of(rules.Dependences.ById[command.Id]),
                appended.Count > 0);
        }
    }
}
