using System.Globalization;
using System.Text;
using FactLedger.Api.Infrastructure.Http;
using FactLedger.Domain.Keys;
using FactLedger.Domain.Reconciliation;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FactLedger.Api.Features.Figures;

public static class FiguresApi
{
    public static RouteGroupBuilder MapFigures(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/figures").WithTags("Figures");
        group.MapPost("/", Define).RequireAuthorization(Policies.Write).RequireRateLimiting(WriteRateLimit.Policy);
        group.MapGet("/", List).RequireAuthorization(Policies.Read);
        group.MapGet("/{key}", Get).RequireAuthorization(Policies.Read)
            .Produces<FigureResponse>().Produces(StatusCodes.Status304NotModified).Produces<string>(200, "text/csv");
        group.MapGet("/{key}/timeline", Timeline).RequireAuthorization(Policies.Read)
            .Produces<GetTimeline.Response>().Produces(StatusCodes.Status304NotModified);
        group.MapGet("/{key}/events", Events).RequireAuthorization(Policies.Read);
        return group;
    }

    public static async Task<Results<Created<DefineFigure.Result>, Ok<DefineFigure.Result>>> Define(HttpContext http, IMediator mediator, CancellationToken ct)
    {
        var command = await JsonBody.ReadAsync<DefineFigure.Command>(http.Request, ApiJson.Requests, ct);
        var result = await mediator.Send(command with { RecordedBy = http.User.Actor() }, ct);
        return result.Created ? TypedResults.Created($"/api/figures/{result.Key}", result) : TypedResults.Ok(result);
    }

    public static async Task<Results<Ok<ListFigures.Paged>, ContentHttpResult>> List(
        HttpContext http, IMediator mediator, string? story, string? status, string? q, int? page, int? pageSize, CancellationToken ct)
    {
        EstimateStatus? parsedStatus = status is null ? null
            : Enum.GetValues<EstimateStatus>().Cast<EstimateStatus?>().FirstOrDefault(s => Kebab(s!.Value) == status)
              ?? throw ProblemException.Field("status", "must be one of no-claims, single-origin, consistent, conflicting");
        var result = await mediator.Send(new ListFigures.Query(story, parsedStatus, q, page ?? 1, pageSize ?? 50), ct);
        if (!WantsCsv(http)) return TypedResults.Ok(result);
        return Csv(["key", "story", "kind", "label_en", "low", "best", "high", "status", "origins", "claims", "last_changed_at"],
            result.Items.Select(f => new object?[]
            {
                f.Key, f.Story, f.Kind.ToString().ToLowerInvariant(), f.Labels.GetValueOrDefault("en"), f.Estimate.Low, f.Estimate.Best,
                f.Estimate.High, Kebab(f.Estimate.Status), f.Estimate.Origins, f.Claims, f.LastChangedAt,
            }));
    }

    /// <summary>The figure now comes from <see cref="FigureReadCache"/> (checked against the stream version on every
    /// read); as it stood (<c>asOf</c>, <c>knownAt</c>) and as CSV it is built each time.</summary>
    public static async Task<IResult> Get(
        HttpContext http, IMediator mediator, FigureReadCache cache, string key, string? asOf, string? knownAt, CancellationToken ct)
    {
        CheckKey(key);
        var query = new GetFigure.Query(key, Moment(asOf, "asOf"), Moment(knownAt, "knownAt"));
        var csv = WantsCsv(http);
        if (query is { AsOf: null, KnownAt: null } && !csv) return await cache.GetAsync("figure", key, http, () => mediator.Send(query, ct), ct);
        var figure = await mediator.Send(query, ct);
        if (!csv) return TypedResults.Ok(figure);
        return Csv(["id", "source", "outlet", "origin", "attributed_to", "wording", "quote", "published_at", "refers_to", "recorded_at", "recorded_by", "status", "superseded_by"],
            figure.Claims.Select(c => new object?[]
            {
                c.Id, c.Source, c.Outlet, c.Origin, c.AttributedTo, c.Wording, c.Quote, c.PublishedAt, c.RefersTo, c.RecordedAt, c.RecordedBy,
                Kebab(c.Status), c.SupersededBy,
            }));
    }

    public static async Task<IResult> Timeline(HttpContext http, IMediator mediator, FigureReadCache cache, string key, CancellationToken ct)
    {
        CheckKey(key);
        return await cache.GetAsync("timeline", key, http, () => mediator.Send(new GetTimeline.Query(key), ct), ct);
    }

    public static async Task<Ok<GetFigureEvents.Response>> Events(IMediator mediator, string key, CancellationToken ct)
    {
        CheckKey(key);
        return TypedResults.Ok(await mediator.Send(new GetFigureEvents.Query(key), ct));
    }

    private static void CheckKey(string key)
    {
        if (Keys.FigureKeyProblem(key) is not null) throw ProblemException.NotFound($"No figure has key '{key[..Math.Min(key.Length, 200)]}'.");
    }

    public static DateTimeOffset? Moment(string? text, string field)
    {
        if (text is null) return null;
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var moment)
            && moment.Year is >= 1000 and <= 2999)
            return moment;
        throw ProblemException.Field(field, "must be an ISO 8601 moment such as 2022-01-07T12:00:00Z");
    }

    private static string Kebab<T>(T value) where T : struct, Enum =>
        System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());

    private static bool WantsCsv(HttpContext http) =>
        http.Request.Headers.Accept.Any(a => a is not null && a.Contains("text/csv", StringComparison.OrdinalIgnoreCase));

    private static ContentHttpResult Csv(string[] header, IEnumerable<object?[]> rows)
    {
        var csv = new StringBuilder();
        csv.AppendLine(string.Join(',', header));
        foreach (var row in rows) csv.AppendLine(string.Join(',', row.Select(Cell)));
        return TypedResults.Text(csv.ToString(), "text/csv; charset=utf-8");
    }

    /// <summary>RFC 4180 quoting; cells that a spreadsheet would run as a formula get a leading apostrophe.</summary>
    private static string Cell(object? value)
    {
        var text = value switch
        {
            null => "",
            DateTimeOffset d => d.ToString("O", CultureInfo.InvariantCulture),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? "",
        };
        if (text.Length > 0 && text[0] is '=' or '+' or '-' or '@' && value is string) text = "'" + text;
        return text.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + text.Replace("\"", "\"\"") + "\"" : text;
    }
}
