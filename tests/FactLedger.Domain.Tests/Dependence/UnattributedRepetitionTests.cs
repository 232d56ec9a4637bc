using FactLedger.Domain.Dependence;
using FactLedger.Domain.Values;

namespace FactLedger.Domain.Tests.Dependence;

/// <summary>Unattributed repetition: given claims, when dependence is suggested, then a later source repeating an
/// attributed value without naming anyone depends on the earlier source.</summary>
public class UnattributedRepetitionTests
{
    private static readonly DateTimeOffset Friday = new(2022, 1, 7, 9, 0, 0, TimeSpan.Zero);
    private const string Killed = "kz-2022-unrest.security-forces.killed";

    private static ClaimValue Count(long value, Qualifier qualifier = Qualifier.Exact) =>
        new() { Qualifier = qualifier, Kind = FigureKind.Count, Value = value };

    private static ReportedClaim Claim(string id, string source, int hour, ClaimValue value,
        string? attributedTo = null, string figure = Killed) =>
        new(id, figure, source, Friday.AddHours(hour), value, attributedTo);

    /// <summary>Sources whose texts share nothing, so only the claims speak.</summary>
    private static SourceText Source(string key, int hour, string? outlet = null) =>
        new(key, "en", Friday.AddHours(hour), outlet ?? "Outlet " + key, "A short text.");

    private static IReadOnlyList<DependenceSuggestion> Suggest(params ReportedClaim[] claims) =>
        DependenceSuggester.Suggest(claims.Select(c => c.SourceKey).Distinct()
            .Select(k => Source(k, claims.First(c => c.SourceKey == k).PublishedAt.Hour - 9)).ToList(), claims);

    [Fact]
    public void Given_an_attributed_count_when_a_later_source_repeats_it_naming_no_one_then_it_depends_on_the_first()
    {
        var suggestion = Assert.Single(Suggest(
            Claim("ministry-13", "tass-1", 0, Count(13), "Kazakh Interior Ministry"),
            Claim("plain-13", "site-2", 3, Count(13))));

        Assert.Equal(("site-2", "tass-1", DependsOnKind.Source), (suggestion.Source, suggestion.DependsOn,
            suggestion.Kind));
        Assert.Equal(new UnattributedRepetitionEvidence(Killed, "plain-13", "ministry-13", "Kazakh Interior Ministry",
            Count(13)), Assert.Single(suggestion.Evidence));
        Assert.Equal(0.3, suggestion.Score);
    }

    [Fact]
    public void Given_several_attributed_reports_then_the_repetition_depends_on_the_earliest()
    {
        var suggestion = Assert.Single(Suggest(
            Claim("second", "b", 1, Count(13), "Interior Ministry"),
            Claim("first", "a", 0, Count(13), "Interior Ministry"),
            Claim("plain", "c", 2, Count(13))));
        Assert.Equal(("c", "a"), (suggestion.Source, suggestion.DependsOn));
    }

    [Fact]
    public void Given_another_value_qualifier_or_figure_then_it_is_not_a_repetition()
    {
        var attributed = Claim("ministry-13", "a", 0, Count(13), "Interior Ministry");
        Assert.Empty(Suggest(attributed, Claim("other-value", "b", 1, Count(14))));
        Assert.Empty(Suggest(attributed, Claim("at-least", "b", 1, Count(13, Qualifier.AtLeast))));
        Assert.Empty(Suggest(attributed, Claim("other-figure", "b", 1, Count(13), figure: "kz.protesters.killed")));
    }

    [Fact]
    public void Given_the_later_report_names_an_authority_or_comes_first_then_it_is_not_a_repetition()
    {
        var attributed = Claim("ministry-13", "a", 2, Count(13), "Interior Ministry");
        Assert.Empty(Suggest(attributed, Claim("named", "b", 3, Count(13), "Interior Ministry")));
        Assert.Empty(Suggest(attributed, Claim("earlier", "b", 1, Count(13))));
        Assert.Empty(Suggest(attributed, Claim("same-moment", "b", 2, Count(13))));
    }

    [Fact]
    public void Given_the_authority_publishing_its_own_figure_then_it_is_not_a_repetition()
    {
        var claims = new[]
        {
            Claim("reported", "agency", 0, Count(13), "Interior Ministry"),
            Claim("own-site", "ministry-site", 1, Count(13)),
        };
        var sources = new[] { Source("agency", 0), Source("ministry-site", 1, outlet: "interior  ministry") };
        Assert.Empty(DependenceSuggester.Suggest(sources, claims));
    }

    [Fact]
    public void Given_repetitions_of_two_figures_then_one_suggestion_with_both_and_a_higher_score()
    {
        var suggestion = Assert.Single(Suggest(
            Claim("ministry-killed", "a", 0, Count(13), "Interior Ministry"),
            Claim("ministry-injured", "a", 0, Count(317), "Interior Ministry", figure: "kz.police.injured"),
            Claim("plain-injured", "b", 1, Count(317), figure: "kz.police.injured"),
            Claim("plain-killed", "b", 1, Count(13))));

        Assert.Equal([Killed, "kz.police.injured"],
            suggestion.Evidence.Cast<UnattributedRepetitionEvidence>().Select(e => e.FigureKey).ToList());
        Assert.Equal(0.51, suggestion.Score);
    }
}
