namespace FactLedger.Api.Features.Figures;

public static class FiguresApi
{
    public static RouteGroupBuilder MapFigures(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/figures").WithTags("Figures");
        group.MapPost("/", Define).Writes().Accepts<DefineFigure.Command>("application/json")
            .WithName("DefineFigure").WithSummary("Define a figure of a story")
            .WithDescription("A figure key is story.group.measure. Defining it again the same way answers 200; " +
                "otherwise 409.");
        group.MapGet("/", List).Reads().FromReplica().Produces<Paged<FigureSummary>>().AlsoCsv()
            .WithName("ListFigures")
            .WithSummary("List figures with their estimates")
            .WithDescription("Filtered by story, status and label text (any language), sorted by key, latest report " +
                "or recording time. `Accept: text/csv` answers CSV.");
        group.MapGet("/{key}", Get).Reads().FromReplica().Problems(404)
            .Produces<FigureResponse>().Produces(StatusCodes.Status304NotModified).AlsoCsv()
            .WithName("GetFigure").WithSummary("Get a figure: its estimate and every claim")
            .WithDescription("The estimate (low, best, high, status, origins, conflicts, wording) and every claim " +
                "with its status and role. `asOf` (publication clock) and `knownAt` (recording clock) show it as it " +
                "stood. The current figure has an ETag: `If-None-Match` answers 304 while it is unchanged. " +
                "`Accept: text/csv` answers its claims as CSV.");
        group.MapGet("/{key}/timeline", Timeline).Reads().FromReplica().Problems(404)
            .Produces<GetTimeline.Response>().Produces(StatusCodes.Status304NotModified)
            .WithName("GetFigureTimeline").WithSummary("How a figure changed, report by report")
            .WithDescription("One point per report in publication order, with the estimate right after it.");
        group.MapGet("/{key}/events", Events).Reads().FromReplica().Problems(404).WithName("GetFigureEvents")
            .WithSummary("A figure's raw event history")
            .WithDescription("Every event of the figure's stream: version, sequence, timestamps, who, correlation id.");
        group.MapPost("/{key}/labels", Relabel).Writes().Problems(404).WithName("CorrectFigureLabels")
            .WithSummary("Correct a figure's labels")
            .WithDescription("Replaces every label (a language left out is dropped), with a reason, as an event.");
        api.MapGet("/stories", Stories).WithTags("Figures").Reads().FromReplica().WithName("ListStories")
            .WithSummary("List stories");
        return group;
    }

    public static Task<Results<Created<DefineFigure.Result>, Ok<DefineFigure.Result>>> Define(
        HttpContext http, IMediator mediator, CancellationToken ct) =>
        mediator.CreateAsync<DefineFigure.Command, DefineFigure.Result>(
            http, r => (r.Created, $"/api/figures/{r.Key}"), ct);

    public static async Task<Results<Ok<Paged<FigureSummary>>, ContentHttpResult>> List(
        HttpContext http, IMediator mediator, string? story, string? status, string? q, int? page, int? pageSize,
        string? sort, CancellationToken ct)
    {
        var result = await mediator.Send(new ListFigures.Query(story, status, q, page ?? 1, pageSize ?? 50, sort), ct);
        if (!Csv.IsWanted(http)) return TypedResults.Ok(result);
        return Csv.Table(
            ["key", "story", "kind", "label_en", "low", "best", "high", "status", "origins", "claims",
                "last_changed_at", "compatible", "conflicts", "latest_report_at", "wording", "best_stated"],
            result.Items.Select(f => new object?[]
            {
                f.Key, f.Story, f.Kind.ToString().ToLowerInvariant(), f.Labels.GetValueOrDefault("en"),
                f.Estimate.Low, f.Estimate.Best, f.Estimate.High, Csv.Kebab(f.Estimate.Status), f.Estimate.Origins,
                f.Claims, f.LastChangedAt, f.Estimate.Compatible, f.Estimate.ConflictCount, f.LatestReportAt,
                f.Estimate.Wording.GetValueOrDefault("en"), f.Estimate.Reading?.BestStated,
            }));
    }

    /// <summary>The figure now comes from <see cref="FigureReadCache"/> (checked against the stream version on every
    /// read); as it stood (<c>asOf</c>, <c>knownAt</c>) and as CSV it is built each time.</summary>
    public static async Task<Results<CachedJson, Ok<FigureResponse>, ContentHttpResult>> Get(
        HttpContext http, IMediator mediator, FigureReadCache cache, string key, string? asOf, string? knownAt,
        CancellationToken ct)
    {
        var query = new GetFigure.Query(key, asOf, knownAt);
        var csv = Csv.IsWanted(http);
        if (query.IsNow && !csv) return await cache.GetAsync("figure", key, http, () => mediator.Send(query, ct), ct);
        var figure = await mediator.Send(query, ct);
        if (!csv) return TypedResults.Ok(figure);
        // A claim's conflicts name the other claim of each conflicting pair it is in.
        var conflicts = figure.Estimate.Conflicts
            .SelectMany(p => new[]
            {
                (Id: p.EarlierClaimId, Other: p.LaterClaimId), (Id: p.LaterClaimId, Other: p.EarlierClaimId),
            })
            .ToLookup(p => p.Id, p => p.Other);
        return Csv.Table(
            ["id", "source", "outlet", "origin", "attributed_to", "wording", "quote", "published_at", "refers_to",
                "recorded_at", "recorded_by", "status", "superseded_by", "role", "conflicts_with"],
            figure.Claims.Select(c => new object?[]
            {
                c.Id, c.Source, c.Outlet, c.Origin, c.AttributedTo, c.Wording, c.Quote, c.PublishedAt, c.RefersTo,
                c.RecordedAt, c.RecordedBy, Csv.Kebab(c.Status), c.SupersededBy,
                c.Role is { } role ? Csv.Kebab(role) : null, string.Join(' ', conflicts[c.Id]),
            }));
    }

    public static async Task<CachedJson> Timeline(
        HttpContext http, IMediator mediator, FigureReadCache cache, string key, CancellationToken ct)
    {
        var query = new GetTimeline.Query(key);
        return await cache.GetAsync("timeline", key, http, () => mediator.Send(query, ct), ct);
    }

    public static Task<Ok<CorrectLabels.Result>> Relabel(HttpContext http, IMediator mediator, string key,
        CorrectLabels.Command labels, CancellationToken ct) =>
        mediator.OkAsync((labels with { Key = key }).SentBy(http), ct);

    public static Task<Ok<GetFigureEvents.Response>> Events(IMediator mediator, string key, CancellationToken ct) =>
        mediator.OkAsync(new GetFigureEvents.Query(key), ct);

    public static Task<Ok<ListStories.Response>> Stories(IMediator mediator, CancellationToken ct) =>
        mediator.OkAsync(new ListStories.Query(), ct);
}
