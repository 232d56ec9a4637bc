using FactLedger.Domain.Quotes;
using FactLedger.Domain.Values;

namespace FactLedger.Domain.Extraction;

/// <summary>A statement a person labelled in a text: its value and the words that carry it.</summary>
public sealed record LabelledStatement(ClaimValue Value, string Quote, string? Measure = null,
    string? AttributedTo = null);

/// <summary>A text with every figure-like statement in it labelled. <see cref="Name"/> identifies it in reports.
/// </summary>
public sealed record LabelledText(
    string Name, string Text, string Language, DateTimeOffset PublishedAt, IReadOnlyList<LabelledStatement> Statements);

public sealed record EvaluationMiss(string TextName, LabelledStatement Statement, string Reason);

public sealed record FalseFinding(string TextName, Finding Finding);

/// <summary>Scores of one language (or of all, <see cref="Language"/> "all"). Recall: labels some finding matches,
/// over labels; precision: findings matching some label, over findings (1 when there is nothing to count).</summary>
public sealed record LanguageScore(
    string Language, int Texts, int Labels, int Findings, int RecalledLabels, int MatchedFindings,
    IReadOnlyList<EvaluationMiss> Misses, IReadOnlyList<FalseFinding> FalseFindings)
{
    public double Recall => Labels == 0 ? 1 : (double)RecalledLabels / Labels;
    public double Precision => Findings == 0 ? 1 : (double)MatchedFindings / Findings;
}

public sealed record EvaluationReport(IReadOnlyList<LanguageScore> Languages, LanguageScore Overall);

/// <summary>
/// Scores the extractor's findings against labelled texts. A finding matches a label when it is in the same text,
/// its value is the label's (kind and qualifier; the number, or low and high; for a date the resolved day; for a
/// vague value the canonical term) and its quote overlaps the label's quote where that stands in the text.
/// </summary>
public static class ExtractionEvaluation
{
    /// <summary>Runs the extractor on each text and scores it.</summary>
    public static EvaluationReport Run(IEnumerable<LabelledText> texts) =>
        Score(texts.Select(t => (t, Extractor.Extract(new ExtractionInput(t.Text, t.Language, t.PublishedAt)))));

    public static EvaluationReport Score(IEnumerable<(LabelledText Text, IReadOnlyList<Finding> Findings)> results)
    {
        var scored = results.Select(r => ScoreText(r.Text, r.Findings)).ToList();
        var languages = scored.GroupBy(s => s.Language, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => Sum(g.Key, g.ToList()))
            .ToList();
        return new EvaluationReport(languages, Sum("all", scored));
    }

    private static LanguageScore Sum(string language, IReadOnlyList<LanguageScore> scores) => new(
        language, scores.Sum(s => s.Texts), scores.Sum(s => s.Labels), scores.Sum(s => s.Findings),
        scores.Sum(s => s.RecalledLabels), scores.Sum(s => s.MatchedFindings),
        scores.SelectMany(s => s.Misses).ToList(), scores.SelectMany(s => s.FalseFindings).ToList());

    private static LanguageScore ScoreText(LabelledText text, IReadOnlyList<Finding> findings)
    {
        var published = DateOnly.FromDateTime(text.PublishedAt.DateTime);
        var matchedFindings = new HashSet<int>();
        var misses = new List<EvaluationMiss>();
        var recalled = 0;
        foreach (var label in text.Statements)
        {
            var span = Locate(text.Text, label.Quote);
            if (span is null)
            {
                misses.Add(new(text.Name, label, "the labelled quote is not in the text"));
                continue;
            }
            var hits = Enumerable.Range(0, findings.Count)
                .Where(i => Overlaps(findings[i], span) && SameValue(findings[i].Value, label.Value, published))
                .ToList();
            if (hits.Count == 0)
            {
                var near = findings.Where(f => Overlaps(f, span)).Select(f => Describe(f.Value)).ToList();
                misses.Add(new(text.Name, label, near.Count == 0
                    ? "no finding in the quote"
                    : $"findings in the quote have other values: {string.Join(", ", near)}"));
                continue;
            }
            recalled++;
            matchedFindings.UnionWith(hits);
        }
        var falseFindings = findings.Where((_, i) => !matchedFindings.Contains(i))
            .Select(f => new FalseFinding(text.Name, f)).ToList();
        return new LanguageScore(text.Language, 1, text.Statements.Count, findings.Count, recalled,
            matchedFindings.Count, misses, falseFindings);
    }

    private static QuoteLocation? Locate(string text, string quote)
    {
        if (QuoteLocator.Find(text, quote) is { } found) return found;
        var at = text.IndexOf(quote.Trim(), StringComparison.Ordinal);
        return at < 0 || quote.Trim().Length == 0 ? null : new QuoteLocation(at, quote.Trim().Length);
    }

    private static bool Overlaps(Finding finding, QuoteLocation span) =>
        finding.QuoteOffset < span.Offset + span.Length && span.Offset < finding.QuoteOffset + finding.QuoteLength;

    /// <summary>Whether a found value is the labelled one. Relative dates compare by the day they resolve to
    /// (the label's own anchor, else the publication day).</summary>
    public static bool SameValue(ClaimValue found, ClaimValue labelled, DateOnly published)
    {
        var (f, l) = (found.ResolveAnchor(published), labelled.ResolveAnchor(published));
        if (f.Kind != l.Kind || f.Qualifier != l.Qualifier) return false;
        return f.Qualifier switch
        {
            Qualifier.Vague => Canonical(f) is { } a && a == Canonical(l),
            Qualifier.Range => f.Low == l.Low && f.High == l.High,
            _ => f.Value == l.Value,
        };
    }

    private static string? Canonical(ClaimValue value) =>
        value.CanonicalTerm ?? (VagueTerms.TryFind(value.Term ?? "", out var term) ? term.Canonical : null);

    /// <summary>A value in a line: "more_than 748", "exact 2022-01-05", "range 2002-01-01..2002-12-31",
    /// "vague dozens".</summary>
    public static string Describe(ClaimValue value)
    {
        string Show(long? v) => v is null ? "?"
            : value.Kind == FigureKind.Date ? DateOnly.FromDayNumber((int)v.Value).ToString("yyyy-MM-dd")
            : v.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var qualifier = System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(value.Qualifier.ToString());
        return value.Qualifier switch
        {
            Qualifier.Vague => $"vague {Canonical(value) ?? value.Term}",
            Qualifier.Range => $"range {Show(value.Low)}..{Show(value.High)}",
            _ => $"{qualifier} {Show(value.Value)}" + (value.Relative is { } r ? $" ({r.Expression})" : ""),
        };
    }
}
