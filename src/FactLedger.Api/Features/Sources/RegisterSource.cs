using System.Security.Cryptography;
using System.Text;
using FactLedger.Api.Infrastructure.Http;
using FactLedger.Domain.Keys;
using FactLedger.Domain.Quotes;
using FluentValidation;
using Marten;
using Marten.Exceptions;
using MediatR;

namespace FactLedger.Api.Features.Sources;

public static class RegisterSource
{
    public sealed record Command(
        string? Key, string? Outlet, string? Url, string? Language, string? Title,
        DateTimeOffset? PublishedAt, string? PublishedAtNote, string? Text) : IRequest<Result>
    {
        public string RecordedBy { get; init; } = "";
    }

    public sealed record Result(string Key, bool Created, string Sha256);

    public const int MaxTextLength = 2_000_000;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Key).Must(k => Keys.SourceKeyProblem(k) is null).WithMessage(c => Keys.SourceKeyProblem(c.Key)!);
            RuleFor(c => c.Outlet).NotEmpty().MaximumLength(200).Must(Text.IsPlainName).WithMessage(Text.PlainNameMessage);
            RuleFor(c => c.Url).Must(u => u is null || Uri.TryCreate(u, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
                .WithMessage("must be an absolute http(s) URL").MaximumLength(2000);
            RuleFor(c => c.Language).NotEmpty().Matches("^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$").WithMessage("must be a BCP 47 language tag such as ar, tr or en-GB");
            RuleFor(c => c.Title).NotEmpty().MaximumLength(1000).Must(Text.IsPlainTitle).WithMessage(Text.TitleMessage);
            RuleFor(c => c.PublishedAt).NotNull().WithMessage("is required: the publication time with its offset, e.g. 2022-01-07T17:16:00+03:00")
                .Must(p => p is null || p.Value.Year is >= 1000 and <= 2999).WithMessage("is out of range");
            RuleFor(c => c.PublishedAtNote).MaximumLength(1000).Must(Text.IsPlainTitle).WithMessage(Text.TitleMessage);
            RuleFor(c => c.Text).NotEmpty().MaximumLength(MaxTextLength);
        }
    }

    public sealed class Handler(IDocumentSession session, TimeProvider clock) : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var text = QuoteLocator.Canonical(command.Text!);
            var sha = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
            var existing = await session.LoadAsync<Source>(command.Key!, cancellationToken);
            if (existing is not null) return Same(existing, command, sha);

            session.Events.StartStream<Source>(command.Key!, new SourceRegistered(
                command.Key!, command.Outlet!.Trim(), command.Url, command.Language!, command.Title!.Trim(),
                command.PublishedAt!.Value, command.PublishedAtNote, text, sha, command.RecordedBy, clock.GetUtcNow()));
            try
            {
                await session.SaveChangesAsync(cancellationToken);
            }
            catch (ExistingStreamIdCollisionException)
            {
                // Registered concurrently by another request: answer as for a repeat.
                await using var fresh = session.DocumentStore.QuerySession();
                return Same((await fresh.LoadAsync<Source>(command.Key!, cancellationToken))!, command, sha);
            }
            return new Result(command.Key!, true, sha);
        }

        private static Result Same(Source existing, Command command, string sha)
        {
            if (existing.Sha256 != sha || existing.Outlet != command.Outlet!.Trim() || existing.PublishedAt != command.PublishedAt)
                throw ProblemException.Conflict($"Source '{existing.Id}' is already registered with different content (sha256 {existing.Sha256}). Register the new version under a new key.");
            return new Result(existing.Id, false, existing.Sha256);
        }
    }
}
