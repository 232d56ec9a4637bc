using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace FactLedger.Api.Tests.Support;

/// <summary>
/// The API's OpenAPI document as a contract: every request sent and every answer received through a
/// <see cref="Recorder"/> is checked against it. An operation, status code or media type the document does not
/// declare is a violation, and so is a body its schema does not accept (the generated object schemas are closed, so
/// an undocumented field fails too).
/// </summary>
public sealed class OpenApiContract
{
    /// <summary>Set on a request that is meant to be invalid: its body is not checked, its answer is.</summary>
    public static readonly HttpRequestOptionsKey<bool> InvalidRequest = new("contract-invalid-request");

    private readonly JsonObject _paths;
    private readonly JsonObject _definitions;
    private readonly ConcurrentDictionary<string, JsonSchema> _schemas = new();
    private int _built;

    public ConcurrentQueue<string> Violations { get; } = new();

    /// <summary>"GET /api/figures/{key} 200" for every answer seen.</summary>
    public ConcurrentDictionary<string, bool> Exercised { get; } = new();

    public OpenApiContract(JsonNode document)
    {
        _paths = document["paths"]!.AsObject();
        // The document's component schemas as a JSON Schema 2020-12 $defs, with the references moved along.
        var components = document["components"]?["schemas"]?.ToJsonString() ?? "{}";
        _definitions = JsonNode.Parse(components.Replace("#/components/schemas/", "#/$defs/"))!.AsObject();
    }

    /// <summary>Every operation of the document, as "METHOD /path".</summary>
    public IEnumerable<string> Operations =>
        _paths.SelectMany(p => p.Value!.AsObject().Select(o => $"{o.Key.ToUpperInvariant()} {p.Key}"));

    public void CheckRequest(HttpRequestMessage request, string? body)
    {
        if (Find(request) is not var (template, operation)) return;
        if (request.Options.TryGetValue(InvalidRequest, out var invalid) && invalid) return;
        if (body is null || request.Content?.Headers.ContentType?.MediaType is not { } media) return;
        if (operation["requestBody"]?["content"]?[media] is not { } content)
        {
            Violations.Enqueue($"{request.Method} {template}: request body of type {media} is not documented");
            return;
        }
        if (media == "application/json") Validate($"{request.Method} {template} request", content["schema"], body);
    }

    public void CheckResponse(HttpRequestMessage request, HttpResponseMessage response, string body)
    {
        if (Find(request) is not var (template, operation)) return;
        var status = ((int)response.StatusCode).ToString();
        var where = $"{request.Method} {template} {status}";
        Exercised[$"{request.Method} {template} {status}"] = true;
        if (operation["responses"]?[status] is not { } documented)
        {
            Violations.Enqueue($"{where}: status not documented ({Truncate(body)})");
            return;
        }
        var media = response.Content.Headers.ContentType?.MediaType;
        if (media is null || body.Length == 0) return;
        if (documented["content"]?[media] is not { } content)
        {
            Violations.Enqueue($"{where}: answer of type {media} not documented");
            return;
        }
        if (media.EndsWith("json", StringComparison.Ordinal)) Validate(where, content["schema"], body);
    }

    private (string Template, JsonObject Operation)? Find(HttpRequestMessage request)
    {
        var path = request.RequestUri!.AbsolutePath.TrimEnd('/');
        var segments = path.Split('/');
        foreach (var (template, item) in _paths)
        {
            var parts = template.Split('/');
            if (parts.Length != segments.Length) continue;
            if (!parts.Zip(segments).All(p => p.First.StartsWith('{') || p.First == p.Second)) continue;
            if (item![request.Method.Method.ToLowerInvariant()] is JsonObject operation) return (template, operation);
        }
        if (path.StartsWith("/api/", StringComparison.Ordinal))
            Violations.Enqueue($"{request.Method} {path}: no such operation in the document");
        return null;
    }

    private void Validate(string where, JsonNode? schema, string body)
    {
        if (schema is null) return;
        var key = schema.ToJsonString();
        var compiled = _schemas.GetOrAdd(key, _ =>
        {
            var root = JsonNode.Parse(key.Replace("#/components/schemas/", "#/$defs/"))!.AsObject();
            root["$schema"] = "https://json-schema.org/draft/2020-12/schema";
            root["$defs"] = _definitions.DeepClone();
            var uri = new Uri($"https://factledger.test/contract/{Interlocked.Increment(ref _built)}");
            return JsonSchema.FromText(root.ToJsonString(), baseUri: uri);
        });
        JsonElement instance;
        try
        {
            instance = JsonDocument.Parse(body).RootElement;
        }
        catch (JsonException e)
        {
            Violations.Enqueue($"{where}: not JSON ({e.Message})");
            return;
        }
        var result = compiled.Evaluate(instance, new EvaluationOptions { OutputFormat = OutputFormat.Hierarchical });
        if (result.IsValid) return;
        Violations.Enqueue($"{where}: {string.Join("; ", Errors(result).Distinct().Take(8))} in {Truncate(body)}");
    }

    /// <summary>The errors of the failing parts only: a branch of a oneOf that did not match is no error when
    /// another did.</summary>
    private static IEnumerable<string> Errors(EvaluationResults result)
    {
        if (result.IsValid) yield break;
        foreach (var (_, message) in result.Errors ?? []) yield return $"{result.InstanceLocation}: {message}";
        foreach (var error in (result.Details ?? []).SelectMany(Errors)) yield return error;
    }

    private static string Truncate(string s) => s.Length <= 400 ? s : s[..400] + "…";

    /// <summary>Checks what passes through an HttpClient against the contract.</summary>
    public sealed class Recorder(OpenApiContract contract) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request,
            CancellationToken cancellationToken)
        {
            string? body = null;
            if (request.Content is not null)
            {
                var bytes = await request.Content.ReadAsByteArrayAsync(cancellationToken);
                body = Encoding.UTF8.GetString(bytes);
                var headers = request.Content.Headers.ToList();
                request.Content = new ByteArrayContent(bytes);
                foreach (var (name, values) in headers) request.Content.Headers.TryAddWithoutValidation(name, values);
            }
            contract.CheckRequest(request, body);
            var response = await base.SendAsync(request, cancellationToken);
            // An event stream does not end: its status and media type are checked, its events by the live tests.
            if (response.Content.Headers.ContentType?.MediaType == "text/event-stream")
            {
                contract.CheckResponse(request, response, "");
                return response;
            }
            var answer = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            contract.CheckResponse(request, response, Encoding.UTF8.GetString(answer));
            var replaced = new ByteArrayContent(answer);
            foreach (var (name, values) in response.Content.Headers)
                replaced.Headers.TryAddWithoutValidation(name, values);
            response.Content = replaced;
            return response;
        }
    }
}
