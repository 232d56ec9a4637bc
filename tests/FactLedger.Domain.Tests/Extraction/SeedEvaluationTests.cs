using System.Text;
using System.Text.Json;
using FactLedger.Domain.Extraction;
using FactLedger.Domain.Values;

namespace FactLedger.Domain.Tests.Extraction;

/// <summary>The bar on the curated seed bundle: recall of its claims ≥ 90 %, precision ≥ 60 %.</summary>
public class SeedEvaluationTests
{
    [Fact]
    public void Given_the_seed_bundle_when_evaluated_then_recall_and_precision_meet_the_bar()
    {
        var texts = LoadBundle(Path.Combine(RepositoryRoot(), "seeds", "kz-2022-unrest.json"));
        Assert.Equal(29, texts.Sum(t => t.Statements.Count));

        var report = ExtractionEvaluation.Run(texts);

        var misses = string.Join("\n", report.Overall.Misses.Select(m =>
            $"{m.TextName}: {ExtractionEvaluation.Describe(m.Statement.Value)} «{m.Statement.Quote}» {m.Reason}"));
        Assert.True(report.Overall.Recall >= 0.90, $"recall {report.Overall.Recall:0.000}; misses:\n{misses}");
        Assert.True(report.Overall.Precision >= 0.60, $"precision {report.Overall.Precision:0.000}");
    }

    private static List<LabelledText> LoadBundle(string path)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(path));
        var folder = Path.GetDirectoryName(path)!;
        var claims = json.RootElement.GetProperty("claims").EnumerateArray().ToList();
        return json.RootElement.GetProperty("sources").EnumerateArray().Select(source =>
        {
            var key = source.GetProperty("key").GetString()!;
            var statements = claims.Where(c => c.GetProperty("source").GetString() == key).Select(c =>
            {
                var (value, errors) = ClaimValueParser.Parse(c.GetProperty("value"));
                Assert.Empty(errors);
                return new LabelledStatement(value!, c.GetProperty("quote").GetString()!);
            }).ToList();
            var file = source.GetProperty("file").GetString()!;
            return new LabelledText(file,
                File.ReadAllText(Path.Combine(folder, file)).Normalize(NormalizationForm.FormC),
                source.GetProperty("language").GetString()!,
                DateTimeOffset.Parse(source.GetProperty("publishedAt").GetString()!,
                    System.Globalization.CultureInfo.InvariantCulture), statements);
        }).ToList();
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "FactLedger.sln"))) return dir.FullName;
        throw new InvalidOperationException("FactLedger.sln not found above the test's folder");
    }
}
