using System.Globalization;
using FactLedger.Domain.Extraction;
using FactLedger.Extraction.Evaluation;

// dotnet run --project tests/FactLedger.Extraction.Evaluation -- <file.json> [more files] [--verbose]
//   [--min-recall 0.9] [--min-precision 0.6] [--per-language]
// Thresholds apply to all languages together, or with --per-language to each language that has labels.
var files = new List<string>();
var verbose = false;
var perLanguage = false;
double? minRecall = null, minPrecision = null;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--verbose": verbose = true; break;
        case "--per-language": perLanguage = true; break;
        case "--min-recall" when i + 1 < args.Length: minRecall = Ratio(args[++i]); break;
        case "--min-precision" when i + 1 < args.Length: minPrecision = Ratio(args[++i]); break;
        default:
            if (args[i].StartsWith("--", StringComparison.Ordinal))
            {
                Console.Error.WriteLine($"unknown option {args[i]}");
                return 2;
            }
            files.Add(args[i]);
            break;
    }
}
if (files.Count == 0)
{
    Console.Error.WriteLine("usage: <file.json> [more files] [--verbose] [--min-recall 0.9] [--min-precision 0.6] " +
        "[--per-language]");
    return 2;
}

var texts = new List<LabelledText>();
foreach (var file in files)
{
    if (!File.Exists(file))
    {
        Console.Error.WriteLine($"{file}: not found");
        return 2;
    }
    var (loaded, problems) = LabelledSets.Load(file);
    foreach (var problem in problems) Console.Error.WriteLine($"warning: {problem}");
    texts.AddRange(loaded);
}

var report = ExtractionEvaluation.Run(texts);
Console.WriteLine($"{Extractor.Version}");
Console.WriteLine($"{"language",-9}{"texts",6}{"labels",8}{"findings",10}{"recalled",10}{"matched",9}" +
    $"{"recall",8}{"precision",11}");
foreach (var score in report.Languages.Append(report.Overall))
    Console.WriteLine($"{score.Language,-9}{score.Texts,6}{score.Labels,8}{score.Findings,10}" +
        $"{score.RecalledLabels,10}{score.MatchedFindings,9}{score.Recall,8:0.000}{score.Precision,11:0.000}");

if (verbose)
{
    Console.WriteLine();
    foreach (var miss in report.Overall.Misses)
        Console.WriteLine($"MISS  {miss.TextName}: {ExtractionEvaluation.Describe(miss.Statement.Value)} " +
            $"«{Short(miss.Statement.Quote)}» — {miss.Reason}");
    foreach (var found in report.Overall.FalseFindings)
        Console.WriteLine($"FALSE {found.TextName}: {ExtractionEvaluation.Describe(found.Finding.Value)} " +
            $"{found.Finding.Measure} «{Short(found.Finding.Quote)}»");
}

var checkedScores = perLanguage ? report.Languages.Where(s => s.Labels > 0).ToList() : [report.Overall];
var failed = false;
foreach (var score in checkedScores)
{
    if (minRecall is { } r && score.Recall < r)
    {
        Console.WriteLine($"FAIL {score.Language}: recall {score.Recall:0.000} < {r}");
        failed = true;
    }
    if (minPrecision is { } p && score.Precision < p)
    {
        Console.WriteLine($"FAIL {score.Language}: precision {score.Precision:0.000} < {p}");
        failed = true;
    }
}
return failed ? 1 : 0;

static double Ratio(string text) => double.Parse(text, CultureInfo.InvariantCulture);

static string Short(string text)
{
    var folded = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    return folded.Length <= 110 ? folded : folded[..107] + "...";
}
