using System.Globalization;
using System.Text;
using System.Text.Json.Serialization;
using FactLedger.Domain.Values;

namespace FactLedger.Domain.Dependence;

/// <summary>What a source depends on: another source of the ledger (by key) or a news agency (by canonical name),
/// whose own texts need not be in the ledger.</summary>
[JsonConverter(typeof(KebabCaseEnumConverter<DependsOnKind>))]
public enum DependsOnKind
{
    Source,
    Agency,
}

/// <summary>How a text credits an agency, strongest first.</summary>
[JsonConverter(typeof(KebabCaseEnumConverter<MarkerKind>))]
public enum MarkerKind
{
    /// <summary>The agency opens the text's dateline: "MOSCOW, Jan 7 (Reuters) -", "ANKARA (AA) -".</summary>
    Dateline,
    /// <summary>The text credits the agency: "(AP)", "Reuters reported", "AA'ya göre", "نقلا عن رويترز".
    /// </summary>
    Credit,
    /// <summary>The text names an agency whose name is distinctive enough to stand alone: "AFP", "Xinhua".</summary>
    Mention,
}

/// <summary>A verbatim span of a source's text: offset and length in its NFC form (how texts are stored).</summary>
public sealed record TextSpan(int Offset, int Length, string Text);

/// <summary>Why a source is thought to depend on another; each kind weighs in with its own strength (0..1).</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(SharedTextEvidence), "shared-text")]
[JsonDerivedType(typeof(CopyMarkerEvidence), "copy-marker")]
[JsonDerivedType(typeof(UnattributedRepetitionEvidence), "unattributed-repetition")]
public abstract record Evidence
{
    /// <summary>How strongly this alone suggests dependence, 0..1. A method, so it is not stored with the evidence.
    /// </summary>
    public abstract double Strength();
}

/// <summary>The later text shares long passages with <see cref="EarlierSource"/>: <see cref="Share"/> is the
/// fraction of the later text's word shingles found in the earlier one; <see cref="Longest"/> the longest shared
/// passage, quoted from the later text; <see cref="Passages"/> how many separate passages are shared.</summary>
public sealed record SharedTextEvidence(string EarlierSource, double Share, int Passages, TextSpan Longest) : Evidence
{
    // Independent reports share almost nothing at this shingle length; anything past the threshold is a copy, and
    // the more is shared, the less room for doubt.
    public override double Strength() => 0.5 + 0.5 * Math.Clamp(Share, 0, 1);
}

/// <summary>The text credits <see cref="Agency"/> (canonical name): the first such credit of the strongest kind,
/// and how many times the agency is credited or named in all.</summary>
public sealed record CopyMarkerEvidence(string Agency, MarkerKind Marker, TextSpan Span, int Occurrences) : Evidence
{
    // A dateline or credit says outright where the text comes from; a bare name may be a mere mention.
    public override double Strength() => Marker == MarkerKind.Mention ? 0.6 : 0.9;
}

/// <summary>Claim <see cref="ClaimId"/> states, naming no authority, the value that the earlier claim
/// <see cref="EarlierClaimId"/> of another source attributed to <see cref="Authority"/>.</summary>
public sealed record UnattributedRepetitionEvidence(
    string FigureKey, string ClaimId, string EarlierClaimId, string Authority) : Evidence
{
    // One repeated number is weak evidence (another outlet may have heard the same briefing); several add up.
    public override double Strength() => 0.3;
}

/// <summary>
/// A suggested dependence for an editor to confirm or reject: <see cref="Source"/> (a source key) took its
/// reporting from <see cref="DependsOn"/> (a source key or an agency's canonical name, per <see cref="Kind"/>).
/// <see cref="Id"/> is stable for the pair, so re-running detection suggests nothing twice: skip the ids already
/// decided. <see cref="Score"/> combines the evidence (0..1).
/// </summary>
public sealed record DependenceSuggestion(
    string Id, string Source, string DependsOn, DependsOnKind Kind, IReadOnlyList<Evidence> Evidence, double Score)
{
    /// <summary>
    /// The stable id of a dependence: <c>dep.{source}.{kind}.{depends-on}</c>, each part a slug. Source keys are
    /// slugs without dots, so the id is unambiguous, and its four parts never collide with a source key (one part)
    /// or a figure key (three parts) used as a stream key.
    /// </summary>
    public static string IdOf(string source, DependsOnKind kind, string dependsOn) =>
        $"dep.{Slug(source)}.{(kind == DependsOnKind.Source ? "source" : "agency")}.{Slug(dependsOn)}";

    /// <summary>Lowercase ASCII letters and digits, single hyphens between; letters lose their diacritics
    /// (Demirören → demiroren). A name that loses other letters on the way (Arabic, Cyrillic…) also gets a stable
    /// hash of the whole name, so two names that share only their ASCII part ("France 24" and "Russia 24" written
    /// in Arabic) stay apart.
    /// </summary>
    internal static string Slug(string text)
    {
        var builder = new StringBuilder(text.Length);
        var dropped = false;
        foreach (var c in text.Replace('ı', 'i').Replace('İ', 'I').Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            var lower = char.ToLowerInvariant(c);
            if (lower is >= 'a' and <= 'z' or >= '0' and <= '9') builder.Append(lower);
            else
            {
                dropped |= char.IsLetter(c);
                if (builder.Length > 0 && builder[^1] != '-') builder.Append('-');
            }
        }
        var slug = builder.ToString().TrimEnd('-');
        var hash = "x" + StableHash.Of(text.Normalize(NormalizationForm.FormC)).ToString("x16",
            CultureInfo.InvariantCulture);
        return slug.Length == 0 ? hash : dropped ? $"{slug}-{hash}" : slug;
    }
}

/// <summary>A dependence an editor confirmed: what grouping follows. <see cref="Authorities"/>: by figure key, the
/// authority that <see cref="DependsOn"/>'s report of the figure named when <see cref="Source"/> repeated its value
/// without naming one (from the confirmation's <see cref="UnattributedRepetitionEvidence"/>).</summary>
public sealed record ConfirmedDependence(
    string Source, string DependsOn, DependsOnKind Kind, IReadOnlyDictionary<string, string>? Authorities = null)
{
    public static ConfirmedDependence Of(
        string source, string dependsOn, DependsOnKind kind, IEnumerable<Evidence> evidence)
    {
        var authorities = evidence.OfType<UnattributedRepetitionEvidence>()
            .GroupBy(e => e.FigureKey).ToDictionary(g => g.Key, g => g.First().Authority);
        return new(source, dependsOn, kind, authorities.Count == 0 ? null : authorities);
    }

    public string? AuthorityFor(string figureKey) => Authorities?.GetValueOrDefault(figureKey);
}

/// <summary>A 64-bit FNV-1a hash: unlike <see cref="string.GetHashCode()"/>, the same in every process.</summary>
internal static class StableHash
{
    public const ulong Seed = 14695981039346656037;
    private const ulong Prime = 1099511628211;

    public static ulong Add(ulong hash, char c) => (hash ^ c) * Prime;

    public static ulong Of(string text)
    {
        var hash = Seed;
        foreach (var c in text) hash = Add(hash, c);
        return hash;
    }
}
