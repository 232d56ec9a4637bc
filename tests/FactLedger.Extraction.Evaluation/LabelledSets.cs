using System.Text;
using System.Text.Json;
using FactLedger.Domain.Extraction;
using FactLedger.Domain.Values;

namespace FactLedger.Extraction.Evaluation;

/// <summary>
/// Reads labelled texts from a JSON file: a curated bundle (<c>sources[]</c> with key, file, language, publishedAt;
/// <c>claims[]</c> with source, value, quote) or a labelled set (<c>texts[]</c> with file, language, publishedAt;
/// <c>statements[]</c> with file, value, quote, measure, attributedTo). Text files are relative to the JSON file.
/// Values are read by the API's own parser, <see cref="ClaimValueParser"/>.
/// </summary>
public static class LabelledSets
{
    public static (IReadOnlyList<LabelledText> Texts, IReadOnlyList<string> Problems) Load(string path)
    {
        var problems = new List<string>();
        using var json = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions
        {
            AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip,
        });
        var root = json.RootElement;
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var isBundle = root.TryGetProperty("sources", out _);
        var (textsName, keyName, labelsName, labelKey) = isBundle
            ? ("sources", "key", "claims", "source")
            : ("texts", "file", "statements", "file");

        var texts = new List<(string Key, string Name, string Text, string Language, DateTimeOffset Published)>();
        foreach (var entry in Array(root, textsName))
        {
            var key = Str(entry, keyName);
            var file = Str(entry, "file");
            if (key is null || file is null)
            {
                problems.Add($"{path}: a {textsName} entry without {keyName} or file");
                continue;
            }
            var textPath = Path.Combine(folder, file);
            if (!File.Exists(textPath))
            {
                problems.Add($"{path}: {file} not found");
                continue;
            }
            var published = Str(entry, "publishedAt") is { } p && DateTimeOffset.TryParse(p,
                System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var d)
                ? d
                : DateTimeOffset.UnixEpoch;
            var text = File.ReadAllText(textPath).Normalize(NormalizationForm.FormC);
            texts.Add((key, file, text, Str(entry, "language") ?? "", published));
        }

        var labels = texts.ToDictionary(t => t.Key, _ => new List<LabelledStatement>(), StringComparer.Ordinal);
        var index = 0;
        foreach (var entry in Array(root, labelsName))
        {
            index++;
            var key = Str(entry, labelKey);
            if (key is null || !labels.TryGetValue(key, out var list))
            {
                problems.Add($"{path}: {labelsName}[{index - 1}] names no known text ({key ?? "none"})");
                continue;
            }
            if (!entry.TryGetProperty("value", out var valueJson))
            {
                problems.Add($"{path}: {labelsName}[{index - 1}] has no value");
                continue;
            }
            var (value, errors) = ClaimValueParser.Parse(valueJson);
            if (value is null)
            {
                problems.Add($"{path}: {labelsName}[{index - 1}]: " +
                    string.Join("; ", errors.Select(e => $"{e.Field} {e.Message}")));
                continue;
            }
            list.Add(new LabelledStatement(value, Str(entry, "quote") ?? "", Str(entry, "measure"),
                Str(entry, "attributedTo")));
        }
        return (texts.Select(t => new LabelledText(t.Name, t.Text, t.Language, t.Published, labels[t.Key])).ToList(),
            problems);
    }

    private static IEnumerable<JsonElement> Array(JsonElement root, string name) =>
        root.TryGetProperty(name, out var array) && array.ValueKind == JsonValueKind.Array
            ? array.EnumerateArray()
            : [];

    private static string? Str(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var v)
        && v.ValueKind == JsonValueKind.String
            ? v.GetString()
            : null;
}
