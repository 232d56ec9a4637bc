using FactLedger.Domain.Dependence;
using FactLedger.Domain.Reconciliation;
using FactLedger.Domain.Values;

namespace FactLedger.Domain.Tests.Dependence;

/// <summary>Origin groups: given claims, outlets and confirmed dependences, when claims are grouped, then each group
/// is one origin, with the way each claim's value reached it.</summary>
public class OriginGroupsTests
{
    private static readonly DateTimeOffset Friday = new(2022, 1, 7, 9, 0, 0, TimeSpan.Zero);
    private const string Figure = "kz-2022-unrest.security-forces.killed";
    private static readonly ClaimValue Thirteen =
        new() { Qualifier = Qualifier.Exact, Kind = FigureKind.Count, Value = 13 };

    private static SourceOutlet Outlet(string key, int hour, string? outlet) => new(key, outlet, Friday.AddHours(hour));

    private static ReportedClaim Claim(string source, int hour, string? attributedTo = null,
        ClaimValue? value = null) =>
        new("claim-" + source, Figure, source, Friday.AddHours(hour), value ?? Thirteen, attributedTo);

    private static ConfirmedDependence On(string source, string dependsOn) =>
        new(source, dependsOn, DependsOnKind.Source);

    private static ConfirmedDependence OnAgency(string source, string agency) =>
        new(source, agency, DependsOnKind.Agency);

    /// <summary>Each group as "key: claim, claim".</summary>
    private static IReadOnlyList<string> Groups(OriginGrouping grouping) =>
        grouping.Groups.Select(g => $"{g.Key}: {string.Join(", ", g.ClaimIds)}").ToList();

    private static OriginMember Member(OriginGrouping grouping, string claimId) =>
        grouping.Groups.SelectMany(g => g.Members).Single(m => m.ClaimId == claimId);

    [Fact]
    public void Given_no_dependences_then_each_claim_has_the_origin_the_ledger_gives_it_today()
    {
        var claims = new[] { Claim("a", 0, "Interior Ministry"), Claim("b", 1), Claim("c", 2) };
        var sources = new[] { Outlet("a", 0, "TASS"), Outlet("b", 1, "Steppe Daily"), Outlet("c", 2, null) };

        var grouping = OriginGroups.Resolve(claims, sources, []);

        var resolver = OriginResolver.FromGroups([]);
        Assert.Equal(resolver.KeyOf("Interior Ministry", "TASS"), grouping.KeyOf("claim-a"));
        Assert.Equal(resolver.KeyOf(null, "Steppe Daily"), grouping.KeyOf("claim-b"));
        Assert.Equal("unnamed outlet of c", grouping.KeyOf("claim-c"));
        Assert.All(grouping.Groups, g => Assert.Empty(Assert.Single(g.Members).Via));
    }

    [Fact]
    public void Given_a_copies_b_copies_c_then_all_three_are_one_origin_c_with_the_way_there()
    {
        var claims = new[] { Claim("a", 2), Claim("b", 1), Claim("c", 0) };
        var sources = new[] { Outlet("a", 2, "Outlet A"), Outlet("b", 1, "Outlet B"), Outlet("c", 0, "Outlet C") };

        var grouping = OriginGroups.Resolve(claims, sources, [On("a", "b"), On("b", "c")]);

        var group = Assert.Single(grouping.Groups);
        Assert.Equal(("outlet c", "Outlet C"), (group.Key, group.Name));
        Assert.Equal(["claim-c", "claim-b", "claim-a"], group.ClaimIds);
        Assert.Equal(["b", "c"], Member(grouping, "claim-a").Via.Select(s => s.Key));
        Assert.Equal("Outlet C via Outlet B", OriginGrouping.Describe(group, Member(grouping, "claim-a")));
    }

    [Fact]
    public void Given_a_chain_ending_at_an_agency_then_the_agency_is_the_origin()
    {
        var claims = new[] { Claim("a", 2), Claim("b", 1) };
        var sources = new[] { Outlet("a", 2, "Outlet A"), Outlet("b", 1, "Outlet B") };

        var grouping = OriginGroups.Resolve(claims, sources, [On("a", "b"), OnAgency("b", "Reuters")]);

        var group = Assert.Single(grouping.Groups);
        Assert.Equal(("reuters", "Reuters"), (group.Key, group.Name));
        Assert.Equal([(DependsOnKind.Source, "b"), (DependsOnKind.Agency, "Reuters")],
            Member(grouping, "claim-a").Via.Select(s => (s.Kind, s.Key)));
        Assert.Equal("Reuters via Outlet B", OriginGrouping.Describe(group, Member(grouping, "claim-a")));
    }

