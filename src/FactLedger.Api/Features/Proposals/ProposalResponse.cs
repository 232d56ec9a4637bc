namespace FactLedger.Api.Features.Proposals;

/// <summary>A proposal as every proposal endpoint answers it. <see cref="Value"/> has a claim value's JSON shape;
/// <see cref="Figure"/> is the figure it was accepted into, else the existing figure of the story it seems to belong
/// to (null when none fits: <see cref="NeededFigure"/> then names the key a new figure would take). Offsets are
/// UTF-16 positions in the source's stored text; <see cref="Wording"/> says the value in words, as the figures'
/// claims do.</summary>
public sealed record ProposalResponse(
    string Id, string Source, string? Story, string Status, ClaimValue Value, string Wording, string Measure,
    string? SubjectKey,
    string? Subject, string? AttributedTo, string Quote, int QuoteOffset, int QuoteLength, int ValueOffset,
    int ValueLength, string? Figure, string? NeededFigure, double Confidence, string Extractor,
    DateTimeOffset ProposedAt, string? ClaimId, string? Reason, string? DecidedBy, DateTimeOffset? DecidedAt)
{
    public static ProposalResponse Of(ProposalView v) => new(
        v.Id, v.Source, v.Story, v.Status, v.Value, Domain.Reconciliation.Wording.Of(v.Value), v.Measure,
        v.SubjectKey, v.Subject, v.AttributedTo, v.Quote, v.QuoteOffset, v.QuoteLength, v.ValueOffset, v.ValueLength,
        v.AcceptedFigure ?? v.Figure, v.NeededFigure, v.Confidence, v.Extractor, v.ProposedAt, v.ClaimId, v.Reason,
        v.DecidedBy, v.DecidedAt);
}

/// <summary>Reading and appending to a source's proposal stream, shared by the proposal commands.</summary>
internal static class ProposalStream
{
    public static async Task<(SourceProposals? State, long Version)> LoadAsync(IQuerySession session, string source,
        CancellationToken ct)
    {
        var events = await session.Events.FetchStreamAsync(ProposalDecider.StreamKey(source), token: ct);
        return (ProposalDecider.Fold(events.Select(e => e.Data)), events.Count == 0 ? 0 : events[^1].Version);
    }

    /// <summary>Decides against the stream as stored and appends with the version it was decided on, so a concurrent
    /// decision about the same source's proposals is noticed (Marten's concurrency check) and decided again.</summary>
    public static async Task<(SourceProposals? State, IReadOnlyList<object> Appended)> DecideAsync(
        IDocumentSession session, string source, Func<SourceProposals?, ProposalCommand> command, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var (state, version) = await LoadAsync(session, source, ct);
            var events = ProposalDecider.Decide(command(state), state);
            if (events.Count == 0) return (state, events);
            session.Events.Append(ProposalDecider.StreamKey(source), version + events.Count, events.ToArray());
            try
            {
                await session.SaveChangesAsync(ct);
                return (events.Aggregate(state, ProposalDecider.Evolve), events);
            }
            catch (Exception e) when (attempt < 3
                && e is JasperFx.ConcurrencyException or Marten.Exceptions.ExistingStreamIdCollisionException)
            {
                session.EjectAllPendingChanges();
            }
        }
    }
}
