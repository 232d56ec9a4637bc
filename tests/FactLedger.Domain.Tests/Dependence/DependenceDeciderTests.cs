using System.Text.Json;
using FactLedger.Domain.Dependence;
using FactLedger.Domain.Ledger;
using FactLedger.Domain.Origins;

namespace FactLedger.Domain.Tests.Dependence;

/// <summary>The dependence decider: given decisions, when a command, then events or a refusal.</summary>
public class DependenceDeciderTests
{
    private static readonly DateTimeOffset Monday = new(2023, 2, 6, 9, 0, 0, TimeSpan.Zero);

    private static readonly DependenceSuggestion Copy = Suggestion("courier", "daily");

    private static DependenceSuggestion Suggestion(string source, string dependsOn) => new(
        DependenceSuggestion.IdOf(source, DependsOnKind.Source, dependsOn), source, dependsOn, DependsOnKind.Source,
        [new SharedTextEvidence(dependsOn, 0.8, 2, new TextSpan(10, 40, "at least 164 people were killed"))], 0.9);

    private static DependenceCommand.Confirm Confirm(DependenceSuggestion s, string by = "ed") =>
        new(s, null, by, Monday);

    private static DependenceCommand.Reject Reject(DependenceSuggestion? s, string id, string reason = "same briefing")
        => new(id, s, reason, "ed", Monday);

    private static DependenceCommand.Withdraw Withdraw(string id) => new(id, "a misreading", "ed", Monday);

    private static DecidedDependences Given(params object[] events) => OriginRulesDecider.Fold(events).Dependences;

    private static object[] Decided(DependenceCommand command, params object[] given) =>
        [.. given, .. DependenceDecider.Decide(command, Given(given))];

    [Fact]
    public void Given_nothing_when_a_suggestion_is_confirmed_then_it_is_confirmed_with_its_evidence_and_score()
    {
        var events = DependenceDecider.Decide(Confirm(Copy), DecidedDependences.None);

        var confirmed = Assert.IsType<DependenceConfirmed>(Assert.Single(events));
        Assert.Equal("dep.courier.source.daily", confirmed.Id);
        Assert.Equal(0.9, confirmed.Score);
        Assert.IsType<SharedTextEvidence>(Assert.Single(confirmed.Evidence));
        var state = Given([.. events]);
        Assert.Equal(DependenceStatus.Confirmed, state.ById[Copy.Id].Status);
        Assert.Equal(new ConfirmedDependence("courier", "daily", DependsOnKind.Source), Assert.Single(state.Confirmed));
    }

    [Fact]
    public void Given_a_confirmed_dependence_when_it_is_confirmed_or_declared_again_then_nothing_is_appended()
    {
        var state = Given(Decided(Confirm(Copy)));

        Assert.Empty(DependenceDecider.Decide(Confirm(Copy, "another"), state));
        Assert.Empty(DependenceDecider.Decide(
            new DependenceCommand.Declare("courier", "daily", DependsOnKind.Source, "known", "ed", Monday), state));
    }

    [Fact]
    public void Given_a_confirmed_dependence_when_it_is_rejected_then_that_is_a_conflict_and_withdrawing_works()
    {
        var given = Decided(Confirm(Copy));

        var conflict = Assert.Throws<LedgerError>(() => DependenceDecider.Decide(Reject(Copy, Copy.Id), Given(given)));
        Assert.Equal(ErrorKind.Conflict, conflict.Kind);
        var withdrawn = Decided(Withdraw(Copy.Id), given);
        var state = Given(withdrawn);
        Assert.IsType<DependenceWithdrawn>(withdrawn[^1]);
        Assert.Equal(DependenceStatus.Withdrawn, state.ById[Copy.Id].Status);
        Assert.Equal("a misreading", state.ById[Copy.Id].Reason);
        Assert.Empty(state.Confirmed);
        Assert.Empty(DependenceDecider.Decide(Withdraw(Copy.Id), state));
    }

    [Fact]
    public void A_rejected_suggestion_can_be_confirmed_later_and_the_latest_decision_stands()
    {
        var rejected = Decided(Reject(Copy, Copy.Id));
        Assert.Equal(DependenceStatus.Rejected, Given(rejected).ById[Copy.Id].Status);
        Assert.Empty(DependenceDecider.Decide(Reject(null, Copy.Id, "again"), Given(rejected)));

        var confirmed = Decided(Confirm(Copy), rejected);

        Assert.Equal(DependenceStatus.Confirmed, Given(confirmed).ById[Copy.Id].Status);
        Assert.Single(Given(confirmed).Confirmed);
    }

