using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FactLedger.Api.Tests.Support;

/// <summary>
/// A system that receives webhooks: Kestrel on 127.0.0.1 at a free port, keeping every request. It answers
/// <see cref="Answer"/> (200: up, 503: down), the first <see cref="DownFor"/> requests 503 whatever it is; on a
/// path under /redirect 302 to /target, under /slow only after 10 s, under /big 500 with a 1 MB body.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    public sealed record Received(string Path, string? Id, string? Timestamp, string? Signature, string Body,
        int AnsweredWith);

    private readonly WebApplication _app;
    private int _downFor;

    public ConcurrentQueue<Received> Requests { get; } = new();
    public volatile int Answer = 200;
    /// <summary>Milliseconds each answer takes (a receiver that is not instant).</summary>
    public volatile int DelayMilliseconds;

    public string BaseUrl { get; private set; } = "";

    private WebhookReceiver(WebApplication app) => _app = app;

    /// <summary>Answers 503 to the next <paramref name="requests"/> requests.</summary>
    public void DownFor(int requests) => Interlocked.Exchange(ref _downFor, requests);

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.Run(receiver.HandleAsync);
        await app.StartAsync();
        receiver.BaseUrl = app.Services.GetRequiredService<IServer>().Features
            .Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        return receiver;
    }

    private async Task HandleAsync(HttpContext http)
    {
        var body = await new StreamReader(http.Request.Body).ReadToEndAsync();
        var path = http.Request.Path.Value ?? "/";
        var status = path.StartsWith("/redirect", StringComparison.Ordinal) ? 302
            : Interlocked.Decrement(ref _downFor) >= 0 ? 503
            : Answer;
        var headers = http.Request.Headers;
        Requests.Enqueue(new Received(path, headers["webhook-id"], headers["webhook-timestamp"],
            headers["webhook-signature"], body, status));
        if (DelayMilliseconds > 0) await Task.Delay(DelayMilliseconds);
        if (path.StartsWith("/slow", StringComparison.Ordinal))
        {
            try { await Task.Delay(TimeSpan.FromSeconds(10), http.RequestAborted); }
            catch (OperationCanceledException) { return; }
        }
        http.Response.StatusCode = path.StartsWith("/big", StringComparison.Ordinal) ? 500 : status;
        if (status == 302) http.Response.Headers.Location = BaseUrl + "/target";
        await http.Response.WriteAsync(path.StartsWith("/big", StringComparison.Ordinal) ? new string('x', 1 << 20)
            : status == 200 ? "thanks" : "not now");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
