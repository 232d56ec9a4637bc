using System.ComponentModel.DataAnnotations;
namespace FactLedger.Api.Features.Figures;

/// <summary>Defines a figure of a story. Defining it again the same way changes nothing; otherwise 409.</summary>
public static class DefineFigure
{
    public sealed record Command(
        [property: Required] string? Key, [property: Required] FigureKind? Kind, bool? Cumulative,
        [property: Required] Dictionary<string, string>? Labels)
        : LedgerCommand, IRequest<Result>;

    public sealed record Result(string Key, bool Created);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Key).Must(k => LedgerKeys.FigureKeyProblem(k) is null)
                .WithMessage(c => LedgerKeys.FigureKeyProblem(c.Key)!);
            RuleFor(c => c.Kind).NotNull().WithMessage("is required: count or date");
            RuleFor(c => c.Cumulative).Must((c, cumulative) => cumulative != true || c.Kind != FigureKind.Date)
                .WithMessage("only a count can be cumulative");
            RuleFor(c => c.Labels).AreLabels();
        }
    }

    public sealed class Handler(IDocumentSession session, TimeProvider clock) : IRequestHandler<Command, Result>
    {
        public Task<Result> Handle(Command command, CancellationToken cancellationToken) =>
            DefineAsync(session, clock, command, cancellationToken);
    }

    /// <summary>Defines the figure of a checked command (also the bulk path's way).</summary>
    public static Task<Result> DefineAsync(IDocumentSession session, TimeProvider clock, Command command,
        CancellationToken ct)
    {
        var defined = new FigureDefined(command.Key!, command.Kind!.Value, command.Cumulative ?? false,
            FigureRules.Normal(command.Labels!),
            command.RecordedBy, clock.GetUtcNow());
        return CreateOnce.StartAsync<FigureView, Result>(session, command, command.Key!, defined,
            new Result(command.Key!, true),
            existing => existing.Kind == command.Kind && existing.Cumulative == (command.Cumulative ?? false)
                ? new Result(existing.Id, false)
                : throw LedgerError.Conflict($"Figure '{existing.Id}' is already defined as a " +
                    $"{(existing.Cumulative ? "cumulative " : "")}{existing.Kind.ToString().ToLowerInvariant()}."),
            ct);
    }
}
