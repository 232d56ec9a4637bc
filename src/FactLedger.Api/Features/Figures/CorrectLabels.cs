using System.ComponentModel.DataAnnotations;
namespace FactLedger.Api.Features.Figures;

/// <summary>Replaces a figure's labels (every language given; one left out is dropped), saying why. The same labels
/// again append nothing.</summary>
public static class CorrectLabels
{
    public sealed record Command(
        [property: Required] Dictionary<string, string>? Labels, [property: Required] string? Reason)
        : LedgerCommand, IRequest<Result>
    {
        [JsonIgnore] public string Key { get; init; } = "";
    }

    /// <summary><see cref="Changed"/> is false when the labels were already these.</summary>
    public sealed record Result(string Key, long Version, bool Changed);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Key).IsFigureKey();
            RuleFor(c => c.Labels).AreLabels();
            RuleFor(c => c.Reason).NotEmpty().WithMessage("is required: why the labels change")
                .MaximumLength(2000).IsText();
        }
    }

    public sealed class Handler(FigureWriter writer) : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var labels = new FigureCommand.CorrectLabels(
                command.Key, FigureRules.Normal(command.Labels!), command.Reason!, command.RecordedBy);
            var written = await writer.SubmitAsync(new FigureWrite(command.Key, labels, command.CorrelationId),
                cancellationToken);
            return new Result(written.Figure, written.Version, written.Appended);
        }
    }
}
