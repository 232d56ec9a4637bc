using FactLedger.Domain.Figures;
using FactLedger.Domain.Ledger;
using FactLedger.Domain.Reconciliation;
using FactLedger.Domain.Values;

namespace FactLedger.Domain.Tests;

/// <summary>The figure decider: given events, when a command or another event, then events, a refusal or a
/// state.</summary>
public class FigureDeciderTests
{
    private static readonly DateTimeOffset Thursday = new(2022, 1, 6, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Friday = Thursday.AddDays(1);
    private const string Key = "kz.security-forces.killed";
    private readonly FigureDecider _decider = new(OriginResolver.FromGroups([]));

    private static FigureDefined Defined(FigureKind kind = FigureKind.Count) =>
        new(Key, kind, true, new Dictionary<string, string> { ["en"] = "Security forces killed" }, "ed", Thursday);

    private static ClaimRecorded Recorded(string id, ClaimValue value, string outlet = "Outlet A",
        DateTimeOffset? published = null, string? attributedTo = null, string hash = "h") =>
        new(id, Key, "src-" + id, outlet, published ?? Thursday, value, published ?? Thursday, attributedTo,
            "quote", 0, 5, hash + id, "ed", Thursday);

    private static ClaimValue Count(long v, Qualifier q = Qualifier.Exact) =>
        new() { Qualifier = q, Kind = FigureKind.Count, Value = v };

    private static ClaimCorrected Corrected(string id, ClaimValue value) =>
        new(id, Key, "src-" + id, value, null, null, null, "typo", "ed", Friday);

    private static ClaimRetracted Retracted(string id) => new(id, Key, "src-" + id, "wrong article", "ed", Friday);

    private Figure? Given(params object[] events) => _decider.Fold(events);

    private LedgerError Refused(FigureCommand command, Figure? state) =>
        Assert.Throws<LedgerError>(() => _decider.Decide(command, state));

    [Fact]
    public void Given_no_figure_when_a_claim_is_recorded_then_it_is_refused_naming_the_figure()
    {
        var error = Refused(new FigureCommand.Record(Recorded("c1", Count(13))), Given());
        Assert.Equal(ErrorKind.Unprocessable, error.Kind);
        Assert.Contains("figure", error.Errors.Keys);
    }

    [Fact]
    public void Given_a_count_figure_when_a_date_is_recorded_then_it_is_refused_naming_the_value()
    {
        var date = new ClaimValue { Qualifier = Qualifier.Exact, Kind = FigureKind.Date, Value = 738_000 };
        var error = Refused(new FigureCommand.Record(Recorded("c1", date)), Given(Defined()));
        Assert.Equal(ErrorKind.Unprocessable, error.Kind);
        Assert.Contains("value", error.Errors.Keys);
    }

    [Fact]
    public void Given_a_figure_when_a_claim_is_recorded_then_one_event_stamped_with_the_write_time()
    {
        var at = Friday.AddHours(3);
        var events = _decider.Decide(new FigureCommand.Record(Recorded("c1", Count(13))) { At = at }, Given(Defined()));
        var recorded = Assert.IsType<ClaimRecorded>(Assert.Single(events));
        Assert.Equal(at, recorded.RecordedAt);
    }

    [Fact]
    public void Given_an_id_already_used_for_the_same_claim_when_it_is_recorded_again_then_nothing_is_appended()
    {
        var claim = Recorded("c1", Count(13));
        var known = new KnownClaim("c1", Key, claim.SourceKey, claim.ContentHash);
        Assert.Empty(_decider.Decide(new FigureCommand.Record(claim, known), Given(Defined(), claim)));
    }

    [Fact]
    public void Given_an_id_used_for_another_claim_when_it_is_recorded_then_it_is_a_conflict_even_in_another_figure()
    {
        var known = new KnownClaim("c1", "other.figure.killed", "src-x", "another hash");
        var error = Refused(new FigureCommand.Record(Recorded("c1", Count(13)), known), Given(Defined()));
        Assert.Equal(ErrorKind.Conflict, error.Kind);
        Assert.Contains("other.figure.killed", error.Message);
    }

    [Fact]
    public void Given_a_retracted_claim_when_it_is_corrected_then_it_is_a_conflict()
    {
        var state = Given(Defined(), Recorded("c1", Count(13)), Retracted("c1"));
        var error = Refused(new FigureCommand.Correct("c1", Count(14), null, null, "typo", "ed"), state);
        Assert.Equal(ErrorKind.Conflict, error.Kind);
    }

    [Fact]
    public void Given_a_count_figure_when_a_claim_is_corrected_to_a_date_then_it_is_refused()
    {
        var date = new ClaimValue { Qualifier = Qualifier.Exact, Kind = FigureKind.Date, Value = 738_000 };
        var state = Given(Defined(), Recorded("c1", Count(13)));
        var correct = new FigureCommand.Correct("c1", date, null, null, "x", "ed");
        Assert.Equal(ErrorKind.Unprocessable, Refused(correct, state).Kind);
    }

    [Fact]
    public void Given_an_unknown_claim_when_it_is_corrected_or_retracted_then_not_found()
    {
        var state = Given(Defined());
        var correct = new FigureCommand.Correct("nope", Count(1), null, null, "x", "ed");
        Assert.Equal(ErrorKind.NotFound, Refused(correct, state).Kind);
        Assert.Equal(ErrorKind.NotFound, Refused(new FigureCommand.Retract("nope", "x", "ed"), state).Kind);
    }

    [Fact]
    public void Given_a_retracted_claim_when_it_is_retracted_again_then_nothing_is_appended()
    {
        var state = Given(Defined(), Recorded("c1", Count(13)), Retracted("c1"));
        Assert.Empty(_decider.Decide(new FigureCommand.Retract("c1", "again", "ed"), state));
    }

    [Fact]
    public void Given_a_figure_when_its_labels_are_corrected_then_one_event_and_the_same_labels_again_append_nothing()
    {
        var labels = new Dictionary<string, string> { ["en"] = "Deaths (Turkey)", ["tr"] = "Ölümler" };
        var correct = new FigureCommand.CorrectLabels(Key, labels, "wrong country", "ed") { At = Friday };
        var state = Given(Defined(), Recorded("c1", Count(13)));

        var events = _decider.Decide(correct, state);

        var corrected = Assert.IsType<FigureLabelsCorrected>(Assert.Single(events));
        var after = _decider.Evolve(state, corrected)!;
        Assert.Equal(labels, after.Labels);
        Assert.Equal(13, after.Estimate.Best);
        Assert.Empty(_decider.Decide(correct, after));
        Assert.Equal(ErrorKind.NotFound, Refused(correct, Given()).Kind);
    }

    [Fact]
    public void Given_a_retraction_made_public_later_when_read_as_published_before_it_then_the_claim_still_counts()
    {
        var recorded = Recorded("c1", Count(13));
        var retracted = Retracted("c1") with { PublishedAt = Thursday.AddDays(4) };
        var events = new object[] { Defined(), recorded, retracted };

        var before = _decider.FoldPublishedBy(events, Thursday.AddDays(2))!;
        var after = _decider.FoldPublishedBy(events, Thursday.AddDays(4))!;

        Assert.Equal(ClaimStatus.Current, before.VerdictOf("c1").Status);
        Assert.Equal(13, before.Estimate.Best);
        Assert.Equal(ClaimStatus.Retracted, after.VerdictOf("c1").Status);
        Assert.Equal(EstimateStatus.NoClaims, after.Estimate.Status);
        // Versions stay the stream's, whatever was public.
        Assert.Equal((3, 3), (before.Version, after.Version));
    }

    [Fact]
    public void Given_a_correction_without_a_publication_time_then_it_counts_from_when_it_was_recorded()
    {
        var events = new object[] { Defined(), Recorded("c1", Count(13)), Corrected("c1", Count(31)) };

        var before = _decider.FoldPublishedBy(events, Friday.AddHours(-1))!;
        var after = _decider.FoldPublishedBy(events, Friday)!;

        Assert.Equal(13, before.Find("c1")!.Value.Value);
        Assert.Equal(ClaimStatus.Current, before.VerdictOf("c1").Status);
        Assert.Equal(31, after.Find("c1")!.Value.Value);
        Assert.Equal(ClaimStatus.Corrected, after.VerdictOf("c1").Status);
        // A claim not yet published by then is not there at all.
        Assert.Null(_decider.FoldPublishedBy(events, Thursday.AddHours(-1))!.Find("c1"));
    }

    [Fact]
    public void Given_a_compact_state_when_a_claim_is_corrected_then_the_writer_is_told_it_needs_the_complete_one()
    {
        var compact = Given(Defined(), Recorded("c1", Count(13)))!.Compact();
        Assert.Throws<InvalidOperationException>(() =>
            _decider.Decide(new FigureCommand.Correct("c1", Count(14), null, null, "typo", "ed"), compact));
    }

    [Fact]
    public void Given_two_reports_of_one_origin_when_the_latest_is_retracted_then_the_earlier_is_current_again()
    {
        var state = Given(Defined(), Recorded("early", Count(13)), Recorded("late", Count(18), published: Friday),
            Retracted("late"))!;
        Assert.Equal(ClaimStatus.Current, state.VerdictOf("early").Status);
        Assert.Equal(ClaimStatus.Retracted, state.VerdictOf("late").Status);
        Assert.Equal(13, state.Estimate.Best);
        Assert.Equal(4, state.Version);
        Assert.Equal(2, state.ClaimCount);
    }

    [Fact]
    public void Given_a_claim_when_it_is_corrected_then_it_counts_with_the_new_value_and_keeps_the_first()
    {
        var state = Given(Defined(), Recorded("c1", Count(13)), Corrected("c1", Count(31)))!;
        var claim = state.Find("c1")!;
        Assert.Equal(31, claim.Value.Value);
        Assert.Equal(13, claim.OriginalValue!.Value);
        Assert.Equal(ClaimStatus.Corrected, state.VerdictOf("c1").Status);
        Assert.Equal(31, state.Estimate.Best);
    }

    [Fact]
    public void Given_a_compact_state_when_an_origins_current_claim_is_retracted_then_it_says_it_needs_the_history()
    {
        var complete = Given(Defined(), Recorded("early", Count(13)), Recorded("late", Count(18), published: Friday))!;
        var compact = complete.Compact();
        Assert.Single(compact.Claims);
        var after = _decider.Evolve(compact, Retracted("late"))!;
        Assert.True(after.NeedsHistory);
        // A retraction of a claim it does not hold (superseded) has no bearing on it.
        Assert.False(_decider.Evolve(compact, Retracted("early"))!.NeedsHistory);
    }

    /// <summary>The stored view evolves a compact state slice by slice (refolding when it needs the history); for
    /// random histories that must give what folding everything and then compacting gives.</summary>
    [Fact]
    public void Compact_states_evolved_slice_by_slice_match_the_complete_fold_for_random_histories()
    {
        for (var seed = 0; seed < 300; seed++)
        {
            var random = new Random(seed);
            var events = new List<object> { Defined() };
            var ids = new List<string>();
            for (var i = 0; i < random.Next(1, 25); i++)
            {
                var roll = random.Next(10);
                if (roll < 6 || ids.Count == 0)
                {
                    var id = $"c{i}";
                    ids.Add(id);
                    var published = Thursday.AddHours(random.Next(0, 6) * 12);
                    var qualifier = random.Next(3) switch
                    {
                        0 => Qualifier.Exact, 1 => Qualifier.AtLeast, _ => Qualifier.AtMost,
                    };
                    var value = Count(random.Next(5, 40), qualifier);
                    events.Add(Recorded(id, value, $"Outlet {random.Next(4)}", published));
                }
                else if (roll < 8) events.Add(Retracted(ids[random.Next(ids.Count)]));
                else events.Add(Corrected(ids[random.Next(ids.Count)], Count(random.Next(5, 40))));
            }

            Figure? compact = null;
            for (var start = 0; start < events.Count;)
            {
                var slice = events.Skip(start).Take(random.Next(1, 5)).ToList();
                var evolved = slice.Aggregate(compact, _decider.Evolve);
                start += slice.Count;
                compact = (evolved is { NeedsHistory: true } ? _decider.Fold(events.Take(start)) : evolved)!.Compact();
            }
            var complete = _decider.Fold(events)!;

            Assert.Equal(complete.Estimate.Low, compact!.Estimate.Low);
            Assert.Equal(complete.Estimate.Best, compact.Estimate.Best);
            Assert.Equal(complete.Estimate.High, compact.Estimate.High);
            Assert.Equal(complete.Estimate.Status, compact.Estimate.Status);
            Assert.Equal(complete.Estimate.Origins, compact.Estimate.Origins);
            Assert.Equal(complete.Compact().Claims.Select(c => (c.Id, c.Value)),
                compact.Claims.Select(c => (c.Id, c.Value)));
            Assert.Equal((complete.Version, complete.ClaimCount), (compact.Version, compact.ClaimCount));
        }
    }
}