    [Fact]
    public void A_withdrawn_dependence_can_be_rejected_by_id_and_a_rejected_one_cannot_be_withdrawn()
    {
        var withdrawn = Decided(Withdraw(Copy.Id), Decided(Confirm(Copy)));

        var rejected = Decided(Reject(null, Copy.Id), withdrawn);

        Assert.Equal(DependenceStatus.Rejected, Given(rejected).ById[Copy.Id].Status);
        var error = Assert.Throws<LedgerError>(() => DependenceDecider.Decide(Withdraw(Copy.Id), Given(rejected)));
        Assert.Equal(ErrorKind.Conflict, error.Kind);
    }

    [Fact]
    public void A_dependence_declared_by_hand_has_its_reason_no_evidence_and_the_suggestions_id()
    {
        var events = DependenceDecider.Decide(new DependenceCommand.Declare("courier", "Agence France-Presse",
            DependsOnKind.Agency, "runs AFP's wire", "ed", Monday), DecidedDependences.None);

        var declared = Assert.IsType<DependenceConfirmed>(Assert.Single(events));
        Assert.Equal("dep.courier.agency.agence-france-presse", declared.Id);
        Assert.Empty(declared.Evidence);
        Assert.Equal(DependenceDecider.DeclaredScore, declared.Score);
        Assert.Equal("runs AFP's wire", declared.Reason);
    }

    [Fact]
    public void Refusals_a_source_depending_on_itself_unknown_ids_and_a_declaration_without_reason()
    {
        Assert.Equal(ErrorKind.Invalid, Assert.Throws<LedgerError>(() => DependenceDecider.Decide(
            new DependenceCommand.Declare("daily", "daily", DependsOnKind.Source, "r", "ed", Monday),
            DecidedDependences.None)).Kind);
        Assert.Equal(ErrorKind.Invalid, Assert.Throws<LedgerError>(() => DependenceDecider.Decide(
            Confirm(Suggestion("daily", "daily")), DecidedDependences.None)).Kind);
        Assert.Equal(ErrorKind.Invalid, Assert.Throws<LedgerError>(() => DependenceDecider.Decide(
            new DependenceCommand.Declare("courier", "daily", DependsOnKind.Source, " ", "ed", Monday),
            DecidedDependences.None)).Kind);
        Assert.Equal(ErrorKind.NotFound, Assert.Throws<LedgerError>(() => DependenceDecider.Decide(
            Withdraw("dep.x.source.y"), DecidedDependences.None)).Kind);
        Assert.Equal(ErrorKind.NotFound, Assert.Throws<LedgerError>(() => DependenceDecider.Decide(
            Reject(null, "dep.x.source.y"), DecidedDependences.None)).Kind);
        // An agency may share a source's name: that is no self-dependence.
        Assert.Single(DependenceDecider.Decide(
            new DependenceCommand.Declare("reuters", "Reuters", DependsOnKind.Agency, "own wire", "ed", Monday),
            DecidedDependences.None));
    }

    [Fact]
    public void The_stream_key_is_neither_a_figure_key_nor_a_source_key_nor_a_dependence_id()
    {
        Assert.Single(OriginRules.StreamKey, '.');
        Assert.DoesNotContain(OriginRules.StreamKey, Copy.Id);
    }

    [Fact]
    public void Evidence_of_a_confirmation_round_trips_with_its_type_whatever_the_order_of_its_properties()
    {
        var confirmed = new DependenceConfirmed("dep.b.agency.reuters", "b", "Reuters", DependsOnKind.Agency,
            [
                new SharedTextEvidence("a", 0.5, 1, new TextSpan(0, 5, "words")),
                new CopyMarkerEvidence("Reuters", MarkerKind.Dateline, new TextSpan(0, 9, "(Reuters)"), 2),
                new UnattributedRepetitionEvidence("s.people.killed", "c2", "c1", "Ministry"),
            ], 0.97, null, "ed", Monday);
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
            { AllowOutOfOrderMetadataProperties = true };
        // jsonb gives keys back in its own order (shortest first: "span" before "type"): put the type last.
        var stored = System.Text.Json.Nodes.JsonNode.Parse(JsonSerializer.Serialize(confirmed, options))!;
        foreach (var evidence in stored["evidence"]!.AsArray().Select(e => e!.AsObject()))
        {
            var type = evidence["type"]!.GetValue<string>();
            evidence.Remove("type");
            evidence["type"] = type;
        }
        var json = stored.ToJsonString();

        var back = JsonSerializer.Deserialize<DependenceConfirmed>(json, options)!;

        Assert.Contains("\"type\":\"copy-marker\"}", json);
        Assert.Equal(confirmed.Evidence, back.Evidence);
    }
}
