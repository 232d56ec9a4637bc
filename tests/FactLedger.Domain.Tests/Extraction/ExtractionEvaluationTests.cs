using FactLedger.Domain.Extraction;
using FactLedger.Domain.Values;

namespace FactLedger.Domain.Tests.Extraction;

public class ExtractionEvaluationTests
{
    private static readonly DateTimeOffset Published = new(2022, 1, 7, 12, 0, 0, TimeSpan.Zero);

    private static ClaimValue Count(Qualifier qualifier, long value) =>
        new() { Qualifier = qualifier, Kind = FigureKind.Count, Value = value };

    [Fact]
    public void Given_findings_when_scored_then_recall_and_precision_follow_value_and_quote_overlap()
    {
        const string text = "Police said 20 people were killed. Later 30 were injured. Also 40 were detained.";
        var labelled = new LabelledText("t", text, "en", Published,
        [
            new(Count(Qualifier.Exact, 20), "20 people were killed"),
            new(Count(Qualifier.Exact, 30), "30 were injured"),
            new(Count(Qualifier.Exact, 99), "not in the text"),
        ]);
        Finding At(string quote, ClaimValue value) => new(value, "killed", null, null, null, quote,
            text.IndexOf(quote, StringComparison.Ordinal), quote.Length, text.IndexOf(quote, StringComparison.Ordinal),
            1, 0.5);
        var findings = new[]
        {
            At("Police said 20 people were killed.", Count(Qualifier.Exact, 20)), // matches
            At("Later 30 were injured.", Count(Qualifier.MoreThan, 30)),          // wrong qualifier
            At("Also 40 were detained.", Count(Qualifier.Exact, 30)),             // right value, wrong place
        };

        var report = ExtractionEvaluation.Score([(labelled, findings)]);

        var en = Assert.Single(report.Languages);
        Assert.Equal((3, 3, 1, 1), (en.Labels, en.Findings, en.RecalledLabels, en.MatchedFindings));
        Assert.Equal(1.0 / 3, en.Recall, 6);
        Assert.Equal(1.0 / 3, en.Precision, 6);
        Assert.Equal(2, en.Misses.Count);
        Assert.Equal(2, en.FalseFindings.Count);
        Assert.Contains(en.Misses, m => m.Reason.Contains("not in the text"));
    }

    [Fact]
    public void Given_relative_and_vague_values_when_compared_then_resolved_days_and_canonical_terms_decide()
    {
        var published = new DateOnly(2022, 1, 7);
        var yesterday = new ClaimValue
        {
            Qualifier = Qualifier.Exact, Kind = FigureKind.Date, Relative = new RelativeDate("أمس", null, -1),
        };
        var sixth = new ClaimValue
        {
            Qualifier = Qualifier.Exact, Kind = FigureKind.Date, Value = new DateOnly(2022, 1, 6).DayNumber,
        };
        var dozens = new ClaimValue { Qualifier = Qualifier.Vague, Kind = FigureKind.Count, Term = "عشرات" };
        var tens = new ClaimValue { Qualifier = Qualifier.Vague, Kind = FigureKind.Count, Term = "dozens" };

        Assert.True(ExtractionEvaluation.SameValue(sixth, yesterday, published));
        Assert.False(ExtractionEvaluation.SameValue(sixth, yesterday, published.AddDays(1)));
        Assert.True(ExtractionEvaluation.SameValue(tens, dozens, published));
        Assert.False(ExtractionEvaluation.SameValue(Count(Qualifier.Exact, 6), sixth, published));
    }
}
