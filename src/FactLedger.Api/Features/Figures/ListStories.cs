namespace FactLedger.Api.Features.Figures;

/// <summary>The stories figures belong to, with how many figures each has.</summary>
public static class ListStories
{
    public sealed record Query : IRequest<Response>;

    public sealed record StoryCount(string Story, int Figures);

    public sealed record Response(IReadOnlyList<StoryCount> Items);

    public sealed class Handler(IQuerySession session) : IRequestHandler<Query, Response>
    {
        public async Task<Response> Handle(Query query, CancellationToken cancellationToken)
        {
            var stories = await session.Query<FigureView>().Select(f => f.Story).ToListAsync(cancellationToken);
            return new Response(stories.GroupBy(s => s).OrderBy(g => g.Key)
                .Select(g => new StoryCount(g.Key, g.Count())).ToList());
        }
    }
}
