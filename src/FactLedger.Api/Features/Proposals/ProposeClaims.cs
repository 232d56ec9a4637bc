using System.ComponentModel.DataAnnotations;
using FactLedger.Api.Features.Figures;
using FactLedger.Api.Features.Sources;

namespace FactLedger.Api.Features.Proposals;

/// <summary>Runs the extractor over a source's text and proposes what it finds. With a story, each proposal is matched
/// to one of the story's figures (or says which new figure it would need). Proposing again appends nothing for
/// statements already proposed; the answer lists all of the source's proposals.</summary>
public static class ProposeClaims
{
    /// <param name="Story">The story whose figures proposals are matched to, e.g. kz-2022-unrest.</param>
    public sealed record Command([property: MaxLength(80)] string? Story = null) : LedgerCommand, IRequest<Result>
    {
        [JsonIgnore] public string SourceKey { get; init; } = "";
    }

    /// <summary><see cref="Proposed"/>: how many proposals this request added (with a story, pending ones are also
    /// matched again to its figures); <see cref="Items"/>: all of the source's proposals in text order.</summary>
    public sealed record Result(int Proposed, IReadOnlyList<ProposalResponse> Items);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.SourceKey).Must(k => LedgerKeys.SourceKeyProblem(k) is null)
                .WithErrorCode(Validation.NotFound).WithMessage(c => GetSource.NoSuchSource(c.SourceKey));
            RuleFor(c => c.Story).Must(s => s is null || LedgerKeys.IsSlug(s))
                .WithMessage("must be a story key: lowercase letters, digits and single hyphens (e.g. kz-2022-unrest)");
        }
    }

    public sealed class Handler(IDocumentSession session, SourceCache sources, TimeProvider clock)
        : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var source = await sources.GetAsync(session, command.SourceKey, cancellationToken)
                ?? throw LedgerError.NotFound(GetSource.NoSuchSource(command.SourceKey));
            var figures = command.Story is null ? [] : (await session.Query<FigureView>()
                    .Where(f => f.Story == command.Story).ToListAsync(cancellationToken))
                .Select(f => new FigureSuggester.Candidate(f.Id, f.Kind, f.Labels)).ToList();
            var findings = Extractor.Extract(new ExtractionInput(source.Text, source.Language, source.PublishedAt));
            var drafts = findings.Select(f => Draft(f, source.Language, command.Story, figures)).ToList();

            session.CorrelationId = command.CorrelationId;
            session.LastModifiedBy = command.RecordedBy;
            var (_, appended) = await ProposalStream.DecideAsync(session, source.Id, _ =>
                new ProposalCommand.Propose(source.Id, Extractor.Version, command.Story, drafts, command.RecordedBy,
                    clock.GetUtcNow()), cancellationToken);
            var items = await session.Query<ProposalView>().Where(p => p.Source == source.Id)
                .OrderBy(p => p.QuoteOffset).ThenBy(p => p.ValueOffset).ThenBy(p => p.Id)
                .ToListAsync(cancellationToken);
            return new Result(appended.OfType<ClaimProposed>().Count(), items.Select(ProposalResponse.Of).ToList());
        }

        private static ProposalDraft Draft(Finding f, string language, string? story,
            IReadOnlyList<FigureSuggester.Candidate> figures)
        {
            var suggested = FigureSuggester.Suggest(f, language, figures);
            var needed = suggested is null && story is not null ? FigureSuggester.NewFigureKey(story, f) : null;
            return new ProposalDraft(f.Value, f.Measure, f.SubjectKey, f.Subject, f.AttributedTo, f.Quote,
                f.QuoteOffset, f.QuoteLength, f.ValueOffset, f.ValueLength, f.Confidence, suggested, needed);
        }
    }
}
