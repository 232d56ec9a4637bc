using System.ComponentModel.DataAnnotations;
using FactLedger.Api.Features.Figures;
namespace FactLedger.Api.Features.Claims;

/// <summary>Withdraws a claim: it no longer counts but stays on record. Retracting it again changes nothing.</summary>
public static class RetractClaim
{
    /// <summary><see cref="PublishedAt"/>: when the withdrawal was made public (default: now); on the publication
    /// clock (<c>asOf</c>) it counts from then.</summary>
    public sealed record Command([property: Required] string? Reason, DateTimeOffset? PublishedAt = null)
        : ClaimChange, IRequest<Result>;

    /// <summary><see cref="Retracted"/> is false when the claim was already retracted: nothing new was
    /// appended.</summary>
    public sealed record Result(string Id, string Figure, bool Retracted);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            Include(ClaimChange.Rules);
            RuleFor(c => c.Reason).Must(ClaimRules.IsReason).WithMessage(ClaimRules.ReasonMessage("withdrawn"));
            RuleFor(c => c.PublishedAt).Must(TextRules.IsSupportedMoment).WithMessage(TextRules.MomentRangeMessage);
        }
    }

    public sealed class Handler(IQuerySession session, FigureWriter writer) : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var index = await session.LoadAsync<ClaimIndex>(command.ClaimId, cancellationToken)
                ?? throw LedgerError.NotFound(ClaimRules.NoSuchClaim(command.ClaimId));
            var retract = new FigureCommand.Retract(index.Id, command.Reason!, command.RecordedBy, command.PublishedAt);
            var write = new FigureWrite(index.FigureKey, retract, command.CorrelationId);
            var written = await writer.SubmitAsync(write, cancellationToken);
            return new Result(index.Id, written.Figure, written.Appended);
        }
    }
}
