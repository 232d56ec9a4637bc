namespace FactLedger.Api.Infrastructure.Http;

public static class Answers
{
    /// <summary>The request's answer as 200 OK.</summary>
    public static async Task<Ok<T>> OkAsync<T>(this IMediator mediator, IRequest<T> request, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(request, ct));

    /// <summary>Reads a creating command from the body and sends it: 201 at <paramref name="location"/> when it created
    /// something, 200 when the same thing was there already.</summary>
    public static async Task<Results<Created<TResult>, Ok<TResult>>> CreateAsync<TCommand, TResult>(
        this IMediator mediator, HttpContext http, Func<TResult, (bool Created, string Location)> location,
        CancellationToken ct)
        where TCommand : LedgerCommand, IRequest<TResult>
    {
        var command = await JsonBody.ReadAsync<TCommand>(http.Request, ApiJson.Requests, ct);
        var result = await mediator.Send(command.SentBy(http), ct);
        var (created, at) = location(result);
        return created ? TypedResults.Created(at, result) : TypedResults.Ok(result);
    }
}
