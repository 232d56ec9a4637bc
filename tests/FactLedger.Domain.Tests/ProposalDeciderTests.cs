using FactLedger.Domain.Ledger;
using FactLedger.Domain.Proposals;
using FactLedger.Domain.Values;

namespace FactLedger.Domain.Tests;

/// <summary>The proposal decider: given events, when a command, then events or a refusal.</summary>
public class ProposalDeciderTests
{
    private static readonly DateTimeOffset Monday = new(2023, 2, 6, 9, 0, 0, TimeSpan.Zero);
    private const string Source = "aa-2023-02-06-quake";

    private static ProposalDraft Draft(long value, int offset, string measure = "killed") => new(
        new ClaimValue { Qualifier = Qualifier.AtLeast, Kind = FigureKind.Count, Value = value }, measure,
        "people", "people", "AFAD", $"at least {value} people were killed", offset, 30, offset + 9, 3, 0.8,
        "quake.people.killed", null);

    private static ProposalCommand.Propose Propose(params ProposalDraft[] drafts) =>
        new(Source, "extractor/1", "quake", drafts, "ed", Monday);

    private static SourceProposals? Given(params object[] events) => ProposalDecider.Fold(events);

    private static ClaimProposed Proposed(ProposalDraft draft) =>
        (ClaimProposed)ProposalDecider.Decide(Propose(draft), null).Single();

    [Fact]
    public void Given_nothing_when_statements_are_proposed_then_each_becomes_a_pending_proposal()
    {
        var events = ProposalDecider.Decide(Propose(Draft(284, 0), Draft(2323, 40, "injured")), null);

        Assert.Equal(2, events.Count);
        var state = Given([.. events]);
        Assert.All(state!.ById.Values, p => Assert.Equal(ProposalStatus.Pending, p.Status));
        var first = (ClaimProposed)events[0];
        Assert.Equal("extractor/1", first.Extractor);
        Assert.Equal("quake.people.killed", first.SuggestedFigure);
        Assert.StartsWith("p-", first.ProposalId);
    }

    [Fact]
    public void Given_proposals_when_the_same_text_is_extracted_again_then_nothing_is_proposed_twice()
    {
        var state = Given(Proposed(Draft(284, 0)));

        Assert.Empty(ProposalDecider.Decide(Propose(Draft(284, 0)), state));
        Assert.Single(ProposalDecider.Decide(Propose(Draft(284, 0), Draft(300, 80)), state));
        Assert.Single(ProposalDecider.Decide(Propose(Draft(300, 80), Draft(300, 80)), null));
    }

    [Fact]
    public void Given_a_proposal_without_a_story_when_proposed_again_with_one_then_it_is_matched_again()
    {
        var unmatched = Draft(284, 0) with { SuggestedFigure = null };
        var state = Given((ClaimProposed)ProposalDecider.Decide(Propose(unmatched) with { Story = null }, null)
            .Single());

        var matched = Assert.IsType<ProposalMatched>(Assert.Single(ProposalDecider.Decide(Propose(Draft(284, 0)),
            state)));
        var after = Given([.. state!.ById.Values.Select(p => (object)p.Proposed), matched]);

        Assert.Equal("quake.people.killed", matched.SuggestedFigure);
        Assert.Equal("quake", after!.ById.Values.Single().Proposed.Story);
        Assert.Empty(ProposalDecider.Decide(Propose(Draft(284, 0)), after));
        Assert.Empty(ProposalDecider.Decide(Propose(unmatched) with { Story = null }, state));
    }

    [Fact]
    public void The_id_depends_on_what_is_said_and_where_not_on_the_extractor_version()
    {
        var draft = Draft(284, 0);
        Assert.Equal(ProposalDecider.IdOf(Source, draft),
            ProposalDecider.IdOf(Source, draft with { Confidence = 0.1 }));
        Assert.NotEqual(ProposalDecider.IdOf(Source, draft), ProposalDecider.IdOf(Source, Draft(285, 0)));
        Assert.NotEqual(ProposalDecider.IdOf(Source, draft), ProposalDecider.IdOf("other", draft));
        Assert.NotEqual(ProposalDecider.IdOf(Source, draft), ProposalDecider.IdOf(Source, Draft(284, 0, "injured")));
    }

    [Fact]
    public void Given_a_pending_proposal_when_accepted_then_it_names_its_claim_and_a_second_accept_appends_nothing()
    {
        var proposed = Proposed(Draft(284, 0));
        var accept = new ProposalCommand.Accept(proposed.ProposalId, "c-1", "quake.people.killed", null, "ed", Monday);

        var events = ProposalDecider.Decide(accept, Given(proposed));

        var accepted = Assert.IsType<ProposalAccepted>(Assert.Single(events));
        Assert.Equal("c-1", accepted.ClaimId);
        var state = Given(proposed, accepted);
        Assert.Equal(ProposalStatus.Accepted, state!.ById[proposed.ProposalId].Status);
        Assert.Empty(ProposalDecider.Decide(accept, state));
    }

    [Fact]
    public void Given_a_rejected_proposal_when_accepted_then_it_is_a_conflict_and_rejecting_again_appends_nothing()
    {
        var proposed = Proposed(Draft(284, 0));
        var rejected = new ProposalRejected(proposed.ProposalId, Source, "a magnitude", "ed", Monday);
        var state = Given(proposed, rejected);

        var error = Assert.Throws<LedgerError>(() => ProposalDecider.Decide(
            new ProposalCommand.Accept(proposed.ProposalId, "c-1", "quake.people.killed", null, "ed", Monday), state));
        Assert.Equal(ErrorKind.Conflict, error.Kind);
        Assert.Empty(ProposalDecider.Decide(
            new ProposalCommand.Reject(proposed.ProposalId, "again", "ed", Monday), state));
        Assert.Equal("a magnitude", state!.ById[proposed.ProposalId].Reason);
    }

    [Fact]
    public void Given_an_accepted_proposal_when_rejected_then_it_is_a_conflict()
    {
        var proposed = Proposed(Draft(284, 0));
        var state = Given(proposed,
            new ProposalAccepted(proposed.ProposalId, Source, "c-1", "quake.people.killed", null, "ed", Monday));

        var error = Assert.Throws<LedgerError>(() => ProposalDecider.Decide(
            new ProposalCommand.Reject(proposed.ProposalId, "no", "ed", Monday), state));
        Assert.Equal(ErrorKind.Conflict, error.Kind);
        Assert.Contains("c-1", error.Message);
    }

    [Fact]
    public void An_unknown_proposal_is_not_found()
    {
        var error = Assert.Throws<LedgerError>(() => ProposalDecider.Decide(
            new ProposalCommand.Reject("p-nothing", "no", "ed", Monday), Given(Proposed(Draft(284, 0)))));
        Assert.Equal(ErrorKind.NotFound, error.Kind);
        Assert.Throws<LedgerError>(() => ProposalDecider.Decide(
            new ProposalCommand.Accept("p-nothing", "c", "a.b.c", null, "ed", Monday), null));
    }

    [Fact]
    public void The_stream_key_is_neither_a_figure_key_nor_a_source_key()
    {
        var key = ProposalDecider.StreamKey(Source);
        Assert.NotNull(Keys.LedgerKeys.FigureKeyProblem(key));
        Assert.NotNull(Keys.LedgerKeys.SourceKeyProblem(key));
    }
}
