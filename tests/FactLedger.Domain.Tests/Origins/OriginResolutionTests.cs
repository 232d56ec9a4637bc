using FactLedger.Domain.Dependence;
using static FactLedger.Domain.Tests.Origins.OriginWorld;

namespace FactLedger.Domain.Tests.Origins;

/// <summary>Whose a claim is: given sources, origin rules (identities, confirmed dependences) and claims, when the
/// figure is folded, then each claim's origin and the way its value came, and the estimate counts origin groups.
/// </summary>
public class OriginResolutionTests
{
    [Fact]
    public void Given_no_rules_then_a_claim_is_its_authority_s_else_its_outlet_s_and_unnamed_outlets_never_merge()
    {
        SourceOutlet[] sources = [Outlet("a", 0, "TASS"), Outlet("b", 1, "Steppe Daily"), Outlet("c", 2, null),
            Outlet("d", 3, null)];

        var figure = Fold(Decider(sources), Claim(sources[0], "Interior Ministry"), Claim(sources[1]),
            Claim(sources[2]), Claim(sources[3]));

        Assert.Equal(["interior ministry: claim-a", "steppe daily: claim-b", "unnamed outlet of c: claim-c",
            "unnamed outlet of d: claim-d"], Groups(figure));
        Assert.All(figure.Claims, c => Assert.Empty(c.Via));
        Assert.Equal(4, figure.Estimate.Origins);
    }

    [Fact]
    public void Given_a_copies_b_copies_c_then_all_three_are_one_origin_c_with_the_way_there()
    {
        SourceOutlet[] sources = [Outlet("a", 2, "Outlet A"), Outlet("b", 1, "Outlet B"), Outlet("c", 0, "Outlet C")];

        var figure = Fold(Decider(sources, On("a", "b"), On("b", "c")),
            Claim(sources[2]), Claim(sources[1]), Claim(sources[0]));

        Assert.Equal(["outlet c: claim-c, claim-b, claim-a"], Groups(figure));
        Assert.Equal("Outlet C via Outlet B", Described(figure, "claim-a"));
        Assert.Equal("Outlet C", Described(figure, "claim-b"));
        Assert.Equal(1, figure.Estimate.Origins);
    }

    [Fact]
    public void Given_a_chain_ending_at_an_agency_then_the_agency_is_the_origin()
    {
        SourceOutlet[] sources = [Outlet("a", 2, "Outlet A"), Outlet("b", 1, "Outlet B")];

        var figure = Fold(Decider(sources, On("a", "b"), OnAgency("b", "Reuters")),
            Claim(sources[1]), Claim(sources[0]));

        Assert.Equal(["reuters: claim-b, claim-a"], Groups(figure));
        Assert.Equal("Reuters via Outlet B", Described(figure, "claim-a"));
    }

    [Fact]
    public void Given_copies_of_an_agency_and_its_own_story_under_another_name_then_one_origin_by_identity()
    {
        SourceOutlet[] sources = [Outlet("afp-story", 0, "Agence France-Presse"), Outlet("copy", 1, "Outlet B")];

        var figure = Fold(Decider(sources, Same("Agence France-Presse", "AFP"), OnAgency("copy", "AFP")),
            Claim(sources[0]), Claim(sources[1]));

        Assert.Equal(["afp: claim-afp-story, claim-copy"], Groups(figure));
        Assert.Equal("AFP", figure.Find("claim-afp-story")!.Origin);
    }

    [Fact]
    public void Given_a_confirmed_repetition_of_an_attributed_figure_then_the_copy_is_the_authority_s_via_the_outlet()
    {
        // 3 reports, 1 origin (Interior Ministry via AFP).
        SourceOutlet[] sources = [Outlet("afp", 0, "AFP"), Outlet("b", 1, "Outlet B"), Outlet("c", 2, "Outlet C")];
        var repeated = new UnattributedRepetitionEvidence(Figure, "claim-b", "claim-afp", "Interior Ministry");

        var figure = Fold(Decider(sources, On("b", "afp", repeated), On("c", "b")),
            Claim(sources[0], "Interior Ministry"), Claim(sources[1]), Claim(sources[2]));

        Assert.Equal(["interior ministry: claim-afp, claim-b, claim-c"], Groups(figure));
        Assert.Equal("Interior Ministry via AFP", Described(figure, "claim-b"));
        Assert.Equal("Interior Ministry via AFP via Outlet B", Described(figure, "claim-c"));
    }

    [Fact]
    public void Given_a_repetition_confirmed_for_one_figure_then_another_figure_of_the_copy_keeps_the_outlet()
    {
        SourceOutlet[] sources = [Outlet("afp", 0, "AFP"), Outlet("b", 1, "Outlet B")];
        var repeated = new UnattributedRepetitionEvidence(Figure, "claim-b", "claim-afp", "Interior Ministry");
        const string injured = "kz-2022-unrest.people.injured";

        var figure = Fold(Decider(sources, On("b", "afp", repeated)),
            Claim(sources[0], "Interior Ministry", figure: injured), Claim(sources[1], figure: injured));

        Assert.Equal(["afp: claim-b", "interior ministry: claim-afp"], Groups(figure));
    }

