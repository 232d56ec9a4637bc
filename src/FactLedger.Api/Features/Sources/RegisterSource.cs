using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using FactLedger.Domain.Quotes;

namespace FactLedger.Api.Features.Sources;

/// <summary>Registers a source document. The same document again changes nothing; other content under its key is
/// a conflict.</summary>
public static class RegisterSource
{
    /// <summary>The lengths stated here are the validator's limits, so the OpenAPI document states them too.</summary>
    public sealed record Command(
        [property: Required, MaxLength(80)] string? Key,
        [property: MaxLength(200)] string? Outlet,
        [property: MaxLength(2000)] string? Url,
        [property: Required] string? Language,
        [property: Required, MaxLength(1000)] string? Title,
        [property: Required] DateTimeOffset? PublishedAt,
        [property: MaxLength(1000)] string? PublishedAtNote,
        [property: Required, MaxLength(MaxTextLength)] string? Text,
        bool Propose = false,
        [property: MaxLength(80)] string? Story = null) : LedgerCommand, IRequest<Result>;

    /// <summary><see cref="Proposals"/>: the claims the extractor proposed from the text, when asked to
    /// (<c>"propose": true</c>); null otherwise.</summary>
    public sealed record Result(string Key, bool Created, string Sha256, int? Proposals = null);

    public const int MaxTextLength = 2_000_000;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Key).Must(k => LedgerKeys.SourceKeyProblem(k) is null)
                .WithMessage(c => LedgerKeys.SourceKeyProblem(c.Key)!);
            // Left out when the text does not name its outlet; given, it must be a name.
            RuleFor(c => c.Outlet).MaximumLength(200).IsName();
            RuleFor(c => c.Url)
                .Must(u => u is null || Uri.TryCreate(u, UriKind.Absolute, out var uri)
                    && uri.Scheme is "http" or "https")
                .WithMessage("must be an absolute http(s) URL").MaximumLength(2000);
            RuleFor(c => c.Language).NotEmpty()
                .Matches(TextRules.LanguagePattern).WithMessage(TextRules.LanguageMessage);
            RuleFor(c => c.Title).NotEmpty().MaximumLength(1000).IsText();
            RuleFor(c => c.PublishedAt).NotNull()
                .WithMessage("is required: the publication time with its offset, e.g. 2022-01-07T17:16:00+03:00")
                .Must(TextRules.IsSupportedMoment).WithMessage(TextRules.MomentRangeMessage);
            RuleFor(c => c.PublishedAtNote).MaximumLength(1000).IsText();
            RuleFor(c => c.Text).NotEmpty().MaximumLength(MaxTextLength);
            RuleFor(c => c.Story).Must(s => s is null || LedgerKeys.IsSlug(s))
                .WithMessage("must be a story key: lowercase letters, digits and single hyphens (e.g. kz-2022-unrest)");
        }
    }

    /// <summary>Registers the source, then (<c>"propose": true</c>) proposes the claims the extractor finds in it,
    /// matched to the story's figures when a story is given.</summary>
    public sealed class Handler(IDocumentSession session, TimeProvider clock, IMediator mediator)
        : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var result = await RegisterAsync(session, clock, command, cancellationToken);
            if (!command.Propose) return result;
            var proposals = await mediator.Send(new Proposals.ProposeClaims.Command(command.Story)
            {
                SourceKey = result.Key, RecordedBy = command.RecordedBy, CorrelationId = command.CorrelationId,
            }, cancellationToken);
            return result with { Proposals = proposals.Items.Count };
        }
    }

    /// <summary>Registers the source of a checked command (also the bulk path's way).</summary>
    public static Task<Result> RegisterAsync(IDocumentSession session, TimeProvider clock, Command command,
        CancellationToken ct)
    {
        var text = QuoteLocator.Canonical(command.Text!);
        var sha = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
        var outlet = command.Outlet is null ? null : TextRules.NormalName(command.Outlet);
        var registered = new SourceRegistered(command.Key!, outlet, command.Url,
            command.Language!, command.Title!.Trim(), command.PublishedAt!.Value, command.PublishedAtNote, text, sha,
            command.RecordedBy, clock.GetUtcNow());
        return CreateOnce.StartAsync<Source, Result>(session, command, command.Key!, registered,
            new Result(command.Key!, true, sha),
            existing => existing.Sha256 == sha && existing.Outlet == registered.Outlet
                && existing.PublishedAt == command.PublishedAt
                ? new Result(existing.Id, false, existing.Sha256)
                : throw LedgerError.Conflict($"Source '{existing.Id}' is already registered with different content " +
                    $"(sha256 {existing.Sha256}). Register the new version under a new key."),
            ct);
    }
}
