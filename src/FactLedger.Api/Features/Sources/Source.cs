using JasperFx.Events;
using Marten.Events.Aggregation;
using JasperFx.Events.Projections;

namespace FactLedger.Api.Features.Sources;

/// <summary>A registered source document, one per source stream (inline: claims check quotes against it).</summary>
public sealed class Source
{
    public string Id { get; set; } = "";
    /// <summary>Null when the text does not name its outlet.</summary>
    public string? Outlet { get; set; }
    public string? Url { get; set; }
    public string Language { get; set; } = "";
    public string Title { get; set; } = "";
    public DateTimeOffset PublishedAt { get; set; }
    public string? PublishedAtNote { get; set; }
    public string Text { get; set; } = "";
    public string Sha256 { get; set; } = "";
    public string RegisteredBy { get; set; } = "";
    public DateTimeOffset RegisteredAt { get; set; }
}

public sealed partial class SourceProjection : SingleStreamProjection<Source, string>
{
    public static void Register(StoreOptions options) =>
        options.Projections.Add(new SourceProjection(), ProjectionLifecycle.Inline);

    public Source Create(SourceRegistered e) => new()
    {
        Id = e.SourceKey, Outlet = e.Outlet, Url = e.Url, Language = e.Language, Title = e.Title,
        PublishedAt = e.PublishedAt, PublishedAtNote = e.PublishedAtNote, Text = e.Text, Sha256 = e.Sha256,
        RegisteredBy = e.RecordedBy, RegisteredAt = e.RecordedAt,
    };
}
