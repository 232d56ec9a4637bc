using FactLedger.Domain.Ledger;
using FactLedger.Domain.Origins;
using static FactLedger.Domain.Tests.Origins.OriginWorld;

namespace FactLedger.Domain.Tests.Origins;

/// <summary>The origin rules' identities: given decisions, when a command, then events or a refusal.</summary>
public class OriginRulesDeciderTests
{
    private static readonly Dictionary<string, FactLedger.Domain.Dependence.SourceOutlet> NoSources = [];

    private static OriginRules Given(params object[] events) => OriginRulesDecider.Fold(events);

    private static IdentityCommand.Declare Declare(string name, string sameAs, string reason = "same ministry") =>
        new(name, sameAs, reason, "ed", Friday);

    private static LedgerError Refused(OriginCommand command, OriginRules state) =>
        Assert.Throws<LedgerError>(() => OriginRulesDecider.Decide(command, state));

    [Fact]
    public void Given_nothing_when_an_identity_is_declared_then_it_stands_with_who_and_why()
    {
        var events = OriginRulesDecider.Decide(Declare(" MVD ", "Interior Ministry"), Given());

        var declared = Assert.IsType<OriginIdentityDeclared>(Assert.Single(events));
        Assert.Equal(("same.mvd", "MVD", "Interior Ministry", "same ministry"),
            (declared.Id, declared.Name, declared.SameAs, declared.Reason));
        var identity = Given([.. events]).Identities["same.mvd"];
        Assert.True(identity.Stands);
        Assert.Equal("interior ministry", Given([.. events]).Resolver(NoSources)
            .KeyOf("mvd", ""));
    }

    [Fact]
    public void Given_a_standing_identity_when_it_is_declared_again_then_nothing_and_another_target_is_a_conflict()
    {
        var given = Given(Same("MVD", "Interior Ministry"));

        Assert.Empty(OriginRulesDecider.Decide(Declare("mvd", "interior  ministry"), given));
        Assert.Equal(ErrorKind.Conflict, Refused(Declare("MVD", "Defence Ministry"), given).Kind);
    }

    [Fact]
    public void Given_names_when_an_identity_would_close_a_cycle_then_it_is_refused_and_a_self_identity_is_invalid()
    {
        var given = Given(Same("A", "B"), Same("B", "C"));

        Assert.Equal(ErrorKind.Conflict, Refused(Declare("C", "A"), given).Kind);
        Assert.Equal(ErrorKind.Invalid, Refused(Declare("Interior Ministry", " interior ministry"), given).Kind);
        Assert.Equal(ErrorKind.Invalid, Refused(Declare("D", "A", reason: " "), given).Kind);
        Assert.Equal("c", given.Resolver(NoSources).KeyOf("a", ""));
    }

    [Fact]
    public void Given_a_standing_identity_when_it_is_withdrawn_then_the_names_part_and_withdrawing_again_is_nothing()
    {
        var given = Given(Same("MVD", "Interior Ministry"));
        var withdraw = new IdentityCommand.Withdraw("same.mvd", "a different ministry", "ed2", Friday);

        var events = OriginRulesDecider.Decide(withdraw, given);

        var withdrawn = Assert.IsType<OriginIdentityWithdrawn>(Assert.Single(events));
        var after = Given(Same("MVD", "Interior Ministry"), withdrawn);
        Assert.False(after.Identities["same.mvd"].Stands);
        Assert.Equal("ed2", after.Identities["same.mvd"].DecidedBy);
        Assert.Equal("mvd", after.Resolver(NoSources).KeyOf("MVD", ""));
        Assert.Empty(OriginRulesDecider.Decide(withdraw, after));
        Assert.Equal(ErrorKind.NotFound,
            Refused(new IdentityCommand.Withdraw("same.nobody", "x", "ed", Friday), after).Kind);
    }

    [Fact]
    public void Given_configured_groups_when_seeded_then_names_never_decided_are_declared_and_decided_ones_left()
    {
        var given = Given(Same("MVD", "Interior Ministry"),
            new OriginIdentityWithdrawn("same.mvd", "MVD", "Interior Ministry", "not the same", "ed", Friday));
        IReadOnlyList<string>[] groups =
            [["Interior Ministry", "MVD", "Ministry of Internal Affairs", "interior ministry"]];

        var events = OriginRulesDecider.Decide(new IdentityCommand.Seed(groups, "configuration", Friday), given);

        var declared = Assert.IsType<OriginIdentityDeclared>(Assert.Single(events));
        Assert.Equal(("Ministry of Internal Affairs", OriginRulesDecider.SeedReason), (declared.Name, declared.Reason));
        var withdrawn = new OriginIdentityWithdrawn("same.mvd", "MVD", "Interior Ministry", "not the same", "ed",
            Friday);
        var seededAgain = OriginRulesDecider.Decide(new IdentityCommand.Seed(groups, "configuration", Friday),
            Given(Same("MVD", "Interior Ministry"), withdrawn, declared));
        Assert.Empty(seededAgain);
    }
}
