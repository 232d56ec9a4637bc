using FactLedger.Api.Features.Figures;

namespace FactLedger.Api.Features.Live;

/// <summary>
/// The changes of a story's or a figure's estimates as server-sent events: checked here (the key must name
/// something, the resume point must be a sequence), then streamed by <see cref="LiveApi"/>.
/// </summary>
public static class StreamChanges
{
    /// <param name="LastEventId">Resume after this sequence (the <c>id</c> of the last event received).</param>
    public sealed record Query(string? Story, string? Figure, string? LastEventId) : IRequest<Plan>;

    /// <summary>What to stream: the changes <see cref="Wanted"/>, after <see cref="After"/> (null: only new
    /// ones).</summary>
    public sealed record Plan(Func<FigureChange, bool> Wanted, long? After, string? Story, string? Figure);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.Story).Must(s => s is null || LedgerKeys.IsSlug(s))
                .WithMessage("must be a story key: lowercase letters, digits and single hyphens");
            RuleFor(q => q.Figure).Must(f => f is null || LedgerKeys.FigureKeyProblem(f) is null)
                .WithErrorCode(Validation.NotFound).WithMessage(q => NoSuchFigure(q.Figure!));
            RuleFor(q => q.LastEventId).Must(id => id is null || long.TryParse(id, NumberStyles.None,
                    CultureInfo.InvariantCulture, out _))
                .WithMessage("must be the id of an event of this stream: a whole number (a sequence)");
        }
    }

    private static string NoSuchFigure(string key) => $"No figure has key '{key[..Math.Min(key.Length, 200)]}'.";

    public sealed class Handler(IQuerySession session) : IRequestHandler<Query, Plan>
    {
        public async Task<Plan> Handle(Query query, CancellationToken cancellationToken)
        {
            if (query.Figure is { } figure && await session.LoadAsync<FigureView>(figure, cancellationToken) is null)
                throw LedgerError.NotFound(NoSuchFigure(figure));
            if (query.Story is { } story
                && !await session.Query<FigureView>().AnyAsync(f => f.Story == story, cancellationToken))
                throw LedgerError.NotFound($"No story has key '{story}' (it has no figures).");
            long? after = query.LastEventId is { } id ? long.Parse(id, CultureInfo.InvariantCulture) : null;
            Func<FigureChange, bool> wanted = (query.Story, query.Figure) switch
            {
                (_, { } f) => c => c.Figure == f,
                ({ } s, _) => c => c.Story == s,
                _ => _ => true,
            };
            return new Plan(wanted, after, query.Story, query.Figure);
        }
    }
}
