using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Marten;
using Marten.Events;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FactLedger.Api.Tests.Support;

/// <summary>
/// The API in-process over a given database and schema, with the daemon in Solo mode and known API keys.
/// </summary>
public sealed class FactLedgerApp(
    string connectionString, string schema, Action<Dictionary<string, string?>>? configure)
    : WebApplicationFactory<Program>
{
    public const string EditorKey = "test-editor-key-0123456789";
    public const string ReaderKey = "test-reader-key-0123456789";
    public const string AdminKey = "test-admin-key-0123456789";

    public string Schema => schema;

    /// <summary>
    /// Every log line the app wrote (message, exception and scopes), for tests that check what is logged.
    /// </summary>
    public ConcurrentQueue<string> Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:FactLedger"] = connectionString,
            ["FactLedger:Schema"] = schema,
            ["FactLedger:RunDaemon"] = "true",
            ["FactLedger:Seeds:LoadOnStart"] = "false",
            ["FactLedger:ApiKeys:0:Name"] = "alice",
            ["FactLedger:ApiKeys:0:Role"] = "editor",
            ["FactLedger:ApiKeys:0:Key"] = EditorKey,
            ["FactLedger:ApiKeys:1:Name"] = "rita",
            ["FactLedger:ApiKeys:1:Role"] = "reader",
            ["FactLedger:ApiKeys:1:Key"] = ReaderKey,
            ["FactLedger:ApiKeys:2:Name"] = "ada",
            ["FactLedger:ApiKeys:2:Role"] = "admin",
            ["FactLedger:ApiKeys:2:Key"] = AdminKey,
            ["Logging:LogLevel:Default"] = "Warning",
        };
        configure?.Invoke(settings);
        foreach (var (key, value) in settings) builder.UseSetting(key, value);
        builder.UseEnvironment("Testing");
        // Logs are kept for the tests that read them, not printed: fault tests make a lot of them on purpose.
        builder.ConfigureLogging(logging => logging.ClearProviders().AddProvider(new CapturingLoggerProvider(Logs)));
    }

    public async Task StartAsync()
    {
        using var client = CreateClient();
        var health = await client.GetAsync("/health");
        if (!health.IsSuccessStatusCode)
            throw new InvalidOperationException(
                $"The app did not start healthy: {await health.Content.ReadAsStringAsync()}");
    }

    public IDocumentStore Store => Services.GetRequiredService<IDocumentStore>();

    public HttpClient Editor() => WithKey(EditorKey);
    public HttpClient Reader() => WithKey(ReaderKey);
    public HttpClient Anonymous() => CreateClient();

    public HttpClient WithKey(string key)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }

    /// <summary>
    /// Waits until the async projections (the activity log) have caught up with every event.
    /// </summary>
    public Task CatchUp() => Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(30));

    public async Task<long> EventCount(string? type = null)
    {
        await using var session = Store.QuerySession();
        var events = session.Events.QueryAllRawEvents();
        return type is null
            ? await events.CountAsync()
            : await events.Where(e => e.EventTypeName == type).CountAsync();
    }
}

public static class Http
{
    public static Task<HttpResponseMessage> PostJson(this HttpClient client, string url, object body) =>
        client.PostAsync(url, new StringContent(
            body as string ?? JsonSerializer.Serialize(body, JsonSerializerOptions.Web), Encoding.UTF8,
            "application/json"));

    public static async Task<JsonNode> Json(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return JsonNode.Parse(text) ?? throw new InvalidOperationException("empty body");
    }

    public static async Task<JsonNode> GetJson(this HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"GET {url} → {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!;
    }

    /// <summary>The answer, checked to be problem details (RFC 9457) with the expected status; its body.</summary>
    public static async Task<JsonNode> Problem(Task<HttpResponseMessage> request, System.Net.HttpStatusCode expected)
    {
        var response = await request;
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"{response.RequestMessage?.Method} " +
            $"{response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonNode.Parse(body)!;
    }

    public static async Task<JsonNode> Ok(this Task<HttpResponseMessage> request, int expected = 0)
    {
        var response = await request;
        var text = await response.Content.ReadAsStringAsync();
        if (expected != 0 ? (int)response.StatusCode != expected : !response.IsSuccessStatusCode)
            throw new InvalidOperationException($"{response.RequestMessage?.Method} " +
                $"{response.RequestMessage?.RequestUri} → {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!;
    }
}

/// <summary>Keeps every log line in memory, scopes included.</summary>
public sealed class CapturingLoggerProvider(ConcurrentQueue<string> lines) : ILoggerProvider, ISupportExternalScope
{
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, lines, () => _scopes);
    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;
    public void Dispose() { }

    private sealed class Logger(string category, ConcurrentQueue<string> lines, Func<IExternalScopeProvider> scopes)
        : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => scopes().Push(state);
        public bool IsEnabled(LogLevel logLevel) => true;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception,
            Func<TState, Exception?, string> formatter)
        {
            var scope = new System.Text.StringBuilder();
            scopes().ForEachScope((s, b) => b.Append(" | ").Append(s is IEnumerable<KeyValuePair<string, object>> kv
                ? string.Join(",", kv.Select(p => $"{p.Key}={p.Value}"))
                : s), scope);
            lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception}{scope}");
        }
    }
}
