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

/// <summary>A source's proposal stream, shared by the proposal commands.</summary>
internal static class ProposalStream
{
    private static DecidedStream<SourceProposals?, ProposalCommand> Of(string source) => new(
        ProposalDecider.StreamKey(source), ProposalDecider.Fold, ProposalDecider.Decide, ProposalDecider.Evolve);

    public static Task<(SourceProposals? State, long Version)> LoadAsync(IQuerySession session, string source,
        CancellationToken ct) => Of(source).LoadAsync(session, ct);

    public static Task<(SourceProposals? State, IReadOnlyList<object> Appended)> DecideAsync(
        IDocumentSession session, string source, Func<SourceProposals?, ProposalCommand> command,
        CancellationToken ct) => Of(source).DecideAsync(session, command, ct);
}
