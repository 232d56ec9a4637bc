using System.Text.Json;
using FactLedger.Api.Features.Figures;
using FactLedger.Api.Features.Sources;
using FactLedger.Api.Infrastructure.Http;
using FactLedger.Domain.Quotes;
using FactLedger.Domain.Reconciliation;
using FactLedger.Domain.Values;
using FluentValidation;
using Marten;
using MediatR;

namespace FactLedger.Api.Features.Claims;

public static class CorrectClaim
{
    public sealed record Command(JsonElement? Value, string? Quote, string? Reason) : IRequest<Result>
    {
        public string ClaimId { get; init; } = "";
        public string RecordedBy { get; init; } = "";
    }

    public sealed record Result(string Id, string Figure, long Version);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c).Must(c => c.Value is not null || c.Quote is not null)
                .WithName("value").WithMessage("a correction needs a new value, a new quote, or both");
            RuleFor(c => c.Quote).MaximumLength(RecordClaim.MaxQuoteLength).Must(q => q is null || q.Trim().Length > 0).WithMessage("must not be blank");
            RuleFor(c => c.Reason).NotEmpty().WithMessage("is required: why the claim is corrected").MaximumLength(2000).Must(Text.IsClean).WithMessage(Text.CleanMessage);
        }
    }

    public sealed class Handler(IDocumentSession session, TimeProvider clock, SourceCache sources, OriginResolver origins) : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var index = await session.LoadAsync<ClaimIndex>(command.ClaimId, cancellationToken)
                ?? throw ProblemException.NotFound($"No claim has id '{command.ClaimId}'.");
            var source = (await sources.GetAsync(session, index.SourceKey, cancellationToken))!;
            var value = command.Value is { } json ? ClaimInputs.ParseValue(json, source) : null;
            QuoteLocation? location = command.Quote is null ? null : ClaimInputs.LocateQuote(source, command.Quote, "quote");

            var stream = await session.Events.FetchForExclusiveWriting<FigureView>(index.FigureKey, cancellationToken);
            var claim = await LockedClaim.FindAsync(session, origins, index, cancellationToken);
            if (claim.Status == ClaimStatus.Retracted) throw ProblemException.Conflict($"Claim '{claim.Id}' is retracted and cannot be corrected.");
            if (value is not null) ClaimInputs.CheckKind(stream.Aggregate!, value, "value");

            stream.AppendOne(new ClaimCorrected(claim.Id, index.FigureKey, index.SourceKey, value,
                command.Quote is null ? null : QuoteLocator.Fold(command.Quote), location?.Offset, location?.Length,
                command.Reason!.Trim(), command.RecordedBy, clock.GetUtcNow()));
            await session.SaveChangesAsync(cancellationToken);
            return new Result(claim.Id, index.FigureKey, stream.CurrentVersion ?? 0);
        }
    }
}

public static class RetractClaim
{
    public sealed record Command(string? Reason) : IRequest<Result>
    {
        public string ClaimId { get; init; } = "";
        public string RecordedBy { get; init; } = "";
    }

    /// <summary><see cref="Retracted"/> is false when the claim was already retracted: nothing new was appended.</summary>
    public sealed record Result(string Id, string Figure, bool Retracted);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() =>
            RuleFor(c => c.Reason).NotEmpty().WithMessage("is required: why the claim is withdrawn").MaximumLength(2000).Must(Text.IsClean).WithMessage(Text.CleanMessage);
    }

    public sealed class Handler(IDocumentSession session, TimeProvider clock, OriginResolver origins) : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var index = await session.LoadAsync<ClaimIndex>(command.ClaimId, cancellationToken)
                ?? throw ProblemException.NotFound($"No claim has id '{command.ClaimId}'.");
            var stream = await session.Events.FetchForExclusiveWriting<FigureView>(index.FigureKey, cancellationToken);
            var claim = await LockedClaim.FindAsync(session, origins, index, cancellationToken);
            if (claim.Retraction is not null) return new Result(claim.Id, index.FigureKey, false);
            stream.AppendOne(new ClaimRetracted(claim.Id, index.FigureKey, index.SourceKey, command.Reason!.Trim(), command.RecordedBy, clock.GetUtcNow()));
            await session.SaveChangesAsync(cancellationToken);
            return new Result(claim.Id, index.FigureKey, true);
        }
    }
}

/// <summary>A claim as its figure stream has it now. Call it after taking the stream's lock, so the answer holds
/// until the transaction ends.</summary>
internal static class LockedClaim
{
    public static async Task<FigureClaim> FindAsync(IDocumentSession session, OriginResolver origins, ClaimIndex index, CancellationToken ct) =>
        (await FigureDetails.LoadAsync(session, origins, index.FigureKey, null, ct)).Find(index.Id)
        ?? throw new InvalidOperationException($"Claim '{index.Id}' is indexed in figure '{index.FigureKey}' but not in its stream.");
}
