using System.ComponentModel.DataAnnotations;

namespace FactLedger.Api.Features.Origins;

/// <summary>Declares that a name is another name of an authority ("MVD" is the "Interior Ministry"), saying how it
/// is known: claims attributed to either become one origin, shown under <see cref="Command.SameAs"/>, and every
/// figure with such claims is regrouped at once. Declaring a standing identity again changes nothing.</summary>
public static class DeclareIdentity
{
    /// <param name="Name">The other name, as sources write it.</param>
    /// <param name="SameAs">The name it is the same as: the one shown.</param>
    /// <param name="Reason">How it is known that the names are one authority.</param>
    public sealed record Command(
        [property: Required, MaxLength(300)] string? Name, [property: Required, MaxLength(300)] string? SameAs,
        [property: Required, MaxLength(2000)] string? Reason)
        : LedgerCommand, IRequest<IdentityDecision>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Name).NotEmpty().WithMessage("is required: the other name").MaximumLength(300).IsText();
            RuleFor(c => c.SameAs).NotEmpty().WithMessage("is required: the name it is the same as")
                .MaximumLength(300).IsText();
            RuleFor(c => c.Reason).NotEmpty().WithMessage("is required: how it is known that the names are one")
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
                _ => new IdentityCommand.Declare(command.Name!, command.SameAs!, command.Reason!, command.RecordedBy,
                    clock.GetUtcNow()),
                cancellationToken);
            var identity = rules.Identities[OriginRules.IdentityIdOf(command.Name!)];
            return new IdentityDecision(IdentityResponse.Of(identity), appended.Count > 0);
        }
    }
}
