namespace FactLedger.Api.Features.Proposals;

/// <summary>
/// The command-line form of proposing: <c>propose &lt;file&gt; --language ar --published 2022-01-07T10:00:00Z
/// [--story s] [--key k] [--outlet o] [--url u]</c> runs the extractor over a text file, with no database, and prints
/// an NDJSON bundle ready to edit and feed to <c>ingest</c>: the source (text inline), a figure for each figure the
/// proposals would need, and one claim per proposal (its id the proposal's, its note saying what the extractor saw).
/// </summary>
public static class ProposeFile
{
    public const string Usage = "usage: dotnet run --project src/FactLedger.Api -- propose <file> --language ar " +
        "--published 2022-01-07T10:00:00Z [--story kz-2022-unrest] [--key source-key] [--outlet name] [--url url]";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static int Run(IReadOnlyList<string> arguments, TextWriter output, TextWriter error)
    {
        var (file, options, problem) = Parse(arguments);
        if (problem is not null)
        {
            error.WriteLine(problem);
            error.WriteLine(Usage);
            return 64;
        }
        string text;
        try
        {
            text = Domain.Quotes.QuoteLocator.Canonical(File.ReadAllText(Infrastructure.Cli.Resolve(file!)));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"Cannot read '{file}': {e.Message}");
            return 66;
        }
        var language = options["language"];
        var published = DateTimeOffset.Parse(options["published"], CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal);
        var story = options.GetValueOrDefault("story") ?? "new-story";
        var key = options.GetValueOrDefault("key") ?? SourceKeyOf(file!, published);

        var findings = Extractor.Extract(new ExtractionInput(text, language, published));
        output.WriteLine(Line("source", new
        {
            key, outlet = options.GetValueOrDefault("outlet"), url = options.GetValueOrDefault("url"), language,
            title = TitleOf(text, file!), publishedAt = published, text,
        }));
        var figures = new HashSet<string>(StringComparer.Ordinal);
        foreach (var f in findings)
        {
            var figure = FigureSuggester.NewFigureKey(story, f);
            if (figures.Add(figure))
                output.WriteLine(Line("figure", new
                {
                    key = figure, kind = f.Value.Kind, cumulative = f.Value.Kind == FigureKind.Count,
                    labels = new Dictionary<string, string> { ["en"] = LabelOf(f) },
                }));
        }
        foreach (var f in findings)
        {
            var draft = new ProposalDraft(f.Value, f.Measure, f.SubjectKey, f.Subject, f.AttributedTo, f.Quote,
                f.QuoteOffset, f.QuoteLength, f.ValueOffset, f.ValueLength, f.Confidence, null, null);
            output.WriteLine(Line("claim", new
            {
                id = ProposalDecider.IdOf(key, draft), figure = FigureSuggester.NewFigureKey(story, f), source = key,
                value = f.Value, quote = f.Quote, attributedTo = f.AttributedTo,
                note = $"Proposed by {Extractor.Version}: {f.Measure}" + (f.Subject is null ? "" : $" ({f.Subject})") +
                    $", confidence {f.Confidence.ToString("0.00", CultureInfo.InvariantCulture)}.",
            }));
        }
        error.WriteLine($"{findings.Count} proposals from {Path.GetFileName(file)}" +
            (options.ContainsKey("story") ? "" : "; figure keys use the story 'new-story' (--story names it)"));
        return 0;
    }

    private static string Line(string kind, object payload) =>
        JsonSerializer.Serialize(new Dictionary<string, object> { [kind] = payload }, Json);

    private static (string? File, Dictionary<string, string> Options, string? Problem) Parse(
        IReadOnlyList<string> arguments)
    {
        string? file = null;
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        string[] known = ["language", "published", "story", "key", "outlet", "url"];
        for (var i = 0; i < arguments.Count; i++)
        {
            var a = arguments[i];
            if (!a.StartsWith("--", StringComparison.Ordinal))
            {
                if (file is not null) return (null, options, $"one file only ('{file}', then '{a}')");
                file = a;
                continue;
            }
            var name = a[2..];
            if (!known.Contains(name)) return (null, options, $"unknown option '{a}'");
            if (i + 1 >= arguments.Count) return (null, options, $"'{a}' needs a value");
            options[name] = arguments[++i];
        }
        if (file is null) return (null, options, "the text file is missing");
        if (!options.TryGetValue("language", out var language)
            || !System.Text.RegularExpressions.Regex.IsMatch(language, TextRules.LanguagePattern))
            return (null, options, "--language is required: a language tag such as ar, tr or en");
        if (!options.TryGetValue("published", out var published)
            || !DateTimeOffset.TryParse(published, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _))
            return (null, options, "--published is required: the publication time, e.g. 2022-01-07T10:00:00Z");
        if (options.TryGetValue("story", out var story) && !LedgerKeys.IsSlug(story))
            return (null, options, "--story must be lowercase letters, digits and single hyphens");
        if (options.TryGetValue("key", out var key) && LedgerKeys.SourceKeyProblem(key) is { } keyProblem)
            return (null, options, $"--key {keyProblem}");
        return (file, options, null);
    }

    /// <summary>A source key from the file name and the publication day, e.g. 2022-01-07-reuters-quake.</summary>
    private static string SourceKeyOf(string file, DateTimeOffset published)
    {
        var name = new string(Path.GetFileNameWithoutExtension(file).ToLowerInvariant()
            .Select(c => c is >= 'a' and <= 'z' or >= '0' and <= '9' ? c : '-').ToArray());
        var slug = string.Join('-', name.Split('-', StringSplitOptions.RemoveEmptyEntries));
        var key = $"{published.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}-{slug}".TrimEnd('-');
        return key.Length <= 80 ? key : key[..80].TrimEnd('-');
    }

    private static string TitleOf(string text, string file)
    {
        var first = text.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0);
        return first is null ? Path.GetFileName(file) : first.Length <= 300 ? first : first[..300];
    }

    private static string LabelOf(Finding f) =>
        $"{(f.SubjectKey ?? "all").Replace('-', ' ')} {f.Measure}";
}
