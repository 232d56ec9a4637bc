using FactLedger.Api.Features.Figures;
using FactLedger.Api.Infrastructure.Http;
using FactLedger.Domain.Keys;
using FactLedger.Domain.Reconciliation;
using FactLedger.Domain.Values;
using Marten;
using MediatR;

namespace FactLedger.Api.Features.Sources;

public static class ListSources
{
    public sealed record Query(int Page, int PageSize, string? Language) : IRequest<Paged>;

    public sealed record Item(string Key, string Outlet, string? Url, string Language, string Title, DateTimeOffset PublishedAt, string Sha256);

    public sealed record Paged(IReadOnlyList<Item> Items, int Page, int PageSize, long Total);

    public sealed class Handler(IQuerySession session) : IRequestHandler<Query, Paged>
    {
        public async Task<Paged> Handle(Query query, CancellationToken cancellationToken)
        {
            Paging.Check(query.Page, query.PageSize);
            IQueryable<Source> sources = session.Query<Source>();
            if (!string.IsNullOrWhiteSpace(query.Language)) sources = sources.Where(s => s.Language == query.Language);
            var items = await sources.OrderBy(s => s.PublishedAt).ThenBy(s => s.Id)
                .Stats(out var stats)
                .Skip(Paging.Skip(query.Page, query.PageSize)).Take(query.PageSize)
                .Select(s => new Item(s.Id, s.Outlet, s.Url, s.Language, s.Title, s.PublishedAt, s.Sha256))
                .ToListAsync(cancellationToken);
            return new Paged(items, query.Page, query.PageSize, stats.TotalResults);
        }
    }
}

public static class GetSource
{
    public sealed record Query(string Key) : IRequest<Response>;

    public sealed record Response(
        string Key, string Outlet, string? Url, string Language, string Title, DateTimeOffset PublishedAt, string? PublishedAtNote,
        string Sha256, string RegisteredBy, DateTimeOffset RegisteredAt, string Text);

    public sealed class Handler(IQuerySession session) : IRequestHandler<Query, Response>
    {
        public async Task<Response> Handle(Query query, CancellationToken cancellationToken)
        {
            var s = await Load(session, query.Key, cancellationToken);
            return new Response(s.Id, s.Outlet, s.Url, s.Language, s.Title, s.PublishedAt, s.PublishedAtNote, s.Sha256, s.RegisteredBy, s.RegisteredAt, s.Text);
        }
    }

    public static async Task<Source> Load(IQuerySession session, string key, CancellationToken ct) =>
        (Keys.SourceKeyProblem(key) is null ? await session.LoadAsync<Source>(key, ct) : null)
        ?? throw ProblemException.NotFound($"No source has key '{key[..Math.Min(key.Length, 80)]}'.");
}

/// <summary>
/// Every claim a source made, each with its current fate in its figure and whether it agrees with the figure's current
/// estimate (its interval holds <c>best</c>): the figures from the async <see cref="SourceAudit"/>, the claims from
/// those figures' streams.
/// </summary>
public static class GetSourceClaims
{
    public sealed record Query(string Key) : IRequest<Response>;

    public sealed record Item(
        string Id, string Figure, ClaimValue Value, string Wording, ClaimValue? OriginalValue, string Quote, int QuoteOffset, int QuoteLength,
        string? AttributedTo, string? Origin, DateTimeOffset RecordedAt, string RecordedBy,
        ClaimStatus? Status, string? SupersededBy, bool? AgreesWithEstimate, EstimateResponse? FigureEstimate);

    public sealed record Response(string Key, string Outlet, string Title, string Language, DateTimeOffset PublishedAt, IReadOnlyList<Item> Claims);

    public sealed class Handler(IQuerySession session, OriginResolver origins) : IRequestHandler<Query, Response>
    {
        public async Task<Response> Handle(Query query, CancellationToken cancellationToken)
        {
            var source = await GetSource.Load(session, query.Key, cancellationToken);
            var audit = await session.LoadAsync<SourceAudit>(query.Key, cancellationToken) ?? new SourceAudit { Id = source.Id };
            var items = new List<Item>();
            foreach (var figureKey in audit.Figures)
            {
                var figure = await FigureDetails.LoadAsync(session, origins, figureKey, null, cancellationToken);
                var estimate = figure.Estimate.ToResponse(figure.Kind);
                items.AddRange(figure.Claims.Where(c => c.SourceKey == source.Id).Select(c => new Item(
                    c.Id, figure.Id, c.Value, c.Value.Describe(), c.OriginalValue, c.Quote, c.QuoteOffset, c.QuoteLength,
                    c.AttributedTo, c.Origin, c.RecordedAt, c.RecordedBy, c.Status, c.SupersededBy,
                    Reconciler.Agrees(c.Value, c.RefersTo, c.Retraction is not null, figure.Cumulative, figure.Estimate), estimate)));
            }
            items = items.OrderBy(i => i.RecordedAt).ThenBy(i => i.Figure, StringComparer.Ordinal).ThenBy(i => i.Id, StringComparer.Ordinal).ToList();
            return new Response(source.Id, source.Outlet, source.Title, source.Language, source.PublishedAt, items);
        }
    }
}
