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
                .WithErrorCode(Validation.NotFound).WithMessage(q => FigureRules.NoSuchFigure(q.Figure!));
            RuleFor(q => q.LastEventId).Must(id => id is null || long.TryParse(id, NumberStyles.None,
                    CultureInfo.InvariantCulture, out _))
                .WithMessage("must be the id of an event of this stream: a whole number (a sequence)");
        }
    }

    public sealed class Handler(IQuerySession session) : IRequestHandler<Query, Plan>
    {
        public async Task<Plan> Handle(Query query, CancellationToken cancellationToken)
        {
            if (query.Figure is { } figure && await session.LoadAsync<FigureView>(figure, cancellationToken) is null)
                throw LedgerError.NotFound(FigureRules.NoSuchFigure(figure));
            if (query.Story is { } story && !await FigureRules.StoryExistsAsync(session, story, cancellationToken))
                throw LedgerError.NotFound($"No story has key '{story}' (it has no figures).");
            long? after = query.LastEventId is { } id ? long.Parse(id, CultureInfo.InvariantCulture) : null;
            return new Plan(c => c.IsFor(query.Story, query.Figure), after, query.Story, query.Figure);
        }
    }
}
