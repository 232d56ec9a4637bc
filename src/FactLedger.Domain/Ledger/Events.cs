using FactLedger.Domain.Dependence;
using FactLedger.Domain.Values;

namespace FactLedger.Domain.Ledger;

// The ledger's events: past tense, positional, each carrying its stream key, who recorded it and when.
// Stored type names are mapped explicitly in EventTypeNames so renaming a class never orphans stored events.

/// <summary>A document was registered as a source; its text (NFC) is what quotes are checked against.
/// <see cref="Outlet"/> is null when the text does not name its outlet.</summary>
public sealed record SourceRegistered(
    string SourceKey, string? Outlet, string? Url, string Language, string Title,
    DateTimeOffset PublishedAt, string? PublishedAtNote, string Text, string Sha256,
    string RecordedBy, DateTimeOffset RecordedAt);

/// <summary>A figure of a story was defined: what it counts or dates, whether it only grows, its labels.</summary>
public sealed record FigureDefined(
    string FigureKey, FigureKind Kind, bool Cumulative, IReadOnlyDictionary<string, string> Labels,
    string RecordedBy, DateTimeOffset RecordedAt);

/// <summary>A figure's labels were corrected (all of them: languages left out are dropped), and why.</summary>
public sealed record FigureLabelsCorrected(
    string FigureKey, IReadOnlyDictionary<string, string> Labels, string Reason,
    string RecordedBy, DateTimeOffset RecordedAt);

/// <summary>A source asserted a value for a figure, in the quoted words, at the quote's place in its text.
/// Outlet and publication time are copied from the source so the figure stream reconciles on its own.</summary>
public sealed record ClaimRecorded(
    string ClaimId, string FigureKey, string SourceKey, string? Outlet, DateTimeOffset PublishedAt,
    ClaimValue Value, DateTimeOffset RefersTo, string? AttributedTo,
    string Quote, int QuoteOffset, int QuoteLength, string ContentHash,
    string RecordedBy, DateTimeOffset RecordedAt, string? Note = null, string? SourceLanguage = null);

/// <summary>A claim's value and/or quote was corrected; the earlier ones stay in the stream. <see cref="PublishedAt"/>:
/// when the correction was made public (null: when it was recorded), the moment it counts from on the publication
/// clock.</summary>
public sealed record ClaimCorrected(
    string ClaimId, string FigureKey, string SourceKey,
    ClaimValue? Value, string? Quote, int? QuoteOffset, int? QuoteLength, string Reason,
    string RecordedBy, DateTimeOffset RecordedAt, DateTimeOffset? PublishedAt = null);

/// <summary>A claim was withdrawn; it no longer counts but stays on record. <see cref="PublishedAt"/>: when the
/// withdrawal was made public (null: when it was recorded).</summary>
public sealed record ClaimRetracted(
    string ClaimId, string FigureKey, string SourceKey, string Reason,
    string RecordedBy, DateTimeOffset RecordedAt, DateTimeOffset? PublishedAt = null);

/// <summary>The extractor proposed a claim from a source's text. A proposal never counts in reconciliation; it
/// waits for an editor. <see cref="SuggestedFigure"/>: an existing figure of <see cref="Story"/> it seems to belong
/// to; <see cref="NeededFigure"/>: the key a new figure for it would take when none fits.</summary>
public sealed record ClaimProposed(
    string ProposalId, string SourceKey, string Extractor, double Confidence,
    ClaimValue Value, string Measure, string? SubjectKey, string? Subject, string? AttributedTo,
    string Quote, int QuoteOffset, int QuoteLength, int ValueOffset, int ValueLength,
    string? Story, string? SuggestedFigure, string? NeededFigure,
    string RecordedBy, DateTimeOffset RecordedAt);

