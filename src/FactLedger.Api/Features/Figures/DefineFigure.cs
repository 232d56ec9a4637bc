using FactLedger.Api.Infrastructure.Http;
using FactLedger.Domain.Keys;
using FactLedger.Domain.Values;
using FluentValidation;
using Marten;
using Marten.Exceptions;
using MediatR;

namespace FactLedger.Api.Features.Figures;

public static class DefineFigure
{
    public sealed record Command(string? Key, FigureKind? Kind, bool? Cumulative, Dictionary<string, string>? Labels) : IRequest<Result>
    {
        public string RecordedBy { get; init; } = "";
    }

    public sealed record Result(string Key, bool Created);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Key).Must(k => Keys.FigureKeyProblem(k) is null).WithMessage(c => Keys.FigureKeyProblem(c.Key)!);
            RuleFor(c => c.Kind).NotNull().WithMessage("is required: count or date");
            RuleFor(c => c.Cumulative).Must((c, cumulative) => cumulative != true || c.Kind != FigureKind.Date)
                .WithMessage("only a count can be cumulative");
            RuleFor(c => c.Labels).NotEmpty().WithMessage("needs at least one label, by language: {\"en\": \"…\", \"ar\": \"…\"}")
                .Must(l => l is null || l.Count <= 50).WithMessage("at most 50 labels");
            RuleForEach(c => c.Labels).ChildRules(label =>
            {
                label.RuleFor(l => l.Key).Matches("^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$").WithMessage("label keys are BCP 47 language tags such as en, ar, tr");
                label.RuleFor(l => l.Value).NotEmpty().MaximumLength(300).Must(Text.IsPlainName).WithMessage(Text.PlainNameMessage);
            }).OverridePropertyName("labels");
        }
    }

    public sealed class Handler(IDocumentSession session, TimeProvider clock) : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var existing = await session.LoadAsync<FigureView>(command.Key!, cancellationToken);
            if (existing is not null) return Same(existing, command);

            session.Events.StartStream<FigureView>(command.Key!, new FigureDefined(
                command.Key!, command.Kind!.Value, command.Cumulative ?? false,
                command.Labels!.ToDictionary(l => l.Key.ToLowerInvariant(), l => l.Value.Trim()),
                command.RecordedBy, clock.GetUtcNow()));
            try
            {
                await session.SaveChangesAsync(cancellationToken);
            }
            catch (ExistingStreamIdCollisionException)
            {
                await using var fresh = session.DocumentStore.QuerySession();
                return Same((await fresh.LoadAsync<FigureView>(command.Key!, cancellationToken))!, command);
            }
            return new Result(command.Key!, true);
        }

        private static Result Same(FigureView existing, Command command)
        {
            if (existing.Kind != command.Kind || existing.Cumulative != (command.Cumulative ?? false))
                throw ProblemException.Conflict($"Figure '{existing.Id}' is already defined as a {(existing.Cumulative ? "cumulative " : "")}{existing.Kind.ToString().ToLowerInvariant()}.");
            return new Result(existing.Id, false);
        }
    }
}
