using FactLedger.Domain.Values;

namespace FactLedger.Domain.Dependence;

/// <summary>A registered source's text as dependence detection reads it. <see cref="Outlet"/> is null when the text
/// does not name its outlet; <see cref="Language"/> is a language tag ("en", "ar", "tr-TR"): only texts of one
/// language are compared, and copy markers are looked for with that language's table.</summary>
public sealed record SourceText(string Key, string Language, DateTimeOffset PublishedAt, string? Outlet, string Text);

/// <summary>A claim as dependence detection reads it. <see cref="AttributedTo"/>: the authority the claim names
/// (for grouping, already canonicalised by the caller), null when it names none.</summary>
public sealed record ReportedClaim(
    string ClaimId, string FigureKey, string SourceKey, DateTimeOffset PublishedAt, ClaimValue Value,
    string? AttributedTo);

/// <summary>What grouping needs to know of a source: its outlet (null: not named) and when it was published (a cycle
/// of dependences ends at its earliest-published member).</summary>
public sealed record SourceOutlet(string Key, string? Outlet, DateTimeOffset PublishedAt);
