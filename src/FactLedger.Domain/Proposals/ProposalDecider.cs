using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using FactLedger.Domain.Ledger;
using FactLedger.Domain.Values;

namespace FactLedger.Domain.Proposals;

public enum ProposalStatus
{
    Pending,
    Accepted,
    Rejected,
}

/// <summary>One proposal and what became of it.</summary>
public sealed record Proposal(
    ClaimProposed Proposed, ProposalStatus Status, string? ClaimId = null, string? FigureKey = null,
    string? Reason = null, string? DecidedBy = null, DateTimeOffset? DecidedAt = null)
{
    public string Id => Proposed.ProposalId;
}

/// <summary>The proposals made from one source's text, by id.</summary>
public sealed record SourceProposals(string SourceKey, ImmutableSortedDictionary<string, Proposal> ById);

/// <summary>A statement the extractor found, with the figure it was matched to, before it is proposed.</summary>
public sealed record ProposalDraft(
    ClaimValue Value, string Measure, string? SubjectKey, string? Subject, string? AttributedTo,
    string Quote, int QuoteOffset, int QuoteLength, int ValueOffset, int ValueLength, double Confidence,
    string? SuggestedFigure, string? NeededFigure);

public abstract record ProposalCommand(string Actor, DateTimeOffset At)
{
    /// <summary>Propose what the extractor found; statements already proposed are not proposed again, but a pending
    /// one is matched again to the story's figures when a story is given.</summary>
    public sealed record Propose(
        string SourceKey, string Extractor, string? Story, IReadOnlyList<ProposalDraft> Drafts, string Actor,
        DateTimeOffset At) : ProposalCommand(Actor, At);

    /// <summary>Mark a proposal accepted as the claim the normal claim path recorded.</summary>
    public sealed record Accept(string ProposalId, string ClaimId, string FigureKey, string? Note, string Actor,
        DateTimeOffset At) : ProposalCommand(Actor, At);

    public sealed record Reject(string ProposalId, string Reason, string Actor, DateTimeOffset At)
        : ProposalCommand(Actor, At);
}

/// <summary>
/// The proposals of one source's text: one stream per source (<see cref="StreamKey"/>). A proposal's id comes from
/// what it says and where (the source, the value and its place in the text, the measure), so extracting the same text
/// again, by this or a later extractor version, proposes nothing twice. Pure, like the figure decider.
/// </summary>
public static class ProposalDecider
{
    /// <summary>One dot: never a figure key (two dots) nor a source key (none).</summary>
    public static string StreamKey(string sourceKey) => $"proposals.{sourceKey}";

    public static string IdOf(string sourceKey, ProposalDraft draft)
    {
        var canonical = $"{sourceKey}\n{draft.ValueOffset}\n{draft.ValueLength}\n" +
            $"{JsonSerializer.Serialize(draft.Value)}\n{draft.Measure}";
        return "p-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)))[..20];
    }

    public static SourceProposals? Fold(IEnumerable<object> events) =>
        events.Aggregate((SourceProposals?)null, Evolve);

    public static SourceProposals? Evolve(SourceProposals? state, object @event) => @event switch
    {
        ClaimProposed p => (state ?? Empty(p.SourceKey)) with
        {
            ById = (state ?? Empty(p.SourceKey)).ById.SetItem(p.ProposalId, new Proposal(p, ProposalStatus.Pending)),
        },
        ProposalAccepted a when state is not null && state.ById.TryGetValue(a.ProposalId, out var p) =>
            state with
            {
                ById = state.ById.SetItem(a.ProposalId, p with
                {
                    Status = ProposalStatus.Accepted, ClaimId = a.ClaimId, FigureKey = a.FigureKey,
                    DecidedBy = a.RecordedBy, DecidedAt = a.RecordedAt,
                }),
            },
        ProposalMatched m when state is not null && state.ById.TryGetValue(m.ProposalId, out var p) =>
            state with
            {
                ById = state.ById.SetItem(m.ProposalId, p with
                {
                    Proposed = p.Proposed with
                    {
                        Story = m.Story, SuggestedFigure = m.SuggestedFigure, NeededFigure = m.NeededFigure,
                    },
                }),
            },
        ProposalRejected r when state is not null && state.ById.TryGetValue(r.ProposalId, out var p) =>
            state with
            {
                ById = state.ById.SetItem(r.ProposalId, p with
                {
                    Status = ProposalStatus.Rejected, Reason = r.Reason, DecidedBy = r.RecordedBy,
                    DecidedAt = r.RecordedAt,
                }),
            },
        _ => state,
    };

