using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using FactLedger.Api.Features.Figures;
using FactLedger.Api.Features.Sources;
using FactLedger.Api.Infrastructure.Http;
using FactLedger.Domain.Keys;
using FactLedger.Domain.Quotes;
using FactLedger.Domain.Values;
using FluentValidation;
using Marten;
using MediatR;

namespace FactLedger.Api.Features.Claims;

public static class RecordClaim
{
    public sealed record Command(
        string? Id, string? Figure, string? Source, JsonElement? Value, DateTimeOffset? RefersTo,
        string? AttributedTo, string? Quote, string? Note = null) : IRequest<Result>
    {
        public string RecordedBy { get; init; } = "";
    }

    /// <summary><see cref="Created"/> is false when the same claim was already recorded: nothing new was appended.</summary>
    public sealed record Result(string Id, bool Created, string Figure, long Version, string? Detail = null);

    public const int MaxQuoteLength = 4000;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Id).Must(id => Keys.ClaimIdProblem(id) is null).WithMessage(c => Keys.ClaimIdProblem(c.Id)!);
            RuleFor(c => c.Figure).Must(k => Keys.FigureKeyProblem(k) is null).WithMessage(c => Keys.FigureKeyProblem(c.Figure)!);
            RuleFor(c => c.Source).Must(k => Keys.SourceKeyProblem(k) is null).WithMessage(c => Keys.SourceKeyProblem(c.Source)!);
            RuleFor(c => c.Value).NotNull().WithMessage("is required, e.g. {\"qualifier\":\"at_least\",\"value\":18}");
            RuleFor(c => c.Quote).NotEmpty().WithMessage("is required: the words of the source, verbatim")
                .MaximumLength(MaxQuoteLength).Must(q => q is null || !q.Any(ch => char.IsControl(ch) && ch is not ('\n' or '\r' or '\t')))
                .WithMessage("must not contain control characters");
            RuleFor(c => c.AttributedTo).MaximumLength(300).Must(Text.IsPlainName).WithMessage(Text.PlainNameMessage);
            RuleFor(c => c.Note).MaximumLength(2000).Must(Text.IsPlainTitle).WithMessage(Text.TitleMessage);
            RuleFor(c => c.RefersTo).Must(r => r is null || r.Value.Year is >= 1000 and <= 2999).WithMessage("is out of range");
        }
    }

    /// <summary>Checks the claim against its source here, in the request, then hands it to the commit queue, which
    /// commits it together with whatever other claims arrived meanwhile and answers once it is durable.</summary>
    public sealed class Handler(IDocumentSession session, SourceCache sources, ClaimCommitQueue queue) : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var source = await sources.GetAsync(session, command.Source!, cancellationToken);
            var claim = Prepared.From(command, source);
            return await queue.SubmitAsync(PendingClaim.From(command, claim, session), cancellationToken);
        }

    }

    /// <summary>What makes two claims the same claim: figure, source, value (canonical form) and quote (folded).</summary>
    public static string ContentHash(string figure, string source, ClaimValue value, string foldedQuote)
    {
        var canonical = $"{figure}\n{source}\n{JsonSerializer.Serialize(value)}\n{foldedQuote}";
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }
}

/// <summary>Which claim ids exist, for which figure: the idempotency guard (its primary key makes a second
/// insert of one id fail, whatever the timing) and the way from a claim id to its figure stream.</summary>
public sealed class ClaimIndex
{
    public string Id { get; set; } = "";
    public string FigureKey { get; set; } = "";
    public string SourceKey { get; set; } = "";
    public string ContentHash { get; set; } = "";
    public DateTimeOffset RecordedAt { get; set; }
}

/// <summary>A claim checked against its source (value parsed, anchor resolved, quote located) and given its id:
/// everything that does not need the figure stream's lock.</summary>
internal sealed record Prepared(string Id, ClaimValue Value, Source Source, QuoteLocation Location, string Quote, string ContentHash)
{
    public static Prepared From(RecordClaim.Command command, Source? source)
    {
        if (source is null)
        {
            // Report a bad value before a missing source: it is the caller's first mistake to fix.
            var (parsed, errors) = ClaimValueParser.Parse(command.Value!.Value);
            if (parsed is null) throw ProblemException.Validation(errors);
            throw ProblemException.Unprocessable("source", $"source '{command.Source}' is not registered; POST /api/sources first");
        }
        var value = ClaimInputs.ParseValue(command.Value!.Value, source);
        var location = ClaimInputs.LocateQuote(source, command.Quote!, "quote");
        var quote = QuoteLocator.Fold(command.Quote!);
        var hash = RecordClaim.ContentHash(command.Figure!, source.Id, value, quote);
        return new Prepared(command.Id ?? $"c-{hash[..24]}", value, source, location, quote, hash);
    }

    public ClaimRecorded Recorded(RecordClaim.Command command, string figure, DateTimeOffset now) => new(
        Id, figure, Source.Id, Source.Outlet, Source.PublishedAt, Value, command.RefersTo ?? Source.PublishedAt,
        string.IsNullOrWhiteSpace(command.AttributedTo) ? null : command.AttributedTo.Trim(),
        Quote, Location.Offset, Location.Length, ContentHash, command.RecordedBy, now,
        string.IsNullOrWhiteSpace(command.Note) ? null : command.Note.Trim(), Source.Language);

    public ClaimIndex Index(string figure, DateTimeOffset now) =>
        new() { Id = Id, FigureKey = figure, SourceKey = Source.Id, ContentHash = ContentHash, RecordedAt = now };
}

/// <summary>Checks shared by recording and correcting a claim.</summary>
internal static class ClaimInputs
{
    /// <summary>Parses a value and resolves a relative date without a stated anchor against the source's publication day.</summary>
    public static ClaimValue ParseValue(JsonElement json, Source source)
    {
        var (value, errors) = ClaimValueParser.Parse(json);
        if (value is null) throw ProblemException.Validation(errors);
        return value.ResolveAnchor(DateOnly.FromDateTime(source.PublishedAt.DateTime));
    }

    public static QuoteLocation LocateQuote(Source source, string quote, string field) =>
        QuoteLocator.Find(source.Text, quote)
        ?? throw ProblemException.Unprocessable(field, $"does not occur verbatim in the text of source '{source.Id}' (compared after NFC normalisation and whitespace folding)");

    public static void CheckKind(FigureView figure, ClaimValue value, string field)
    {
        if (value.Kind != figure.Kind)
            throw ProblemException.Unprocessable(field, $"is a {value.Kind.ToString().ToLowerInvariant()} but figure '{figure.Id}' is a {figure.Kind.ToString().ToLowerInvariant()}");
    }
}
