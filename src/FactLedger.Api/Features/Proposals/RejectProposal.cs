using System.ComponentModel.DataAnnotations;

namespace FactLedger.Api.Features.Proposals;

/// <summary>Rejects a pending proposal, saying why. Rejecting it again changes nothing; an accepted one cannot be
/// rejected (retract its claim instead).</summary>
public static class RejectProposal
{
    /// <param name="Reason">Why it is not a claim, e.g. "a magnitude, not a count".</param>
    public sealed record Command([property: Required, MaxLength(2000)] string? Reason) : LedgerCommand, IRequest<Result>
    {
        [JsonIgnore] public string Id { get; init; } = "";
    }

    /// <summary><see cref="Changed"/> is false when it was already rejected.</summary>
    public sealed record Result(string Id, string Status, string Reason, bool Changed);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Id).Must(LedgerKeys.IsSlug).WithErrorCode(Validation.NotFound)
                .WithMessage(c => ProposalRules.NoSuchProposal(c.Id));
            RuleFor(c => c.Reason).NotEmpty().WithMessage("is required: why the proposal is not a claim")
                .MaximumLength(2000).IsText();
        }
    }

    public sealed class Handler(IDocumentSession session, TimeProvider clock) : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var view = await ProposalRules.LoadAsync(session, command.Id, cancellationToken);
            // A claim under the proposal's id means an accept is under way (or was cut short): it wins.
            if (await session.LoadAsync<Claims.ClaimIndex>(view.Id, cancellationToken) is { } claim
                && claim.SourceKey == view.Source && view.Status == ProposalView.Pending)
                throw LedgerError.Conflict($"Proposal '{view.Id}' is being accepted as claim '{claim.Id}'; " +
                    "accept it again to finish, then retract the claim if it should not count.");
            session.CorrelationId = command.CorrelationId;
            session.LastModifiedBy = command.RecordedBy;
            var (state, appended) = await ProposalStream.DecideAsync(session, view.Source,
                _ => new ProposalCommand.Reject(view.Id, command.Reason!.Trim(), command.RecordedBy, clock.GetUtcNow()),
                cancellationToken);
            var proposal = state!.ById[view.Id];
            return new Result(proposal.Id, ProposalView.Rejected, proposal.Reason!, appended.Count > 0);
        }
    }
}