    [Fact]
    public void Given_an_agency_and_its_own_stories_then_copies_of_it_and_its_stories_are_one_origin()
    {
        var names = OriginResolver.FromGroups([["AFP", "Agence France-Presse"]]);
        var claims = new[] { Claim("afp-story", 0), Claim("copy", 1) };
        var sources = new[] { Outlet("afp-story", 0, "Agence France-Presse"), Outlet("copy", 1, "Outlet B") };

        var grouping = OriginGroups.Resolve(claims, sources, [OnAgency("copy", "AFP")], names);

        Assert.Equal(("afp", "AFP"), (Assert.Single(grouping.Groups).Key, grouping.Groups[0].Name));
    }

    [Fact]
    public void Given_copies_of_an_agency_story_that_names_an_authority_then_the_authority_via_the_agency()
    {
        // 3 reports, 1 origin (Interior Ministry via AFP).
        var claims = new[] { Claim("afp", 0, "Interior Ministry"), Claim("b", 1), Claim("c", 2) };
        var sources = new[] { Outlet("afp", 0, "AFP"), Outlet("b", 1, "Outlet B"), Outlet("c", 2, "Outlet C") };

        var grouping = OriginGroups.Resolve(claims, sources, [On("b", "afp"), On("c", "b")]);

        var group = Assert.Single(grouping.Groups);
        Assert.Equal(("interior ministry", 3), (group.Key, group.Members.Count));
        Assert.Equal("Interior Ministry via AFP", OriginGrouping.Describe(group, Member(grouping, "claim-b")));
        Assert.Equal("Interior Ministry via AFP via Outlet B",
            OriginGrouping.Describe(group, Member(grouping, "claim-c")));
    }

    [Fact]
    public void Given_a_copy_stating_another_value_than_the_attributed_report_then_it_keeps_the_copied_outlet()
    {
        var fourteen = Thirteen with { Value = 14 };
        var claims = new[] { Claim("afp", 0, "Interior Ministry"), Claim("b", 1, value: fourteen) };
        var sources = new[] { Outlet("afp", 0, "AFP"), Outlet("b", 1, "Outlet B") };

        var grouping = OriginGroups.Resolve(claims, sources, [On("b", "afp")]);

        Assert.Equal(["afp: claim-b", "interior ministry: claim-afp"], Groups(grouping));
    }

    [Fact]
    public void Given_a_cycle_then_it_ends_at_its_earliest_published_member_whatever_the_order()
    {
        var claims = new[] { Claim("a", 0), Claim("b", 1), Claim("c", 2) };
        var sources = new[] { Outlet("a", 0, "Outlet A"), Outlet("b", 1, "Outlet B"), Outlet("c", 2, "Outlet C") };
        ConfirmedDependence[] cycle = [On("b", "c"), On("c", "a"), On("a", "b")];

        var grouping = OriginGroups.Resolve(claims, sources, cycle);
        var reversed = OriginGroups.Resolve(claims.Reverse().ToList(), sources.Reverse().ToList(),
            cycle.Reverse().ToList());

        var group = Assert.Single(grouping.Groups);
        Assert.Equal("outlet a", group.Key);
        Assert.Empty(Member(grouping, "claim-a").Via);
        Assert.Equal(["c", "a"], Member(grouping, "claim-b").Via.Select(s => s.Key));
        Assert.Equal(Groups(grouping), Groups(reversed));
    }

    [Fact]
    public void Given_a_source_depending_on_an_agency_and_a_source_then_the_source_reporting_the_value_wins()
    {
        var claims = new[] { Claim("a", 0), Claim("b", 1) };
        var sources = new[] { Outlet("a", 0, "Outlet A"), Outlet("b", 1, "Outlet B"), Outlet("x", 0, "Outlet X") };

        var viaA = OriginGroups.Resolve(claims, sources, [OnAgency("b", "Reuters"), On("b", "a"), On("b", "x")]);
        var viaAgency = OriginGroups.Resolve(claims, sources, [OnAgency("b", "Reuters"), On("b", "x")]);

        Assert.Equal("outlet a", viaA.KeyOf("claim-b"));
        Assert.Equal("reuters", viaAgency.KeyOf("claim-b"));
    }

    [Fact]
    public void Given_the_issue_scenario_then_two_origin_groups_after_the_copies_are_confirmed()
    {
        var claims = new[] { Claim("first", 0), Claim("second", 1), Claim("third", 2), Claim("own", 3) };
        var sources = new[]
        {
            Outlet("first", 0, "Outlet 1"), Outlet("second", 1, "Outlet 2"), Outlet("third", 2, null),
            Outlet("own", 3, "Outlet 4"),
        };

        Assert.Equal(4, OriginGroups.Resolve(claims, sources, []).Groups.Count);
        var grouping = OriginGroups.Resolve(claims, sources, [On("second", "first"), On("third", "first")]);

        Assert.Equal(["outlet 1: claim-first, claim-second, claim-third", "outlet 4: claim-own"], Groups(grouping));
    }
}
