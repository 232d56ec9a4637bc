using FactLedger.Api.Features.Origins;
using System.ComponentModel.DataAnnotations;
using FactLedger.Domain.Dependence;

namespace FactLedger.Api.Features.Dependencies;

/// <summary>Withdraws a confirmed dependence, saying why; detection may suggest it again. Withdrawing it again changes
/// nothing; a rejected one was never confirmed (409).</summary>
public static class WithdrawDependence
{
    /// <param name="Reason">Why the confirmation no longer stands.</param>
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
                .WithMessage(c => DependenceDecider.NoSuchDependence(c.Id));
            RuleFor(c => c.Reason).NotEmpty().WithMessage("is required: why the dependence is withdrawn")
                .MaximumLength(2000).IsText();
        }
    }

    public sealed class Handler(
        IDocumentSession session, TimeProvider clock, OriginRulesWriter origins)
        : IRequestHandler<Command, DependenceDecision>
    {
        public async Task<DependenceDecision> Handle(Command command, CancellationToken cancellationToken)
        {
            session.CorrelationId = command.CorrelationId;
            session.LastModifiedBy = command.RecordedBy;
            var (rules, appended) = await origins.DecideAsync(session,
                _ => new DependenceCommand.Withdraw(command.Id, command.Reason!.Trim(), command.RecordedBy,
                    clock.GetUtcNow()),
                cancellationToken);
            return new DependenceDecision(DependenceResponse.Of(rules.Dependences.ById[command.Id]),
                appended.Count > 0);
        }
    }
}
