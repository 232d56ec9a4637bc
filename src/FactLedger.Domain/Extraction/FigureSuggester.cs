using System.Text;
using FactLedger.Domain.Keys;
using FactLedger.Domain.Values;

namespace FactLedger.Domain.Extraction;

/// <summary>Which figure of a story a finding belongs to, judged by the figure's key and its labels read with the
/// same language tables as the text.</summary>
public static class FigureSuggester
{
    public sealed record Candidate(string FigureKey, FigureKind Kind, IReadOnlyDictionary<string, string> Labels);

    /// <summary>Enough to suggest: the measure agrees, and the subject at least does not disagree.</summary>
    private const double Threshold = 1.3;

    /// <summary>
    /// The existing figure of the story this finding most likely belongs to (kind must match; labels in the
    /// source's language and the measure lexicon decide), or null when none fits well enough or two fit equally.
    /// </summary>
    public static string? Suggest(Finding finding, string language, IEnumerable<Candidate> figures)
    {
        var scored = figures
            .Where(f => f.Kind == finding.Value.Kind)
            .Select(f => (f.FigureKey, Score: Score(finding, language, f)))
            .Where(s => s.Score >= Threshold)
            .OrderByDescending(s => s.Score)
            .ToList();
        if (scored.Count == 0 || scored.Count > 1 && scored[1].Score >= scored[0].Score) return null;
        return scored[0].FigureKey;
    }

    /// <summary>The figure key a new figure for this finding would need: "{story}.{subjectKey or 'all'}.{measure}",
    /// each part a slug.</summary>
    public static string NewFigureKey(string story, Finding finding)
    {
        var key = $"{Slug(story, "story")}.{Slug(finding.SubjectKey, "all")}.{Slug(finding.Measure, "occurred")}";
        return LedgerKeys.FigureKeyProblem(key) is null ? key : $"story.all.{Slug(finding.Measure, "occurred")}";
    }

    private static double Score(Finding finding, string language, Candidate figure)
    {
        var parts = figure.FigureKey.Split('.');
        if (parts.Length != 3) return 0;
        var (group, measure) = (parts[1], parts[2]);
        var label = figure.Labels.TryGetValue(language, out var own) ? own
            : figure.Labels.TryGetValue("en", out var english) ? english : "";
        var isDate = finding.Value.Kind == FigureKind.Date;
        var labelWords = Read(label, language, isDate);
        var keyWords = Read($"{group.Replace('-', ' ')} {measure.Replace('-', ' ')}", "en", isDate);

        double measureScore;
        if (measure == finding.Measure || keyWords.Measures.Contains(finding.Measure)) measureScore = 1;
        else if (labelWords.Measures.Contains(finding.Measure)) measureScore = 0.8;
        else if (Measures.All.Contains(measure) || labelWords.Measures.Count > 0) return 0;
        else measureScore = 0.2;

        double subjectScore;
        var subjects = labelWords.Subjects.Concat(keyWords.Subjects).ToHashSet();
        if (finding.SubjectKey is { } subject)
            subjectScore = group == subject ? 1 : subjects.Contains(subject) ? 0.8
                : group == "all" ? 0.3 : subjects.Count > 0 ? -0.5 : 0;
        else subjectScore = group == "all" ? 0.5 : 0.3;
        return measureScore + subjectScore;
    }

    private static (HashSet<string> Measures, HashSet<string> Subjects) Read(string text, string language, bool dates)
    {
        var view = new TextView(text, LanguageTable.For(language));
        var measures = new HashSet<string>(StringComparer.Ordinal);
        var subjects = new HashSet<string>(StringComparer.Ordinal);
        var table = dates ? view.Language.DateEvents : view.Language.CountMeasures;
        for (var i = 0; i < view.Count; i++)
        {
            if (table.MatchAt(view, i) is { } m) measures.Add(m.Value);
            if (view.Language.Subjects.MatchAt(view, i) is { } s) subjects.Add(s.Value);
        }
        return (measures, subjects);
    }

    private static string Slug(string? text, string fallback)
    {
        if (string.IsNullOrWhiteSpace(text)) return fallback;
        var builder = new StringBuilder();
        foreach (var c in text.ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c)) builder.Append(c);
            else if (builder.Length > 0 && builder[^1] != '-') builder.Append('-');
            if (builder.Length >= 80) break;
        }
        var slug = builder.ToString().Trim('-');
        return LedgerKeys.IsSlug(slug) ? slug : fallback;
    }
}