/// <summary>An editor accepted a proposal; it became the claim <see cref="ClaimId"/> of <see cref="FigureKey"/>,
/// recorded through the normal claim path.</summary>
public sealed record ProposalAccepted(
    string ProposalId, string SourceKey, string ClaimId, string FigureKey, string? Note,
    string RecordedBy, DateTimeOffset RecordedAt);

/// <summary>A pending proposal was matched to a story's figures again (proposing once more, with a story):
/// the figure it seems to belong to, or the key a new one would take.</summary>
public sealed record ProposalMatched(
    string ProposalId, string SourceKey, string Story, string? SuggestedFigure, string? NeededFigure,
    string RecordedBy, DateTimeOffset RecordedAt);

/// <summary>An editor rejected a proposal, saying why.</summary>
public sealed record ProposalRejected(
    string ProposalId, string SourceKey, string Reason, string RecordedBy, DateTimeOffset RecordedAt);

/// <summary>An editor confirmed that <see cref="Source"/> took its reporting from <see cref="DependsOn"/> (a source
/// key or an agency's name, per <see cref="Kind"/>): a suggestion with the evidence and score detection found, or a
/// dependence declared by hand, with a <see cref="Reason"/> and no evidence. <see cref="Id"/> is the suggestion's
/// (<see cref="DependenceSuggestion.IdOf"/>).</summary>
public sealed record DependenceConfirmed(
    string Id, string Source, string DependsOn, DependsOnKind Kind, IReadOnlyList<Evidence> Evidence, double Score,
    string? Reason, string RecordedBy, DateTimeOffset RecordedAt);

/// <summary>An editor rejected a suggested dependence, saying why; detection suggests it no more.</summary>
public sealed record DependenceRejected(
    string Id, string Source, string DependsOn, DependsOnKind Kind, string Reason,
    string RecordedBy, DateTimeOffset RecordedAt);

/// <summary>An editor undid a confirmed dependence, saying why; detection may suggest it again.</summary>
public sealed record DependenceWithdrawn(
    string Id, string Source, string DependsOn, DependsOnKind Kind, string Reason,
    string RecordedBy, DateTimeOffset RecordedAt);

/// <summary>An editor (or configuration, seeding the ledger) declared that <see cref="Name"/> is another name of
/// the authority <see cref="SameAs"/>: claims attributed to either are one origin, shown as <see cref="SameAs"/>.
/// <see cref="Id"/>: one per name (<see cref="Origins.OriginRules.IdentityIdOf"/>).</summary>
public sealed record OriginIdentityDeclared(
    string Id, string Name, string SameAs, string Reason, string RecordedBy, DateTimeOffset RecordedAt);

/// <summary>An identity was undone, saying why: the two names are different origins again.</summary>
public sealed record OriginIdentityWithdrawn(
    string Id, string Name, string SameAs, string Reason, string RecordedBy, DateTimeOffset RecordedAt);

public static class EventTypeNames
{
    public static readonly IReadOnlyDictionary<Type, string> All = new Dictionary<Type, string>
    {
        [typeof(SourceRegistered)] = "source_registered",
        [typeof(FigureDefined)] = "figure_defined",
        [typeof(FigureLabelsCorrected)] = "figure_labels_corrected",
        [typeof(ClaimRecorded)] = "claim_recorded",
        [typeof(ClaimCorrected)] = "claim_corrected",
        [typeof(ClaimRetracted)] = "claim_retracted",
        [typeof(ClaimProposed)] = "claim_proposed",
        [typeof(ProposalAccepted)] = "proposal_accepted",
        [typeof(ProposalRejected)] = "proposal_rejected",
        [typeof(ProposalMatched)] = "proposal_matched",
        [typeof(DependenceConfirmed)] = "dependence_confirmed",
        [typeof(DependenceRejected)] = "dependence_rejected",
        [typeof(DependenceWithdrawn)] = "dependence_withdrawn",
        [typeof(OriginIdentityDeclared)] = "origin_identity_declared",
        [typeof(OriginIdentityWithdrawn)] = "origin_identity_withdrawn",
    };
}