    [Fact]
    public void Given_a_cycle_then_it_ends_at_its_earliest_published_member_whatever_the_order()
    {
        SourceOutlet[] sources = [Outlet("a", 0, "Outlet A"), Outlet("b", 1, "Outlet B"), Outlet("c", 2, "Outlet C")];
        object[] cycle = [On("b", "c"), On("c", "a"), On("a", "b")];

        var figure = Fold(Decider(sources, cycle), Claim(sources[0]), Claim(sources[1]), Claim(sources[2]));
        var reversed = Fold(Decider(sources.Reverse(), cycle.Reverse().ToArray()),
            Claim(sources[0]), Claim(sources[1]), Claim(sources[2]));

        Assert.Equal(["outlet a: claim-a, claim-b, claim-c"], Groups(figure));
        Assert.Empty(figure.Find("claim-a")!.Via);
        Assert.Equal("Outlet A via Outlet C", Described(figure, "claim-b"));
        Assert.Equal(Groups(figure), Groups(reversed));
    }

    [Fact]
    public void Given_a_source_depending_on_an_agency_and_on_sources_then_the_agency_first_else_the_earliest()
    {
        SourceOutlet[] sources = [Outlet("a", 1, "Outlet A"), Outlet("b", 2, "Outlet B"), Outlet("x", 0, "Outlet X")];

        var viaAgency = Fold(Decider(sources, OnAgency("b", "Reuters"), On("b", "a"), On("b", "x")),
            Claim(sources[1]));
        var viaEarliest = Fold(Decider(sources, On("b", "a"), On("b", "x")), Claim(sources[1]));

        Assert.Equal("reuters", viaAgency.Find("claim-b")!.OriginKey);
        Assert.Equal("outlet x", viaEarliest.Find("claim-b")!.OriginKey);
    }

    [Fact]
    public void Given_the_issue_scenario_then_two_origins_after_the_copies_are_confirmed_and_the_latest_counts()
    {
        SourceOutlet[] sources = [Outlet("first", 0, "Outlet 1"), Outlet("second", 1, "Outlet 2"),
            Outlet("third", 2, null), Outlet("own", 3, "Outlet 4")];
        var claims = sources.Select(s => Claim(s)).ToArray();

        var before = Fold(Decider(sources), claims);
        var after = Fold(Decider(sources, On("second", "first"), On("third", "first")), claims);

        Assert.Equal(4, before.Estimate.Origins);
        Assert.Equal(["outlet 1: claim-first, claim-second, claim-third", "outlet 4: claim-own"], Groups(after));
        Assert.Equal(2, after.Estimate.Origins);
    }

    [Fact]
    public void Given_an_identity_then_two_names_are_one_origin_and_its_later_report_supersedes_the_earlier()
    {
        SourceOutlet[] sources = [Outlet("a", 0, "TASS"), Outlet("b", 1, "Reuters")];
        var later = Thirteen with { Value = 18 };

        var identity = Same("Ministry of Internal Affairs of Kazakhstan", "Kazakh Interior Ministry");
        var figure = Fold(Decider(sources, identity),
            Claim(sources[0], "Kazakh Interior Ministry"),
            Claim(sources[1], "ministry of internal affairs of  Kazakhstan", later));

        Assert.Equal(["kazakh interior ministry: claim-a, claim-b"], Groups(figure));
        Assert.Equal(18, figure.Estimate.Best);
        Assert.Equal(Reconciliation.ClaimStatus.Superseded, figure.VerdictOf("claim-a").Status);
    }

    [Fact]
    public void Given_origin_rules_then_the_compact_fold_keeps_the_complete_fold_s_current_claims()
    {
        SourceOutlet[] sources = [Outlet("afp", 0, "AFP"), Outlet("b", 1, "Outlet B"), Outlet("c", 2, "Outlet C"),
            Outlet("d", 3, null)];
        var decider = Decider(sources, On("b", "afp"), On("c", "b"), Same("Outlet C", "AFP"));
        var claims = sources.Select((s, i) => Claim(s, value: Thirteen with { Value = 13 + i })).ToArray();

        var complete = Fold(decider, claims);
        var compact = claims.Aggregate(Fold(decider).Compact(), (state, c) => decider.Evolve(state, c)!);

        Assert.Equal(complete.Compact().Claims.Select(c => c.Id), compact.Claims.Select(c => c.Id));
        Assert.Equal(complete.Estimate.Best, compact.Estimate.Best);
        Assert.Equal(complete.Estimate.Origins, compact.Estimate.Origins);
        Assert.Equal(["afp: claim-afp, claim-b, claim-c", "unnamed outlet of d: claim-d"], Groups(complete));
    }
}
