using System.Text.Json;
using FactLedger.Domain.Dependence;
using FactLedger.Domain.Figures;
using FactLedger.Domain.Ledger;
using FactLedger.Domain.Tests.Origins;
using FactLedger.Domain.Values;
using static FactLedger.Domain.Tests.Dependence.DependenceTexts;

namespace FactLedger.Domain.Tests.Dependence;

/// <summary>The scenario, end to end: three outlets run one agency text, lightly edited and without
/// attribution, a fourth reports the event itself. Given the sources and claims, when dependence is suggested and
/// the suggestions confirmed, then the four reports are two origins.</summary>
public class DependenceScenarioTests
{
    private static readonly DateTimeOffset Sunday = new(2022, 1, 9, 8, 0, 0, TimeSpan.Zero);
    private const string Killed = "kz-2022-unrest.people.killed";
    private static readonly ClaimValue AtLeast164 =
        new() { Qualifier = Qualifier.AtLeast, Kind = FigureKind.Count, Value = 164 };

    private static SourceText Source(string key, int hour, string? outlet, string text) =>
        new(key, "en", Sunday.AddHours(hour), outlet, text);

    private static ReportedClaim ClaimOf(SourceText source, string? attributedTo = null) =>
        new("killed-" + source.Key, Killed, source.Key, source.PublishedAt, AtLeast164, attributedTo);

    private static IReadOnlyList<SourceText> Outlets(string first, string second, string third) =>
    [
        Source("first", 0, "Steppe Daily", first),
        Source("second", 1, "Almaty Courier", second),
        Source("third", 2, null, third),
        Source("own", 3, "Eurasia Review", Independent),
    ];

    /// <summary>The figure of <paramref name="claims"/> folded with <paramref name="suggestions"/> confirmed.
    /// </summary>
    private static Figure Confirmed(IReadOnlyList<SourceText> sources, IReadOnlyList<ReportedClaim> claims,
        IEnumerable<DependenceSuggestion> suggestions)
    {
        var outlets = sources.Select(s => new SourceOutlet(s.Key, s.Outlet, s.PublishedAt)).ToList();
        var decider = OriginWorld.Decider(outlets, [.. suggestions.Select(s => new DependenceConfirmed(s.Id, s.Source,
            s.DependsOn, s.Kind, s.Evidence, s.Score, null, "ed", Sunday))]);
        var byKey = outlets.ToDictionary(o => o.Key);
        return OriginWorld.Fold(decider, [.. claims.Select(c => OriginWorld.Claim(byKey[c.SourceKey], c.AttributedTo,
            c.Value, c.FigureKey) with { ClaimId = c.ClaimId })]);
    }

    [Fact]
    public void Given_three_unattributed_copies_and_an_own_report_then_two_depend_on_the_earliest_two_origins()
    {
        var sources = Outlets(Wire, WireEditedOnce, WireEditedTwice);
        var claims = sources.Select(s => ClaimOf(s)).ToList();

        var suggestions = DependenceSuggester.Suggest(sources, claims);

        Assert.Equal(["dep.second.source.first", "dep.third.source.first"], suggestions.Select(s => s.Id).Order());
        Assert.All(suggestions, s => Assert.IsType<SharedTextEvidence>(Assert.Single(s.Evidence)));
        Assert.Equal(4, Confirmed(sources, claims, []).Estimate.Origins);
        var figure = Confirmed(sources, claims, suggestions);
        Assert.Equal(2, figure.Estimate.Origins);
        Assert.Equal(["killed-first", "killed-second", "killed-third"],
            figure.OriginGroups.Single(g => g.Name == "Steppe Daily").Claims.Select(c => c.Id));
    }

    [Fact]
    public void Given_the_copies_credit_the_agency_then_all_three_depend_on_the_agency_and_two_origins()
    {
        var sources = Outlets("ALMATY, Jan 9 (Reuters) - " + Wire,
            WireEditedOnce + " (Reuters)",
            WireEditedTwice.Replace("state television said", "state television said, Reuters reported"));
        var claims = sources.Select(s => ClaimOf(s)).ToList();

        var suggestions = DependenceSuggester.Suggest(sources, claims);

        Assert.Equal(["first", "second", "third"], suggestions.Select(s => s.Source).Order());
        Assert.All(suggestions, s => Assert.Equal(("Reuters", DependsOnKind.Agency), (s.DependsOn, s.Kind)));
        // The later copies' shared text backs their dependence on the agency, not on the first copy.
        var second = suggestions.Single(s => s.Source == "second");
        Assert.Equal(["first", "Reuters"], second.Evidence.Select(e => e switch
        {
            SharedTextEvidence t => t.EarlierSource,
            CopyMarkerEvidence m => m.Agency,
            _ => "",
        }));
        Assert.True(second.Score > suggestions.Single(s => s.Source == "first").Score);
        Assert.Equal(["eurasia review: killed-own", "reuters: killed-first, killed-second, killed-third"],
            OriginWorld.Groups(Confirmed(sources, claims, suggestions)));
    }

    [Fact]
    public void Given_a_copy_that_also_repeats_an_attributed_figure_then_one_suggestion_carries_both()
    {
        var sources = Outlets(Wire, WireWithNewLede, "Nothing in common.");
        var claims = new[] { ClaimOf(sources[0], "Interior Ministry"), ClaimOf(sources[1]) };

        var suggestion = Assert.Single(DependenceSuggester.Suggest(sources, claims));

        Assert.Equal("dep.second.source.first", suggestion.Id);
        Assert.IsType<SharedTextEvidence>(suggestion.Evidence[0]);
        Assert.IsType<UnattributedRepetitionEvidence>(suggestion.Evidence[1]);
        var shared = suggestion.Evidence[0].Strength();
        Assert.Equal(Math.Round(1 - (1 - shared) * (1 - 0.3), 4), suggestion.Score);
        // After confirmation the copy is the ministry's, through the first outlet.
        var figure = Confirmed(sources, claims, [suggestion]);
        Assert.Single(figure.OriginGroups);
        Assert.Equal("Interior Ministry via Steppe Daily", OriginWorld.Described(figure, "killed-second"));
    }

    [Fact]
    public void Given_the_same_input_in_another_order_then_the_same_suggestions()
    {
        var sources = Outlets("ALMATY (Reuters) - " + Wire, WireEditedOnce, WireEditedTwice);
        var claims = sources.Select(s => ClaimOf(s)).ToList();

        var once = JsonSerializer.Serialize(DependenceSuggester.Suggest(sources, claims));
        var again = JsonSerializer.Serialize(DependenceSuggester.Suggest(sources.Reverse().ToList(),
            claims.AsEnumerable().Reverse().ToList()));

        Assert.Equal(once, again);
    }

    [Fact]
    public void Given_a_suggestion_stored_as_json_then_it_reads_back_with_its_evidence_kinds()
    {
        var sources = Outlets("ALMATY (Reuters) - " + Wire, WireWithNewLede, "Nothing in common.");
        var suggestions = DependenceSuggester.Suggest(sources, []);

        var json = JsonSerializer.Serialize(suggestions);
        var read = JsonSerializer.Deserialize<List<DependenceSuggestion>>(json)!;

        Assert.Contains("\"type\":\"shared-text\"", json);
        Assert.Contains("\"type\":\"copy-marker\"", json);
        Assert.Contains("\"Kind\":\"agency\"", json);
        Assert.Equal(json, JsonSerializer.Serialize(read));
    }
}
