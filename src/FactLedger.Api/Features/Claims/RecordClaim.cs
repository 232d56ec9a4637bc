using System.ComponentModel.DataAnnotations;
using FactLedger.Api.Features.Figures;
using FactLedger.Api.Features.Sources;

namespace FactLedger.Api.Features.Claims;

/// <summary>Records one claim: checked against its source here, then committed by the <see cref="FigureWriter"/>
/// together with whatever other writes arrived meanwhile, and answered once it is durable.</summary>
public static class RecordClaim
{
    public sealed record Command(
        string? Id, [property: Required] string? Figure, [property: Required] string? Source,
        [property: Required] JsonElement? Value, DateTimeOffset? RefersTo,
        [property: MaxLength(300)] string? AttributedTo,
        [property: Required, MaxLength(MaxQuoteLength)] string? Quote,
        [property: MaxLength(2000)] string? Note = null) : LedgerCommand, IRequest<Result>;

    /// <summary><see cref="Created"/> is false when the same claim was already recorded: nothing new was
    /// appended.</summary>
    public sealed record Result(string Id, bool Created, string Figure, long Version, string? Detail = null)
    {
        public static Result Of(FigureWritten written, string claimId) => written.Appended
            ? new Result(written.ClaimId ?? claimId, true, written.Figure, written.Version)
            : new Result(written.ClaimId ?? claimId, false, written.Figure, 0,
                "This claim was already recorded; nothing was appended.");
    }

    public const int MaxQuoteLength = 4000;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Id).Must(id => LedgerKeys.ClaimIdProblem(id) is null)
                .WithMessage(c => LedgerKeys.ClaimIdProblem(c.Id)!);
            RuleFor(c => c.Figure).Must(k => LedgerKeys.FigureKeyProblem(k) is null)
                .WithMessage(c => LedgerKeys.FigureKeyProblem(c.Figure)!);
            RuleFor(c => c.Source).Must(k => LedgerKeys.SourceKeyProblem(k) is null)
                .WithMessage(c => LedgerKeys.SourceKeyProblem(c.Source)!);
            RuleFor(c => c.Value).NotNull().WithMessage("is required, e.g. {\"qualifier\":\"at_least\",\"value\":18}");
            RuleFor(c => c.Value).IsClaimValue();
            RuleFor(c => c.Quote).NotEmpty().WithMessage("is required: the words of the source, verbatim")
                .MaximumLength(MaxQuoteLength).Must(TextRules.HasNoControls).WithMessage(TextRules.ControlsMessage);
            RuleFor(c => c.AttributedTo).MaximumLength(300).Must(TextRules.IsName).WithMessage(TextRules.NameMessage);
            RuleFor(c => c.Note).MaximumLength(2000).IsText();
            RuleFor(c => c.RefersTo).Must(TextRules.IsSupportedMoment).WithMessage(TextRules.MomentRangeMessage);
        }
    }

    public sealed class Handler(IQuerySession session, SourceCache sources, FigureWriter writer)
        : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var source = await sources.GetAsync(session, command.Source!, cancellationToken);
            var claim = ClaimChecks.Recorded(command, source);
            var write = new FigureWrite(claim.FigureKey, new FigureCommand.Record(claim), command.CorrelationId);
            return Result.Of(await writer.SubmitAsync(write, cancellationToken), claim.ClaimId);
        }
    }
}
