using System.ComponentModel.DataAnnotations;
using FactLedger.Api.Features.Claims;

namespace FactLedger.Api.Features.Proposals;

/// <summary>
/// Accepts a proposal: the claim is recorded through the normal claim path (every validation, the quote check,
/// idempotency, the one figure writer), with the editor's changes, under the proposal's id as claim id; then the
/// proposal is marked accepted. Accepting again answers the same claim. An edit that fails claim validation is refused
/// and the proposal stays pending.
/// </summary>
public static class AcceptProposal
{
    /// <summary>Each field replaces what the extractor proposed; left out, the proposal's own stands.</summary>
    /// <param name="Figure">The figure the claim is about (needed when the proposal matched no figure).</param>
    /// <param name="Value">The claim's value, e.g. {"qualifier":"at_least","value":18}.</param>
    /// <param name="AttributedTo">Who the source attributes the figure to.</param>
    /// <param name="RefersTo">The moment the figure describes, if not the publication time.</param>
    /// <param name="Note">The editor's note, kept with the claim.</param>
    public sealed record Command(
        string? Figure = null, JsonElement? Value = null, [property: MaxLength(300)] string? AttributedTo = null,
        DateTimeOffset? RefersTo = null, [property: MaxLength(2000)] string? Note = null)
        : LedgerCommand, IRequest<Result>
    {
        [JsonIgnore] public string Id { get; init; } = "";
    }

    /// <summary><see cref="Created"/> is false when the proposal was already accepted.</summary>
    public sealed record Result(string Id, string ClaimId, string Figure, bool Created);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Id).Must(LedgerKeys.IsSlug).WithErrorCode(Validation.NotFound)
                .WithMessage(c => ProposalRules.NoSuchProposal(c.Id));
            RuleFor(c => c.Figure).Must(k => k is null || LedgerKeys.FigureKeyProblem(k) is null)
                .WithMessage(c => LedgerKeys.FigureKeyProblem(c.Figure)!);
        }
    }

    public sealed class Handler(IDocumentSession session, IMediator mediator, TimeProvider clock)
        : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var view = await ProposalRules.LoadAsync(session, command.Id, cancellationToken);
            var (state, _) = await ProposalStream.LoadAsync(session, view.Source, cancellationToken);
            var proposal = state?.ById.GetValueOrDefault(view.Id) ?? throw LedgerError.NotFound(
                ProposalRules.NoSuchProposal(view.Id));
            if (proposal.Status == ProposalStatus.Accepted)
                return new Result(proposal.Id, proposal.ClaimId!, proposal.FigureKey!, false);
            // A rejected proposal is refused here, before any claim is written.
            ProposalDecider.Decide(Accept(proposal, "", "", command), state);

            // A claim under the proposal's id already written (an accept interrupted before it was marked) is the
            // proposal's claim: mark it rather than record another.
            // It must be a claim of the proposal's source: an id someone else took is no proof of acceptance.
            var earlier = await session.LoadAsync<ClaimIndex>(proposal.Id, cancellationToken);
            if (earlier is not null && earlier.SourceKey != proposal.Proposed.SourceKey)
                throw LedgerError.Conflict($"Claim id '{proposal.Id}' is used by a claim of another source " +
                    $"('{earlier.SourceKey}'); record this one directly under an id of your own.");
            var (claimId, figure) = earlier is not null
                ? (earlier.Id, earlier.FigureKey)
                : await RecordAsync(proposal.Proposed, command, cancellationToken);

            session.CorrelationId = command.CorrelationId;
            session.LastModifiedBy = command.RecordedBy;
            try
            {
                var (after, _) = await ProposalStream.DecideAsync(session, view.Source,
                    s => Accept(s?.ById.GetValueOrDefault(view.Id) ?? proposal, claimId, figure, command),
                    cancellationToken);
                var accepted = after!.ById[view.Id];
                return new Result(accepted.Id, accepted.ClaimId!, accepted.FigureKey!, true);
            }
            catch (LedgerError e) when (e.Kind == ErrorKind.Conflict && earlier is null)
            {
                // Rejected by another editor while this claim was being recorded: the rejection stands, so the
                // claim recorded for it is withdrawn again rather than left counting.
                var retraction = new RetractClaim.Command("its proposal was rejected while it was being accepted")
                {
                    ClaimId = claimId, RecordedBy = command.RecordedBy, CorrelationId = command.CorrelationId,
                };
                await mediator.Send(retraction, cancellationToken);
                throw;
            }
        }

        private ProposalCommand.Accept Accept(Proposal proposal, string claimId, string figure, Command command) =>
            new(proposal.Id, claimId, figure, command.Note, command.RecordedBy, clock.GetUtcNow());

        private async Task<(string ClaimId, string Figure)> RecordAsync(ClaimProposed proposed, Command command,
            CancellationToken ct)
        {
            var figure = command.Figure ?? proposed.SuggestedFigure ?? throw LedgerError.Unprocessable("figure",
                "is required: the proposal matched no figure of its story; name one" +
                (proposed.NeededFigure is { } needed ? $", or define '{needed}' first" : ""));
            var claim = new RecordClaim.Command(
                proposed.ProposalId, figure, proposed.SourceKey,
                command.Value ?? JsonSerializer.SerializeToElement(proposed.Value), command.RefersTo,
                command.AttributedTo ?? proposed.AttributedTo, proposed.Quote,
                command.Note ?? $"Proposed by {proposed.Extractor} ({proposed.Measure}, confidence " +
                $"{proposed.Confidence.ToString("0.00", CultureInfo.InvariantCulture)}); accepted by an editor.")
            {
                RecordedBy = command.RecordedBy, CorrelationId = command.CorrelationId,
            };
            var recorded = await mediator.Send(claim, ct);
            return (recorded.Id, recorded.Figure);
        }
    }
}