    private static SourceProposals Empty(string sourceKey) =>
        new(sourceKey, ImmutableSortedDictionary.Create<string, Proposal>(StringComparer.Ordinal));

    /// <summary>The events a command appends: none for a repeat (an accepted proposal accepted again, a rejected one
    /// rejected again, a statement already proposed); a <see cref="LedgerError"/> when it cannot be.</summary>
    public static IReadOnlyList<object> Decide(ProposalCommand command, SourceProposals? state) => command switch
    {
        ProposalCommand.Propose p => Propose(p, state),
        ProposalCommand.Accept a => Accept(a, Find(state, a.ProposalId)),
        ProposalCommand.Reject r => Reject(r, Find(state, r.ProposalId)),
        _ => throw new ArgumentOutOfRangeException(nameof(command)),
    };

    private static List<object> Propose(ProposalCommand.Propose command, SourceProposals? state)
    {
        var events = new List<object>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var d in command.Drafts)
        {
            var id = IdOf(command.SourceKey, d);
            if (!seen.Add(id)) continue;
            if (state?.ById.GetValueOrDefault(id) is { } known)
            {
                // Proposed before: with a story now, a pending one is matched to that story's figures again.
                if (command.Story is { } story && known.Status == ProposalStatus.Pending
                    && (known.Proposed.Story, known.Proposed.SuggestedFigure, known.Proposed.NeededFigure)
                        != (story, d.SuggestedFigure, d.NeededFigure))
                    events.Add(new ProposalMatched(id, command.SourceKey, story, d.SuggestedFigure, d.NeededFigure,
                        command.Actor, command.At));
                continue;
            }
            events.Add(new ClaimProposed(id, command.SourceKey, command.Extractor, d.Confidence, d.Value, d.Measure,
                d.SubjectKey, d.Subject, d.AttributedTo, d.Quote, d.QuoteOffset, d.QuoteLength, d.ValueOffset,
                d.ValueLength, command.Story, d.SuggestedFigure, d.NeededFigure, command.Actor, command.At));
        }
        return events;
    }

    private static object[] Accept(ProposalCommand.Accept command, Proposal proposal) => proposal.Status switch
    {
        ProposalStatus.Accepted => [],
        ProposalStatus.Rejected => throw LedgerError.Conflict(
            $"Proposal '{proposal.Id}' was rejected ({proposal.Reason}); record the claim directly if it is one."),
        _ =>
        [
            new ProposalAccepted(proposal.Id, proposal.Proposed.SourceKey, command.ClaimId, command.FigureKey,
                command.Note, command.Actor, command.At),
        ],
    };

    private static object[] Reject(ProposalCommand.Reject command, Proposal proposal) => proposal.Status switch
    {
        ProposalStatus.Rejected => [],
        ProposalStatus.Accepted => throw LedgerError.Conflict(
            $"Proposal '{proposal.Id}' was accepted as claim '{proposal.ClaimId}'; retract that claim instead."),
        _ =>
        [
            new ProposalRejected(proposal.Id, proposal.Proposed.SourceKey, command.Reason, command.Actor,
                command.At),
        ],
    };

    private static Proposal Find(SourceProposals? state, string id) =>
        state is not null && state.ById.TryGetValue(id, out var p) ? p
        : throw LedgerError.NotFound($"No proposal has id '{id[..Math.Min(id.Length, 80)]}'.");
}
