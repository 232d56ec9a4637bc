namespace FactLedger.Api.Features.Sources;

/// <summary>One registered source with its full text.</summary>
public static class GetSource
{
    public sealed record Query(string Key) : IRequest<Response>;

    public sealed record Response(
        string Key, string? Outlet, string? Url, string Language, string Title, DateTimeOffset PublishedAt,
        string? PublishedAtNote, string Sha256, string RegisteredBy, DateTimeOffset RegisteredAt, string Text);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => RuleFor(q => q.Key).IsSourceKey();
    }

    public sealed class Handler(IQuerySession session) : IRequestHandler<Query, Response>
    {
        public async Task<Response> Handle(Query query, CancellationToken cancellationToken)
        {
            var s = await LoadAsync(session, query.Key, cancellationToken);
            return new Response(s.Id, s.Outlet, s.Url, s.Language, s.Title, s.PublishedAt, s.PublishedAtNote, s.Sha256,
                s.RegisteredBy, s.RegisteredAt, s.Text);
        }
    }

    public static async Task<Source> LoadAsync(IQuerySession session, string key, CancellationToken ct) =>
        await session.LoadAsync<Source>(key, ct) ?? throw LedgerError.NotFound(NoSuchSource(key));

    public static string NoSuchSource(string key) => $"No source has key '{key[..Math.Min(key.Length, 80)]}'.";

    /// <summary>A key that is not a source key names no source: 404, as for an unknown one.</summary>
    public static IRuleBuilderOptions<T, string> IsSourceKey<T>(this IRuleBuilder<T, string> rule) =>
        rule.Must(k => LedgerKeys.SourceKeyProblem(k) is null)
            .WithErrorCode(Validation.NotFound).WithMessage((_, k) => NoSuchSource(k));
}
