using System.Threading.Channels;

namespace FactLedger.Api.Tests.Support;

/// <summary>A server-sent event stream read as a client would: events as they come, comments counted.</summary>
public sealed class EventStream : IAsyncDisposable
{
    public sealed record Event(string? Id, string Name, string Data);

    private readonly HttpResponseMessage _response;
    private readonly CancellationTokenSource _stop = new();
    private readonly Channel<Event> _events = Channel.CreateUnbounded<Event>();
    private readonly Task _reading;
    private int _heartbeats;

    public int Heartbeats => Volatile.Read(ref _heartbeats);

    private EventStream(HttpResponseMessage response)
    {
        _response = response;
        _reading = Task.Run(ReadAsync);
    }

    public static Task<EventStream> OpenAsync(HttpClient client, string url) =>
        OpenAsync(client, new HttpRequestMessage(HttpMethod.Get, url));

    public static async Task<EventStream> OpenAsync(HttpClient client, HttpRequestMessage request)
    {
        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException(
                $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        if (response.Content.Headers.ContentType?.MediaType != "text/event-stream")
            throw new InvalidOperationException($"not an event stream: {response.Content.Headers.ContentType}");
        return new EventStream(response);
    }

    /// <summary>The next event; <see cref="TimeoutException"/> when none comes within <paramref name="wait"/>.
    /// </summary>
    public async Task<Event> NextAsync(TimeSpan wait)
    {
        using var timeout = new CancellationTokenSource(wait);
        try
        {
            return await _events.Reader.ReadAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            throw new TimeoutException($"no event within {wait}");
        }
    }

    private async Task ReadAsync()
    {
        try
        {
            using var reader = new StreamReader(await _response.Content.ReadAsStreamAsync(_stop.Token));
            string? id = null, name = null;
            var data = new List<string>();
            while (await reader.ReadLineAsync(_stop.Token) is { } line)
            {
                if (line.StartsWith(':')) Interlocked.Increment(ref _heartbeats);
                else if (line.StartsWith("id: ", StringComparison.Ordinal)) id = line[4..];
                else if (line.StartsWith("event: ", StringComparison.Ordinal)) name = line[7..];
                else if (line.StartsWith("data: ", StringComparison.Ordinal)) data.Add(line[6..]);
                else if (line.Length == 0 && data.Count > 0)
                {
                    await _events.Writer.WriteAsync(new Event(id, name ?? "message", string.Join('\n', data)));
                    (name, data) = (null, []);
                }
            }
        }
        catch (OperationCanceledException) { }
        catch (IOException) { }
        finally
        {
            _events.Writer.TryComplete();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _response.Dispose();
        await Task.WhenAny(_reading, Task.Delay(5000));
    }
}
