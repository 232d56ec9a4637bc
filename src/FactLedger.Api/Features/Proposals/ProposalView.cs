using JasperFx.Events.Projections;
using Marten.Events.Projections;

namespace FactLedger.Api.Features.Proposals;

/// <summary>One proposal as the review lists show it, kept by an inline projection of the proposal events (one
/// document per proposal, though a source's proposals share one stream).</summary>
public sealed class ProposalView
{
    public const string Pending = "pending", Accepted = "accepted", Rejected = "rejected";

    public string Id { get; set; } = "";
    public string Source { get; set; } = "";
    public string? Story { get; set; }
    /// <summary>pending, accepted or rejected (a string, so list filters compare what is stored).</summary>
    public string Status { get; set; } = Pending;
    public ClaimValue Value { get; set; } = null!;
    public string Measure { get; set; } = "";
    public string? SubjectKey { get; set; }
    public string? Subject { get; set; }
    public string? AttributedTo { get; set; }
    public string Quote { get; set; } = "";
    public int QuoteOffset { get; set; }
    public int QuoteLength { get; set; }
    public int ValueOffset { get; set; }
    public int ValueLength { get; set; }
    public string? Figure { get; set; }
    public string? NeededFigure { get; set; }
    public double Confidence { get; set; }
    public string Extractor { get; set; } = "";
    public string ProposedBy { get; set; } = "";
    public DateTimeOffset ProposedAt { get; set; }
    public string? ClaimId { get; set; }
    public string? AcceptedFigure { get; set; }
    public string? Reason { get; set; }
    public string? DecidedBy { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
}

public sealed class ProposalViewProjection : MultiStreamProjection<ProposalView, string>
{
    public static void Register(StoreOptions options)
    {
        options.Projections.Add(new ProposalViewProjection(), ProjectionLifecycle.Inline);
        options.Schema.For<ProposalView>().Index(x => x.Source).Index(x => x.Story);
    }

    public ProposalViewProjection()
    {
        Identity<ClaimProposed>(e => e.ProposalId);
        Identity<ProposalAccepted>(e => e.ProposalId);
        Identity<ProposalRejected>(e => e.ProposalId);
        Identity<ProposalMatched>(e => e.ProposalId);
    }

    public ProposalView Create(ClaimProposed e) => new()
    {
        Id = e.ProposalId, Source = e.SourceKey, Story = e.Story, Status = ProposalView.Pending, Value = e.Value,
        Measure = e.Measure, SubjectKey = e.SubjectKey, Subject = e.Subject, AttributedTo = e.AttributedTo,
        Quote = e.Quote, QuoteOffset = e.QuoteOffset, QuoteLength = e.QuoteLength, ValueOffset = e.ValueOffset,
        ValueLength = e.ValueLength, Figure = e.SuggestedFigure, NeededFigure = e.NeededFigure,
        Confidence = e.Confidence, Extractor = e.Extractor, ProposedBy = e.RecordedBy, ProposedAt = e.RecordedAt,
    };

    public void Apply(ProposalAccepted e, ProposalView view)
    {
        view.Status = ProposalView.Accepted;
        view.ClaimId = e.ClaimId;
        view.AcceptedFigure = e.FigureKey;
        view.DecidedBy = e.RecordedBy;
        view.DecidedAt = e.RecordedAt;
    }

    public void Apply(ProposalMatched e, ProposalView view)
    {
        view.Story = e.Story;
        view.Figure = e.SuggestedFigure;
        view.NeededFigure = e.NeededFigure;
    }

    public void Apply(ProposalRejected e, ProposalView view)
    {
        view.Status = ProposalView.Rejected;
        view.Reason = e.Reason;
        view.DecidedBy = e.RecordedBy;
        view.DecidedAt = e.RecordedAt;
    }
}
