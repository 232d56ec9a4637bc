using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace FactLedger.Api.Tests.Support;

/// <summary>
/// The API as a process of its own (<c>dotnet FactLedger.Api.dll</c>, configured by environment variables), so a test
/// can kill it with SIGKILL as a crash or the OOM killer would (nothing in it runs on the way out), or see how it
/// ends when it cannot start.
/// </summary>
public sealed class ApiProcess : IAsyncDisposable
{
    private readonly Process _process;

    public string BaseUrl { get; }
    /// <summary>What it wrote, standard output and error.</summary>
    public ConcurrentQueue<string> Output { get; } = new();

    private ApiProcess(Process process, string baseUrl)
    {
        _process = process;
        BaseUrl = baseUrl;
    }

    /// <summary>Starts the API and waits until <c>/health</c> answers.</summary>
    public static async Task<ApiProcess> StartAsync(IReadOnlyDictionary<string, string> settings)
    {
        var api = Launch(settings);
        using var client = new HttpClient { BaseAddress = new Uri(api.BaseUrl), Timeout = TimeSpan.FromSeconds(5) };
        var until = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            if (api._process.HasExited)
                throw new InvalidOperationException($"the API process exited: {string.Join('\n', api.Output)}");
            try
            {
                if ((await client.GetAsync("/health")).IsSuccessStatusCode) return api;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            if (DateTime.UtcNow > until)
            {
                await api.DisposeAsync();
                throw new TimeoutException($"the API process did not start: {string.Join('\n', api.Output)}");
            }
            await Task.Delay(200);
        }
    }

    /// <summary>Starts the API and waits for it to end by itself (a start-up error): its exit code and output.
    /// </summary>
    public static async Task<(int ExitCode, IReadOnlyList<string> Output)> RunToExitAsync(
        IReadOnlyDictionary<string, string> settings, TimeSpan within)
    {
        await using var api = Launch(settings);
        using var timeout = new CancellationTokenSource(within);
        try
        {
            await api._process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"the API was still running after {within}: {string.Join('\n', api.Output)}");
        }
        return (api._process.ExitCode, api.Output.ToList());
    }

    private static ApiProcess Launch(IReadOnlyDictionary<string, string> settings)
    {
        var port = FreeLoopbackPort();
        var psi = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "FactLedger.Api.dll")])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = AppContext.BaseDirectory,
        };
        psi.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        psi.Environment["urls"] = $"http://127.0.0.1:{port}";
        psi.Environment["FactLedger__Seeds__LoadOnStart"] = "false";
        psi.Environment["FactLedger__ApiKeys__0__Name"] = "alice";
        psi.Environment["FactLedger__ApiKeys__0__Role"] = "editor";
        psi.Environment["FactLedger__ApiKeys__0__Key"] = FactLedgerApp.EditorKey;
        psi.Environment["Logging__LogLevel__Default"] = "Warning";
        psi.Environment["Logging__LogLevel__FactLedger.Api.Infrastructure.Marten.DaemonLeadership"] = "Information";
        foreach (var (key, value) in settings) psi.Environment[key.Replace(":", "__")] = value;
        var api = new ApiProcess(Process.Start(psi)!, $"http://127.0.0.1:{port}");
        api._process.OutputDataReceived += (_, e) => { if (e.Data is not null) api.Output.Enqueue(e.Data); };
        api._process.ErrorDataReceived += (_, e) => { if (e.Data is not null) api.Output.Enqueue(e.Data); };
        api._process.BeginOutputReadLine();
        api._process.BeginErrorReadLine();
        return api;
    }

    public HttpClient Editor()
    {
        var client = new HttpClient { BaseAddress = new Uri(BaseUrl) };
        client.DefaultRequestHeaders.Add("X-Api-Key", FactLedgerApp.EditorKey);
        return client;
    }

    /// <summary>SIGKILL: the process ends at once, its connections dropped by the kernel.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) await KillAsync();
        _process.Dispose();
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
