using System.ComponentModel.DataAnnotations;
using FactLedger.Api.Features.Figures;
using FactLedger.Api.Features.Sources;

namespace FactLedger.Api.Features.Claims;

/// <summary>Corrects a claim's value and/or quote; the earlier ones stay in the stream.</summary>
public static class CorrectClaim
{
    /// <summary><see cref="PublishedAt"/>: when the correction was made public (default: now); on the publication
    /// clock (<c>asOf</c>) it counts from then.</summary>
    public sealed record Command(
        JsonElement? Value, string? Quote, [property: Required] string? Reason, DateTimeOffset? PublishedAt = null)
        : ClaimChange, IRequest<Result>;

    public sealed record Result(string Id, string Figure, long Version);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            Include(ClaimChange.Rules);
            RuleFor(c => c).Must(c => c.Value is not null || c.Quote is not null)
                .WithName("value").WithMessage("a correction needs a new value, a new quote, or both");
            RuleFor(c => c.Value).IsClaimValue();
            RuleFor(c => c.Quote).MaximumLength(RecordClaim.MaxQuoteLength)
                .Must(q => q is null || q.Trim().Length > 0).WithMessage("must not be blank");
            RuleFor(c => c.Reason).Must(ClaimRules.IsReason).WithMessage(ClaimRules.ReasonMessage("corrected"));
            RuleFor(c => c.PublishedAt).Must(TextRules.IsSupportedMoment).WithMessage(TextRules.MomentRangeMessage);
        }
    }

    public sealed class Handler(IQuerySession session, SourceCache sources, FigureWriter writer)
        : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var index = await session.LoadAsync<ClaimIndex>(command.ClaimId, cancellationToken)
                ?? throw LedgerError.NotFound(ClaimRules.NoSuchClaim(command.ClaimId));
            var source = (await sources.GetAsync(session, index.SourceKey, cancellationToken))!;
            var value = command.Value is { } json ? ClaimChecks.Value(json, source) : null;
            var location = command.Quote is null ? null : ClaimChecks.Quote(source, command.Quote, "quote");
            var correct = new FigureCommand.Correct(
                index.Id, value, command.Quote, location, command.Reason!, command.RecordedBy, command.PublishedAt);
            var write = new FigureWrite(index.FigureKey, correct, command.CorrelationId);
            var written = await writer.SubmitAsync(write, cancellationToken);
            return new Result(index.Id, written.Figure, written.Version);
        }
    }
}
