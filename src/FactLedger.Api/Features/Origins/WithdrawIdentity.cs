using System.ComponentModel.DataAnnotations;

namespace FactLedger.Api.Features.Origins;

/// <summary>Withdraws a standing identity, saying why: the names are different origins again, and every figure with
/// claims under either is regrouped at once. Withdrawing again changes nothing.</summary>
public static class WithdrawIdentity
{
    /// <param name="Reason">Why the names are not one authority after all.</param>
    public sealed record Command([property: Required, MaxLength(2000)] string? Reason)
        : LedgerCommand, IRequest<IdentityDecision>
    {
        [JsonIgnore] public string Id { get; init; } = "";
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Id).Must(id => id.StartsWith("same.", StringComparison.Ordinal) && id.Length <= 400)
                .WithErrorCode(Validation.NotFound).WithMessage(c => OriginRulesDecider.NoSuchIdentity(c.Id));
            RuleFor(c => c.Reason).NotEmpty().WithMessage("is required: why the names are not one after all")
                .MaximumLength(2000).IsText();
        }
    }

    public sealed class Handler(IDocumentSession session, TimeProvider clock, OriginRulesWriter origins)
        : IRequestHandler<Command, IdentityDecision>
    {
        public async Task<IdentityDecision> Handle(Command command, CancellationToken cancellationToken)
        {
            session.CorrelationId = command.CorrelationId;
            session.LastModifiedBy = command.RecordedBy;
            var (rules, appended) = await origins.DecideAsync(session,
                _ => new IdentityCommand.Withdraw(command.Id, command.Reason!, command.RecordedBy, clock.GetUtcNow()),
                cancellationToken);
            return new IdentityDecision(IdentityResponse.Of(rules.Identities[command.Id]), appended.Count > 0);
        }
    }
}
