using FactLedger.Domain.Dependence;
using static FactLedger.Domain.Tests.Dependence.DependenceTexts;

namespace FactLedger.Domain.Tests.Dependence;

/// <summary>Shared text: given sources, when dependence is suggested, then copies depend on what they copy.
/// </summary>
public class SharedTextTests
{
    private static readonly DateTimeOffset Sunday = new(2022, 1, 9, 8, 0, 0, TimeSpan.Zero);

    private static SourceText Source(string key, string text, int hour = 0, string language = "en",
        string? outlet = null) =>
        new(key, language, Sunday.AddHours(hour), outlet ?? "Outlet " + key, text);

    private static IReadOnlyList<DependenceSuggestion> Suggest(params SourceText[] sources) =>
        DependenceSuggester.Suggest(sources, []);

    private static SharedTextEvidence SharedText(DependenceSuggestion suggestion) =>
        Assert.IsType<SharedTextEvidence>(Assert.Single(suggestion.Evidence));

    [Fact]
    public void Given_a_wire_story_and_a_copy_with_a_new_lede_then_the_copy_depends_on_the_story()
    {
        var suggestion = Assert.Single(Suggest(Source("wire", Wire), Source("rewrite", WireWithNewLede, 2)));

        Assert.Equal(("rewrite", "wire", DependsOnKind.Source),
            (suggestion.Source, suggestion.DependsOn, suggestion.Kind));
        var evidence = SharedText(suggestion);
        Assert.Equal("wire", evidence.EarlierSource);
        Assert.InRange(evidence.Share, 0.7, 0.95);
        Assert.Equal(1, evidence.Passages);
        Assert.StartsWith("Almaty, the country's largest city", evidence.Longest.Text);
        Assert.EndsWith("remained closed to commercial flights", evidence.Longest.Text);
        Assert.Equal(evidence.Longest.Text,
            WireWithNewLede.Substring(evidence.Longest.Offset, evidence.Longest.Length));
        Assert.InRange(suggestion.Score, 0.8, 1.0);
    }

    [Fact]
    public void Given_two_independent_reports_of_one_event_with_the_same_figures_then_nothing_is_suggested()
    {
        // Both give 164 and 5,800, "state television said on Sunday", "he had ordered troops to open fire without
        // warning", "the price of liquefied petroleum gas".
        Assert.Empty(Suggest(Source("wire", Wire), Source("own-report", Independent, 2)));
    }

    [Fact]
    public void Given_a_copy_published_first_in_the_list_then_the_later_published_depends_on_the_earlier()
    {
        var suggestion = Assert.Single(Suggest(Source("rewrite", WireWithNewLede, 5), Source("wire", Wire, 1)));
        Assert.Equal(("rewrite", "wire"), (suggestion.Source, suggestion.DependsOn));
    }

    [Fact]
    public void Given_identical_texts_published_at_the_same_moment_then_the_later_key_depends_on_the_earlier()
    {
        var suggestion = Assert.Single(Suggest(Source("b-site", Wire), Source("a-site", Wire)));
        Assert.Equal(("b-site", "a-site"), (suggestion.Source, suggestion.DependsOn));
        Assert.Equal(1.0, SharedText(suggestion).Share);
    }

    [Fact]
    public void Given_the_same_text_in_two_languages_then_they_are_never_compared()
    {
        Assert.Empty(Suggest(Source("en-site", Wire), Source("de-site", Wire, 1, language: "de")));
        // A regional tag is the same language.
        Assert.Single(Suggest(Source("en-site", Wire), Source("uk-site", Wire, 1, language: "en-GB")));
    }

    [Fact]
    public void Given_two_texts_of_one_outlet_then_their_sharing_text_is_not_a_dependence()
    {
        Assert.Empty(Suggest(Source("first", Wire, outlet: "Steppe Daily"),
            Source("update", WireWithNewLede, 3, outlet: "STEPPE  daily")));
    }

    [Fact]
    public void Given_a_turkish_copy_with_a_capitalised_lede_then_dotted_and_dotless_i_fold_and_it_is_flagged()
    {
        var suggestion = Assert.Single(Suggest(Source("aa", Turkish, language: "tr"),
            Source("site", TurkishCopy, 1, language: "tr")));
        Assert.Equal(("site", "aa"), (suggestion.Source, suggestion.DependsOn));
        Assert.Equal(1.0, SharedText(suggestion).Share);
        Assert.StartsWith("KAZAKİSTAN İÇİŞLERİ BAKANLIĞI", SharedText(suggestion).Longest.Text);
    }

    [Fact]
    public void Given_an_arabic_copy_with_diacritics_tatweel_and_bare_alefs_then_they_are_ignored_and_it_is_flagged()
    {
        var suggestion = Assert.Single(Suggest(Source("agency", Arabic, language: "ar"),
            Source("site", ArabicCopy, 1, language: "ar")));
        Assert.Equal(("site", "agency"), (suggestion.Source, suggestion.DependsOn));
        Assert.Equal(1.0, SharedText(suggestion).Share);
        Assert.Equal(ArabicCopy.TrimEnd('.'), SharedText(suggestion).Longest.Text);
    }

    [Fact]
    public void Given_several_copies_of_one_story_then_each_later_copy_depends_on_the_earliest_only()
    {
        var suggestions = Suggest(Source("first", Wire), Source("second", WireEditedOnce, 1),
            Source("third", WireEditedTwice, 2));

        Assert.Equal([("second", "first"), ("third", "first")],
            suggestions.Select(s => (s.Source, s.DependsOn)).Order().ToList());
        // Light edits break passages but leave most of the text shared.
        Assert.All(suggestions, s => Assert.InRange(SharedText(s).Share, 0.6, 0.99));
        Assert.All(suggestions, s => Assert.True(SharedText(s).Passages > 1));
    }

    [Fact]
    public void Given_a_text_combining_two_stories_then_it_depends_on_both()
    {
        var combined = Wire + "\n\n" + Independent;
        var suggestions = Suggest(Source("wire", Wire), Source("report", Independent, 1),
            Source("roundup", combined, 2));

        Assert.Equal(["report", "wire"], suggestions.Where(s => s.Source == "roundup")
            .Select(s => s.DependsOn).Order().ToList());
    }

    [Fact]
    public void Given_a_copy_of_a_copy_that_kept_the_new_lede_then_it_depends_on_the_rewrite_not_twice()
    {
        var suggestions = Suggest(Source("wire", Wire), Source("rewrite", WireWithNewLede, 1),
            Source("reprint", WireWithNewLede, 2));

        // The reprint shares everything with the rewrite, most with the wire: one dependence, on the closer text.
        var reprint = Assert.Single(suggestions, s => s.Source == "reprint");
        Assert.Equal("rewrite", reprint.DependsOn);
    }
}
