using FactLedger.Api.Features.Origins;
using System.ComponentModel.DataAnnotations;
using FactLedger.Api.Features.Sources;
using FactLedger.Domain.Dependence;

namespace FactLedger.Api.Features.Dependencies;

/// <summary>Declares by hand a dependence detection did not find (the outlet says so, an editor knows the wire it
/// runs), saying how it is known. Declaring a confirmed one again changes nothing.</summary>
public static class DeclareDependence
{
    /// <param name="Source">The key of the source that took its reporting from another.</param>
    /// <param name="DependsOn">What it took it from: a registered source's key, or an agency's name.</param>
    /// <param name="Kind">source or agency.</param>
    /// <param name="Reason">How the dependence is known, e.g. "the outlet republishes AFP's wire".</param>
    public sealed record Command(
        [property: Required, MaxLength(80)] string? Source, [property: Required, MaxLength(200)] string? DependsOn,
        [property: Required, AllowedValues("source", "agency")] string? Kind,
        [property: Required, MaxLength(2000)] string? Reason)
        : LedgerCommand, IRequest<DependenceDecision>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Source).NotEmpty().WithMessage("is required: the key of the source that depends")
                .Must(k => LedgerKeys.SourceKeyProblem(k) is null)
                .WithMessage(c => LedgerKeys.SourceKeyProblem(c.Source)!);
            RuleFor(c => c.Kind).NotEmpty().WithMessage("is required: source or agency")
                .Must(k => k is "source" or "agency").WithMessage("must be source or agency");
            RuleFor(c => c.DependsOn).NotEmpty().WithMessage("is required: a source's key or an agency's name")
                .MaximumLength(200).IsText();
            RuleFor(c => c.DependsOn).Must(k => LedgerKeys.SourceKeyProblem(k) is null)
                .WithMessage(c => LedgerKeys.SourceKeyProblem(c.DependsOn)!)
                .When(c => c.Kind == "source" && !string.IsNullOrEmpty(c.DependsOn));
            RuleFor(c => c.DependsOn).NotEqual(c => c.Source)
                .WithMessage("must be another source: a source cannot depend on itself")
                .When(c => c.Kind == "source");
            RuleFor(c => c.Reason).NotEmpty().WithMessage("is required: how the dependence is known")
                .MaximumLength(2000).IsText();
        }
    }

    public sealed class Handler(
        IDocumentSession session, SourceCache sources, TimeProvider clock, OriginRulesWriter origins)
        : IRequestHandler<Command, DependenceDecision>
    {
        public async Task<DependenceDecision> Handle(Command command, CancellationToken cancellationToken)
        {
            var kind = command.Kind == "source" ? DependsOnKind.Source : DependsOnKind.Agency;
            var dependsOn = command.DependsOn!.Trim();
            await Registered(command.Source!, "source", cancellationToken);
            if (kind == DependsOnKind.Source) await Registered(dependsOn, "dependsOn", cancellationToken);

            session.CorrelationId = command.CorrelationId;
            session.LastModifiedBy = command.RecordedBy;
            var id = DependenceSuggestion.IdOf(command.Source!, kind, dependsOn);
            var (rules, appended) = await origins.DecideAsync(session,
                _ => new DependenceCommand.Declare(command.Source!, dependsOn, kind, command.Reason!.Trim(),
                    command.RecordedBy, clock.GetUtcNow()),
                cancellationToken);
            return new DependenceDecision(DependenceResponse.Of(rules.Dependences.ById[id]), appended.Count > 0);
        }

        private async Task Registered(string key, string field, CancellationToken ct)
        {
            if (await sources.GetAsync(session, key, ct) is null)
                throw LedgerError.Unprocessable(field, $"names no registered source ('{key}')");
        }
    }
}
